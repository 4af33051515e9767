/**
 * FreeBSD memory: `hw.physmem`, the page counts of `vm.stats.vm`,
 * `vfs.bufspace` and `vm.vmtotal`, combined as psutil 5.9 does; swap from
 * libkvm's `kvm_getswapinfo`.
 *
 * @module
 */
import type { SwapMemory, VirtualMemory } from "../../types.ts";
import { cString } from "../../ffi/mod.ts";
import { libkvm } from "../../ffi/freebsd/libc.ts";
import { kvm_swap, vmtotal } from "../../ffi/freebsd/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { usagePercent } from "../common.ts";
import { sysctlInt, sysctlStruct } from "../posix/sysctl.ts";
import { pageSize } from "../posix/bsd_process.ts";

/** A page count of `vm.stats.vm` in bytes; `missing` where this FreeBSD has no such counter (v_cache_count since 12). */
function pages(name: string, page: number, missing?: number): number {
  try {
    return sysctlInt(`vm.stats.vm.${name}`) * page;
  } catch (e) {
    if (missing !== undefined && e instanceof OsError && e.errno === Errno.ENOENT) return missing;
    throw e;
  }
}

/**
 * Physical memory as psutil reports it on FreeBSD: available is inactive,
 * cached and free pages; used is active, wired and cached; shared is the
 * shared virtual and real memory of `vm.vmtotal`.
 */
export function virtualMemory(): VirtualMemory {
  const page = pageSize();
  const total = sysctlInt("hw.physmem");
  const free = pages("v_free_count", page);
  const active = pages("v_active_count", page);
  const inactive = pages("v_inactive_count", page);
  const wired = pages("v_wire_count", page);
  const cached = pages("v_cache_count", page, 0);
  const t = sysctlStruct("vm.vmtotal", vmtotal);
  const available = inactive + cached + free;
  return {
    total,
    available,
    percent: usagePercent(total - available, total),
    used: active + wired + cached,
    free,
    active,
    inactive,
    buffers: sysctlInt("vfs.bufspace"),
    cached,
    shared: (vmtotal.num(t, "t_vmshr") + vmtotal.num(t, "t_rmshr")) * page,
    wired,
  };
}

/**
 * Swap: the total of every device from `kvm_getswapinfo` (asked for one
 * entry, it gives the sum), in bytes; `sin` and `sout` are the pages swapped
 * in and out (`v_swappgsin`, `v_swappgsout`), in bytes.
 */
export function swapMemory(): SwapMemory {
  const k = libkvm.symbols;
  const page = pageSize();
  const kd = k.kvm_open(null, cString("/dev/null"), null, 0, /* O_RDONLY */ cString("kvm_open"));
  if (kd === null) throw new OsError(Errno.EINVAL, "EINVAL", "kvm_open", "/dev/null");
  const sw = allocStruct(kvm_swap);
  try {
    if (k.kvm_getswapinfo(kd, sw.buf, 1, 0) < 0) throw new OsError(Errno.EINVAL, "EINVAL", "kvm_getswapinfo");
  } finally {
    k.kvm_close(kd);
  }
  const total = kvm_swap.num(sw.view, "ksw_total") * page;
  const used = kvm_swap.num(sw.view, "ksw_used") * page;
  return {
    total,
    used,
    free: total - used,
    percent: usagePercent(used, total),
    sin: pages("v_swappgsin", page),
    sout: pages("v_swappgsout", page),
  };
}
