/**
 * Windows's numbers for psutil's constants: `AF_INET6` is 23 (ws2def.h);
 * MAC addresses have no family there (-1, as psutil's `AF_LINK`). Windows
 * has no POSIX signals or resource limits: the signal numbers are those
 * `Process.sendSignal` takes (the BSD ones, as psutil's `signal` module
 * offers on Windows only for `SIGTERM`), and `RLIMIT_*` keep numbers that no
 * Windows call uses (`rlimit` is POSIX-only there).
 *
 * @module
 */
import type { OsAbi } from "../abi.ts";

/** Windows's constants. */
export const windowsAbi: OsAbi = {
  af: { INET6: 23, LINK: -1 },
  sig: { USR1: 30, USR2: 31, STOP: 17, CONT: 19 },
  rlimit: { AS: 10, MEMLOCK: 6, NOFILE: 8, NPROC: 7 },
  RLIM_INFINITY: 0x7fffffffffffffff,
};
