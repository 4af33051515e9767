/**
 * `statvfs(3)` with a bound: a file system whose server or daemon does not
 * answer (a stopped FUSE daemon, an unreachable NFS or SMB server) blocks
 * any thread that asks it, so the question is asked on a helper thread
 * (`fs_probe_worker.ts`, a `node:worker_threads` worker, unref'd) and the
 * caller waits at most a deadline, synchronously (`Atomics.wait`) or with a
 * Promise. A helper stuck on such a mount is left to finish on its own; the
 * next question goes to a fresh one, and the mount points it is stuck on
 * answer "unknown" at once until it returns. Deno exits with a helper still
 * stuck; Bun waits for it, so under Bun the synchronous form does not ask
 * at all, and after an asynchronous question that timed out the program
 * ends only when the mount answers or `process.exit()` is called.
 *
 * @module
 */
import { cString } from "../../ffi/mod.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { statvfs } from "../../ffi/posix/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import type { StatvfsCounts } from "./statvfs.ts";
import { isBun, isNode, siblingModule, startWorker, type WorkerLike } from "../../ffi/runtime.ts";

/** What one probe of a path gives: its `statvfs` numbers, or the errno it failed with. */
export type ProbeAnswer = (StatvfsCounts & { namemax: number }) | { errno: number };

/** A job for the helper: the paths, and one slot of shared memory per path. */
export interface ProbeJob {
  /** The paths to ask about. */
  paths: string[];
  /** Per path: [state (0 waiting, 1 done), errno]. */
  state: SharedArrayBuffer;
  /** Per path: frsize, blocks, bfree, bavail, namemax. */
  numbers: SharedArrayBuffer;
}

const NUMBERS = 5;

/** Runs a job (on the helper thread): answers each path in turn, waking the caller after each. */
export function runProbe(job: ProbeJob): void {
  const state = new Int32Array(job.state);
  const numbers = new Float64Array(job.numbers);
  const { buf, view } = allocStruct(statvfs);
  job.paths.forEach((path, i) => {
    let errno = 0;
    try {
      if (libc.symbols.statvfs(cString(path), buf) !== 0) errno = lastErrno();
    } catch {
      errno = 22; // EINVAL: not a path (a NUL byte)
    }
    if (errno === 0) {
      numbers.set([
        statvfs.num(view, "f_frsize"),
        statvfs.num(view, "f_blocks"),
        statvfs.num(view, "f_bfree"),
        statvfs.num(view, "f_bavail"),
        statvfs.num(view, "f_namemax"),
      ], i * NUMBERS);
    }
    state[i * 2 + 1] = errno;
    Atomics.store(state, i * 2, 1);
    Atomics.notify(state, i * 2);
  });
}

/** The helper that answers next; `null` before the first question or after it got stuck. */
let idle: WorkerLike | null = null;
/** Mount points a stuck helper is still asking about: they answer "unknown" until it returns. */
const stuck = new Set<string>();
let unavailable = false;

function newHelper(): WorkerLike | null {
  if (unavailable) return null;
  try {
    const w = startWorker(siblingModule("fs_probe_worker", import.meta.url));
    w.on("error", () => {
      if (idle === w) idle = null;
    });
    w.unref();
    return w;
  } catch {
    unavailable = true; // a single binary without the worker's file: ask on this thread
    return null;
  }
}

/** Sends `paths` to a helper; the job's shared memory and a function that hands the helper back when done. */
function submit(paths: string[]): { job: ProbeJob; release(finished: boolean): void } | null {
  const w = idle ?? newHelper();
  if (w === null) return null;
  idle = null;
  const job: ProbeJob = {
    paths,
    state: new SharedArrayBuffer(paths.length * 8),
    numbers: new SharedArrayBuffer(paths.length * NUMBERS * 8),
  };
  w.postMessage(job);
  return {
    job,
    release(finished: boolean) {
      if (finished) {
        idle ??= w;
        if (idle !== w) w.terminate();
        return;
      }
      // Stuck on a mount that does not answer: let it finish on its own, then retire it.
      for (const p of paths) stuck.add(p);
      w.on("message", () => {
        for (const p of paths) stuck.delete(p);
        w.terminate();
      });
    },
  };
}

/** The answer in slot `i` of a finished job, or `null` while it is not done. */
function answer(job: ProbeJob, i: number): ProbeAnswer | null {
  const state = new Int32Array(job.state);
  if (Atomics.load(state, i * 2) !== 1) return null;
  const errno = state[i * 2 + 1];
  if (errno !== 0) return { errno };
  const n = new Float64Array(job.numbers, i * NUMBERS * 8, NUMBERS);
  return { frsize: n[0], blocks: n[1], bfree: n[2], bavail: n[3], namemax: n[4] };
}

/** `statvfs` on this thread, for `probeAsync` where no helper can run (it then blocks as `diskUsage` does). */
function probeHere(path: string): ProbeAnswer {
  const job: ProbeJob = {
    paths: [path],
    state: new SharedArrayBuffer(8),
    numbers: new SharedArrayBuffer(NUMBERS * 8),
  };
  runProbe(job);
  return answer(job, 0)!;
}

/**
 * `statvfs` of each path, waiting synchronously at most `ms` milliseconds in
 * all: a path with no answer by then is `null` (and so is one a stuck helper
 * is still asking about, and every path where no helper can run).
 */
export function probeSync(paths: string[], ms: number): Array<ProbeAnswer | null> {
  // Bun and Node do not exit while a worker thread is blocked in a system
  // call (not even on process.exit under Node): a helper left stuck on a dead
  // mount would keep the program alive. There, what might not answer is not asked.
  if (isBun || isNode) return paths.map(() => null);
  const ask = paths.filter((p) => !stuck.has(p));
  const out = new Map<string, ProbeAnswer | null>(paths.map((p) => [p, null]));
  if (ask.length > 0) {
    const sent = submit(ask);
    // No helper (a single binary without its file): asking here could block for good, so these are not asked.
    if (sent !== null) {
      const state = new Int32Array(sent.job.state);
      const deadline = performance.now() + ms;
      let finished = true;
      for (let i = 0; i < ask.length; i++) {
        while (Atomics.load(state, i * 2) !== 1) {
          const left = deadline - performance.now();
          if (left <= 0 || Atomics.wait(state, i * 2, 0, left) === "timed-out") break;
        }
        const a = answer(sent.job, i);
        if (a === null) {
          finished = false;
          break;
        }
        out.set(ask[i], a);
      }
      sent.release(finished);
    }
  }
  return paths.map((p) => out.get(p)!);
}

/**
 * `statvfs` of `path` on the helper, resolving to its answer, or to `null`
 * when `ms` milliseconds pass first (or a stuck helper is still asking).
 * Never blocks this thread; the question keeps the program alive until it
 * is answered or times out (a timer polls the answer's slot), not after.
 */
export function probeAsync(path: string, ms: number): Promise<ProbeAnswer | null> {
  if (stuck.has(path)) return Promise.resolve(null);
  const sent = submit([path]);
  if (sent === null) return Promise.resolve(probeHere(path));
  const started = performance.now();
  return new Promise((resolve) => {
    let delay = 1;
    const poll = () => {
      const a = answer(sent.job, 0);
      if (a !== null) {
        sent.release(true);
        resolve(a);
      } else if (performance.now() - started >= ms) {
        sent.release(false);
        resolve(null);
      } else {
        setTimeout(poll, Math.max(0, Math.min(delay, ms - (performance.now() - started))));
        delay = Math.min(delay * 2, 10);
      }
    };
    poll();
  });
}
