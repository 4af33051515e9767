/**
 * The macOS backend, in progress: CPU counts and times, the load average,
 * the boot time, memory, file systems, network interfaces, users and
 * processes through libSystem (sysctl, the Mach host calls, libproc and libc). The calls it does not answer yet are the unsupported backend's:
 * each throws `NotImplementedError` naming the call.
 *
 * @module
 */
import type { Backend } from "../backend.ts";
import { unsupportedBackend } from "../unsupported.ts";
import { bootTime, cpuCountLogical, cpuCountPhysical, cpuFreq, cpuTimes, getloadavg, perCpuTimes } from "./cpu.ts";
import { sensorsBattery } from "./sensors.ts";
import { swapMemory, virtualMemory } from "./memory.ts";
import { DarwinProcess, pids, ppidMap } from "./process.ts";
import { pidExists } from "../posix/bsd_process.ts";
import { checkNice } from "../posix/priority.ts";
import { diskIoCounters, diskPartitions, diskUsage } from "./disk.ts";
import { users } from "./users.ts";
import { netConnections, netIfAddrs, netIfStats, netIoCounters } from "./net.ts";

/** The macOS backend. */
export const darwinBackend: Backend = {
  ...unsupportedBackend("darwin"),
  cpuCountLogical,
  cpuCountPhysical,
  cpuTimes,
  perCpuTimes,
  cpuFreq,
  bootTime,
  getloadavg,
  virtualMemory,
  swapMemory,
  diskPartitions,
  diskUsage,
  diskIoCounters,
  sensorsBattery,
  users,
  netIoCounters,
  netIfAddrs,
  netIfStats,
  netConnections,
  pids,
  pidExists,
  ppidMap,
  checkNice,
  process: (pid: number) => new DarwinProcess(pid),
};
