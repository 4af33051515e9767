/**
 * CPU functions: thin wrappers over the backend with psutil's argument rules.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import { round1 } from "../platform/common.ts";
import type { CpuFreq, CpuStats, CpuTimes } from "../types.ts";
import { boolOption, optionsObject, secondsOption, sleep } from "./options.ts";

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
 * import { cpuCount } from "@x/psutil";
 * console.log(cpuCount(), cpuCount({ logical: false }));
 * ```
 */
export function cpuCount(options?: CpuCountOptions): number | null {
  const logical = boolOption("cpuCount", optionsObject("cpuCount", options, ["logical"]), "logical", true);
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
 * import { cpuTimes } from "@x/psutil";
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
export function cpuTimes(options?: CpuTimesOptions): CpuTimes | CpuTimes[] {
  const percpu = boolOption("cpuTimes", optionsObject("cpuTimes", options, ["percpu"]), "percpu", false);
  return percpu ? backend.perCpuTimes() : backend.cpuTimes();
}

/**
 * The 1, 5 and 15 minute load averages: processes running or waiting to run
 * (on Linux also those in uninterruptible sleep). They mean something only
 * relative to {@link cpuCount}.
 *
 * On Windows, which has none, they are emulated as psutil does: the first
 * call starts a sampler that runs every 5 seconds without keeping the program
 * alive, and until its first sample the result is `[0, 0, 0]`. Each sample
 * is PDH's `\System\Processor Queue Length`, or, where the system lacks that
 * counter (Wine), the number of busy CPUs since the last sample.
 *
 * @example
 * ```ts
 * import { getloadavg } from "@x/psutil";
 * const [one, five, fifteen] = getloadavg();
 * console.log(one, five, fifteen);
 * ```
 */
export function getloadavg(): [number, number, number] {
  return backend.getloadavg();
}

/** Options of {@link cpuPercent} and {@link cpuTimesPercent} without an interval: compared with the last call. */
export interface CpuPercentOptions {
  /** `true`: one value per logical CPU. */
  percpu?: boolean;
}

/** Options of {@link cpuPercent} and {@link cpuTimesPercent} that wait `interval` seconds. */
export interface CpuPercentIntervalOptions extends CpuPercentOptions {
  /** Seconds to wait between the two readings; 0 compares with the last call, like no interval. */
  interval: number;
}

// Fields that are not time of their own on Linux: guest time is already in user and nice.
const GUEST_FIELDS = new Set(["guest", "guestNice"]);

function deltas(t1: CpuTimes, t2: CpuTimes): Record<string, number> {
  const out: Record<string, number> = {};
  const a = t1 as unknown as Record<string, number>;
  for (const [k, v] of Object.entries(t2)) out[k] = Math.max(0, v - (a[k] ?? 0));
  return out;
}

function totalOf(d: Record<string, number>): number {
  let tot = 0;
  for (const [k, v] of Object.entries(d)) if (!GUEST_FIELDS.has(k)) tot += v;
  return tot;
}

/** psutil's busy percent between two readings; 0 when no time passed. */
export function busyPercent(t1: CpuTimes, t2: CpuTimes): number {
  const d = deltas(t1, t2);
  const all = totalOf(d);
  const busy = all - d.idle - (d.iowait ?? 0);
  return all > 0 ? round1(busy / all * 100) : 0;
}

/** psutil's per-field percentages between two readings, each within [0, 100]. */
export function timesPercent(t1: CpuTimes, t2: CpuTimes): CpuTimes {
  const d = deltas(t1, t2);
  // psutil 5.9 divides by max(1, total), assuming whole seconds: intervals
  // under a second per CPU then sum to less than 100. Divide by the total.
  const all = totalOf(d);
  const scale = all > 0 ? 100 / all : 0;
  const out: Record<string, number> = {};
  for (const [k, v] of Object.entries(d)) out[k] = Math.min(Math.max(0, round1(v * scale)), 100);
  return out as unknown as CpuTimes;
}

/** The last readings of one function, as psutil keeps them: system-wide and per CPU apart. */
interface Last {
  total?: CpuTimes;
  percpu?: CpuTimes[];
}

const lastForPercent: Last = {};
const lastForTimesPercent: Last = {};

function compare<T>(percpu: boolean, before: Last, after: Last, calc: (a: CpuTimes, b: CpuTimes) => T): T | T[] {
  if (!percpu) return calc(before.total ?? after.total!, after.total!);
  return after.percpu!.map((t, i) => calc(before.percpu?.[i] ?? t, t));
}

function read(percpu: boolean): Last {
  return percpu ? { percpu: backend.perCpuTimes() } : { total: backend.cpuTimes() };
}

/** Compares with the last call's reading (the first call compares a reading with itself: 0). */
function sinceLast<T>(percpu: boolean, last: Last, calc: (a: CpuTimes, b: CpuTimes) => T): T | T[] {
  const now = read(percpu);
  const before = { ...last };
  Object.assign(last, now);
  return compare(percpu, before, now, calc);
}

/** Reads, waits `options.interval` seconds, reads again (or compares with the last call when it is 0). */
async function overInterval<T>(
  fn: string,
  options: object,
  last: Last,
  calc: (a: CpuTimes, b: CpuTimes) => T,
): Promise<T | T[]> {
  const o = optionsObject(fn, options, ["interval", "percpu"]);
  const percpu = boolOption(fn, o, "percpu", false);
  const interval = secondsOption(fn, o, "interval")!;
  if (interval === 0) return sinceLast(percpu, last, calc);
  const before = read(percpu);
  await sleep(interval);
  const after = read(percpu);
  Object.assign(last, after);
  return compare(percpu, before, after, calc);
}

/** Whether `options` asks for an interval (checking first that it is an options object at all). */
function hasInterval(fn: string, options: unknown): boolean {
  const o = optionsObject(fn, options, ["interval", "percpu"]);
  return o.interval !== undefined && o.interval !== null;
}

function checkSync(fn: string, options: unknown): { percpu: boolean } {
  const o = optionsObject(fn, options, ["interval", "percpu"]);
  if (o.interval !== undefined && o.interval !== null) {
    throw new TypeError(`${fn}: with an interval the result is a Promise; the overload without one is sync`);
  }
  return { percpu: boolOption(fn, o, "percpu", false) };
}

/**
 * System-wide CPU use in percent. Without `interval` it compares with the
 * previous call (the first call returns 0.0, as psutil's does, and should be
 * ignored) and returns at once; with `interval` it waits that many seconds
 * and returns a Promise. `percpu` gives one value per logical CPU.
 *
 * @example
 * ```ts
 * import { cpuPercent } from "@x/psutil";
 * cpuPercent(); // starts the measurement
 * console.log(await cpuPercent({ interval: 0.1 }), cpuPercent({ percpu: true }));
 * ```
 */
export function cpuPercent(options?: { percpu?: false }): number;
/** One value per logical CPU, compared with the previous call. */
export function cpuPercent(options: { percpu: true }): number[];
/** Waits `interval` seconds. */
export function cpuPercent(options: { interval: number; percpu?: false }): Promise<number>;
/** Waits `interval` seconds; one value per logical CPU. */
export function cpuPercent(options: { interval: number; percpu: true }): Promise<number[]>;
export function cpuPercent(
  options?: CpuPercentOptions | CpuPercentIntervalOptions,
): number | number[] | Promise<number | number[]> {
  if (hasInterval("cpuPercent", options)) {
    return overInterval("cpuPercent", options!, lastForPercent, busyPercent);
  }
  return sinceLast(checkSync("cpuPercent", options).percpu, lastForPercent, busyPercent);
}

/**
 * Like {@link cpuPercent} but per mode: the percentage of time spent in
 * each {@link CpuTimes} field (each within 0 to 100).
 *
 * @example
 * ```ts
 * import { cpuTimesPercent } from "@x/psutil";
 * const t = await cpuTimesPercent({ interval: 0.1 });
 * console.log(t.user, t.system, t.idle);
 * ```
 */
export function cpuTimesPercent(options?: { percpu?: false }): CpuTimes;
/** One entry per logical CPU, compared with the previous call. */
export function cpuTimesPercent(options: { percpu: true }): CpuTimes[];
/** Waits `interval` seconds. */
export function cpuTimesPercent(options: { interval: number; percpu?: false }): Promise<CpuTimes>;
/** Waits `interval` seconds; one entry per logical CPU. */
export function cpuTimesPercent(options: { interval: number; percpu: true }): Promise<CpuTimes[]>;
export function cpuTimesPercent(
  options?: CpuPercentOptions | CpuPercentIntervalOptions,
): CpuTimes | CpuTimes[] | Promise<CpuTimes | CpuTimes[]> {
  if (hasInterval("cpuTimesPercent", options)) {
    return overInterval("cpuTimesPercent", options!, lastForTimesPercent, timesPercent);
  }
  return sinceLast(checkSync("cpuTimesPercent", options).percpu, lastForTimesPercent, timesPercent);
}

/**
 * Context switches, interrupts, soft interrupts and system calls since boot.
 *
 * @example
 * ```ts
 * import { cpuStats } from "@x/psutil";
 * console.log(cpuStats().ctxSwitches);
 * ```
 */
export function cpuStats(): CpuStats {
  return backend.cpuStats();
}

/** Options of {@link cpuFreq}. */
export interface CpuFreqOptions {
  /** `true`: one entry per CPU. */
  percpu?: boolean;
}

/**
 * CPU frequency in MHz: the average over CPUs, or one entry per CPU with
 * `percpu`; `null` (or `[]`) when the system does not tell. `min` and `max`
 * are 0 when unknown.
 *
 * @example
 * ```ts
 * import { cpuFreq } from "@x/psutil";
 * console.log(cpuFreq()?.current);
 * ```
 */
export function cpuFreq(options?: { percpu?: false }): CpuFreq | null;
/** One entry per CPU. */
export function cpuFreq(options: { percpu: true }): CpuFreq[];
/** Either form, when `percpu` is only known at run time. */
export function cpuFreq(options?: CpuFreqOptions): CpuFreq | CpuFreq[] | null;
export function cpuFreq(options?: CpuFreqOptions): CpuFreq | CpuFreq[] | null {
  const percpu = boolOption("cpuFreq", optionsObject("cpuFreq", options, ["percpu"]), "percpu", false);
  const all = backend.cpuFreq();
  if (percpu) return all;
  if (all.length === 0) return null;
  if (all.length === 1) return all[0];
  const avg = (k: keyof CpuFreq) => all.reduce((s, f) => s + f[k], 0) / all.length;
  return { current: avg("current"), min: avg("min"), max: avg("max") };
}
