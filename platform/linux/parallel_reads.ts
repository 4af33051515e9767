/**
 * Parallel procfs reads for `processIter` over many processes. Reading
 * `/proc/PID/*` costs system calls, not computation, and two threads read
 * nearly twice as fast as one. Two engines serve a pass:
 *
 * - io_uring (uring_reads.ts), where the kernel offers it: while this thread
 *   walks the pids from the front, the kernel's own workers open, read and
 *   close the same files for the pids from the back, and the two meet in the
 *   middle. No second runtime thread; 4 KiB of buffer per pid it read.
 * - Else a helper thread (parallel_reads_worker.ts) does the same from the
 *   back into shared memory. Each pid is claimed by exactly one side with a
 *   compare-and-swap on its state word; this thread takes a pid the helper
 *   has read from shared memory, waiting only for a read in progress.
 *
 * Either is only used where it pays: on Linux with at least two CPUs, over
 * at least {@link PARALLEL_MIN_PIDS} processes; the helper thread from the
 * second such `processIter` (starting a thread costs several to a hundred
 * milliseconds once, which a single pass does not earn back). The helper
 * never keeps the program alive; if it cannot start or stops answering,
 * reads go on in this thread, and nothing is lost: every answer is the same
 * as a serial read's.
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { siblingModule, startWorker, type WorkerLike } from "../../ffi/runtime.ts";
import { errnoName } from "../../ffi/posix/errno.ts";
import { UringBatch } from "./uring_reads.ts";

/** The fewest processes for which the helper thread reads along. */
export const PARALLEL_MIN_PIDS = 256;

/** A pid's state word: nobody has it yet. */
export const UNCLAIMED = 0;
/** This thread reads the pid itself. */
export const MAIN = 1;
/** The helper is reading it. */
export const HELPER = 2;
/** The helper has read it: its slot holds the files. */
export const READY = 3;

/** A file's code in a slot when it did not fit there (this thread reads it). */
export const TOO_BIG = -1_000_000;
/** A file the helper did not read (a kernel thread has no user memory or status worth reading). */
export const SKIPPED = -1_000_001;

/**
 * How long a batch serves what the helper read, in milliseconds: a pass takes
 * tens of them; one whose consumer lingers (or never finishes the iteration)
 * goes back to reading fresh.
 */
export const BATCH_LIFETIME_MS = 1000;

/** Bytes of shared memory per pid: a code per file (its length, or minus the errno), then the files. */
export const SLOT_BYTES = 8192;

/** What the helper is sent for one batch. */
export interface Job {
  /** One Int32 state word per pid. */
  state: SharedArrayBuffer;
  /** {@link SLOT_BYTES} per pid. */
  data: SharedArrayBuffer;
  /** The pids, in the order this thread walks them. */
  pids: number[];
  /** The files to read for each pid, relative to `/proc/PID/`. */
  files: string[];
  /** For each file, whether the kernel writes it whole on each read. */
  whole: boolean[];
  /** The procfs root. */
  root: string;
}

let enabled = true;
let minPids = PARALLEL_MIN_PIDS;
let largeCalls = 0;
let helper: WorkerLike | null = null;
let broken = false;
/** What serves the reads of the pass in progress: the ring or the helper thread. */
interface ReadAhead {
  /** A file's bytes (good until the next take), its read's error, or `undefined` to read it here. */
  take(root: string, pid: number, rel: string): Uint8Array | OsError | undefined;
  /** Waits for what is in flight; returns how many pids were read ahead. */
  end(): number;
}

let active: ReadAhead | null = null;
let activeSince = 0;
let dataBuf: SharedArrayBuffer | null = null;

/**
 * Turns parallel reads on or off, and sets how many processes it takes
 * (tests use this to run the parallel path on a machine with few processes).
 */
export function setParallelReads(on: boolean, min = PARALLEL_MIN_PIDS): void {
  enabled = on;
  minPids = min;
  largeCalls = 0;
}

/** Whether the helper thread is running and answering (for tests). */
export function parallelReadsActive(): boolean {
  return helper !== null && !broken;
}

let lastHelped = 0;
let lastEngine: "io_uring" | "thread" | null = null;

/** What read ahead for the last batch: the kernel's ring, the helper thread, or nothing yet (for tests and benchmarks). */
export function lastBatchEngine(): "io_uring" | "thread" | null {
  return lastEngine;
}

/** How many processes the helper read for the last batch that ended (for tests and benchmarks). */
export function lastBatchHelped(): number {
  return lastHelped;
}

