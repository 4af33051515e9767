/**
 * Mach host calls for the macOS backend: the host port released after each
 * use, out-of-line arrays given back, kern_return_t failures as errors; and
 * the BSD sysctl helpers (platform/posix/sysctl.ts) the backend reads with.
 *
 * @module
 */
import { cString, ffi } from "../../ffi/mod.ts";
import { libSystem, MACH } from "../../ffi/darwin/libsystem.ts";
import type { Struct } from "../../ffi/struct.ts";
import { OsError } from "../../errors.ts";

export { sysctlBytes, sysctlInt, sysctlMib, sysctlStruct } from "../posix/sysctl.ts";

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
