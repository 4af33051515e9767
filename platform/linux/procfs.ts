/**
 * Reading procfs and sysfs: configurable roots (for fixture trees), and one
 * `open`/`read`/`close` per file into a reused buffer, which costs fewer
 * system calls than the runtimes' read-whole-file helpers.
 *
 * @module
 */
import { errnoError, lastOsError } from "../posix/errors.ts";
import { readdirSync, statSync } from "node:fs";
import { addressOf, cString } from "../../ffi/mod.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { linuxLibc } from "../../ffi/linux/libc.ts";
import { kernel_stat, linux_dirent64 } from "../../ffi/linux/structs.ts";
import { SYS } from "../../ffi/linux/syscalls.ts";
import { OsError } from "../../errors.ts";

let procfsPath = "/proc";
let sysfsPath = "/sys";

/**
 * The procfs root (psutil's `PROCFS_PATH`).
 *
 * @example
 * ```ts
 * import { getProcfsPath } from "@x/psutil";
 * console.log(getProcfsPath()); // "/proc"
 * ```
 */
export function getProcfsPath(): string {
  return procfsPath;
}

/**
 * Changes the procfs root, for containers and fixture trees.
 *
 * @example
 * ```ts
 * import { getProcfsPath, pids, setProcfsPath } from "@x/psutil";
 * const before = getProcfsPath();
 * setProcfsPath("/proc"); // a container's view would be "/host/proc"
 * console.log(pids().length);
 * setProcfsPath(before);
 * ```
 */
export function setProcfsPath(path: string): void {
  if (typeof path !== "string" || path === "") throw new TypeError("The procfs path must be a non-empty string");
  procfsPath = path.replace(/\/+$/, "") || "/";
}

/**
 * The sysfs root.
 *
 * @example
 * ```ts
 * import { getSysfsPath } from "@x/psutil";
 * console.log(getSysfsPath()); // "/sys"
 * ```
 */
export function getSysfsPath(): string {
  return sysfsPath;
}

/**
 * Changes the sysfs root, for fixture trees.
 *
 * @example
 * ```ts
 * import { getSysfsPath, sensorsTemperatures, setSysfsPath } from "@x/psutil";
 * const before = getSysfsPath();
 * setSysfsPath("/sys"); // or a fixture tree
 * console.log(Object.keys(sensorsTemperatures()));
 * setSysfsPath(before);
 * ```
 */
export function setSysfsPath(path: string): void {
  if (typeof path !== "string" || path === "") throw new TypeError("The sysfs path must be a non-empty string");
  sysfsPath = path.replace(/\/+$/, "") || "/";
}

const O_RDONLY = 0;
const O_CLOEXEC = 0o2000000;

let buffer = new Uint8Array(64 * 1024);

// The C string of the path being opened, encoded in place: a procfs read is
// a few microseconds, and a fresh buffer per path is a measurable part of it.
const pathBuffer = new Uint8Array(4096);
const pathEncoder = new TextEncoder();

/** `path` as a NUL-terminated C string in the shared path buffer (a new one when it does not fit). */
function pathCString(path: string): Uint8Array {
  if (path.length * 3 < pathBuffer.length && !path.includes("\0")) {
    const { written } = pathEncoder.encodeInto(path, pathBuffer);
    pathBuffer[written] = 0;
    return pathBuffer;
  }
  return cString(path);
}

/**
 * Reads a whole file and hands its bytes to `parse` while they are still in
 * the shared buffer (valid only during the call). Throws {@link OsError} with
 * the errno of `open` or `read`.
 */
