/**
 * io_uring (linux/io_uring.h): a ring of requests the kernel runs on its own
 * worker threads, here for batches of procfs reads. What the library uses
 * needs Linux 5.15 (open and close of "direct" descriptors in the ring's own
 * file table, linked requests); {@link Ring.open} returns `null` where the
 * kernel, its settings (`kernel.io_uring_disabled`) or a seccomp filter (a
 * container's default one) refuse it, and callers read the files themselves.
 *
 * The three system calls go through `syscall(2)` (the Linux C library table
 * of ffi/linux/libc.ts: one more dlopen would cost each runtime megabytes
 * of its own); the rings are `mmap`ed and
 * read and written through `ArrayBuffer`s over that memory (the adapter's
 * `view`), so submitting a batch of any size is one call into the kernel.
 *
 * @module
 */
import { ffi, type Pointer } from "../mod.ts";
import { lastErrno, libc } from "../posix/libc.ts";
import { linuxLibc } from "./libc.ts";
import { defineStruct, type Struct } from "../struct.ts";

/** `struct io_sqring_offsets`: where the submission ring's fields are in its mapping, 40 bytes. */
export const io_sqring_offsets: Struct = defineStruct("io_sqring_offsets", [
  ["head", "u32"],
  ["tail", "u32"],
  ["ring_mask", "u32"],
  ["ring_entries", "u32"],
  ["flags", "u32"],
  ["dropped", "u32"],
  ["array", "u32"],
  ["resv1", "u32"],
  ["resv2", "u64"], // user_addr since Linux 6.5
]);

/** `struct io_cqring_offsets`: where the completion ring's fields are in its mapping, 40 bytes. */
export const io_cqring_offsets: Struct = defineStruct("io_cqring_offsets", [
  ["head", "u32"],
  ["tail", "u32"],
  ["ring_mask", "u32"],
  ["ring_entries", "u32"],
  ["overflow", "u32"],
  ["cqes", "u32"],
  ["flags", "u32"],
  ["resv1", "u32"],
  ["resv2", "u64"], // user_addr since Linux 6.5
]);

/** `struct io_uring_params`: io_uring_setup's argument and answer, 120 bytes. */
export const io_uring_params: Struct = defineStruct("io_uring_params", [
  ["sq_entries", "u32"],
  ["cq_entries", "u32"],
  ["flags", "u32"],
  ["sq_thread_cpu", "u32"],
  ["sq_thread_idle", "u32"],
  ["features", "u32"],
  ["wq_fd", "u32"],
  ["resv", { array: "u32", length: 3 }],
  ["sq_off", { struct: io_sqring_offsets }],
  ["cq_off", { struct: io_cqring_offsets }],
]);

/** `struct io_uring_sqe`: one request, 64 bytes (the members used here; the rest are unions of these). */
export const io_uring_sqe: Struct = defineStruct("io_uring_sqe", [
  ["opcode", "u8"],
  ["flags", "u8"],
  ["ioprio", "u16"],
  ["fd", "i32"],
  ["off", "u64"],
  ["addr", "u64"],
  ["len", "u32"],
  ["open_flags", "u32"],
  ["user_data", "u64"],
  ["buf_index", "u16"],
  ["personality", "u16"],
  ["file_index", "u32"],
  ["addr3", "u64"],
  ["__pad2", "u64"],
]);

/** `struct io_uring_cqe`: one completion, 16 bytes. */
export const io_uring_cqe: Struct = defineStruct("io_uring_cqe", [
  ["user_data", "u64"],
  ["res", "i32"],
  ["flags", "u32"],
]);

/** System call numbers: the same on x86_64 and aarch64 (the unified table of Linux 5.1). */
export const SYS_IO_URING = { setup: 425, enter: 426, register: 427 } as const;

/** Request opcodes (enum io_uring_op). */
export const IORING_OP = { NOP: 0, OPENAT: 18, CLOSE: 19, READ: 22 } as const;

/** Request flags (IOSQE_*). */
export const IOSQE = { FIXED_FILE: 1 << 0, IO_LINK: 1 << 2, IO_HARDLINK: 1 << 3, ASYNC: 1 << 4 } as const;

/** IORING_FEAT_SINGLE_MMAP: one mapping holds both rings (Linux 5.4). */
export const IORING_FEAT_SINGLE_MMAP = 1 << 0;
/** IORING_SETUP_COOP_TASKRUN: no interrupt of the submitting thread to run completions (Linux 5.19). */
export const IORING_SETUP_COOP_TASKRUN = 1 << 8;
/** IORING_ENTER_GETEVENTS: io_uring_enter waits for `min_complete` completions. */
export const IORING_ENTER_GETEVENTS = 1 << 0;
/** IORING_REGISTER_FILES: io_uring_register's opcode for the ring's file table. */
export const IORING_REGISTER_FILES = 2;
/** mmap offsets of the ring mapping and of the request array. */
export const IORING_OFF_SQ_RING = 0;
/** The offset that maps the request array. */
export const IORING_OFF_SQES = 0x10000000;

