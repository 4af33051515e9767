/**
 * Batched procfs reads through io_uring (ffi/linux/uring.ts), the first
 * choice of parallel_reads.ts: for each process of a `processIter` pass, one
 * chain of three linked requests per file (open into a direct descriptor,
 * read it, close it) runs on the kernel's own worker threads, ahead of the
 * calling thread by a window of {@link WINDOW} processes. The calling thread
 * only writes requests, parses, and waits when it catches up; no JavaScript
 * thread is started, so it costs a ring and about a megabyte of buffers
 * instead of a second runtime.
 *
 * Every answer equals a serial read's: a file the kernel did not answer
 * whole within {@link FILE_BYTES} is read again by the caller, and an error
 * comes back as the `OsError` a serial read would have thrown.
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { errnoName } from "../../ffi/posix/errno.ts";
import { IORING_OP, IOSQE, mapAnonymous, type Mapping, Ring } from "../../ffi/linux/uring.ts";

/** Processes read ahead of the caller. */
export const WINDOW = 64;
/** The most files per process a batch reads. */
export const MAX_FILES = 4;
/** Bytes read per file; a file as long or longer is read again by the caller. */
export const FILE_BYTES = 4096;
/** Bytes for each file's path (the procfs root, the pid, the name and a NUL). */
const PATH_BYTES = 256;

const CHAINS = WINDOW * MAX_FILES;
const AT_FDCWD = -100;
const ECANCELED = 125;
/** A chain's code before its completions arrive. */
const PENDING = 1;

/** Which request of a chain a completion belongs to (the low two bits of its user data). */
const OPEN = 0;
const READ = 1;
const CLOSE = 2;

/** The process-wide reader: its ring and memory, made on first use; `null` once it proved unusable. */
let reader: UringReader | null | undefined;
let disabled = false;

/** Turns the io_uring reader off (tests use it to run the helper-thread path). */
export function setUringReads(on: boolean): void {
  disabled = !on;
}

/** The reader, or `null` where io_uring cannot serve (old kernel, disabled, refused by seccomp). */
function getReader(): UringReader | null {
  if (disabled) return null;
  if (reader === undefined) reader = UringReader.create();
  return reader;
}

/** Whether io_uring reads are available here (for tests and the README's claims). */
export function uringReadsAvailable(): boolean {
  return getReader() !== null;
}

class UringReader {
  readonly ring: Ring;
  readonly memory: Mapping;
  readonly data: Uint8Array;
  /** Per chain: the read's length, minus the errno, or {@link PENDING}. */
  readonly code = new Int32Array(CHAINS);
  /** Per chain: whether its code is the open's error (else the read's). */
  readonly openFailed = new Uint8Array(CHAINS);
  /** Per window slot: chains whose close has not completed. */
  readonly pending = new Int32Array(WINDOW);
  readonly #encoder = new TextEncoder();
  readonly #onCompletion = (userData: number, res: number) => this.#complete(userData, res);

  private constructor(ring: Ring, memory: Mapping) {
    this.ring = ring;
    this.memory = memory;
    this.data = new Uint8Array(memory.buffer);
  }

  static create(): UringReader | null {
    let ring: Ring | null = null;
    try {
      ring = Ring.open(CHAINS * 4, CHAINS);
      if (!ring) return null;
      const memory = mapAnonymous(CHAINS * (FILE_BYTES + PATH_BYTES));
      if (!memory) {
        ring.close();
        return null;
      }
      const r = new UringReader(ring, memory);
      // A kernel that sets the ring up may still lack direct descriptors (before 5.15): try one chain.
      r.chain(0, "/dev/null");
      r.waitSlot(0);
      if (r.code[0] !== 0) {
        ring.close();
        return null;
      }
      return r;
    } catch {
      ring?.close();
      return null;
    }
  }

  /** Writes the open/read/close chain for `path` into chain `c` (slot `c` of the file table). */
  chain(c: number, path: string): void {
    const pathAt = CHAINS * FILE_BYTES + c * PATH_BYTES;
    const { written } = this.#encoder.encodeInto(path, this.data.subarray(pathAt, pathAt + PATH_BYTES - 1));
    this.data[pathAt + written!] = 0;
    this.code[c] = PENDING;
    this.openFailed[c] = 0;
    this.pending[(c / MAX_FILES) | 0] += 1;
    const base = this.memory.address;
    const r = this.ring;
    r.prepare(IORING_OP.OPENAT, IOSQE.IO_LINK | IOSQE.ASYNC, AT_FDCWD, base + pathAt, 0, 0, c * 4 + OPEN, c + 1);
    r.prepare(
      IORING_OP.READ,
      IOSQE.FIXED_FILE | IOSQE.IO_HARDLINK,
      c,
      base + c * FILE_BYTES,
      FILE_BYTES,
      0,
      c * 4 + READ,
    );
    r.prepare(IORING_OP.CLOSE, 0, 0, 0, 0, 0, c * 4 + CLOSE, c + 1);
  }

