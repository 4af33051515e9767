/**
 * The Windows backend: kernel32, psapi, ntdll, iphlpapi, advapi32, wtsapi32,
 * pdh and powrprof through FFI, one file per area as on every OS (cpu,
 * memory, disk, net, sensors, users, process), plus what only Windows has
 * (services, handles, the load average emulation, the NT helpers).
 *
 * @module
 */
import type { Backend } from "../backend.ts";
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
import { swapMemory, virtualMemory } from "./memory.ts";
import { diskIoCounters, diskPartitions, diskUsage } from "./disk.ts";
import { netConnections, netIfAddrs, netIfStats, netIoCounters } from "./net.ts";
import { sensorsBattery } from "./sensors.ts";
import { users } from "./users.ts";
import { checkIonice, checkNice, pidExists, pids, ppidMap, WindowsProcess } from "./process.ts";
import { winServiceGet, winServiceIter } from "./services.ts";

/** The Windows backend. */
export const windowsBackend: Backend = {
  os: "windows",
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
  diskIoCounters,
  netIoCounters,
  netConnections,
  netIfAddrs,
  netIfStats,
  sensorsBattery,
  users,
  pids,
  pidExists,
  ppidMap,
  checkNice,
  checkIonice,
  winServiceIter,
  winServiceGet,
  monitorAttrs: [],
  process: (pid) => new WindowsProcess(pid),
};