const PROT_READ_WRITE = 0x1 | 0x2;
const MAP_SHARED = 0x01;
const MAP_PRIVATE = 0x02;
const MAP_ANONYMOUS = 0x20;
const MAP_POPULATE = 0x8000;
const EINTR = 4;
const EAGAIN = 11;
const EBUSY = 16;

/** A mapping of native memory with an ArrayBuffer over it and its address as a number. */
export interface Mapping {
  readonly ptr: Pointer;
  readonly address: number;
  readonly length: number;
  readonly buffer: ArrayBuffer;
}

const MAP_FAILED = (1n << 64n) - 1n;

function map(length: number, flags: number, fd: number, offset: number): Mapping | null {
  const mmap = linuxLibc.symbols.mmap;
  if (!mmap) return null;
  const ptr = mmap(null, BigInt(length), PROT_READ_WRITE, flags, fd, BigInt(offset));
  const a = ffi();
  const address = a.address(ptr);
  if (ptr === null || address === MAP_FAILED) return null;
  return { ptr: ptr!, address: Number(address), length, buffer: a.view(ptr!, length) };
}

/** Private zeroed memory the kernel may write into while JavaScript runs (it never moves, unlike a heap buffer). */
export function mapAnonymous(length: number): Mapping | null {
  return map(length, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
}

/** Unmaps what {@link mapAnonymous} or a ring mapped. */
export function unmap(m: Mapping): void {
  linuxLibc.symbols.munmap!(m.ptr, BigInt(m.length));
}

/** A system call; throws where the C library has no `syscall` (then io_uring is not offered). */
function sys(n: number, a = 0, b = 0, c = 0, d = 0, e = 0, f = 0): number {
  const call = linuxLibc.symbols.syscall;
  if (!call) throw new Error("no syscall(2) in this C library");
  return Number(call(BigInt(n), BigInt(a), BigInt(b), BigInt(c), BigInt(d), BigInt(e), BigInt(f)));
}

/** One completion: the request's `user_data` (its low 32 bits) and its result. */
export type Completion = (userData: number, res: number) => void;

/**
 * A ring with a table of `files` direct descriptors, for one thread's use.
 * Requests are written with {@link Ring.prepare} and handed to the kernel by
 * {@link Ring.submit}; {@link Ring.reap} hands completions to a callback.
 */
export class Ring {
  readonly fd: number;
  /** Request slots in the submission ring. */
  readonly entries: number;
  /** Direct descriptors in the ring's file table. */
  readonly files: number;
  readonly #ring: Mapping;
  readonly #sqes: Mapping;
  readonly #u32: Uint32Array;
  readonly #i32: Int32Array;
  readonly #sqe: DataView;
  readonly #sqe32: Uint32Array;
  readonly #sqHead: number;
  readonly #sqTail: number;
  readonly #sqMask: number;
  readonly #cqHead: number;
  readonly #cqTail: number;
  readonly #cqMask: number;
  readonly #cqes: number;
  #tail = 0;
  #unsubmitted = 0;

  private constructor(fd: number, entries: number, files: number, ring: Mapping, sqes: Mapping, p: DataView) {
    this.fd = fd;
    this.entries = entries;
    this.files = files;
    this.#ring = ring;
    this.#sqes = sqes;
    this.#u32 = new Uint32Array(ring.buffer);
    this.#i32 = new Int32Array(ring.buffer);
    this.#sqe = new DataView(sqes.buffer);
    this.#sqe32 = new Uint32Array(sqes.buffer);
    const sq = io_uring_params.offset("sq_off");
    const cq = io_uring_params.offset("cq_off");
    const at = (base: number, s: Struct, f: string) => p.getUint32(base + s.offset(f), true) / 4;
    this.#sqHead = at(sq, io_sqring_offsets, "head");
    this.#sqTail = at(sq, io_sqring_offsets, "tail");
    this.#sqMask = this.#u32[at(sq, io_sqring_offsets, "ring_mask")];
    this.#cqHead = at(cq, io_cqring_offsets, "head");
    this.#cqTail = at(cq, io_cqring_offsets, "tail");
    this.#cqMask = this.#u32[at(cq, io_cqring_offsets, "ring_mask")];
    this.#cqes = at(cq, io_cqring_offsets, "cqes");
    // The index array maps ring positions to request slots: here one to one, once.
    const array = at(sq, io_sqring_offsets, "array");
    for (let i = 0; i < entries; i++) this.#u32[array + i] = i;
    this.#tail = this.#u32[this.#sqTail];
  }

  /**
   * A ring of `entries` requests (a power of two) with `files` direct
   * descriptors, or `null` where the kernel refuses any part of it.
   */
  static open(entries: number, files: number): Ring | null {
    const a = ffi();
    const params = new Uint8Array(io_uring_params.size);
    const pv = new DataView(params.buffer);
    let fd = -1;
    try {
      // Completions are handled when this thread enters the kernel, not by interrupting it (Linux 5.19); older
      // kernels refuse the flag, and get a ring without it.
      for (const flags of [IORING_SETUP_COOP_TASKRUN, 0]) {
        params.fill(0);
        pv.setUint32(io_uring_params.offset("flags"), flags, true);
        fd = sys(SYS_IO_URING.setup, entries, Number(a.address(a.pointerOf(params))));
        if (fd >= 0) break;
      }
    } catch {
      return null; // no syscall symbol to call
    }
    if (fd < 0) return null;
    const features = pv.getUint32(io_uring_params.offset("features"), true);
    const sqEntries = pv.getUint32(io_uring_params.offset("sq_entries"), true);
    const cqEntries = pv.getUint32(io_uring_params.offset("cq_entries"), true);
    const sq = io_uring_params.offset("sq_off");
    const cq = io_uring_params.offset("cq_off");
    const sqSize = pv.getUint32(sq + io_sqring_offsets.offset("array"), true) + sqEntries * 4;
    const cqSize = pv.getUint32(cq + io_cqring_offsets.offset("cqes"), true) + cqEntries * io_uring_cqe.size;
    const close = () => libcClose(fd);
    if ((features & IORING_FEAT_SINGLE_MMAP) === 0 || sqEntries < entries) return close();
    const ring = map(Math.max(sqSize, cqSize), MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQ_RING);
    if (!ring) return close();
    const sqes = map(sqEntries * io_uring_sqe.size, MAP_SHARED | MAP_POPULATE, fd, IORING_OFF_SQES);
    if (!sqes) {
      unmap(ring);
      return close();
    }
    // A table of empty slots (-1): openat fills them directly.
    const table = new Int32Array(files).fill(-1);
    const tableBytes = new Uint8Array(table.buffer);
    if (sys(SYS_IO_URING.register, fd, IORING_REGISTER_FILES, Number(a.address(a.pointerOf(tableBytes))), files) < 0) {
      unmap(sqes);
      unmap(ring);
      return close();
    }
    return new Ring(fd, sqEntries, files, ring, sqes, pv);
  }

  /** Free request slots not yet written. */
  get free(): number {
    return this.entries - (this.#tail - Atomics.load(this.#u32, this.#sqHead));
  }

  /**
   * Writes one request into the next slot (submitted by the next
   * {@link Ring.submit}). `addr` is an address as a number (user space
   * addresses fit in 53 bits); `fileIndex` is a direct descriptor plus one,
   * or 0. Throws RangeError when the ring is full.
   */
  prepare(
    opcode: number,
    flags: number,
    fd: number,
    addr: number,
    len: number,
    opFlags: number,
    userData: number,
    fileIndex = 0,
  ): void {
    if (this.free <= 0) throw new RangeError("io_uring: the submission ring is full");
    const v = this.#sqe;
    const at = ((this.#tail & this.#sqMask) >>> 0) * 64;
    this.#sqe32.fill(0, at / 4, at / 4 + 16);
    v.setUint8(at, opcode);
    v.setUint8(at + 1, flags);
    v.setInt32(at + 4, fd, true);
    v.setUint32(at + 16, addr % 0x1_0000_0000, true);
    v.setUint32(at + 20, Math.floor(addr / 0x1_0000_0000), true);
    v.setUint32(at + 24, len, true);
    v.setUint32(at + 28, opFlags, true);
    v.setUint32(at + 32, userData >>> 0, true);
    v.setUint32(at + 44, fileIndex, true);
    this.#tail = (this.#tail + 1) >>> 0;
    this.#unsubmitted++;
  }

  /**
   * Hands the prepared requests to the kernel and, with `wait`, waits until
   * at least `wait` completions are ready. Throws the errno on failure.
   */
  submit(wait = 0): void {
    Atomics.store(this.#u32, this.#sqTail, this.#tail);
    for (;;) {
      const n = sys(SYS_IO_URING.enter, this.fd, this.#unsubmitted, wait, wait > 0 ? IORING_ENTER_GETEVENTS : 0, 0, 0);
      if (n >= 0) {
        this.#unsubmitted -= n;
        if (this.#unsubmitted === 0) return;
        continue;
      }
      const errno = lastErrno();
      if (errno === EINTR) continue;
      if ((errno === EAGAIN || errno === EBUSY) && this.#unsubmitted > 0) {
        wait = 1; // the kernel is short of room: wait for completions, then go on
        continue;
      }
      throw new Error(`io_uring_enter failed: errno ${errno}`);
    }
  }

  /** Hands every ready completion to `fn` and returns how many there were. */
  reap(fn: Completion): number {
    const u = this.#u32;
    let head = Atomics.load(u, this.#cqHead);
    const tail = Atomics.load(u, this.#cqTail);
    let n = 0;
    while (head !== tail) {
      const at = this.#cqes + ((head & this.#cqMask) >>> 0) * 4;
      fn(u[at], this.#i32[at + 2]);
      head = (head + 1) >>> 0;
      n++;
    }
    if (n > 0) Atomics.store(u, this.#cqHead, head);
    return n;
  }

  /** Closes the ring (its direct descriptors with it). */
  close(): void {
    unmap(this.#sqes);
    unmap(this.#ring);
    libcClose(this.fd);
  }
}

function libcClose(fd: number): null {
  libc.symbols.close(fd);
  return null;
}