  #complete(userData: number, res: number): void {
    const c = userData >>> 2;
    const op = userData & 3;
    if (op === OPEN && res < 0) {
      this.code[c] = res;
      this.openFailed[c] = 1;
    } else if (op === READ && !(this.openFailed[c] === 1 && res === -ECANCELED)) {
      this.code[c] = res;
    }
    // The close comes last in every case (done, or cancelled after a failed open): then the slot is free.
    if (op === CLOSE) this.pending[(c / MAX_FILES) | 0]--;
  }

  /** Waits until window slot `w` has all its completions. */
  waitSlot(w: number): void {
    this.ring.submit();
    while (this.pending[w] > 0) {
      if (this.ring.reap(this.#onCompletion) === 0) this.ring.submit(1);
    }
  }

  /** Waits for every request in flight. */
  drain(): void {
    for (let w = 0; w < WINDOW; w++) this.waitSlot(w);
  }
}

/** One `processIter` pass read through the ring. */
export class UringBatch {
  readonly #r: UringReader;
  readonly #pids: number[];
  readonly #index = new Map<number, number>();
  readonly #files: string[];
  readonly #whole: boolean[];
  readonly #root: string;
  /** Per window slot: the index of the pid whose files it holds, or -1. */
  readonly #owner = new Int32Array(WINDOW).fill(-1);
  #submitted = 0;
  #ended = false;

  private constructor(r: UringReader, pids: number[], files: string[], whole: boolean[], root: string) {
    this.#r = r;
    this.#pids = pids;
    pids.forEach((pid, i) => this.#index.set(pid, i));
    this.#files = files;
    this.#whole = whole;
    this.#root = root;
    this.#advance(0);
  }

  /** A batch for `pids`, or `null` when io_uring cannot serve or the paths do not fit. */
  static begin(pids: number[], files: string[], whole: boolean[], root: string): UringBatch | null {
    if (files.length > MAX_FILES || root.length > PATH_BYTES - 32) return null;
    const r = getReader();
    return r ? new UringBatch(r, pids, files, whole, root) : null;
  }

  /** Submits the chains of the pids up to `i + WINDOW`, reusing the slots of pids before `i`. */
  #advance(i: number): void {
    const stop = Math.min(this.#pids.length, i + WINDOW);
    if (this.#submitted >= stop) return;
    const r = this.#r;
    for (let j = this.#submitted; j < stop; j++) {
      const w = j % WINDOW;
      if (this.#owner[w] >= 0) r.waitSlot(w);
      this.#owner[w] = j;
      const prefix = `${this.#root}/${this.#pids[j]}/`;
      for (let f = 0; f < this.#files.length; f++) r.chain(w * MAX_FILES + f, prefix + this.#files[f]);
    }
    this.#submitted = stop;
    r.ring.submit();
  }

  /** The bytes of `/proc/<pid>/<rel>` as read ahead, the error that read got, or `undefined` to read it here. */
  take(root: string, pid: number, rel: string): Uint8Array | OsError | undefined {
    if (this.#ended || root !== this.#root) return undefined;
    const i = this.#index.get(pid);
    const k = this.#files.indexOf(rel);
    if (i === undefined || k < 0) return undefined;
    // Refill the window when the caller has used half of it.
    if (i + WINDOW / 2 >= this.#submitted) this.#advance(i);
    const w = i % WINDOW;
    if (this.#owner[w] !== i) return undefined; // its slot went to a later pid
    const r = this.#r;
    r.waitSlot(w);
    const c = w * MAX_FILES + k;
    const code = r.code[c];
    if (code >= 0) {
      if (!this.#whole[k] || code >= FILE_BYTES) return undefined;
      return r.data.subarray(c * FILE_BYTES, c * FILE_BYTES + code);
    }
    return new OsError(-code, errnoName(-code), r.openFailed[c] ? "open" : "read", `${root}/${pid}/${rel}`);
  }

  /** Waits for every request in flight, so that the ring and buffers serve the next batch; returns how many pids were read ahead. */
  end(): number {
    if (!this.#ended) this.#r.drain();
    this.#ended = true;
    return this.#submitted;
  }
}
