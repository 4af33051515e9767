/**
 * Linux memory: `/proc/meminfo`, `/proc/zoneinfo` (when `MemAvailable` is
 * missing), `/proc/vmstat`.
 *
 * @module
 */
import { usagePercent } from "../common.ts";
import type { SwapMemory, VirtualMemory } from "../../types.ts";
import { pageSize } from "../posix/sysconf.ts";
import { readProc, readProcWhole } from "./procfs.ts";

/** `/proc/meminfo` as a map of field name to bytes (the `kB` unit applied). */
export function parseMeminfo(text: string): Map<string, number> {
  const out = new Map<string, number>();
  for (const line of text.split("\n")) {
    const m = /^([^:\s]+)\s*:\s*(\d+)\s*(kB)?/.exec(line);
    if (m) out.set(m[1], Number(m[2]) * (m[3] ? 1024 : 1));
  }
  return out;
}

export { usagePercent } from "../common.ts";

/**
 * The fallback for kernels without `MemAvailable` (before 3.14), as the
 * kernel computes it: free memory plus the reclaimable page cache and slab,
 * minus the zones' low watermarks (from `/proc/zoneinfo`, in pages).
 */
export function estimateAvailable(mems: Map<string, number>, zoneinfo: string, page: number): number {
  let lowMark = 0;
  for (const line of zoneinfo.split("\n")) {
    const m = /^\s*low\s+(\d+)/.exec(line);
    if (m) lowMark += Number(m[1]);
  }
  lowMark *= page;
  const free = mems.get("MemFree") ?? 0;
  const activeFile = mems.get("Active(file)") ?? 0;
  const inactiveFile = mems.get("Inactive(file)") ?? 0;
  const reclaimable = mems.get("SReclaimable") ?? 0;
  let avail = free - lowMark;
  const pageCache = activeFile + inactiveFile;
  avail += pageCache - Math.min(pageCache / 2, lowMark);
  avail += reclaimable - Math.min(reclaimable / 2, lowMark);
  return Math.trunc(avail);
}

/** Builds {@link VirtualMemory} from parsed meminfo, with psutil 5.9's formulas. */
export function virtualMemoryFrom(mems: Map<string, number>, zoneinfo: () => string | null): VirtualMemory {
  const total = mems.get("MemTotal") ?? 0;
  const free = mems.get("MemFree") ?? 0;
  const buffers = mems.get("Buffers") ?? 0;
  // "Cached" leaves out reclaimable slab, which `free` counts as cache.
  const cached = (mems.get("Cached") ?? 0) + (mems.get("SReclaimable") ?? 0);
  const shared = mems.get("Shmem") ?? mems.get("MemShared") ?? 0;
  const active = mems.get("Active") ?? 0;
  const inactive = mems.get("Inactive") ?? mems.get("Inact_dirty") ?? 0;
  const slab = mems.get("Slab") ?? 0;
  let used = total - free - cached - buffers;
  if (used < 0) used = total - free;
  let available = mems.get("MemAvailable");
  if (available === undefined) {
    const z = zoneinfo();
    available = z === null ? free + cached : estimateAvailable(mems, z, pageSize());
  }
  if (available > total || available < 0) available = free;
  return {
    total,
    available,
    percent: usagePercent(total - available, total),
    used,
    free,
    active,
    inactive,
    buffers,
    cached,
    shared,
    slab,
  };
}

/** Physical memory. */
export function virtualMemory(): VirtualMemory {
  return virtualMemoryFrom(parseMeminfo(readProcWhole("meminfo")), () => {
    try {
      return readProc("zoneinfo");
    } catch {
      return null;
    }
  });
}

/** `pswpin` and `pswpout` of `/proc/vmstat` (pages), `null` when absent. */
export function parseVmstatSwap(text: string): { pswpin: number; pswpout: number } | null {
  let pswpin: number | null = null;
  let pswpout: number | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("pswpin ")) pswpin = Number(line.slice(7));
    else if (line.startsWith("pswpout ")) pswpout = Number(line.slice(8));
  }
  return pswpin === null || pswpout === null ? null : { pswpin, pswpout };
}

/** Swap: `SwapTotal`/`SwapFree` and the swap-in/out page counts. */
export function swapMemory(): SwapMemory {
  const mems = parseMeminfo(readProcWhole("meminfo"));
  const total = mems.get("SwapTotal") ?? 0;
  const free = mems.get("SwapFree") ?? 0;
  const used = total - free;
  let sin = 0;
  let sout = 0;
  try {
    const v = parseVmstatSwap(readProc("vmstat"));
    if (v) {
      sin = v.pswpin * pageSize();
      sout = v.pswpout * pageSize();
    }
  } catch { /* no vmstat (old kernels, some containers): psutil reports 0 */ }
  return { total, used, free, percent: usagePercent(used, total), sin, sout };
}
