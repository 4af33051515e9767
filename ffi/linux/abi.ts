/**
 * Linux's numbers (x86_64 and aarch64 share them): errno from
 * asm-generic/errno-base.h and errno.h, `sysconf` and `pathconf` names from
 * glibc's bits/confname.h (musl numbers them alike), `RLIMIT_*` from
 * asm-generic/resource.h, `AF_INET6` and `AF_PACKET` from bits/socket.h,
 * signals from asm-generic/signal.h.
 *
 * @module
 */
import type { OsAbi, PosixAbi } from "../abi.ts";

/** Linux's constants. */
export const linuxAbi: OsAbi = {
  af: { INET6: 10, LINK: 17 },
  sig: { USR1: 10, USR2: 12, STOP: 19, CONT: 18 },
  rlimit: { AS: 9, MEMLOCK: 8, NOFILE: 7, NPROC: 6 },
  RLIM_INFINITY: -1,
};

/** Linux's C library numbers (glibc, musl). */
export const linuxPosixAbi: PosixAbi = {
  // musl names its one library after the loader.
  libc: ["libc.so.6", "libc.musl-x86_64.so.1", "libc.musl-aarch64.so.1", "libc.so"],
  errno: {
    EPERM: 1,
    ENOENT: 2,
    ESRCH: 3,
    EINTR: 4,
    EIO: 5,
    ENXIO: 6,
    EBADF: 9,
    ECHILD: 10,
    EAGAIN: 11,
    ENOMEM: 12,
    EACCES: 13,
    EFAULT: 14,
    EBUSY: 16,
    EEXIST: 17,
    ENODEV: 19,
    ENOTDIR: 20,
    EINVAL: 22,
    ENFILE: 23,
    EMFILE: 24,
    ENOTTY: 25,
    ERANGE: 34,
    ENAMETOOLONG: 36,
    ENOSYS: 38,
    EOPNOTSUPP: 95,
  },
  sc: { CLK_TCK: 2, PAGESIZE: 30, NPROCESSORS_CONF: 83, NPROCESSORS_ONLN: 84 },
  pc: { NAME_MAX: 3, PATH_MAX: 4 },
  USER_PROCESS: 7,
};
