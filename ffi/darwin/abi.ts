/**
 * macOS's numbers (x86_64 and arm64 share them), from the macOS 13 SDK:
 * sys/errno.h, unistd.h (`_SC_*`, `_PC_*`), sys/resource.h,
 * sys/socket.h, sys/signal.h.
 *
 * @module
 */
import type { OsAbi, PosixAbi } from "../abi.ts";
import { BSD_ERRNO } from "../freebsd/abi.ts";

/** macOS's constants. */
export const darwinAbi: OsAbi = {
  af: { INET6: 30, LINK: 18 },
  sig: { USR1: 30, USR2: 31, STOP: 17, CONT: 19 },
  rlimit: { AS: 5, MEMLOCK: 6, NOFILE: 8, NPROC: 7 },
  RLIM_INFINITY: 0x7fffffffffffffff,
};

/** macOS's C library numbers (libSystem). */
export const darwinPosixAbi: PosixAbi = {
  libc: ["/usr/lib/libSystem.B.dylib"],
  errno: { ...BSD_ERRNO, EOPNOTSUPP: 102 },
  sc: { CLK_TCK: 3, PAGESIZE: 29, NPROCESSORS_CONF: 57, NPROCESSORS_ONLN: 58 },
  pc: { NAME_MAX: 4, PATH_MAX: 5 },
  USER_PROCESS: 7,
};
