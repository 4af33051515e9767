/**
 * macOS memory: `hw.memsize`, the Mach host's page counts
 * (`host_statistics(HOST_VM_INFO)`) and `vm.swapusage`, combined as psutil
 * 5.9 does.
 *
 * @module
 */
import type { SwapMemory, VirtualMemory } from "../../types.ts";
import { MACH } from "../../ffi/darwin/libsystem.ts";
import { vm_statistics, xsw_usage } from "../../ffi/darwin/structs.ts";
import { usagePercent } from "../common.ts";
import { hostStatistics, sysctlInt, sysctlStruct } from "./sysctl.ts";
import { pageSize } from "../posix/bsd_process.ts";

/** The page counts in bytes. */
function vmPages(): (field: string) => number {
  const page = pageSize();
  const v = hostStatistics(MACH.HOST_VM_INFO, MACH.HOST_VM_INFO_COUNT, vm_statistics);
  return (field) => vm_statistics.num(v, field) * page;
}

/**
 * Physical memory as psutil reports it on macOS: available is inactive plus
 * free pages, used is active plus wired, and free leaves out the
 * speculative pages (as `vm_stat` counts them apart).
 */
export function virtualMemory(): VirtualMemory {
  const total = sysctlInt("hw.memsize");
  const pages = vmPages();
  const free = pages("free_count");
  const active = pages("active_count");
  const inactive = pages("inactive_count");
  const wired = pages("wire_count");
  const available = inactive + free;
  return {
    total,
    available,
    percent: usagePercent(total - available, total),
    used: active + wired,
    free: free - pages("speculative_count"),
    active,
    inactive,
    wired,
  };
}

/** Swap: `vm.swapusage`, with the pages paged in and out (in bytes) as `sin` and `sout`. */
export function swapMemory(): SwapMemory {
  const v = sysctlStruct("vm.swapusage", xsw_usage);
  const total = xsw_usage.num(v, "xsu_total");
  const used = xsw_usage.num(v, "xsu_used");
  const pages = vmPages();
  return {
    total,
    used,
    free: xsw_usage.num(v, "xsu_avail"),
    percent: usagePercent(used, total),
    sin: pages("pageins"),
    sout: pages("pageouts"),
  };
}
