/**
 * Disk functions: partitions, usage and I/O counters.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "../types.ts";
import { boolOption, optionsObject, secondsOption } from "./options.ts";
import { TimeoutExpired } from "../errors.ts";
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
 * import { diskPartitions } from "@x/psutil";
 * for (const p of diskPartitions()) console.log(p.device, p.mountpoint, p.fstype);
 * ```
 */
export function diskPartitions(options?: DiskPartitionsOptions): DiskPartition[] {
  return backend.diskPartitions(
    boolOption("diskPartitions", optionsObject("diskPartitions", options, ["all"]), "all", false),
  );
}

/**
 * Total, used and free bytes of the file system holding `path`, and the
 * percent used of what a normal user may use (as `df` shows it). It asks the
 * file system, so on a mount whose server or daemon does not answer it
 * blocks until it does; {@link diskUsageAsync} waits with a bound.
 *
 * @example
 * ```ts
 * import { diskUsage } from "@x/psutil";
 * console.log(diskUsage("/").percent);
 * ```
 */
export function diskUsage(path: string): DiskUsage {
  return backend.diskUsage(checkPath("diskUsage", path));
}

function checkPath(fn: string, path: unknown): string {
  if (typeof path !== "string") throw new TypeError(`${fn}: path must be a string, got ${typeof path}`);
  if (path === "") throw new RangeError(`${fn}: path must not be empty`);
  return path;
}

/** Options of {@link diskUsageAsync}. */
export interface DiskUsageAsyncOptions {
  /** Seconds to wait at most for the file system's answer; rejects with `TimeoutExpired` after. Forever when absent. */
  timeout?: number;
}

/**
 * {@link diskUsage} without blocking: the file system is asked on a helper
 * thread, so a mount whose server or daemon does not answer (a stopped FUSE
 * daemon, an unreachable NFS or SMB server, where `diskUsage` blocks until it
 * answers) costs the caller at most `timeout` seconds, then rejects with
 * `TimeoutExpired`. On Linux, where a helper thread can start; elsewhere
 * (and in a single binary without the helper's file) it asks on this thread. Under Bun,
 * after a question that timed out, the program ends only when the mount
 * answers or `process.exit()` is called (Bun waits for the blocked helper
 * thread; Deno does not).
 *
 * @example
 * ```ts
 * import { diskUsageAsync } from "@x/psutil";
 * console.log((await diskUsageAsync("/", { timeout: 2 })).percent);
 * ```
 */
export async function diskUsageAsync(path: string, options?: DiskUsageAsyncOptions): Promise<DiskUsage> {
  checkPath("diskUsageAsync", path);
  const timeout = secondsOption(
    "diskUsageAsync",
    optionsObject("diskUsageAsync", options, ["timeout"], "diskUsageAsync(path, "),
    "timeout",
  );
  if (!backend.diskUsageAsync) return backend.diskUsage(path);
  const usage = await backend.diskUsageAsync(path, timeout === undefined ? Infinity : timeout * 1000);
  if (usage === null) throw new TimeoutExpired(timeout!);
  return usage;
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
 * import { diskIoCounters } from "@x/psutil";
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
  const o = optionsObject("diskIoCounters", options, ["perdisk", "nowrap"]);
  const perdisk = boolOption("diskIoCounters", o, "perdisk", false);
  const nowrap = boolOption("diskIoCounters", o, "nowrap", true);
  let raw = backend.diskIoCounters(!perdisk);
  if (nowrap) raw = wrapNumbers(raw, "diskIoCounters");
  return perdisk ? Object.fromEntries(raw) : sumCounters(raw.values());
}
