/**
 * The FreeBSD backend, in progress: CPU counts, times, statistics and
 * frequencies, the load average, the boot time, memory, swap, file systems,
 * network interfaces, sensors, users and processes through libc's sysctl, libkvm and libutil. The calls it does not answer yet are the
 * unsupported backend's, or its processes' own: each throws
 * `NotImplementedError` naming the call.
 *
 * @module
 */
import type { Backend } from "../backend.ts";
import { unsupportedBackend } from "../unsupported.ts";
import { checkNice } from "../posix/priority.ts";
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
import { diskPartitions, diskUsage } from "./disk.ts";
import { netIfAddrs, netIfStats, netIoCounters } from "./net.ts";
import { sensorsBattery, sensorsTemperatures } from "./sensors.ts";
import { users } from "../posix/utmp.ts";
import { FreebsdProcess, pids, ppidMap } from "./process.ts";
import { pidExists } from "../posix/bsd_process.ts";

/** The FreeBSD backend. */
export const freebsdBackend: Backend = {
  ...unsupportedBackend("freebsd"),
  cpuCountLogical,
  cpuCountPhysical,
  cpuTimes,
  perCpuTimes,
  cpuStats,
  cpuFreq,
  getloadavg,
  bootTime,
  virtualMemory,
  swapMemory,
  diskPartitions,
  diskUsage,
  netIoCounters,
  netIfAddrs,
  netIfStats,
  sensorsTemperatures,
  sensorsBattery,
  users: () => users(),
  pids,
  pidExists,
  ppidMap,
  checkNice,
  process: (pid: number) => new FreebsdProcess(pid),
};
