/**
 * A process's exit seen through a kqueue (`EVFILT_PROC` with `NOTE_EXIT`),
 * on the BSDs: macOS's 32-byte `struct kevent` and FreeBSD's 64-byte one
 * (with `ext[4]`) share their first 32 bytes, so one layout of those fields
 * and the OS's record size serve both.
 *
 * @module
 */
import type { ExitWatch } from "../backend.ts";
import { allocStruct, type Struct } from "../../ffi/struct.ts";
import { libc } from "../../ffi/posix/libc.ts";

/** sys/event.h numbers, the same on macOS and FreeBSD. */
export const KQ = { EVFILT_PROC: -5, EV_ADD: 0x1, NOTE_EXIT: 0x80000000 } as const;

/** The kqueue calls of a C library. */
export interface KqueueCalls {
  kqueue(): number;
  kevent(
    kq: number,
    changes: Uint8Array | null,
    nchanges: number,
    events: Uint8Array | null,
    nevents: number,
    timeout: Uint8Array | null,
  ): number;
}

/**
 * A kqueue watching `pid`'s exit; `null` when none can be made (the process
 * is gone, no descriptor free): `wait` then polls. `kevent` is the OS's
 * record (its `ident`, `filter`, `flags` and `fflags`), `timespec` its
 * `struct timespec` (zero: do not wait).
 */
export function kqueueExitWatch(pid: number, calls: KqueueCalls, kevent: Struct, timespec: Struct): ExitWatch | null {
  const kq = calls.kqueue();
  if (kq < 0) return null;
  const change = allocStruct(kevent);
  kevent.set(change.view, "ident", BigInt(pid));
  kevent.set(change.view, "filter", KQ.EVFILT_PROC);
  kevent.set(change.view, "flags", KQ.EV_ADD);
  kevent.set(change.view, "fflags", KQ.NOTE_EXIT);
  if (calls.kevent(kq, change.buf, 1, null, 0, null) !== 0) {
    libc.symbols.close(kq);
    return null;
  }
  const event = allocStruct(kevent);
  const now = allocStruct(timespec);
  let exited = false;
  return {
    exited: () => exited ||= calls.kevent(kq, null, 0, event.buf, 1, now.buf) > 0,
    close: () => void libc.symbols.close(kq),
  };
}
