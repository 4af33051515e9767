/**
 * Linux memory: `/proc/meminfo` (sysinfo(2) when it cannot be read),
 * `/proc/sys/vm/min_free_kbytes` or `/proc/zoneinfo` (when `MemAvailable` is
 * missing), `/proc/vmstat`.
 *
 * @module
 */
import { lastOsError } from "../posix/errors.ts";
import { usagePercent } from "../common.ts";
import type { SwapMemory, VirtualMemory } from "../../types.ts";
import { pageSize } from "../posix/sysconf.ts";
import { getProcfsPath, readProc, withFileBytes } from "./procfs.ts";
import { asciiNumber, decimal, internedText, type InternedTexts } from "./parsers.ts";
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { linuxLibc } from "../../ffi/linux/libc.ts";
import { sysinfo } from "../../ffi/linux/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";

/** `/proc/meminfo` as a map of field name to bytes (the `kB` unit applied). */
export function parseMeminfo(text: string): Map<string, number> {
  return parseMeminfoBytes(new TextEncoder().encode(text));
}

/** Field names met before: no string made per line. */
const meminfoKeys: InternedTexts = new Map();

/**
 * {@link parseMeminfo} on the file's bytes, in one pass: a line is a name
 * (no blank, carriage return or colon in it), optional blanks, a colon, blanks, digits and
 * an optional `kB`; other lines are left out.
 */
export function parseMeminfoBytes(b: Uint8Array): Map<string, number> {
  const out = new Map<string, number>();
  const n = b.length;
  for (let i = 0; i < n; i++) {
    const start = i;
    while (i < n && b[i] !== 58 && b[i] !== 10 && b[i] !== 32 && b[i] !== 9 && b[i] !== 13) i++; // the name
    const end = i;
    while (b[i] === 32 || b[i] === 9) i++;
    if (end > start && b[i] === 58) {
      i++;
      while (b[i] === 32 || b[i] === 9) i++;
      let v = 0, digits = 0;
      for (let c = b[i]; c >= 48 && c <= 57; c = b[++i]) {
        v = v * 10 + c - 48;
        digits++;
      }
      if (digits > 0) {
        if (digits > 15) v = asciiNumber(b, i - digits, i); // rounded as Number() rounds it
        while (b[i] === 32 || b[i] === 9) i++;
        if (b[i] === 107 && b[i + 1] === 66) v *= 1024; // "kB"
        out.set(internedText(meminfoKeys, b, start, end), v);
      }
    }
    while (i < n && b[i] !== 10) i++;
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

/**
 * The estimate procps `free` makes where the kernel gives no `MemAvailable`
 * (or 0): free memory minus the low watermark (`min_free_kbytes` * 5/4),
 * plus the page cache and reclaimable slab above it, at least 0.
 */
export function freeEstimate(mems: Map<string, number>, minFreeBytes: number): number {
  const low = minFreeBytes * 5 / 4;
  const pageCache = (mems.get("Active(file)") ?? 0) + (mems.get("Inactive(file)") ?? 0);
  const reclaimable = mems.get("SReclaimable") ?? 0;
  const avail = (mems.get("MemFree") ?? 0) - low + pageCache - Math.min(pageCache / 2, low) + reclaimable -
    Math.min(reclaimable / 2, low);
  return Math.max(0, Math.trunc(avail));
}

/** Builds {@link VirtualMemory} from parsed meminfo, with psutil 5.9's formulas. */
export function virtualMemoryFrom(
  mems: Map<string, number>,
  zoneinfo: () => string | null,
  minFreeBytes: () => number | null = () => null,
): VirtualMemory {
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
  if (!available) {
    // Missing (before Linux 3.14) or 0 (some containers' emulated meminfo): free's estimate,
    // else the kernel's own from the zones' watermarks.
    const minFree = minFreeBytes();
    const z = minFree === null ? zoneinfo() : null;
    available = minFree !== null
      ? freeEstimate(mems, minFree)
      : z === null
      ? free + cached
      : estimateAvailable(mems, z, pageSize());
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

/** `/proc/sys/vm/min_free_kbytes` in bytes, `null` when unreadable. */
function minFreeBytes(): number | null {
  try {
    const v = parseInt(readProc("sys/vm/min_free_kbytes"), 10);
    return Number.isFinite(v) ? v * 1024 : null;
  } catch {
    return null;
  }
}

/**
 * Parsed `/proc/meminfo`, or `null` when it is there but cannot be read or
 * holds no `MemTotal` (an empty file in a broken container): the caller then
 * asks sysinfo(2). A procfs tree without the file (`setProcfsPath` at
 * another directory) is an `OsError`, as for every procfs read.
 */
function meminfoOrNull(): Map<string, number> | null {
  let mems: Map<string, number>;
  try {
    mems = withFileBytes(`${getProcfsPath()}/meminfo`, parseMeminfoBytes, true);
  } catch (e) {
    if (e instanceof OsError && e.errno === Errno.ENOENT) throw e;
    return null;
  }
  return mems.has("MemTotal") ? mems : null;
}

/**
 * What sysinfo(2) knows, as meminfo keys in bytes: totals, free, shared and
 * buffers (no page cache, active or slab figures).
 */
export function sysinfoMemory(): Map<string, number> {
  const fn = linuxLibc.symbols.sysinfo;
  if (!fn) throw new OsError(Errno.ENOSYS, "ENOSYS", "sysinfo");
  const { buf, view } = allocStruct(sysinfo);
  if (fn(buf) !== 0) {
    throw lastOsError("sysinfo");
  }
  const unit = sysinfo.num(view, "mem_unit") || 1;
  const get = (f: string) => Number(sysinfo.big(view, f)) * unit;
  return new Map([
    ["MemTotal", get("totalram")],
    ["MemFree", get("freeram")],
    ["Shmem", get("sharedram")],
    ["Buffers", get("bufferram")],
    ["SwapTotal", get("totalswap")],
    ["SwapFree", get("freeswap")],
  ]);
}

/** Physical memory: `/proc/meminfo`, or sysinfo(2) when it is empty or unreadable. */
export function virtualMemory(): VirtualMemory {
  const mems = meminfoOrNull();
  if (mems === null) {
    const m = sysinfoMemory();
    // No page-cache figures: what is free and in buffers is what is available.
    m.set("MemAvailable", m.get("MemFree")! + m.get("Buffers")!);
    return virtualMemoryFrom(m, () => null);
  }
  return virtualMemoryFrom(mems, () => {
    try {
      return readProc("zoneinfo");
    } catch {
      return null;
    }
  }, minFreeBytes);
}

/** `pswpin` and `pswpout` of `/proc/vmstat` (pages), `null` when absent (or not numbers). */
export function parseVmstatSwap(text: string): { pswpin: number; pswpout: number } | null {
  let pswpin: number | null = null;
  let pswpout: number | null = null;
  for (const line of text.split("\n")) {
    if (line.startsWith("pswpin ")) pswpin = decimal(line.slice(7));
    else if (line.startsWith("pswpout ")) pswpout = decimal(line.slice(8));
  }
  // decimal() is NaN for a value that is not a number: then there is no answer either.
  return pswpin === null || pswpout === null || Number.isNaN(pswpin + pswpout) ? null : { pswpin, pswpout };
}

/** Swap: `SwapTotal`/`SwapFree` and the swap-in/out page counts. */
export function swapMemory(): SwapMemory {
  const mems = meminfoOrNull() ?? sysinfoMemory();
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
