/**
 * Disk functions: partitions, usage and I/O counters.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "../types.ts";
import { boolOption, optionsObject } from "./options.ts";
import { sumCounters, wrapNumbers } from "./wrap.ts";

/** Options of {@link diskPartitions}. */
export interface DiskPartitionsOptions {
  /** `false` (default): physical devices only; `true`: every mount, pseudo file systems included. */
  all?: boolean;
}

/**
 * Mounted partitions: device, mount point, file system type, options and
 * the name and path length limits.
 *
 * @example
 * ```ts
 * import { diskPartitions } from "./mod.ts";
 * for (const p of diskPartitions()) console.log(p.device, p.mountpoint, p.fstype);
 * ```
 */
export function diskPartitions(options?: DiskPartitionsOptions): DiskPartition[] {
  return backend.diskPartitions(boolOption("diskPartitions", optionsObject("diskPartitions", options), "all", false));
}

/**
 * Total, used and free bytes of the file system holding `path`, and the
 * percent used of what a normal user may use (as `df` shows it).
 *
 * @example
 * ```ts
 * import { diskUsage } from "./mod.ts";
 * console.log(diskUsage("/").percent);
 * ```
 */
export function diskUsage(path: string): DiskUsage {
  if (typeof path !== "string") throw new TypeError(`diskUsage: path must be a string, got ${typeof path}`);
  if (path === "") throw new RangeError("diskUsage: path must not be empty");
  return backend.diskUsage(path);
}

/** Options of {@link diskIoCounters}. */
export interface DiskIoCountersOptions {
  /** `true`: an object keyed by disk and partition name. */
  perdisk?: boolean;
  /** `true` (default): correct counters that wrapped around (see {@link wrapNumbersCacheClear}). */
  nowrap?: boolean;
}

/**
 * Disk I/O counters since boot: the sum over whole disks, or per disk and
 * partition with `perdisk`. `null` (or `{}`) when the system has no disks.
 *
 * @example
 * ```ts
 * import { diskIoCounters } from "./mod.ts";
 * console.log(diskIoCounters()?.readBytes, Object.keys(diskIoCounters({ perdisk: true })));
 * ```
 */
export function diskIoCounters(options?: { perdisk?: false; nowrap?: boolean }): DiskIoCounters | null;
/** Counters keyed by disk and partition name. */
export function diskIoCounters(options: { perdisk: true; nowrap?: boolean }): Record<string, DiskIoCounters>;
/** Either form, when `perdisk` is only known at run time. */
export function diskIoCounters(
  options?: DiskIoCountersOptions,
): DiskIoCounters | Record<string, DiskIoCounters> | null;
export function diskIoCounters(
  options?: DiskIoCountersOptions,
): DiskIoCounters | Record<string, DiskIoCounters> | null {
  const o = optionsObject("diskIoCounters", options);
  const perdisk = boolOption("diskIoCounters", o, "perdisk", false);
  const nowrap = boolOption("diskIoCounters", o, "nowrap", true);
  let raw = backend.diskIoCounters(!perdisk);
  if (nowrap) raw = wrapNumbers(raw, "diskIoCounters");
  return perdisk ? Object.fromEntries(raw) : sumCounters(raw.values());
}
