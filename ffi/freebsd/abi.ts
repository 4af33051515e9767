/**
 * FreeBSD's numbers (amd64), from the FreeBSD 14 headers: sys/errno.h,
 * unistd.h (`_SC_*`, `_PC_*`), sys/resource.h, sys/socket.h, sys/signal.h.
 *
 * @module
 */
import type { ErrnoTable, OsAbi, PosixAbi } from "../abi.ts";

/** The errno values macOS and FreeBSD share (4.4BSD's numbering); each sets its own `EOPNOTSUPP`. */
export const BSD_ERRNO: Omit<ErrnoTable, "EOPNOTSUPP"> = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: 35,
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
  ENAMETOOLONG: 63,
  ENOSYS: 78,
};

/** FreeBSD's constants. */
export const freebsdAbi: OsAbi = {
  af: { INET6: 28, LINK: 18 },
  sig: { USR1: 30, USR2: 31, STOP: 17, CONT: 19 },
  // RLIMIT_AS is FreeBSD's RLIMIT_VMEM.
  rlimit: { AS: 10, MEMLOCK: 6, NOFILE: 8, NPROC: 7 },
  RLIM_INFINITY: 0x7fffffffffffffff,
};

/** FreeBSD's C library numbers (libc.so.7). */
export const freebsdPosixAbi: PosixAbi = {
  libc: ["libc.so.7"],
  errno: { ...BSD_ERRNO, EOPNOTSUPP: 45 },
  sc: { CLK_TCK: 3, PAGESIZE: 47, NPROCESSORS_CONF: 57, NPROCESSORS_ONLN: 58 },
  pc: { NAME_MAX: 4, PATH_MAX: 5 },
  USER_PROCESS: 4,
};
