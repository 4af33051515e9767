/**
 * The SystemProcessInformation snapshot: every process and its threads from
 * one NtQuerySystemInformation call, the source psutil's oneshot uses on
 * Windows (names, parents, thread times and states, context switches, the
 * private working set).
 *
 * @module
 */
import { addressOf } from "../../ffi/mod.ts";
import { SYSTEM_PROCESS_INFORMATION, SYSTEM_THREAD_INFORMATION, UNICODE_STRING } from "../../ffi/windows/structs.ts";
import { querySystemInformation } from "./nt.ts";

/** One process of a SystemProcessInformation snapshot. */
export interface SnapshotEntry {
  /** The image name (`""` for the idle process). */
  name: string;
  /** The parent pid. */
  ppid: number;
  /** Each thread: id, user and kernel seconds, context switches, and whether it is suspended. */
  threads: Array<{ id: number; user: number; system: number; switches: number; suspended: boolean }>;
  /** The private working set, in bytes. */
  privateWorkingSet: number;
}

const SystemProcessInformation = 5;
const THREAD_STATE_WAITING = 5;
const WAIT_REASON_SUSPENDED = 5;

/**
 * Every process and its threads from one NtQuerySystemInformation
 * (SystemProcessInformation) call, the snapshot psutil's oneshot uses.
 */
export function snapshot(): Map<number, SnapshotEntry> {
  const buf = querySystemInformation(SystemProcessInformation, 256 * 1024, "SystemProcessInformation");
  const base = addressOf(buf);
  const view = new DataView(buf.buffer);
  const P = SYSTEM_PROCESS_INFORMATION, T = SYSTEM_THREAD_INFORMATION;
  const out = new Map<number, SnapshotEntry>();
  for (let off = 0;;) {
    const pid = Number(P.big(view, "UniqueProcessId", off));
    const nameOff = off + P.offset("ImageName");
    const nameLen = UNICODE_STRING.num(view, "Length", nameOff);
    const nameAt = Number(UNICODE_STRING.big(view, "Buffer", nameOff) - base);
    const name = nameLen && nameAt >= 0 && nameAt + nameLen <= buf.length
      ? new TextDecoder("utf-16le").decode(buf.subarray(nameAt, nameAt + nameLen))
      : "";
    const threads = [];
    const count = P.num(view, "NumberOfThreads", off);
    for (let t = 0; t < count; t++) {
      const tb = off + P.size + t * T.size;
      threads.push({
        id: Number(T.big(view, "UniqueThread", tb)),
        user: T.num(view, "UserTime", tb) / 1e7,
        system: T.num(view, "KernelTime", tb) / 1e7,
        switches: T.num(view, "ContextSwitches", tb),
        suspended: T.num(view, "ThreadState", tb) === THREAD_STATE_WAITING &&
          T.num(view, "WaitReason", tb) === WAIT_REASON_SUSPENDED,
      });
    }
    out.set(pid, {
      name,
      ppid: Number(P.big(view, "InheritedFromUniqueProcessId", off)),
      threads,
      privateWorkingSet: P.num(view, "WorkingSetPrivateSize", off),
    });
    const next = P.num(view, "NextEntryOffset", off);
    if (next === 0) break;
    off += next;
  }
  return out;
}

/** pid -> ppid of every process. */
export function ppidMap(): Map<number, number> {
  return new Map([...snapshot()].map(([pid, e]) => [pid, e.ppid]));
}
