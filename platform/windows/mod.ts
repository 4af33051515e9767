/**
 * The Windows backend: kernel32, psapi and ntdll through FFI. This version
 * covers CPU, memory, boot time, disks and the main process methods; the
 * rest throws `NotImplementedError` saying it is not yet in this version.
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

const notYet = (what: string) => (): never => {
  throw new NotImplementedError(what, "windows (not yet in this version)");
};

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
  getloadavg: notYet("getloadavg"),
  diskPartitions,
  diskUsage,
  diskIoCounters: notYet("diskIoCounters"),
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
