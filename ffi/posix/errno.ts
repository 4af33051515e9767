/**
 * errno numbers and names. The low numbers are the same on every POSIX
 * system; the rest are Linux's (asm-generic/errno-base.h, errno.h) unless
 * the OS table says otherwise.
 *
 * @module
 */
import { currentOs } from "../runtime.ts";

/** The errno values the library acts on, for the current OS. */
export const Errno = {
  EPERM: 1,
  ENOENT: 2,
  ESRCH: 3,
  EINTR: 4,
  EIO: 5,
  ENXIO: 6,
  EBADF: 9,
  ECHILD: 10,
  EAGAIN: currentOs === "linux" ? 11 : 35,
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
  ENAMETOOLONG: currentOs === "linux" ? 36 : 63,
  ENOSYS: currentOs === "linux" ? 38 : 78,
  EOPNOTSUPP: currentOs === "linux" ? 95 : currentOs === "darwin" ? 102 : 45,
} as const;

const NAMES = new Map<number, string>(Object.entries(Errno).map(([k, v]) => [v, k]));

/** The symbolic name of an errno value (`"ENOENT"`), or `"E<n>"` when unknown. */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `E${errno}`;
}
