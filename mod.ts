/**
 * **@x/psutil** — psutil, the process and system utilities library, for
 * Deno and Bun. It reads CPU, memory, disks, network, sensors, users and
 * every running process by calling the operating system directly (FFI and
 * procfs): no shell commands, no native addon.
 *
 * The API is psutil's, in camelCase, with options objects for keyword
 * arguments; reads are synchronous, and only calls that wait return a
 * Promise.
 *
 * ```ts
 * import * as psutil from "@x/psutil";
 *
 * console.log(psutil.cpuCount(), psutil.virtualMemory().percent);
 * for (const pid of psutil.pids().slice(0, 5)) {
 *   try {
 *     const p = new psutil.Process(pid);
 *     console.log(pid, p.name(), p.status());
 *   } catch (e) {
 *     if (!(e instanceof psutil.NoSuchProcess)) throw e;
 *   }
 * }
 * ```
 *
 * @module
 */

export * from "./constants.ts";
export { MONITOR_ATTRS, type MonitorAttr, PROCESS_ATTRS, type ProcessAttr } from "./attrs.ts";
export * from "./errors.ts";
export type * from "./types.ts";
export { version, versionInfo } from "./version.ts";
export { bootTime, users } from "./system/misc.ts";
export {
  cpuCount,
  type CpuCountOptions,
  cpuFreq,
  type CpuFreqOptions,
  cpuPercent,
  type CpuPercentIntervalOptions,
  type CpuPercentOptions,
  cpuStats,
  cpuTimes,
  type CpuTimesOptions,
  cpuTimesPercent,
  getloadavg,
} from "./system/cpu.ts";
export {
  diskIoCounters,
  type DiskIoCountersOptions,
  diskPartitions,
  type DiskPartitionsOptions,
  diskUsage,
  diskUsageAsync,
  type DiskUsageAsyncOptions,
} from "./system/disk.ts";
export {
  CONNECTION_KINDS,
  netConnections,
  type NetConnectionsOptions,
  netIfAddrs,
  netIfStats,
  netIoCounters,
  type NetIoCountersOptions,
} from "./system/net.ts";
export { sensorsBattery, sensorsFans, sensorsTemperatures, type SensorsTemperaturesOptions } from "./system/sensors.ts";
export { wrapNumbersCacheClear } from "./system/wrap.ts";
export { winServiceGet, winServiceIter } from "./system/winservices.ts";
export { swapMemory, virtualMemory } from "./system/memory.ts";
export { bytes2human, type Bytes2HumanOptions } from "./system/format.ts";
export { getProcfsPath, getSysfsPath, setProcfsPath, setSysfsPath } from "./system/settings.ts";
export {
  type AsDictOptions,
  type ChildrenOptions,
  type MemoryMapsOptions,
  type MemoryPercentOptions,
  pidExists,
  pids,
  Process,
  type ProcessConnectionsOptions,
  type ProcessCpuPercentOptions,
  type WaitOptions,
} from "./process/process.ts";
export {
  processIter,
  processIterCacheClear,
  type ProcessIterOptions,
  type ProcessWithInfo,
  waitProcs,
  type WaitProcsOptions,
  type WaitProcsResult,
} from "./process/iter.ts";
export {
  type CommunicateResult,
  DEVNULL,
  PIPE,
  Popen,
  type PopenOptions,
  type PopenOutput,
  type PopenStream,
} from "./process/popen.ts";
export { type DefaultMonitorAttr, Monitor, type MonitorOptions } from "./process/monitor.ts";
export type { Stdio } from "./ffi/spawn.ts";
