/**
 * What the Windows backend's files share: FILETIME conversion, opening a
 * device with no access rights, the grow-until-it-fits
 * NtQuerySystemInformation, and UTF-16 string lists.
 *
 * @module
 */
import { dwordOut, ffi, type Pointer } from "../../ffi/mod.ts";
import { kernel32, ntdll, readWstr, wstr } from "../../ffi/windows/libs.ts";
import { ntstatusError } from "./errors.ts";

/** FILETIME ticks per second (100 ns units). */
export const HUNDRED_NS = 1e7;

/** Seconds from the FILETIME epoch (1601-01-01) to the Unix epoch. */
export const FILETIME_UNIX_EPOCH = 11644473600;

/** A FILETIME (two little-endian DWORDs) in `buf` at `off`, in seconds. */
export function filetimeSeconds(buf: Uint8Array, off = 0): number {
  const v = new DataView(buf.buffer, buf.byteOffset);
  return (v.getUint32(off, true) + v.getUint32(off + 4, true) * 2 ** 32) / HUNDRED_NS;
}

const FILE_SHARE_READ_WRITE = 0x1 | 0x2;
const OPEN_EXISTING = 3;
const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;
const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;

/**
 * Opens an existing file or device with no access rights (enough to ask it
 * for its type, counters or identity), sharing read and write; `null` when
 * it cannot be opened. Close it with CloseHandle.
 */
export function openExisting(path: string): Pointer | null {
  const handle = kernel32.symbols.CreateFileW(wstr(path), 0, FILE_SHARE_READ_WRITE, null, OPEN_EXISTING, 0, null);
  return handle === INVALID_HANDLE_VALUE ? null : ffi().fromAddress(handle);
}

/**
 * NtQuerySystemInformation for a class whose size is not known in advance
 * (processes, handles): starts with `initial` bytes and grows the buffer
 * until the answer fits; the answer can grow between two calls, so each
 * retry asks for more than the size the kernel gave.
 */
export function querySystemInformation(infoClass: number, initial: number, what: string): Uint8Array {
  let buf = new Uint8Array(initial);
  const ret = new Uint8Array(4);
  for (;;) {
    const status = ntdll.symbols.NtQuerySystemInformation(infoClass, buf, buf.length, ret) >>> 0;
    if (status === 0) return buf;
    if (status !== STATUS_INFO_LENGTH_MISMATCH || buf.length >= 1 << 30) {
      throw ntstatusError(status, `NtQuerySystemInformation(${what})`);
    }
    buf = new Uint8Array(Math.max(buf.length * 2, dwordOut(ret) + (1 << 16)));
  }
}

/** Splits a double-NUL-terminated list of UTF-16 strings of `n` characters. */
export function readWstrList(buf: Uint8Array, n: number): string[] {
  const out: string[] = [];
  for (let off = 0; off < n * 2;) {
    const s = readWstr(buf, off);
    if (s === "") break;
    out.push(s);
    off += (s.length + 1) * 2;
  }
  return out;
}
