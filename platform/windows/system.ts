/**
 * Windows system functions: CPU (GetSystemTimes, NtQuerySystemInformation,
 * GetLogicalProcessorInformationEx), memory (GlobalMemoryStatusEx), boot
 * time (GetTickCount64) and disks (GetLogicalDriveStringsW,
 * GetVolumeInformationW, GetDiskFreeSpaceExW).
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { kernel32, lastError, ntdll, powrprof, readWstr, wstr, wtsapi32 } from "../../ffi/windows/libs.ts";
import { ffi, type Pointer, pointerOut } from "../../ffi/mod.ts";
import {
  DISK_PERFORMANCE,
  MEMORYSTATUSEX,
  PROCESSOR_POWER_INFORMATION,
  SYSTEM_INTERRUPT_INFORMATION,
  SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX,
  SYSTEM_PERFORMANCE_INFORMATION,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
  WTS_CLIENT_ADDRESS,
  WTS_SESSION_INFOW,
  WTSINFOW,
} from "../../ffi/windows/structs.ts";
import type {
  CpuFreq,
  CpuStats,
  CpuTimes,
  DiskIoCounters,
  DiskPartition,
  DiskUsage,
  SwapMemory,
  User,
  VirtualMemory,
} from "../../types.ts";
import { usagePercent } from "../common.ts";
import { win32Error, WinError } from "./errors.ts";

const ALL_PROCESSOR_GROUPS = 0xffff;
const RelationProcessorCore = 0;
const SystemProcessorPerformanceInformation = 8;
const HUNDRED_NS = 1e7;

/** Seconds from the FILETIME epoch (1601-01-01) to the Unix epoch. */
export const FILETIME_UNIX_EPOCH = 11644473600;

/** A FILETIME (two little-endian DWORDs) in `buf` at `off`, in seconds. */
export function filetimeSeconds(buf: Uint8Array, off = 0): number {
  const v = new DataView(buf.buffer, buf.byteOffset);
  return (v.getUint32(off, true) + v.getUint32(off + 4, true) * 2 ** 32) / HUNDRED_NS;
}

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
  const size = new DataView(len.buffer).getUint32(0, true);
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
  if (status !== 0) throw new OsError(status >>> 0, "NTSTATUS", "NtQuerySystemInformation");
  const count = Math.floor(new DataView(ret.buffer).getUint32(0, true) / s.size);
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

function memoryStatus(): { view: DataView } {
  const m = allocStruct(MEMORYSTATUSEX);
  MEMORYSTATUSEX.set(m.view, "dwLength", MEMORYSTATUSEX.size);
  if (!kernel32.symbols.GlobalMemoryStatusEx(m.buf)) throw win32Error(lastError(), "GlobalMemoryStatusEx");
  return m;
}

/** Physical memory, as psutil 5.9 on Windows: free is what is available. */
export function virtualMemory(): VirtualMemory {
  const { view } = memoryStatus();
  const total = MEMORYSTATUSEX.num(view, "ullTotalPhys");
  const avail = MEMORYSTATUSEX.num(view, "ullAvailPhys");
  const used = total - avail;
  return { total, available: avail, percent: usagePercent(used, total), used, free: avail };
}

/** Swap: the commit limit minus physical memory (psutil 5.9's formula). */
export function swapMemory(): SwapMemory {
  const { view } = memoryStatus();
  const totalPhys = MEMORYSTATUSEX.num(view, "ullTotalPhys");
  const freePhys = MEMORYSTATUSEX.num(view, "ullAvailPhys");
  const total = Math.max(0, MEMORYSTATUSEX.num(view, "ullTotalPageFile") - totalPhys);
  const free = Math.max(0, Math.min(total, MEMORYSTATUSEX.num(view, "ullAvailPageFile") - freePhys));
  const used = total - free;
  return { total, used, free, percent: usagePercent(used, total), sin: 0, sout: 0 };
}

const DRIVE_TYPES: Record<number, string> = { 2: "removable", 3: "fixed", 4: "remote", 5: "cdrom", 6: "ramdisk" };
const FILE_READ_ONLY_VOLUME = 0x80000;
const SEM_FAILCRITICALERRORS = 0x1;

/** Every drive letter: psutil's `disk_partitions(all)` (without `all`, CD-ROMs and empty drives are skipped). */
export function diskPartitions(all: boolean): DiskPartition[] {
  const k = kernel32.symbols;
  const buf = new Uint8Array(2 * 1024);
  const n = k.GetLogicalDriveStringsW(buf.length / 2, buf);
  if (n === 0) throw win32Error(lastError(), "GetLogicalDriveStringsW");
  const roots = readWstrList(buf, n);
  const out: DiskPartition[] = [];
  // No "insert a disk" dialog for empty drives.
  const oldMode = k.SetErrorMode(SEM_FAILCRITICALERRORS);
  try {
    for (const root of roots) {
      const type = k.GetDriveTypeW(wstr(root));
      if (!all && (type === 5 || type === 0 || type === 1)) continue;
      const fsName = new Uint8Array(2 * 261), maxLen = new Uint8Array(4), flags = new Uint8Array(4);
      const ok = k.GetVolumeInformationW(wstr(root), null, 0, null, maxLen, flags, fsName, 261);
      if (!ok && !all) continue;
      const fsFlags = new DataView(flags.buffer).getUint32(0, true);
      const opts = [fsFlags & FILE_READ_ONLY_VOLUME ? "ro" : "rw", DRIVE_TYPES[type] ?? "unknown"].join(",");
      out.push({
        device: root,
        mountpoint: root,
        fstype: ok ? readWstr(fsName) : "",
        opts,
        maxfile: ok ? new DataView(maxLen.buffer).getUint32(0, true) : null,
        maxpath: 260,
      });
    }
  } finally {
    k.SetErrorMode(oldMode);
  }
  return out;
}

