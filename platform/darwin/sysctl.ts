/**
 * sysctl and Mach host calls for the macOS backend: size negotiation,
 * integer answers of either width, the host port released after each use,
 * and kern_return_t failures as errors.
 *
 * @module
 */
import { cString, ffi } from "../../ffi/mod.ts";
import { libSystem, MACH } from "../../ffi/darwin/libsystem.ts";
import type { Struct } from "../../ffi/struct.ts";
import { OsError } from "../../errors.ts";
import { errnoError, lastOsError } from "../posix/errors.ts";
import { POSIX_ABI } from "../../ffi/abi.ts";

/** Names of the kern_return_t values (mach/kern_return.h) a host call may give. */
export const KERN_NAMES: Record<number, string> = {
  1: "KERN_INVALID_ADDRESS",
  2: "KERN_PROTECTION_FAILURE",
  3: "KERN_NO_SPACE",
  4: "KERN_INVALID_ARGUMENT",
  5: "KERN_FAILURE",
  6: "KERN_RESOURCE_SHORTAGE",
};

/** A failed Mach call as an `OsError` (`errno` holds the kern_return_t). */
export function machError(call: string, kr: number): OsError {
  return new OsError(kr, KERN_NAMES[kr] ?? `kern_return_t ${kr}`, call);
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
  return negotiate((buf, lenp) => libSystem.symbols.sysctlbyname(cname, buf, lenp, null, 0), "sysctlbyname", name);
}

/**
 * The bytes the sysctl of MIB `mib` answers (see {@link negotiate}); `what`
 * names it in errors; `size`, when given, is the buffer to use first.
 */
export function sysctlMib(mib: readonly number[], what: string, size?: number): Uint8Array {
  const m = new Uint8Array(Int32Array.from(mib).buffer);
  return negotiate((buf, lenp) => libSystem.symbols.sysctl(m, mib.length, buf, lenp, null, 0), "sysctl", what, size);
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

let taskSelf: number | undefined;

/** `mach_task_self()`: the global `mach_task_self_`, found with dlsym (the macro reads it; Bun reads no statics). */
export function machTaskSelf(): number {
  if (taskSelf === undefined) {
    const a = ffi();
    const p = libSystem.symbols.dlsym(MACH.RTLD_DEFAULT, cString("mach_task_self_"));
    if (p === null) throw new OsError(0, "ENOENT", "dlsym", "mach_task_self_");
    taskSelf = a.int32At(p, 0) >>> 0;
  }
  return taskSelf;
}

/** Runs `fn` with a send right to the host port, deallocated after (each `mach_host_self()` makes a new one). */
export function withHost<T>(fn: (host: number) => T): T {
  const s = libSystem.symbols;
  const host = s.mach_host_self();
  try {
    return fn(host);
  } finally {
    s.mach_port_deallocate(machTaskSelf(), host);
  }
}

/** `host_statistics(flavor)` into a struct of `count` 32-bit words. */
export function hostStatistics(flavor: number, count: number, s: Struct): DataView {
  const buf = new Uint8Array(s.size);
  const cnt = new Uint32Array([count]);
  const kr = withHost((host) => libSystem.symbols.host_statistics(host, flavor, buf, new Uint8Array(cnt.buffer)));
  if (kr !== MACH.KERN_SUCCESS) throw machError("host_statistics", kr);
  if (cnt[0] * 4 > s.size) throw machError("host_statistics", 5);
  return new DataView(buf.buffer);
}

/**
 * `host_processor_info(flavor)`: a copy of the out-of-line array of `s` per
 * CPU, the array given back to the kernel with `vm_deallocate`.
 */
export function hostProcessorInfo(flavor: number, s: Struct): DataView[] {
  const sym = libSystem.symbols;
  const a = ffi();
  const cpus = new Uint32Array(1);
  const info = new BigUint64Array(1);
  const infoCount = new Uint32Array(1);
  const kr = withHost((host) =>
    sym.host_processor_info(
      host,
      flavor,
      new Uint8Array(cpus.buffer),
      new Uint8Array(info.buffer),
      new Uint8Array(infoCount.buffer),
    )
  );
  if (kr !== MACH.KERN_SUCCESS) throw machError("host_processor_info", kr);
  const ptr = a.fromAddress(info[0]);
  if (ptr === null) return [];
  try {
    const bytes = Math.min(cpus[0] * s.size, infoCount[0] * 4);
    const copy = a.copy(ptr, 0, bytes);
    const out: DataView[] = [];
    for (let off = 0; off + s.size <= bytes; off += s.size) {
      out.push(new DataView(copy.buffer, copy.byteOffset + off, s.size));
    }
    return out;
  } finally {
    sym.vm_deallocate(machTaskSelf(), info[0], BigInt(infoCount[0]) * 4n);
  }
}
