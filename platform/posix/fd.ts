/**
 * Descriptor helpers over libc: `poll` without waiting, and `close`.
 *
 * @module
 */
import { libc } from "../../ffi/posix/libc.ts";
import { pollfd } from "../../ffi/posix/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";

const POLLIN = 0x1;

/** Whether `fd` is readable now: `poll` with a zero timeout. */
export function fdReadable(fd: number): boolean {
  const { buf, view } = allocStruct(pollfd);
  pollfd.set(view, "fd", fd);
  pollfd.set(view, "events", POLLIN);
  return libc.symbols.poll(buf, 1n, 0) > 0 && (pollfd.num(view, "revents") & POLLIN) !== 0;
}

/** Closes `fd`, ignoring errors. */
export function closeFd(fd: number): void {
  libc.symbols.close(fd);
}
