/**
 * Windows CPUs: counts (GetActiveProcessorCount,
 * GetLogicalProcessorInformationEx), times (GetSystemTimes,
 * NtQuerySystemInformation), frequencies (CallNtPowerInformation), stats,
 * boot time (GetTickCount64) and the load average (emulated: loadavg.ts).
 *
 * @module
 */
import { kernel32, lastError, ntdll, powrprof } from "../../ffi/windows/libs.ts";
import { dwordOut } from "../../ffi/mod.ts";
import {
  PROCESSOR_POWER_INFORMATION,
  SYSTEM_INTERRUPT_INFORMATION,
  SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX,
  SYSTEM_PERFORMANCE_INFORMATION,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
} from "../../ffi/windows/structs.ts";
import type { CpuFreq, CpuStats, CpuTimes } from "../../types.ts";
import { ntstatusError, win32Error } from "./errors.ts";
import { filetimeSeconds, HUNDRED_NS } from "./nt.ts";

export { getloadavg } from "./loadavg.ts";

const ALL_PROCESSOR_GROUPS = 0xffff;
const RelationProcessorCore = 0;
const SystemProcessorPerformanceInformation = 8;

/** Logical CPUs across every processor group. */
export function cpuCountLogical(): number | null {
  const n = kernel32.symbols.GetActiveProcessorCount(ALL_PROCESSOR_GROUPS);
  return n > 0 ? n : null;
}

/** Physical cores: the `RelationProcessorCore` records of GetLogicalProcessorInformationEx. */
export function cpuCountPhysical(): number | null {
  const k = kernel32.symbols;
  const len = new Uint8Array(4);
  k.GetLogicalProcessorInformationEx(RelationProcessorCore, null, len);
  const size = dwordOut(len);
  if (size === 0) return null;
  const buf = new Uint8Array(size);
  if (!k.GetLogicalProcessorInformationEx(RelationProcessorCore, buf, len)) return null;
  const view = new DataView(buf.buffer);
  let n = 0;
  for (let off = 0; off < size;) {
    const recSize = SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX.num(view, "Size", off);
    if (SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX.num(view, "Relationship", off) === RelationProcessorCore) n++;
    if (recSize <= 0) break;
    off += recSize;
  }
  return n > 0 ? n : null;
}

/** Per-CPU times from NtQuerySystemInformation(SystemProcessorPerformanceInformation). */
export function perCpuTimes(): CpuTimes[] {
  const n = cpuCountLogical() ?? 1;
  const s = SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION;
  const buf = new Uint8Array(s.size * n);
  const ret = new Uint8Array(4);
  const status = ntdll.symbols.NtQuerySystemInformation(SystemProcessorPerformanceInformation, buf, buf.length, ret);
  if (status !== 0) throw ntstatusError(status, "NtQuerySystemInformation");
  const count = Math.floor(dwordOut(ret) / s.size);
  const view = new DataView(buf.buffer);
  const out: CpuTimes[] = [];
  for (let i = 0; i < count; i++) {
    const base = i * s.size;
    const t = (f: string) => s.num(view, f, base) / HUNDRED_NS;
    const idle = t("IdleTime");
    // KernelTime includes the idle time.
    out.push({
      user: t("UserTime"),
      system: t("KernelTime") - idle,
      idle,
      interrupt: t("InterruptTime"),
      dpc: t("DpcTime"),
    });
  }
  return out;
}

/** GetSystemTimes: seconds summed over every CPU; `kernel` includes `idle`, as Windows counts it. */
export function systemTimes(): { idle: number; kernel: number; user: number } {
  const idle = new Uint8Array(8), kernel = new Uint8Array(8), user = new Uint8Array(8);
  if (!kernel32.symbols.GetSystemTimes(idle, kernel, user)) throw win32Error(lastError(), "GetSystemTimes");
  return { idle: filetimeSeconds(idle), kernel: filetimeSeconds(kernel), user: filetimeSeconds(user) };
}

