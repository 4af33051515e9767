/**
 * The contract every OS backend implements. The public functions in
 * `system/` and `process/` call only these members, so an OS that lacks one
 * is a compile error, not a runtime surprise.
 *
 * @module
 */
import type { CpuTimes, ProcessCpuTimes, ProcessIds, ProcessMemoryInfo, SwapMemory, VirtualMemory } from "../types.ts";

/** The OS side of one process: raw answers, no identity checks. */
export interface ProcessBackend {
  /** The pid this handle reads. */
  readonly pid: number;
  /** Turns the raw-source cache on (`oneshot`). */
  oneshotEnter(): void;
  /** Turns the cache off and drops what it holds. */
  oneshotExit(): void;
  /** The kernel's process name. */
  name(): string;
  /** The command line, split into arguments. */
  cmdline(): string[];
  /** The parent pid. */
  ppid(): number;
  /** A `STATUS_*` constant. */
  status(): string;
  /** Creation time, seconds since the epoch. */
  createTime(): number;
  /** Real, effective and saved user ids. */
  uids(): ProcessIds;
  /** The name of the real user. */
  username(): string;
  /** The nice value. */
  nice(): number;
  /** Memory counters. */
  memoryInfo(): ProcessMemoryInfo;
  /** CPU times. */
  cpuTimes(): ProcessCpuTimes;
}

/** The OS side of the whole library. */
export interface Backend {
  /** The OS name this backend serves. */
  readonly os: string;
  /** Logical CPUs, `null` when unknown. */
  cpuCountLogical(): number | null;
  /** Physical cores, `null` when unknown. */
  cpuCountPhysical(): number | null;
  /** System-wide CPU times. */
  cpuTimes(): CpuTimes;
  /** CPU times of each logical CPU. */
  perCpuTimes(): CpuTimes[];
  /** Boot time, seconds since the epoch. */
  bootTime(): number;
  /** Physical memory. */
  virtualMemory(): VirtualMemory;
  /** Swap. */
  swapMemory(): SwapMemory;
  /** 1, 5 and 15 minute load averages. */
  getloadavg(): [number, number, number];
  /** Every pid, sorted. */
  pids(): number[];
  /** Whether `pid` is a running process (not a thread id). */
  pidExists(pid: number): boolean;
  /** A handle on `pid`; opening one does not check that it exists. */
  process(pid: number): ProcessBackend;
}
