/**
 * macOS CPU counts, times and load, and the boot time: sysctl (`hw.*`,
 * `kern.boottime`, `vm.loadavg`) and the Mach host's CPU load counters, as
 * psutil 5.9 reads them.
 *
 * @module
 */
import type { CpuFreq, CpuTimes } from "../../types.ts";
import { cString, cStringFromBytes } from "../../ffi/mod.ts";
import { currentArch } from "../../ffi/runtime.ts";
import { CF, IOKEYS, ioKit } from "../../ffi/darwin/frameworks.ts";
import { cfData, withCF } from "./cf.ts";
import { MACH } from "../../ffi/darwin/libsystem.ts";
import { cpu_load_info, loadavg, timeval } from "../../ffi/darwin/structs.ts";
import { hostProcessorInfo, hostStatistics, machError, sysctlInt, sysctlStruct } from "./sysctl.ts";

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

/**
 * The CPU frequency in MHz, one entry (macOS has no per-CPU value): on
 * x86_64 the nominal frequency and its bounds (`hw.cpufrequency`,
 * `hw.cpufrequency_min`, `hw.cpufrequency_max`, in Hz); on Apple silicon,
 * which has none of these, the power manager's voltage-state tables in the
 * IORegistry (`pmgr`'s `voltage-states1-sram` for the efficiency cores,
 * `voltage-states5-sram` for the performance cores: pairs of 32-bit
 * frequency in Hz and voltage): the lowest and highest frequencies, the
 * highest as the current one (a nominal value, as psutil's docs say of every
 * OS but Linux).
 */
export function cpuFreq(): CpuFreq[] {
  if (currentArch === "x86_64" || currentArch === "x64") {
    const mhz = (name: string) => Math.floor(sysctlInt(name) / 1e6);
    return [{
      current: mhz("hw.cpufrequency"),
      min: mhz("hw.cpufrequency_min"),
      max: mhz("hw.cpufrequency_max"),
    }];
  }
  const freqs = pmgrFrequencies();
  if (freqs.length === 0) return [];
  const max = Math.max(...freqs) / 1e6;
  return [{ current: max, min: Math.min(...freqs) / 1e6, max }];
}

/** Every nonzero frequency (Hz) of the `pmgr` node's voltage-state tables; none when there is no such node. */
function pmgrFrequencies(): number[] {
  const io = ioKit.symbols;
  return withCF((cf) => {
    const matching = io.IOServiceMatching(cString(IOKEYS.appleARMIODevice));
    if (matching === null) return [];
    const iter = new Uint32Array(1);
    const kr = io.IOServiceGetMatchingServices(CF.kIOMainPortDefault, matching, new Uint8Array(iter.buffer));
    if (kr !== 0) throw machError("IOServiceGetMatchingServices", kr);
    cf.ownIo(iter[0]);
    const out: number[] = [];
    for (let entry = io.IOIteratorNext(iter[0]); entry !== 0; entry = io.IOIteratorNext(iter[0])) {
      cf.ownIo(entry);
      const name = new Uint8Array(128);
      if (io.IORegistryEntryGetName(entry, name) !== 0 || cStringFromBytes(name) !== IOKEYS.pmgr) continue;
      for (const key of [IOKEYS.eCoreStates, IOKEYS.pCoreStates]) {
        const data = cfData(cf.own(io.IORegistryEntryCreateCFProperty(entry, cf.string(key), null, 0)));
        if (data === null) continue;
        const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
        for (let off = 0; off + 8 <= data.length; off += 8) {
          const hz = v.getUint32(off, true);
          if (hz > 0) out.push(hz);
        }
      }
    }
    return out;
  });
}
