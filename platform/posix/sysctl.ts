/**
 * sysctl on the BSDs (macOS, FreeBSD), through the C library's `sysctl` and
 * `sysctlbyname`: the size asked first, values that grow between the size
 * query and the read asked again (bounded), only the returned length kept,
 * integers of either width.
 *
 * @module
 */
import { cString } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import type { Struct } from "../../ffi/struct.ts";
import { OsError } from "../../errors.ts";
import { errnoError, lastOsError } from "./errors.ts";
import { POSIX_ABI } from "../../ffi/abi.ts";

/** The C library's sysctl calls; only the BSDs have them. */
function sysctlSymbols() {
  const { sysctl, sysctlbyname } = libc.symbols;
  if (!sysctl || !sysctlbyname) throw new Error("This C library has no sysctl");
  return { sysctl, sysctlbyname };
}

/** How many times a value that grew between the size query and the read is asked again. */
const GROW_RETRIES = 8;

/**
 * The bytes a sysctl call answers (`call(buf, lenp)` with `lenp` a `size_t`):
 * the size asked first (NULL buffer) unless `size` is given, then the value
 * into a buffer with room to spare, again while it keeps growing (ENOMEM), at
 * most {@link GROW_RETRIES} times; only the returned length is kept.
 */
function negotiate(
  call: (buf: Uint8Array | null, lenp: Uint8Array) => number,
  syscall: string,
  what: string,
  size?: number,
): Uint8Array {
  const len = new BigUint64Array(1);
  const lenBytes = new Uint8Array(len.buffer);
  let want = size;
  for (let attempt = 0; attempt <= GROW_RETRIES; attempt++) {
    if (want === undefined) {
      len[0] = 0n;
      if (call(null, lenBytes) !== 0) throw lastOsError(syscall, what);
      want = Number(len[0]);
      want += (want >> 3) + 64;
    }
    const buf = new Uint8Array(want);
    len[0] = BigInt(buf.length);
    if (call(buf, lenBytes) === 0) return buf.subarray(0, Number(len[0]));
    const e = lastOsError(syscall, what);
    if (e.errno !== POSIX_ABI.errno.ENOMEM) throw e;
    want = undefined;
  }
  throw errnoError(POSIX_ABI.errno.ENOMEM, syscall, what);
}

/** The bytes sysctl `name` answers (see {@link negotiate}). */
export function sysctlBytes(name: string): Uint8Array {
  const cname = cString(name);
  const { sysctlbyname } = sysctlSymbols();
  return negotiate((buf, lenp) => sysctlbyname(cname, buf, lenp, null, 0), "sysctlbyname", name);
}

/**
 * The bytes the sysctl of MIB `mib` answers (see {@link negotiate}); `what`
 * names it in errors; `size`, when given, is the buffer to use first.
 */
export function sysctlMib(mib: readonly number[], what: string, size?: number): Uint8Array {
  const m = new Uint8Array(Int32Array.from(mib).buffer);
  const { sysctl } = sysctlSymbols();
  return negotiate((buf, lenp) => sysctl(m, mib.length, buf, lenp, null, 0), "sysctl", what, size);
}

/** The integer sysctl `name` answers, 32- or 64-bit as the kernel gives it (as a number; exact below 2^53). */
export function sysctlInt(name: string): number {
  const b = sysctlBytes(name);
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  if (b.length === 4) return v.getInt32(0, true);
  if (b.length === 8) return Number(v.getBigInt64(0, true));
  throw new OsError(POSIX_ABI.errno.EINVAL, "EINVAL", "sysctlbyname", name, `${b.length} bytes for an integer`);
}

/** The struct sysctl `name` answers, checked to be exactly `s.size` bytes (a view over it). */
export function sysctlStruct(name: string, s: Struct): DataView {
  const b = sysctlBytes(name);
  if (b.length !== s.size) {
    throw new OsError(POSIX_ABI.errno.EINVAL, "EINVAL", "sysctlbyname", name, `${b.length} bytes for ${s.name}`);
  }
  return new DataView(b.buffer, b.byteOffset, b.byteLength);
}