function startHelper(): WorkerLike | null {
  if (helper || broken) return broken ? null : helper;
  try {
    const w = startWorker(siblingModule("parallel_reads_worker", import.meta.url));
    // A helper that fails to load (a single binary without its file) or exits leaves the reads to this thread.
    w.on("error", () => broken = true);
    w.on("exit", () => broken = true);
    w.unref();
    helper = w;
  } catch {
    broken = true;
  }
  return helper;
}

/** One `processIter` pass with the helper reading along. */
class Batch {
  readonly #state: Int32Array;
  readonly #data: Uint8Array;
  readonly #view: DataView;
  readonly #index = new Map<number, number>();
  readonly #files: string[];
  readonly #root: string;

  constructor(job: Job) {
    this.#state = new Int32Array(job.state);
    this.#data = new Uint8Array(job.data);
    this.#view = new DataView(job.data);
    job.pids.forEach((pid, i) => this.#index.set(pid, i));
    this.#files = job.files;
    this.#root = job.root;
  }

  /** Waits while the helper reads slot `i`; false when it stopped answering. */
  #await(i: number): boolean {
    while (Atomics.load(this.#state, i) === HELPER) {
      if (Atomics.wait(this.#state, i, HELPER, 2000) === "timed-out") {
        broken = true;
        return false;
      }
    }
    return true;
  }

  /** The helper's copy of `/proc/<pid>/<rel>`: its bytes, the error it got, or `undefined` to read it here. */
  take(root: string, pid: number, rel: string): Uint8Array | OsError | undefined {
    const i = this.#index.get(pid);
    const k = this.#files.indexOf(rel);
    if (i === undefined || k < 0 || root !== this.#root) return undefined;
    const s = Atomics.compareExchange(this.#state, i, UNCLAIMED, MAIN);
    if (s === UNCLAIMED || s === MAIN) return undefined;
    if (!this.#await(i)) return undefined;
    const base = i * SLOT_BYTES;
    let at = base + this.#files.length * 4;
    for (let f = 0; f < k; f++) at += Math.max(0, this.#view.getInt32(base + f * 4, true));
    const code = this.#view.getInt32(base + k * 4, true);
    if (code >= 0) return this.#data.slice(at, at + code);
    if (code === TOO_BIG || code === SKIPPED) return undefined;
    return new OsError(-code, errnoName(-code), "open", `${root}/${pid}/${rel}`);
  }

  /**
   * Claims what the helper has not started, and waits for the one it is
   * reading, so the memory can be reused. Returns how many pids the helper read.
   */
  end(): number {
    let helped = 0;
    for (let i = 0; i < this.#state.length; i++) {
      const s = Atomics.compareExchange(this.#state, i, UNCLAIMED, MAIN);
      if (s === HELPER) this.#await(i);
      if (s === HELPER || s === READY) helped++;
    }
    return helped;
  }
}

function endBatch(b: ReadAhead): void {
  if (active !== b) return;
  active = null;
  lastHelped = b.end();
}

function activate(b: ReadAhead): { end(): void } {
  active = b;
  activeSince = performance.now();
  return { end: () => endBatch(b) };
}

/**
 * Starts a batch for `pids` reading `files` (with their `whole` flags) from
 * `root`, or returns `null` when parallel reads do not pay or cannot run.
 * io_uring serves where the kernel offers it (uring_reads.ts), from the first
 * pass; else the helper thread, from the second.
 */
export function beginBatch(
  pids: number[],
  files: string[],
  whole: boolean[],
  root: string,
  cpus: number,
): { end(): void } | null {
  if (!enabled || active || cpus < 2 || pids.length < minPids) return null;
  const ring = UringBatch.begin(pids, files, whole, root);
  if (ring) {
    lastEngine = "io_uring";
    return activate(ring);
  }
  if (broken || ++largeCalls < 2) return null;
  const w = startHelper();
  if (!w) return null;
  // The slots are reused from batch to batch (a batch ends with none of them in the helper's hands); the
  // state words are new each time, so a job the helper has not even begun yet finds them all claimed.
  if (!dataBuf || dataBuf.byteLength < pids.length * SLOT_BYTES) {
    dataBuf = new SharedArrayBuffer(pids.length * 2 * SLOT_BYTES);
  }
  const job: Job = { state: new SharedArrayBuffer(pids.length * 4), data: dataBuf, pids, files, whole, root };
  w.postMessage(job);
  lastEngine = "thread";
  return activate(new Batch(job));
}

/** The bytes of a file of the batch in progress (good until the next call), if it read them already. */
export function prefetched(root: string, pid: number, rel: string): Uint8Array | OsError | undefined {
  if (active === null) return undefined;
  if (performance.now() - activeSince > BATCH_LIFETIME_MS) {
    endBatch(active);
    return undefined;
  }
  return active.take(root, pid, rel);
}
