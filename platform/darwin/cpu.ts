/**
 * macOS CPU counts, times and load, and the boot time: sysctl (`hw.*`,
 * `kern.boottime`, `vm.loadavg`) and the Mach host's CPU load counters, as
 * psutil 5.9 reads them.
 *
 * @module
 */
import type { CpuTimes } from "../../types.ts";
import { MACH } from "../../ffi/darwin/libsystem.ts";
import { cpu_load_info, loadavg, timeval } from "../../ffi/darwin/structs.ts";
import { hostProcessorInfo, hostStatistics, sysctlInt, sysctlStruct } from "./sysctl.ts";

/** A sysctl integer, `null` where the kernel does not answer it (as psutil, mimicking `os.cpu_count()`). */
function countOrNull(name: string): number | null {
  try {
    return sysctlInt(name);
  } catch {
    return null;
  }
}

/** Logical CPUs: `hw.logicalcpu`. */
export function cpuCountLogical(): number | null {
  return countOrNull("hw.logicalcpu");
}

/** Physical cores: `hw.physicalcpu`. */
export function cpuCountPhysical(): number | null {
  return countOrNull("hw.physicalcpu");
}

/** psutil's macOS fields from one `cpu_ticks` array: user, nice, system, idle in seconds. */
function fromTicks(v: DataView): CpuTimes {
  const at = (state: number) => cpu_load_info.at(v, "cpu_ticks", state) / MACH.CLK_TCK;
  return {
    user: at(MACH.CPU_STATE_USER),
    nice: at(MACH.CPU_STATE_NICE),
    system: at(MACH.CPU_STATE_SYSTEM),
    idle: at(MACH.CPU_STATE_IDLE),
  };
}

/** System-wide CPU times: `host_statistics(HOST_CPU_LOAD_INFO)`. */
export function cpuTimes(): CpuTimes {
  return fromTicks(hostStatistics(MACH.HOST_CPU_LOAD_INFO, MACH.HOST_CPU_LOAD_INFO_COUNT, cpu_load_info));
}

/** Per-CPU times: `host_processor_info(PROCESSOR_CPU_LOAD_INFO)`. */
export function perCpuTimes(): CpuTimes[] {
  return hostProcessorInfo(MACH.PROCESSOR_CPU_LOAD_INFO, cpu_load_info).map(fromTicks);
}

/** Boot time in seconds since the epoch: `kern.boottime`'s seconds (psutil drops the microseconds). */
export function bootTime(): number {
  return timeval.num(sysctlStruct("kern.boottime", timeval), "tv_sec");
}

/** The 1, 5 and 15 minute load averages: `vm.loadavg`, each `fixpt_t` over `fscale` (what `getloadavg(3)` reads). */
export function getloadavg(): [number, number, number] {
  const v = sysctlStruct("vm.loadavg", loadavg);
  const scale = loadavg.num(v, "fscale");
  const at = (i: number) => loadavg.at(v, "ldavg", i) / scale;
  return [at(0), at(1), at(2)];
}
