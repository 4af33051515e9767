/**
 * Batched procfs reads through io_uring (ffi/linux/uring.ts), the first
 * choice of parallel_reads.ts. While the calling thread walks a
 * `processIter` pass's pids from the front, reading each itself, the kernel's
 * own worker threads read the same files for the pids from the back: per
 * file one chain of three linked requests (open into a direct descriptor,
 * read it, close it), at most {@link CHAINS} in flight. The two meet in the
 * middle; from there the calling thread only parses what the ring read. No
 * JavaScript thread is started: the cost is a ring, {@link PID_BYTES} of
 * buffer per pid the ring read (at most {@link MAX_AHEAD} of them) and the
 * kernel's workers.
 *
 * Every answer equals a serial read's: a file the kernel did not answer
 * whole within its share of the pid's buffer is read again by the caller,
 * and an error comes back as the `OsError` a serial read would have thrown.
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { errnoName } from "../../ffi/posix/errno.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { IORING_OP, IOSQE, mapAnonymous, type Mapping, Ring } from "../../ffi/linux/uring.ts";

/** File reads in flight at once (and direct descriptors in the ring's table). */
export const CHAINS = 256;
/** The most pids a batch's ring reads. */
export const MAX_AHEAD = 1024;
/** Buffer bytes per pid the ring reads, shared by its files. */
export const PID_BYTES = 4096;
/** Each file's share of a pid's buffer; a file as long or longer is read again by the caller. */
const FILE_SHARE: Readonly<Record<string, number>> = { stat: 1024, status: 2048, statm: 512, cmdline: 1024 };
/** The most files per pid. */
export const MAX_FILES = 4;
/** Bytes for each file's path (the procfs root, the pid, the name and a NUL). */
const PATH_BYTES = 256;

const AT_FDCWD = -100;
const ECANCELED = 125;
/** A file's code before its completions arrive. */
const PENDING = 1;

/** Which request of a chain a completion belongs to (the low two bits of its user data). */
const OPEN = 0;
const READ = 1;
const CLOSE = 2;

/** A file's share of a pid's buffer. */
export function fileShare(rel: string): number {
  return FILE_SHARE[rel] ?? 1024;
}

/**
 * Where {@link UringBatch.take} copies a file's bytes for the parser (which
 * is done with them before the next take): Bun's heap grew by up to 10 MiB
 * over a pass when the parsers got views of the ring's native memory.
 */
const scratch = new Uint8Array(PID_BYTES);

/** The process-wide reader: its ring and memory, made on first use; `null` once it proved unusable. */
let reader: UringReader | null | undefined;
let disabled = false;

/** Turns the io_uring reader off (tests use it to run the helper-thread path); on again, a reader given up is made anew. */
export function setUringReads(on: boolean): void {
  disabled = !on;
  if (on && reader === null) reader = undefined;
}

