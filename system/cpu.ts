/**
 * CPU functions: thin wrappers over the backend with psutil's argument rules.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { CpuTimes } from "../types.ts";

/** Options of {@link cpuCount}. */
export interface CpuCountOptions {
  /** `true` (default): logical CPUs; `false`: physical cores. */
  logical?: boolean;
}

/**
 * The number of logical CPUs, or of physical cores with `{ logical: false }`;
 * `null` when it cannot be determined.
 *
 * @example
 * ```ts
 * import { cpuCount } from "./mod.ts";
 * console.log(cpuCount(), cpuCount({ logical: false }));
 * ```
 */
export function cpuCount(options: CpuCountOptions = {}): number | null {
  const logical = options.logical ?? true;
  if (typeof logical !== "boolean") throw new TypeError(`cpuCount: logical must be a boolean, got ${typeof logical}`);
  const n = logical ? backend.cpuCountLogical() : backend.cpuCountPhysical();
  return n !== null && n > 0 ? n : null;
}

/** Options of {@link cpuTimes}. */
export interface CpuTimesOptions {
  /** `true`: one entry per logical CPU. */
  percpu?: boolean;
}

/**
 * Seconds the CPUs have spent in each mode since boot.
 *
 * @example
 * ```ts
 * import { cpuTimes } from "./mod.ts";
 * const t = cpuTimes();
 * console.log(t.user, t.system, t.idle);
 * console.log(cpuTimes({ percpu: true }).length);
 * ```
 */
export function cpuTimes(options?: { percpu?: false }): CpuTimes;
/** One {@link CpuTimes} per logical CPU. */
export function cpuTimes(options: { percpu: true }): CpuTimes[];
/** Either form, when `percpu` is only known at run time. */
export function cpuTimes(options?: CpuTimesOptions): CpuTimes | CpuTimes[];
export function cpuTimes(options: CpuTimesOptions = {}): CpuTimes | CpuTimes[] {
  const percpu = options.percpu ?? false;
  if (typeof percpu !== "boolean") throw new TypeError(`cpuTimes: percpu must be a boolean, got ${typeof percpu}`);
  return percpu ? backend.perCpuTimes() : backend.cpuTimes();
}

/**
 * The 1, 5 and 15 minute load averages.
 *
 * @example
 * ```ts
 * import { getloadavg } from "./mod.ts";
 * const [one, five, fifteen] = getloadavg();
 * console.log(one, five, fifteen);
 * ```
 */
export function getloadavg(): [number, number, number] {
  return backend.getloadavg();
}