/** System-wide CPU times: GetSystemTimes, with interrupt and dpc summed over the CPUs. */
export function cpuTimes(): CpuTimes {
  const t = systemTimes();
  let interrupt = 0, dpc = 0;
  for (const c of perCpuTimes()) {
    interrupt += c.interrupt!;
    dpc += c.dpc!;
  }
  return { user: t.user, system: t.kernel - t.idle, idle: t.idle, interrupt, dpc };
}

/** Boot time: now minus GetTickCount64. */
export function bootTime(): number {
  return Math.round((Date.now() - Number(kernel32.symbols.GetTickCount64())) / 1000);
}

const ProcessorInformation = 11;

/** Per-CPU frequencies (CallNtPowerInformation): current and max in MHz; Windows has no minimum (0). */
export function cpuFreq(): CpuFreq[] {
  const n = cpuCountLogical() ?? 1;
  const s = PROCESSOR_POWER_INFORMATION;
  const buf = new Uint8Array(s.size * n);
  const status = powrprof.symbols.CallNtPowerInformation(ProcessorInformation, null, 0, buf, buf.length);
  if (status !== 0) throw ntstatusError(status, "CallNtPowerInformation");
  const view = new DataView(buf.buffer);
  return Array.from({ length: n }, (_, i) => ({
    current: s.num(view, "CurrentMhz", i * s.size),
    min: 0,
    max: s.num(view, "MaxMhz", i * s.size),
  }));
}

const SystemPerformanceInformation = 2;
const SystemInterruptInformation = 23;

/**
 * psutil's Windows `cpu_stats`: context switches and system calls from
 * SystemPerformanceInformation, interrupts summed over the CPUs'
 * performance records, DPCs (the soft interrupts) over their interrupt records.
 */
export function cpuStats(): CpuStats {
  const n = ntdll.symbols;
  const spi = new Uint8Array(Math.max(SYSTEM_PERFORMANCE_INFORMATION.size, 512));
  let status = n.NtQuerySystemInformation(SystemPerformanceInformation, spi, spi.length, null);
  if (status !== 0) throw ntstatusError(status, "NtQuerySystemInformation");
  const ncpu = cpuCountLogical() ?? 1;
  const ii = new Uint8Array(SYSTEM_INTERRUPT_INFORMATION.size * ncpu);
  status = n.NtQuerySystemInformation(SystemInterruptInformation, ii, ii.length, null);
  if (status !== 0) throw ntstatusError(status, "NtQuerySystemInformation");
  const iv = new DataView(ii.buffer);
  let dpcs = 0;
  for (let i = 0; i < ncpu; i++) {
    dpcs += SYSTEM_INTERRUPT_INFORMATION.num(iv, "DpcCount", i * SYSTEM_INTERRUPT_INFORMATION.size);
  }
  const sv = new DataView(spi.buffer);
  return {
    ctxSwitches: SYSTEM_PERFORMANCE_INFORMATION.num(sv, "ContextSwitches"),
    interrupts: interruptCount(),
    softInterrupts: dpcs,
    syscalls: SYSTEM_PERFORMANCE_INFORMATION.num(sv, "SystemCalls"),
  };
}

/** Interrupts since boot, summed over the CPUs (SystemProcessorPerformanceInformation). */
function interruptCount(): number {
  const n = cpuCountLogical() ?? 1;
  const s = SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION;
  const buf = new Uint8Array(s.size * n);
  const status = ntdll.symbols.NtQuerySystemInformation(SystemProcessorPerformanceInformation, buf, buf.length, null);
  if (status !== 0) throw ntstatusError(status, "NtQuerySystemInformation");
  const view = new DataView(buf.buffer);
  let total = 0;
  for (let i = 0; i < n; i++) total += s.num(view, "InterruptCount", i * s.size);
  return total;
}
