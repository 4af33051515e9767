/**
 * Windows memory: GlobalMemoryStatusEx, with psutil 5.9's formulas.
 *
 * @module
 */
import { kernel32, lastError } from "../../ffi/windows/libs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { MEMORYSTATUSEX } from "../../ffi/windows/structs.ts";
import type { SwapMemory, VirtualMemory } from "../../types.ts";
import { usagePercent } from "../common.ts";
import { win32Error } from "./errors.ts";

function memoryStatus(): { view: DataView } {
  const m = allocStruct(MEMORYSTATUSEX);
  MEMORYSTATUSEX.set(m.view, "dwLength", MEMORYSTATUSEX.size);
  if (!kernel32.symbols.GlobalMemoryStatusEx(m.buf)) throw win32Error(lastError(), "GlobalMemoryStatusEx");
  return m;
}

/** Physical memory, as psutil 5.9 on Windows: free is what is available. */
export function virtualMemory(): VirtualMemory {
  const { view } = memoryStatus();
  const total = MEMORYSTATUSEX.num(view, "ullTotalPhys");
  const avail = MEMORYSTATUSEX.num(view, "ullAvailPhys");
  const used = total - avail;
  return { total, available: avail, percent: usagePercent(used, total), used, free: avail };
}

/** Swap: the commit limit minus physical memory (psutil 5.9's formula). */
export function swapMemory(): SwapMemory {
  const { view } = memoryStatus();
  const totalPhys = MEMORYSTATUSEX.num(view, "ullTotalPhys");
  const freePhys = MEMORYSTATUSEX.num(view, "ullAvailPhys");
  const total = Math.max(0, MEMORYSTATUSEX.num(view, "ullTotalPageFile") - totalPhys);
  const free = Math.max(0, Math.min(total, MEMORYSTATUSEX.num(view, "ullAvailPageFile") - freePhys));
  const used = total - free;
  return { total, used, free, percent: usagePercent(used, total), sin: 0, sout: 0 };
}