/** For tests only: closes the reader's ring under it, as if the kernel stopped answering. */
export function breakRingForTests(): void {
  if (reader) libc.symbols.close(reader.ring.fd);
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

/** The ring, its memory, and where each chain and file stands. */
class UringReader {
  readonly ring: Ring;
  readonly memory: Mapping;
  readonly data: Uint8Array;
  /** Per file of a pid slot (`slot * MAX_FILES + k`): the read's length, minus the errno, or {@link PENDING}. */
  readonly code = new Int32Array(MAX_AHEAD * MAX_FILES);
  /** Per file of a pid slot: whether its code is the open's error (else the read's). */
  readonly openFailed = new Uint8Array(MAX_AHEAD * MAX_FILES);
  /** Per pid slot: its chains whose close has not completed. */
  readonly pending = new Int32Array(MAX_AHEAD);
  /** Per chain: the file it reads (`slot * MAX_FILES + k`). */
  readonly #target = new Int32Array(CHAINS);
  /** Chains not in flight. */
  readonly #free: number[] = Array.from({ length: CHAINS }, (_, c) => CHAINS - 1 - c);
  readonly #encoder = new TextEncoder();
  readonly #onCompletion = (userData: number, res: number) => this.#complete(userData, res);
  #prepared = 0;

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
      const memory = mapAnonymous(MAX_AHEAD * PID_BYTES + CHAINS * PATH_BYTES);
      if (!memory) {
        ring.close();
        return null;
      }
      const r = new UringReader(ring, memory);
      // A kernel that sets the ring up may still lack direct descriptors (before 5.15): try one chain.
      r.pending[0] = 1;
      r.read(0, 0, "/dev/null", 0, 1024);
      r.waitPid(0);
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

  /** Chains free to start. */
  get free(): number {
    return this.#free.length;
  }

  /** Whether no chain is in flight. */
  get idle(): boolean {
    return this.#free.length === CHAINS;
  }

  /**
   * Writes the open/read/close chain reading `path` into file `k` of pid
   * slot `slot`, `at` bytes into the slot's buffer, at most `length` bytes
   * (the caller counted it in `pending[slot]`). Sent by the next {@link UringReader.flush}.
   */
  read(slot: number, k: number, path: string, at: number, length: number): void {
    const c = this.#free.pop()!;
    const t = slot * MAX_FILES + k;
    this.#target[c] = t;
    this.code[t] = PENDING;
    this.openFailed[t] = 0;
    const pathAt = MAX_AHEAD * PID_BYTES + c * PATH_BYTES;
    const { written } = this.#encoder.encodeInto(path, this.data.subarray(pathAt, pathAt + PATH_BYTES - 1));
    this.data[pathAt + written!] = 0;
    const base = this.memory.address;
    const r = this.ring;
    r.prepare(IORING_OP.OPENAT, IOSQE.IO_LINK | IOSQE.ASYNC, AT_FDCWD, base + pathAt, 0, 0, c * 4 + OPEN, c + 1);
    const buf = base + slot * PID_BYTES + at;
    r.prepare(IORING_OP.READ, IOSQE.FIXED_FILE | IOSQE.IO_HARDLINK, c, buf, length, 0, c * 4 + READ);
    r.prepare(IORING_OP.CLOSE, 0, 0, 0, 0, 0, c * 4 + CLOSE, c + 1);
    this.#prepared++;
  }

  /** Hands the chains written since the last flush to the kernel. */
  flush(): void {
    if (this.#prepared === 0) return;
    this.#prepared = 0;
    this.ring.submit();
  }

  #complete(userData: number, res: number): void {
    const c = userData >>> 2;
    const op = userData & 3;
    const t = this.#target[c];
    if (op === OPEN && res < 0) {
      this.code[t] = res;
      this.openFailed[t] = 1;
    } else if (op === READ && !(this.openFailed[t] === 1 && res === -ECANCELED)) {
      this.code[t] = res;
    }
    // The close comes last in every case (done, or cancelled after a failed open): then the chain is free.
    if (op === CLOSE) {
      this.pending[(t / MAX_FILES) | 0]--;
      this.#free.push(c);
    }
  }

  /** Takes the completions that are ready, without waiting. */
  reap(): void {
    this.ring.reap(this.#onCompletion);
  }

  /** Waits until pid slot `slot` has all its completions. */
  waitPid(slot: number): void {
    this.flush();
    while (this.pending[slot] > 0) {
      if (this.ring.reap(this.#onCompletion) === 0) this.ring.submit(1);
    }
  }

  /** Waits for every chain in flight. */
  drain(): void {
    this.flush();
    while (!this.idle) {
      if (this.ring.reap(this.#onCompletion) === 0) this.ring.submit(1);
    }
  }
}

/** One `processIter` pass, its back part read through the ring. */
export class UringBatch {
  readonly #r: UringReader;
  readonly #pids: number[];
  readonly #index = new Map<number, number>();
  readonly #files: string[];
  readonly #whole: boolean[];
  readonly #root: string;
  /** Each file's place and length in a pid's buffer. */
  readonly #at: number[] = [];
  readonly #share: number[];
  /** The lowest pid index the ring has taken: it reads `[low, pids.length)`. */
  #low: number;
  /** The highest pid index the caller has asked for. */
  #caller = -1;
  #ended = false;

  private constructor(r: UringReader, pids: number[], files: string[], whole: boolean[], root: string) {
    this.#r = r;
    this.#pids = pids;
    pids.forEach((pid, i) => this.#index.set(pid, i));
    this.#files = files;
    this.#whole = whole;
    this.#root = root;
    this.#share = files.map(fileShare);
    let at = 0;
    for (const n of this.#share) {
      this.#at.push(at);
      at += n;
    }
    this.#low = pids.length;
    this.#pump();
  }

  /** A batch for `pids`, or `null` when io_uring cannot serve or the files or paths do not fit. */
  static begin(pids: number[], files: string[], whole: boolean[], root: string): UringBatch | null {
    if (files.length > MAX_FILES || files.reduce((n, f) => n + fileShare(f), 0) > PID_BYTES) return null;
    if (root.length > PATH_BYTES - 40) return null;
    const r = getReader();
    if (!r) return null;
    try {
      return new UringBatch(r, pids, files, whole, root);
    } catch {
      reader = null; // the ring stopped answering: reads go on in the caller (see #fail)
      return null;
    }
  }

  /**
   * Takes what completed and starts more pids from the back, never the one
   * the caller is at or before it; sent in groups, so that one call into the
   * kernel carries many.
   */
  #pump(): void {
    const r = this.#r;
    r.reap();
    const n = this.#files.length;
    if (r.free < CHAINS / 2 && !r.idle) return;
    const floor = Math.max(this.#caller + 1, this.#pids.length - MAX_AHEAD);
    while (r.free >= n && this.#low - 1 > floor - 1) {
      const i = --this.#low;
      const slot = this.#pids.length - 1 - i;
      r.pending[slot] = n;
      const prefix = `${this.#root}/${this.#pids[i]}/`;
      for (let k = 0; k < n; k++) r.read(slot, k, prefix + this.#files[k], this.#at[k], this.#share[k]);
    }
    r.flush();
  }

  /**
   * The bytes of `/proc/<pid>/<rel>` as read ahead (good until the next
   * take), the error that read got, or `undefined` to read it here.
   */
  take(root: string, pid: number, rel: string): Uint8Array | OsError | undefined {
    if (this.#ended || root !== this.#root) return undefined;
    const i = this.#index.get(pid);
    const k = this.#files.indexOf(rel);
    if (i === undefined || k < 0) return undefined;
    if (i > this.#caller) this.#caller = i;
    const r = this.#r;
    const slot = this.#pids.length - 1 - i;
    try {
      this.#pump();
      if (i < this.#low) return undefined; // the caller's part
      r.waitPid(slot);
    } catch {
      this.#fail();
      return undefined;
    }
    const t = slot * MAX_FILES + k;
    const code = r.code[t];
    if (code >= 0) {
      if (!this.#whole[k] || code >= this.#share[k]) return undefined;
      const at = slot * PID_BYTES + this.#at[k];
      scratch.set(r.data.subarray(at, at + code));
      return scratch.subarray(0, code);
    }
    return new OsError(-code, errnoName(-code), r.openFailed[t] ? "open" : "read", `${root}/${pid}/${rel}`);
  }

  /** Waits for every chain in flight, so that the ring and buffers serve the next batch; returns how many pids the ring read. */
  end(): number {
    try {
      if (!this.#ended) this.#r.drain();
    } catch {
      this.#fail();
    }
    this.#ended = true;
    return this.#pids.length - this.#low;
  }

  /**
   * The ring stopped answering (io_uring_enter failed): this batch and the
   * reader are given up, and every read goes on in the caller. The ring stays
   * mapped, so what is still in flight lands in memory nobody reads.
   */
  #fail(): void {
    this.#ended = true;
    reader = null;
  }
}
