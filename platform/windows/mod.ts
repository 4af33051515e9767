/**
 * The Windows backend: kernel32, psapi, ntdll, iphlpapi, advapi32, wtsapi32,
 * pdh and powrprof through FFI. Sensors other than the battery do not exist
 * on Windows, as in psutil: they throw `NotImplementedError`.
 *
 * @module
 */
import { NotImplementedError } from "../../errors.ts";
import type { Backend } from "../backend.ts";
import {
  bootTime,
  cpuCountLogical,
  cpuCountPhysical,
  cpuFreq,
  cpuStats,
  cpuTimes,
  diskIoCounters,
  diskPartitions,
  diskUsage,
  perCpuTimes,
  swapMemory,
  users,
  virtualMemory,
} from "./system.ts";
import { pidExists, pids, ppidMap, WindowsProcess } from "./process.ts";
import { netConnections, netIfAddrs, netIfStats, netIoCounters, sensorsBattery } from "./net.ts";
import { winServiceGet, winServiceIter } from "./services.ts";
import { getloadavg } from "./loadavg.ts";

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
  // Windows has no sensor API psutil reads: as psutil, these do not exist there.
  sensorsTemperatures: () => {
    throw new NotImplementedError("sensorsTemperatures", "windows");
  },
  sensorsFans: () => {
    throw new NotImplementedError("sensorsFans", "windows");
  },
  sensorsBattery,
  users,
  pids,
  pidExists,
  ppidMap,
  fdReadable: () => false,
  closeFd: () => {},
  winServiceIter,
  winServiceGet,
  monitorAttrs: [],
  process: (pid) => new WindowsProcess(pid),
};
