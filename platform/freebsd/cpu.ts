/**
 * FreeBSD CPU counts, times, statistics and frequencies, the load average
 * and the boot time, from sysctl, as psutil 5.9 reads them.
 *
 * @module
 */
import type { CpuFreq, CpuStats, CpuTimes } from "../../types.ts";
import { FREEBSD, freebsdLibc } from "../../ffi/freebsd/libc.ts";
import { timeval } from "../../ffi/freebsd/structs.ts";
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { sysctlBytes, sysctlInt, sysctlStruct } from "../posix/sysctl.ts";

/** Logical CPUs: `hw.ncpu`. */
export function cpuCountLogical(): number | null {
  try {
    return sysctlInt("hw.ncpu");
  } catch {
    return null;
  }
}

/**
 * Physical cores, as psutil counts them: the `<cpu>` elements two levels
 * down the scheduler's topology (`kern.sched.topology_spec`:
 * `groups/group/children/group/cpu`); 1 when that finds none on a one-CPU
 * machine, else `null`.
 */
export function cpuCountPhysical(): number | null {
  let n = 0;
  try {
    n = countCoreCpus(new TextDecoder().decode(sysctlBytes("kern.sched.topology_spec")));
  } catch { /* no topology */ }
  if (n > 0) return n;
  return cpuCountLogical() === 1 ? 1 : null;
}

/**
 * The `cpu` elements at `groups > group > children > group > cpu` of a
 * topology document (the XML `kern.sched.topology_spec` gives): a small walk
 * over its tags, elements and nesting only.
 */
export function countCoreCpus(xml: string): number {
  const end = xml.lastIndexOf("</groups>");
  if (end < 0) return 0;
  const path: string[] = [];
  let count = 0;
  for (const m of xml.slice(0, end + 9).matchAll(/<(\/?)([A-Za-z][\w-]*)[^>]*?(\/?)>/g)) {
    const [, closing, name, selfClosing] = m;
    if (closing) {
      if (path.at(-1) === name) path.pop();
      continue;
    }
    path.push(name);
    if (name === "cpu" && path.join("/") === "groups/group/children/group/cpu") count++;
    if (selfClosing) path.pop();
  }
  return count;
}

/** A `long[CPUSTATES]` of ticks as psutil's FreeBSD fields, in seconds (ticks over `CLOCKS_PER_SEC`). */
function fromTicks(v: DataView, base: number): CpuTimes {
  const at = (state: number) => Number(v.getBigInt64(base + state * 8, true)) / FREEBSD.CLOCKS_PER_SEC;
  return {
    user: at(FREEBSD.CP_USER),
    nice: at(FREEBSD.CP_NICE),
    system: at(FREEBSD.CP_SYS),
    idle: at(FREEBSD.CP_IDLE),
    irq: at(FREEBSD.CP_INTR),
  };
}

/** System-wide CPU times: `kern.cp_time`. */
export function cpuTimes(): CpuTimes {
  const b = sysctlBytes("kern.cp_time");
  if (b.length < FREEBSD.CPUSTATES * 8) throw new OsError(Errno.EINVAL, "EINVAL", "sysctlbyname", "kern.cp_time");
  return fromTicks(new DataView(b.buffer, b.byteOffset, b.byteLength), 0);
}

/** Per-CPU times: the first `hw.ncpu` rows of `kern.cp_times` (one per possible CPU). */
export function perCpuTimes(): CpuTimes[] {
  const b = sysctlBytes("kern.cp_times");
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const row = FREEBSD.CPUSTATES * 8;
  const n = Math.min(cpuCountLogical() ?? 0, Math.floor(b.length / row));
  return Array.from({ length: n }, (_, i) => fromTicks(v, i * row));
}

/** Context switches, interrupts, software interrupts and system calls since boot: `vm.stats.sys.*`. */
export function cpuStats(): CpuStats {
  return {
    ctxSwitches: sysctlInt("vm.stats.sys.v_swtch"),
    interrupts: sysctlInt("vm.stats.sys.v_intr"),
    softInterrupts: sysctlInt("vm.stats.sys.v_soft"),
    syscalls: sysctlInt("vm.stats.sys.v_syscall"),
  };
}

/**
 * Each CPU's frequency in MHz (`dev.cpu.N.freq`), with the bounds of its
 * `dev.cpu.N.freq_levels` ("MHz/mW" pairs, highest first); CPUs without a
 * frequency driver are left out, as psutil does.
 */
export function cpuFreq(): CpuFreq[] {
  const out: CpuFreq[] = [];
  const n = cpuCountLogical() ?? 0;
  for (let cpu = 0; cpu < n; cpu++) {
    let current: number;
    try {
      current = sysctlInt(`dev.cpu.${cpu}.freq`);
    } catch (e) {
      if (e instanceof OsError && e.errno === Errno.ENOENT) continue;
      throw e;
    }
    let levels = "";
    try {
      levels = new TextDecoder().decode(sysctlBytes(`dev.cpu.${cpu}.freq_levels`)).replace(/\0.*$/s, "").trim();
    } catch { /* no levels */ }
    const mhz = (pair: string | undefined) => {
      const v = Number.parseInt(pair?.split("/")[0] ?? "", 10);
      return Number.isFinite(v) ? v : 0;
    };
    const parts = levels ? levels.split(" ") : [];
    out.push({ current, min: mhz(parts.at(-1)), max: mhz(parts[0]) });
  }
  return out;
}

/** The load averages: `getloadavg(3)`. */
export function getloadavg(): [number, number, number] {
  const out = new Float64Array(3);
  if (freebsdLibc.symbols.getloadavg(new Uint8Array(out.buffer), 3) !== 3) {
    throw new OsError(Errno.EINVAL, "EINVAL", "getloadavg", null, "fewer than 3 averages");
  }
  return [out[0], out[1], out[2]];
}

/** Boot time: `kern.boottime`'s seconds (psutil drops the microseconds). */
export function bootTime(): number {
  return timeval.num(sysctlStruct("kern.boottime", timeval), "tv_sec");
}
