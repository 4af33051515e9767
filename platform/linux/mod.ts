/**
 * The Linux backend: procfs and sysfs reads, and libc through FFI.
 *
 * @module
 */
import type { Backend } from "../backend.ts";
import { bootTime, cpuCountLogical, cpuCountPhysical, cpuTimes, getloadavg, perCpuTimes } from "./cpu.ts";
import { swapMemory, virtualMemory } from "./memory.ts";
import { LinuxProcess, pidExists, pids } from "./process.ts";

/** The Linux implementation of {@link Backend}. */
export const linuxBackend: Backend = {
  os: "linux",
  cpuCountLogical,
  cpuCountPhysical,
  cpuTimes,
  perCpuTimes,
  bootTime,
  virtualMemory,
  swapMemory,
  getloadavg,
  pids,
  pidExists,
  process: (pid) => new LinuxProcess(pid),
};