/** Splits a double-NUL-terminated list of UTF-16 strings of `n` characters. */
export function readWstrList(buf: Uint8Array, n: number): string[] {
  const out: string[] = [];
  for (let off = 0; off < n * 2;) {
    const s = readWstr(buf, off);
    if (s === "") break;
    out.push(s);
    off += (s.length + 1) * 2;
  }
  return out;
}

/** Usage of the volume holding `path`: GetDiskFreeSpaceExW (free is all free bytes, as psutil). */
export function diskUsage(path: string): DiskUsage {
  const avail = new Uint8Array(8), total = new Uint8Array(8), free = new Uint8Array(8);
  if (!kernel32.symbols.GetDiskFreeSpaceExW(wstr(path), avail, total, free)) {
    throw win32Error(lastError(), "GetDiskFreeSpaceExW", path);
  }
  const t = Number(new DataView(total.buffer).getBigUint64(0, true));
  const f = Number(new DataView(free.buffer).getBigUint64(0, true));
  return { total: t, used: t - f, free: f, percent: usagePercent(t - f, t) };
}

const IOCTL_DISK_PERFORMANCE = 0x70020;
const FILE_SHARE_READ_WRITE = 0x1 | 0x2;
const OPEN_EXISTING = 3;
const INVALID_HANDLE_VALUE = 0xffffffffffffffffn;
const STATUS_INFO_LENGTH_MISMATCH = 0xc0000004;

/**
 * Opens an existing file or device with no access rights (enough to ask it
 * for its type, counters or identity), sharing read and write; `null` when
 * it cannot be opened. Close it with CloseHandle.
 */
export function openExisting(path: string): Pointer | null {
  const handle = kernel32.symbols.CreateFileW(wstr(path), 0, FILE_SHARE_READ_WRITE, null, OPEN_EXISTING, 0, null);
  return handle === INVALID_HANDLE_VALUE ? null : ffi().fromAddress(handle);
}

/**
 * NtQuerySystemInformation for a class whose size is not known in advance
 * (processes, handles): starts with `initial` bytes and grows the buffer
 * until the answer fits; the answer can grow between two calls, so each
 * retry asks for more than the size the kernel gave.
 */
export function querySystemInformation(infoClass: number, initial: number, what: string): Uint8Array {
  let buf = new Uint8Array(initial);
  const ret = new Uint8Array(4);
  for (;;) {
    const status = ntdll.symbols.NtQuerySystemInformation(infoClass, buf, buf.length, ret) >>> 0;
    if (status === 0) return buf;
    if (status !== STATUS_INFO_LENGTH_MISMATCH || buf.length >= 1 << 30) {
      throw new OsError(status, "NTSTATUS", `NtQuerySystemInformation(${what})`);
    }
    buf = new Uint8Array(Math.max(buf.length * 2, new DataView(ret.buffer).getUint32(0, true) + (1 << 16)));
  }
}
/** How many `\\.\PhysicalDriveN` to try: more than there are drive letters, as psutil does. */
const MAX_PHYSICAL_DRIVES = 32;

/** One disk's counters from its `DISK_PERFORMANCE` (times from 100 ns units to milliseconds). */
export function diskPerformanceFrom(view: DataView, off = 0): DiskIoCounters {
  const d = DISK_PERFORMANCE;
  return {
    readCount: d.num(view, "ReadCount", off),
    writeCount: d.num(view, "WriteCount", off),
    readBytes: d.num(view, "BytesRead", off),
    writeBytes: d.num(view, "BytesWritten", off),
    readTime: Math.floor(d.num(view, "ReadTime", off) / 1e4),
    writeTime: Math.floor(d.num(view, "WriteTime", off) / 1e4),
  };
}

/**
 * Counters of every physical disk (`PhysicalDrive0`, ...) through
 * IOCTL_DISK_PERFORMANCE. A disk whose driver keeps no counters (the ioctl
 * says ERROR_INVALID_FUNCTION or ERROR_NOT_SUPPORTED, as every disk under
 * Wine) is left out, as psutil leaves it out.
 */
