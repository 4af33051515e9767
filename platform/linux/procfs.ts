/**
 * Reading procfs and sysfs: configurable roots (for fixture trees), and one
 * `open`/`read`/`close` per file into a reused buffer, which costs fewer
 * system calls than the runtimes' read-whole-file helpers.
 *
 * @module
 */
import { readdirSync, readlinkSync } from "node:fs";
import { cString } from "../../ffi/mod.ts";
import { Errno, errnoName } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { OsError } from "../../errors.ts";

let procfsPath = "/proc";
let sysfsPath = "/sys";

/** The procfs root (psutil's `PROCFS_PATH`). */
export function getProcfsPath(): string {
  return procfsPath;
}

/** Changes the procfs root, for containers and fixture trees. */
export function setProcfsPath(path: string): void {
  if (typeof path !== "string" || path === "") throw new TypeError("The procfs path must be a non-empty string");
  procfsPath = path.replace(/\/+$/, "") || "/";
}

/** The sysfs root. */
export function getSysfsPath(): string {
  return sysfsPath;
}

/** Changes the sysfs root, for fixture trees. */
export function setSysfsPath(path: string): void {
  if (typeof path !== "string" || path === "") throw new TypeError("The sysfs path must be a non-empty string");
  sysfsPath = path.replace(/\/+$/, "") || "/";
}

const O_RDONLY = 0;
const O_CLOEXEC = 0o2000000;

let buffer = new Uint8Array(64 * 1024);

/**
 * Reads a whole file and hands its bytes to `parse` while they are still in
 * the shared buffer (valid only during the call). Throws {@link OsError} with
 * the errno of `open` or `read`.
 */
export function withFileBytes<T>(path: string, parse: (bytes: Uint8Array) => T): T {
  const c = libc.symbols;
  const fd = c.open(cString(path), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const errno = lastErrno();
    throw new OsError(errno, errnoName(errno), "open", path);
  }
  let len = 0;
  try {
    for (;;) {
      if (len === buffer.length) {
        const bigger = new Uint8Array(buffer.length * 2);
        bigger.set(buffer);
        buffer = bigger;
      }
      const n = Number(c.read(fd, buffer.subarray(len), BigInt(buffer.length - len)));
      if (n < 0) {
        const errno = lastErrno();
        if (errno === Errno.EINTR) continue;
        throw new OsError(errno, errnoName(errno), "read", path);
      }
      if (n === 0) break;
      len += n;
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

/** A whole file as a copy of its bytes. */
export function readBytes(path: string): Uint8Array {
  return withFileBytes(path, (b) => b.slice());
}

/** A file under the procfs root: `readProc("stat")`, `readProc("1/status")`. */
export function readProc(rel: string): string {
  return readText(`${procfsPath}/${rel}`);
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
    return readdirSync(path);
  } catch {
    return [];
  }
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
  const errno = (Errno as Record<string, number>)[code];
  return errno === undefined ? e : new OsError(errno, code, syscall, path);
}

/** `readlink(path)`; failures as `OsError`. */
export function readLink(path: string): string {
  try {
    return readlinkSync(path);
  } catch (e) {
    throw nodeError(e, "readlink", path);
  }
}

/** The entries of a directory; failures as `OsError` (unlike {@link listDir}). */
export function readDir(path: string): string[] {
  try {
    return readdirSync(path);
  } catch (e) {
    throw nodeError(e, "readdir", path);
  }
}
