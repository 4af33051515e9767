/**
 * Windows disks: drive letters (GetLogicalDriveStringsW,
 * GetVolumeInformationW), usage (GetDiskFreeSpaceExW) and the counters of
 * each physical drive (IOCTL_DISK_PERFORMANCE).
 *
 * @module
 */
import { dwordOut, u64Out } from "../../ffi/mod.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { kernel32, lastError, readWstr, wstr } from "../../ffi/windows/libs.ts";
import { DISK_PERFORMANCE } from "../../ffi/windows/structs.ts";
import type { DiskIoCounters, DiskPartition, DiskUsage } from "../../types.ts";
import { usagePercent } from "../common.ts";
import { win32Error, WinError } from "./errors.ts";
import { openExisting, readWstrList } from "./nt.ts";

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
      const fsFlags = dwordOut(flags);
      const opts = [fsFlags & FILE_READ_ONLY_VOLUME ? "ro" : "rw", DRIVE_TYPES[type] ?? "unknown"].join(",");
      out.push({
        device: root,
        mountpoint: root,
        fstype: ok ? readWstr(fsName) : "",
        opts,
        maxfile: ok ? dwordOut(maxLen) : null,
        maxpath: 260,
      });
    }
  } finally {
    k.SetErrorMode(oldMode);
  }
  return out;
}

/** Usage of the volume holding `path`: GetDiskFreeSpaceExW (free is all free bytes, as psutil). */
export function diskUsage(path: string): DiskUsage {
  const avail = new Uint8Array(8), total = new Uint8Array(8), free = new Uint8Array(8);
  if (!kernel32.symbols.GetDiskFreeSpaceExW(wstr(path), avail, total, free)) {
    throw win32Error(lastError(), "GetDiskFreeSpaceExW", path);
  }
  const t = Number(u64Out(total));
  const f = Number(u64Out(free));
  return { total: t, used: t - f, free: f, percent: usagePercent(t - f, t) };
}

const IOCTL_DISK_PERFORMANCE = 0x70020;
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