export function diskIoCounters(): Map<string, DiskIoCounters> {
  const k = kernel32.symbols;
  const out = new Map<string, DiskIoCounters>();
  const perf = allocStruct(DISK_PERFORMANCE);
  const returned = new Uint8Array(4);
  for (let n = 0; n < MAX_PHYSICAL_DRIVES; n++) {
    const name = `PhysicalDrive${n}`;
    // No access rights are needed to ask a device for its counters.
    const h = openExisting(`\\\\.\\${name}`);
    if (h === null) continue;
    try {
      if (!k.DeviceIoControl(h, IOCTL_DISK_PERFORMANCE, null, 0, perf.buf, perf.buf.length, returned, null)) {
        const code = lastError();
        if (code === WinError.ERROR_INVALID_FUNCTION || code === WinError.ERROR_NOT_SUPPORTED) continue;
        throw win32Error(code, "DeviceIoControl(IOCTL_DISK_PERFORMANCE)", name);
      }
      out.set(name, diskPerformanceFrom(perf.view));
    } finally {
      k.CloseHandle(h);
    }
  }
  return out;
}

const ProcessorInformation = 11;

/** Per-CPU frequencies (CallNtPowerInformation): current and max in MHz; Windows has no minimum (0). */
export function cpuFreq(): CpuFreq[] {
  const n = cpuCountLogical() ?? 1;
  const s = PROCESSOR_POWER_INFORMATION;
  const buf = new Uint8Array(s.size * n);
  const status = powrprof.symbols.CallNtPowerInformation(ProcessorInformation, null, 0, buf, buf.length);
  if (status !== 0) throw new OsError(status >>> 0, "NTSTATUS", "CallNtPowerInformation");
  const view = new DataView(buf.buffer);
  return Array.from({ length: n }, (_, i) => ({
    current: s.num(view, "CurrentMhz", i * s.size),
    min: 0,
    max: s.num(view, "MaxMhz", i * s.size),
  }));
}

const WTSUserName = 5;
const WTSClientAddress = 14;
const WTSSessionInfo = 24;

/** Users with a session (WTS): name, remote host (IPv4), login time; no terminal or pid on Windows, as psutil. */
export function users(): User[] {
  const w = wtsapi32.symbols;
  const a = ffi();
  const out = new Uint8Array(8), count = new Uint8Array(4);
  if (!w.WTSEnumerateSessionsW(null, 0, 1, out, count)) throw win32Error(lastError(), "WTSEnumerateSessionsW");
  const list = pointerOut(out);
  const n = new DataView(count.buffer).getUint32(0, true);
  const result: User[] = [];
  if (list === null) return result;
  try {
    const sessions = a.copy(list, 0, n * WTS_SESSION_INFOW.size);
    const sv = new DataView(sessions.buffer);
    for (let i = 0; i < n; i++) {
      const id = WTS_SESSION_INFOW.num(sv, "SessionId", i * WTS_SESSION_INFOW.size);
      const info = (cls: number): Uint8Array | null => {
        const p = new Uint8Array(8), bytes = new Uint8Array(4);
        if (!w.WTSQuerySessionInformationW(null, id, cls, p, bytes)) return null;
        const ptr = pointerOut(p);
        if (ptr === null) return null;
        try {
          return a.copy(ptr, 0, new DataView(bytes.buffer).getUint32(0, true));
        } finally {
          w.WTSFreeMemory(ptr);
        }
      };
      const nameBytes = info(WTSUserName);
      const name = nameBytes ? readWstr(nameBytes) : "";
      if (!name) continue;
      let host: string | null = null;
      const addr = info(WTSClientAddress);
      if (addr && addr.length >= WTS_CLIENT_ADDRESS.size) {
        const av = new DataView(addr.buffer, addr.byteOffset);
        if (WTS_CLIENT_ADDRESS.num(av, "AddressFamily") === 2 /* AF_INET */) {
          const b = WTS_CLIENT_ADDRESS.bytes(addr, "Address");
          host = `${b[2]}.${b[3]}.${b[4]}.${b[5]}`;
        }
      }
      const si = info(WTSSessionInfo);
      let started = 0;
      if (si && si.length >= WTSINFOW.size) {
        const t = WTSINFOW.num(new DataView(si.buffer, si.byteOffset), "LogonTime");
        started = t > 0 ? t / HUNDRED_NS - FILETIME_UNIX_EPOCH : 0;
      }
      result.push({ name, terminal: null, host, started, pid: null });
    }
  } finally {
    w.WTSFreeMemory(list);
  }
  return result;
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
  if (status !== 0) throw new OsError(status >>> 0, "NTSTATUS", "NtQuerySystemInformation");
  const ncpu = cpuCountLogical() ?? 1;
  const ii = new Uint8Array(SYSTEM_INTERRUPT_INFORMATION.size * ncpu);
  status = n.NtQuerySystemInformation(SystemInterruptInformation, ii, ii.length, null);
  if (status !== 0) throw new OsError(status >>> 0, "NTSTATUS", "NtQuerySystemInformation");
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
  if (status !== 0) throw new OsError(status >>> 0, "NTSTATUS", "NtQuerySystemInformation");
  const view = new DataView(buf.buffer);
  let total = 0;
  for (let i = 0; i < n; i++) total += s.num(view, "InterruptCount", i * s.size);
  return total;
}
