/**
 * Memory functions.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { SwapMemory, VirtualMemory } from "../types.ts";

/**
 * Physical memory usage, in bytes.
 *
 * @example
 * ```ts
 * import { virtualMemory } from "@x/psutil";
 * const m = virtualMemory();
 * console.log(`${m.percent}% of ${m.total} bytes used`);
 * ```
 */
export function virtualMemory(): VirtualMemory {
  return backend.virtualMemory();
}

/**
 * Swap usage, in bytes.
 *
 * @example
 * ```ts
 * import { swapMemory } from "@x/psutil";
 * const s = swapMemory();
 * console.log(s.total, s.used, s.sin, s.sout);
 * ```
 */
export function swapMemory(): SwapMemory {
  return backend.swapMemory();
}