export function withFileBytes<T>(
  path: string,
  parse: (bytes: Uint8Array) => T,
  whole = false,
  pathBytes?: Uint8Array,
): T {
  const c = libc.symbols;
  const fd = c.open(pathBytes ?? pathCString(path), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw lastOsError("open", path);
  }
  let len = 0;
  try {
    for (;;) {
      if (len === buffer.length) {
        const bigger = new Uint8Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      // A BigInt for size_t: Deno makes its fast call only then (a number costs about 0.13 µs more a call).
      const n = Number(c.read(fd, len === 0 ? buffer : buffer.subarray(len), BigInt(buffer.length - len)));
      if (n < 0) {
        const errno = lastErrno();
        if (errno === Errno.EINTR) continue;
        throw errnoError(errno, "read", path);
      }
      if (n === 0) break;
      len += n;
      // A file the kernel writes whole on each read (single_open: stat,
      // statm, status) is at its end after a short read: skip the EOF read.
      if (whole && len < buffer.length) break;
    }
  } finally {
    c.close(fd);
  }
  return parse(buffer.subarray(0, len));
}

const utf8 = new TextDecoder("utf-8");

/** A whole file as text (UTF-8, invalid bytes replaced). */
export function readText(path: string): string {
  return withFileBytes(path, (b) => utf8.decode(b));
}

/** A file under the procfs root: `readProc("stat")`, `readProc("1/status")`. */
export function readProc(rel: string): string {
  return readText(`${procfsPath}/${rel}`);
}

/**
 * Reads a procfs file that the kernel produces whole on every read (a
 * `single_open` seq file: `stat`, `statm`, `status`, `io`, `loadavg`,
 * `meminfo`): one read, no second read to see the end.
 */
export function readProcWhole(rel: string): string {
  return withFileBytes(`${procfsPath}/${rel}`, (b) => utf8.decode(b), true);
}

/** A procfs path, ready for {@link readPath}: its text and its C string. */
export interface ProcPath {
  /** The path, for messages. */
  text: string;
  /** NUL-terminated UTF-8. */
  bytes: Uint8Array;
  /** Whether the kernel writes the file whole on each read. */
  whole: boolean;
}

/** Prepares `/proc/<rel>` for repeated reads (the C string is built once). */
export function procPath(rel: string, whole: boolean): ProcPath {
  const text = `${procfsPath}/${rel}`;
  return { text, bytes: cString(text), whole };
}

/** Reads a prepared path as text. */
export function readPath(p: ProcPath): string {
  return withFileBytes(p.text, (b) => utf8.decode(b), p.whole, p.bytes);
}

/** A file under the sysfs root, or `null` when it cannot be read. */
export function readSysOrNull(rel: string): string | null {
  try {
    return readText(`${sysfsPath}/${rel}`);
  } catch {
    return null;
  }
}

/** The names in a directory; an empty list when it cannot be read. */
export function listDir(path: string): string[] {
  try {
    return readDir(path);
  } catch {
    return [];
  }
}

/** The error for a procfs file (or kernel answer) whose content is not in the kernel's format: `EINVAL`. */
export function malformed(path: string, what: string): OsError {
  return new OsError(Errno.EINVAL, "EINVAL", "parse", path, `malformed: ${what}`);
}

/** Whether an OS error means "no such file" (the object is gone). */
export function isMissing(e: unknown): boolean {
  return e instanceof OsError && (e.errno === Errno.ENOENT || e.errno === Errno.ESRCH);
}

/** Whether an OS error means "not allowed". */
export function isDenied(e: unknown): boolean {
  return e instanceof OsError && (e.errno === Errno.EPERM || e.errno === Errno.EACCES);
}

/** A Node-style file system error (its `code`) as an `OsError`. */
function nodeError(e: unknown, syscall: string, path: string): unknown {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string") return e;
  const errno = (Errno as unknown as Record<string, number>)[code];
  return errno === undefined ? e : new OsError(errno, code, syscall, path);
}

let linkBuf = new Uint8Array(4096);

/**
 * `readlink(2)` of `path`, the target decoded as UTF-8 with invalid bytes
 * replaced by U+FFFD (a name that is not UTF-8 must not make a read fail);
 * failures as `OsError` (`ENAMETOOLONG` for a target past PATH_MAX).
 */
export function readLink(path: string): string {
  const c = libc.symbols;
  for (;;) {
    const n = Number(c.readlink(pathCString(path), linkBuf, BigInt(linkBuf.length)));
    if (n < 0) {
      throw lastOsError("readlink", path);
    }
    if (n < linkBuf.length) return utf8.decode(linkBuf.subarray(0, n));
    linkBuf = new Uint8Array(linkBuf.length * 2); // maybe cut: read again with room to spare
  }
}

const NAME_OFFSET = linux_dirent64.size;
const RECLEN = linux_dirent64.offset("d_reclen");
let dirBuf = new Uint8Array(32 * 1024);
/** `dirBuf`'s address: its memory lives outside the JavaScript heap (it is far above V8's 64-byte on-heap limit) and never moves. */
let dirAddr: bigint | null = null;
const GETDENTS64 = BigInt(SYS.getdents64);

/**
 * Calls `visit(buffer, offset)` for every `linux_dirent64` record of
 * directory `path`, read with `getdents64(2)` straight into a reused buffer:
 * one or two system calls and no string per entry, and no runtime file
 * system call (Deno would ask for `--allow-read`, or for `-A` under /proc
 * and /sys). `false` where the syscall is unavailable.
 */
function scanDir(path: string, visit: (b: Uint8Array, off: number) => void): boolean {
  const c = libc.symbols;
  const sys = linuxLibc.symbols.syscall;
  if (!sys) return false;
  const fd = c.open(pathCString(path), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    throw lastOsError("open", path);
  }
  try {
    for (;;) {
      dirAddr ??= BigInt(addressOf(dirBuf));
      const n = Number(sys(GETDENTS64, BigInt(fd), dirAddr, BigInt(dirBuf.length), 0n, 0n, 0n));
      if (n < 0) {
        const errno = lastErrno();
        if (errno === Errno.EINVAL) { // buffer too small for one entry
          dirBuf = new Uint8Array(dirBuf.length * 2);
          dirAddr = null;
          continue;
        }
        throw errnoError(errno, "getdents64", path);
      }
      if (n === 0) return true;
      const b = dirBuf;
      for (let off = 0; off < n; off += b[off + RECLEN] | (b[off + RECLEN + 1] << 8)) visit(b, off);
    }
  } finally {
    c.close(fd);
  }
}

/**
 * The entries of `path` whose names are decimal numbers (the pids of a
 * procfs root, the tids of `task/`). Unsorted.
 */
export function numericEntries(path: string): number[] {
  const out: number[] = [];
  const done = scanDir(path, (b, off) => {
    let v = 0, i = off + NAME_OFFSET, digits = 0;
    for (let ch = b[i]; ch >= 48 && ch <= 57; ch = b[++i]) {
      v = v * 10 + ch - 48;
      digits++;
    }
    if (digits > 0 && b[i] === 0) out.push(v);
  });
  return done ? out : nodeReadDir(path).filter((e) => /^\d+$/.test(e)).map(Number);
}

/** The names in directory `path` but `.` and `..`, unsorted; failures as `OsError`. */
export function readDir(path: string): string[] {
  const out: string[] = [];
  const done = scanDir(path, (b, off) => {
    const start = off + NAME_OFFSET;
    const end = b.indexOf(0, start);
    if (b[start] === 46 && (end === start + 1 || (end === start + 2 && b[start + 1] === 46))) return; // "." and ".."
    out.push(utf8.decode(b.subarray(start, end)));
  });
  return done ? out : nodeReadDir(path);
}

function nodeReadDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (e) {
    throw nodeError(e, "readdir", path);
  }
}

