/**
 * What the BSD process backends (macOS, FreeBSD) share: whether a pid is a
 * process, and the page size their page counts are in.
 *
 * @module
 */
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { sysctlInt } from "./sysctl.ts";

/**
 * Whether `pid` is a process: `kill(pid, 0)`, where EPERM means it exists;
 * pid 0 (macOS's kernel task, FreeBSD's swapper) does.
 */
export function pidExists(pid: number): boolean {
  if (pid === 0) return true;
  if (pid < 0) return false;
  if (libc.symbols.kill(pid, 0) === 0) return true;
  return lastErrno() === Errno.EPERM;
}

let page: number | undefined;

/** The page size in bytes: `hw.pagesize` (what `getpagesize()` gives), read once. */
export function pageSize(): number {
  return page ??= sysctlInt("hw.pagesize");
}
