/**
 * The numbers each OS gives its constants, as tables: one file per OS
 * (`ffi/<os>/abi.ts`), picked once here by the OS we run on, so that no
 * code outside `ffi/` branches on the OS for a number.
 *
 * @module
 */
import { currentOs } from "./runtime.ts";
import { darwinAbi, darwinPosixAbi } from "./darwin/abi.ts";
import { freebsdAbi, freebsdPosixAbi } from "./freebsd/abi.ts";
import { linuxAbi, linuxPosixAbi } from "./linux/abi.ts";
import { windowsAbi } from "./windows/abi.ts";

/** The numbers psutil's constants take on an OS (`AF_*`, `RLIMIT_*`, signals). */
export interface OsAbi {
  /** Address families that differ between OSes. */
  readonly af: { readonly INET6: number; readonly LINK: number };
  /** Signals that differ between OSes. */
  readonly sig: { readonly USR1: number; readonly USR2: number; readonly STOP: number; readonly CONT: number };
  /** `RLIMIT_*` resources. */
  readonly rlimit: {
    readonly AS: number;
    readonly MEMLOCK: number;
    readonly NOFILE: number;
    readonly NPROC: number;
  };
  /** `RLIM_INFINITY` as psutil gives it (-1 on Linux, as Python's `resource`). */
  readonly RLIM_INFINITY: number;
}

/** The errno values the library acts on. */
export interface ErrnoTable {
  readonly EPERM: number;
  readonly ENOENT: number;
  readonly ESRCH: number;
  readonly EINTR: number;
  readonly EIO: number;
  readonly ENXIO: number;
  readonly EBADF: number;
  readonly ECHILD: number;
  readonly EAGAIN: number;
  readonly ENOMEM: number;
  readonly EACCES: number;
  readonly EFAULT: number;
  readonly EBUSY: number;
  readonly EEXIST: number;
  readonly ENODEV: number;
  readonly ENOTDIR: number;
  readonly EINVAL: number;
  readonly ENFILE: number;
  readonly EMFILE: number;
  readonly ENOTTY: number;
  readonly ERANGE: number;
  readonly ENAMETOOLONG: number;
  readonly ENOSYS: number;
  readonly EOPNOTSUPP: number;
}

/** What a POSIX C library numbers: errno, `sysconf` and `pathconf` names, and where it lives. */
export interface PosixAbi {
  /** Candidate file names of the C library; the first that opens wins. */
  readonly libc: readonly string[];
  /** errno values. */
  readonly errno: ErrnoTable;
  /** `sysconf` names. */
  readonly sc: {
    readonly CLK_TCK: number;
    readonly PAGESIZE: number;
    readonly NPROCESSORS_CONF: number;
    readonly NPROCESSORS_ONLN: number;
  };
  /** `pathconf` names. */
  readonly pc: { readonly NAME_MAX: number; readonly PATH_MAX: number };
  /** utmpx.h: `ut_type` of a user's login (7 on Linux and macOS, 4 on FreeBSD). */
  readonly USER_PROCESS: number;
}

const OS_ABIS: Readonly<Record<string, OsAbi>> = {
  linux: linuxAbi,
  darwin: darwinAbi,
  freebsd: freebsdAbi,
  windows: windowsAbi,
};

const POSIX_ABIS: Readonly<Record<string, PosixAbi>> = {
  linux: linuxPosixAbi,
  darwin: darwinPosixAbi,
  freebsd: freebsdPosixAbi,
};

/** The current OS's constants (Linux's numbering on an OS with no table of its own). */
export const ABI: OsAbi = OS_ABIS[currentOs] ?? linuxAbi;

/**
 * The current OS's C library numbers. Windows has no POSIX C library: the
 * POSIX code is never called there, and Linux's table keeps its imports whole.
 */
export const POSIX_ABI: PosixAbi = POSIX_ABIS[currentOs] ?? linuxPosixAbi;