/** Whether `path` exists (`access(2)` with `F_OK`, which follows links). */
export function exists(path: string): boolean {
  return libc.symbols.access(pathCString(path), 0) === 0;
}

/** What the library reads of a file's `stat`: its device, device number (for a device file) and type. */
export interface FileStat {
  /** The device it lives on (`st_dev`, encoded as `tty_nr` and glibc's `makedev` encode it). */
  dev: number;
  /** The device it is (`st_rdev`), 0 for other files. */
  rdev: number;
  /** Whether it is a regular file. */
  isFile: boolean;
}

const statBuf = allocStruct(kernel_stat);
// The addresses of the shared path and stat buffers, taken once: both live outside the JavaScript
// heap (past V8's 64-byte on-heap limit) and never move.
let pathAddr: bigint | null = null;
let statAddr: bigint | null = null;
const NEWFSTATAT = BigInt(SYS.newfstatat);
const AT_FDCWD = -100n;
const S_IFMT = 0o170000;
const S_IFREG = 0o100000;

/** `stat(2)` of `path` (following links), through `newfstatat`; failures as `OsError`. */
export function statPath(path: string): FileStat {
  const sys = linuxLibc.symbols.syscall;
  if (!sys) {
    try {
      const st = statSync(path);
      return { dev: st.dev, rdev: st.rdev, isFile: st.isFile() };
    } catch (e) {
      throw nodeError(e, "stat", path);
    }
  }
  const p = pathCString(path);
  pathAddr ??= BigInt(addressOf(pathBuffer));
  statAddr ??= BigInt(addressOf(statBuf.buf));
  const r = Number(sys(NEWFSTATAT, AT_FDCWD, p === pathBuffer ? pathAddr : BigInt(addressOf(p)), statAddr, 0n, 0n, 0n));
  if (r < 0) throw lastOsError("stat", path);
  const v = statBuf.view;
  return {
    dev: Number(v.getBigUint64(kernel_stat.offset("st_dev"), true)),
    rdev: Number(v.getBigUint64(kernel_stat.offset("st_rdev"), true)),
    isFile: (v.getUint32(kernel_stat.offset("st_mode"), true) & S_IFMT) === S_IFREG,
  };
}
