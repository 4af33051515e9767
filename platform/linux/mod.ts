/**
 * The Linux backend: procfs and sysfs reads, and libc through FFI.
 *
 * @module
 */
import type { Backend } from "../backend.ts";
import { groupIfAddrs, rawIfAddrs } from "../posix/ifaddrs.ts";
import { diskUsage, diskUsageBounded } from "../posix/statvfs.ts";
import { users } from "./users.ts";
import {
  bootTime,
  cpuCountLogical,
  cpuCountPhysical,
  cpuFreq,
  cpuStats,
  cpuTimes,
  getloadavg,
  perCpuTimes,
} from "./cpu.ts";
import { diskIoCounters, diskPartitions } from "./disk.ts";
import { netConnections, netIfStats, netIoCounters } from "./net.ts";
import { sensorsBattery, sensorsFans, sensorsTemperatures } from "./sensors.ts";
import { MONITOR_ATTRS, openMonitor } from "./monitor.ts";
import { swapMemory, virtualMemory } from "./memory.ts";
import { beginProcessBatch, checkIonice, LinuxProcess, pidExists, pids, ppidMap, selfPidInTree } from "./process.ts";
import { checkNice } from "../posix/priority.ts";

/** The Linux implementation of {@link Backend}. */
export const linuxBackend: Backend = {
  os: "linux",
  cpuCountLogical,
  cpuCountPhysical,
  cpuTimes,
  perCpuTimes,
  cpuStats,
  cpuFreq,
  bootTime,
  virtualMemory,
  swapMemory,
  getloadavg,
  diskPartitions,
  diskUsage,
  diskUsageAsync: diskUsageBounded,
  diskIoCounters,
  netIoCounters,
  netConnections,
  netIfAddrs: () => groupIfAddrs(rawIfAddrs()),
  netIfStats,
  sensorsTemperatures,
  sensorsFans,
  sensorsBattery,
  users: () => users(),
  selfPid: selfPidInTree,
  pids,
  pidExists,
  ppidMap,
  checkNice,
  checkIonice,
  monitorAttrs: MONITOR_ATTRS,
  openMonitor,
  process: (pid) => new LinuxProcess(pid),
  beginProcessBatch,
};
