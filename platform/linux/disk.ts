/**
 * Linux disks: mounts from `/proc/self/mounts`, usage through `statvfs(3)`,
 * I/O counters from `/proc/diskstats` with the sector size from sysfs.
 *
 * @module
 */
import type { DiskIoCounters, DiskPartition } from "../../types.ts";
import { pathconf, PC } from "../posix/statvfs.ts";
import { probeSync } from "../posix/fs_probe.ts";
import { exists, getProcfsPath, getSysfsPath, readProc, readSysOrNull, readText, statPath } from "./procfs.ts";

/** Decodes the octal escapes the kernel writes in mount fields (`\040` space, `\011` tab, `\012` newline, `\134` backslash). */
export function unescapeMountField(s: string): string {
  return s.replace(/\\([0-7]{3})/g, (_, oct: string) => String.fromCharCode(parseInt(oct, 8)));
}

/** One line of a mounts file: device, mount point, type and options. */
export interface MountEntry {
  /** The mounted device or source. */
  device: string;
  /** Where it is mounted. */
  mountpoint: string;
  /** The file system type. */
  fstype: string;
  /** Comma-separated options. */
  opts: string;
}

/** Parses `/proc/self/mounts` (fstab format: fields separated by spaces, escapes decoded). */
export function parseMounts(text: string): MountEntry[] {
  const out: MountEntry[] = [];
  for (const line of text.split("\n")) {
    const f = line.split(/[ \t]+/);
    if (f.length < 4 || line.startsWith("#")) continue;
    out.push({
      device: unescapeMountField(f[0]),
      mountpoint: unescapeMountField(f[1]),
      fstype: unescapeMountField(f[2]),
      opts: unescapeMountField(f[3]),
    });
  }
  return out;
}

/**
 * The physical file system types of `/proc/filesystems`: those without
 * `nodev`, plus `zfs`, as psutil counts them.
 */
export function parseFilesystems(text: string): Set<string> {
  const out = new Set<string>();
  for (const line of text.split("\n")) {
    const t = line.trim();
    if (t === "") continue;
    if (!line.startsWith("nodev")) out.add(t);
    else if (t.split(/\s+/)[1] === "zfs") out.add("zfs");
  }
  return out;
}

/** Major and minor numbers of a Linux `dev_t` (sysmacros.h). */
export function devMajorMinor(dev: number): [number, number] {
  const d = BigInt(dev);
  const major = Number(((d & 0xfff00n) >> 8n) | ((d & 0xfffff00000000000n) >> 32n));
  const minor = Number((d & 0xffn) | ((d & 0xffffff00000n) >> 12n));
  return [major, minor];
}

/**
 * The real device behind `/dev/root` or `rootfs`: the device of `/`, named
 * by sysfs's `dev/block/MAJ:MIN/uevent`. `null` when it cannot be found.
 */
function rootDevice(): string | null {
  try {
    const [major, minor] = devMajorMinor(statPath("/").dev);
    const uevent = readSysOrNull(`dev/block/${major}:${minor}/uevent`);
    const name = uevent && /^DEVNAME=(.+)$/m.exec(uevent)?.[1];
    return name ? `/dev/${name}` : null;
  } catch {
    return null;
  }
}

/**
 * File system types served by a daemon or a server that may stop answering
 * (FUSE, network and cluster file systems): asking them anything, even
 * `statvfs`, can block until it answers.
 */
const MAY_NOT_ANSWER = new Set([
  "fuse",
  "fuseblk",
  "nfs",
  "nfs4",
  "cifs",
  "smb3",
  "smbfs",
  "ncpfs",
  "9p",
  "ceph",
  "glusterfs",
  "afs",
  "coda",
  "lustre",
  "gpfs",
  "virtiofs",
  "orangefs",
  "beegfs",
  "gfs2",
  "ocfs2",
]);

/** Whether asking the file system of type `fstype` may block (see {@link MAY_NOT_ANSWER}). */
export function mayNotAnswer(fstype: string): boolean {
  return MAY_NOT_ANSWER.has(fstype) || fstype.startsWith("fuse.");
}

/** How long `diskPartitions` waits, in all, for the file systems that may not answer. */
export const PROBE_MS = 500;

/**
 * psutil's `disk_partitions(all)`. The mounts come from procfs; only
 * `maxfile` asks each file system (`statvfs`'s `f_namemax`), and for FUSE
 * and network file systems it asks on a helper thread, waiting at most
 * {@link PROBE_MS} in all: one that does not answer by then has `maxfile`
 * `null` (as psutil where pathconf fails). Under Bun, which cannot exit
 * while a helper thread is blocked, and where no helper can start (a single
 * binary without its file), those file systems are not asked at all: their
 * `maxfile` is `null`. `maxpath` is the kernel's PATH_MAX, which
 * glibc and musl give without asking the file system.
 */
export function diskPartitions(all: boolean): DiskPartition[] {
  const mounts = parseMounts(readProc("self/mounts"));
  const physical = all ? null : parseFilesystems(readProc("filesystems"));
  const out: DiskPartition[] = [];
  const remote: DiskPartition[] = [];
  for (const m of mounts) {
    let device = m.device === "none" ? "" : m.device;
    if (device === "/dev/root" || device === "rootfs") device = rootDevice() ?? device;
    if (physical && (device === "" || !physical.has(m.fstype))) continue;
    const slow = mayNotAnswer(m.fstype);
    const p: DiskPartition = {
      device,
      mountpoint: m.mountpoint,
      fstype: m.fstype,
      opts: m.opts,
      maxfile: slow ? null : pathconf(m.mountpoint, PC.NAME_MAX),
      maxpath: pathconf(m.mountpoint, PC.PATH_MAX),
    };
    if (slow) remote.push(p);
    out.push(p);
  }
  if (remote.length > 0) {
    probeSync(remote.map((p) => p.mountpoint), PROBE_MS).forEach((a, i) => {
      if (a !== null && "namemax" in a) remote[i].maxfile = a.namemax;
    });
  }
  return out;
}

/**
 * One device's raw counters, in this order: readCount, writeCount, read
 * sectors, written sectors, readTime, writeTime, readMergedCount,
 * writeMergedCount, busyTime.
 */
export type DiskRaw = number[];

/**
 * Parses `/proc/diskstats` into per-device counters with sectors still in
 * sectors: 14 or more fields on 2.6.25+ (4.18 adds discards, 5.5 flushes),
 * 7 on 2.6 kernels' partition lines (reads, read sectors, writes, write
 * sectors only).
 */
export function parseDiskstats(text: string): Map<string, DiskRaw> {
  const out = new Map<string, DiskRaw>();
  for (const line of text.split("\n")) {
    const f = line.trim().split(/\s+/);
    const name = f[2];
    // A line not in the kernel's format (a counter that is not a number) is left out.
    if (f.length < 7 || f.some((x, i) => i !== 2 && !/^\d+$/.test(x))) continue;
    if (f.length >= 14) {
      const n = f.map(Number);
      // reads, merged, sectors, ms, writes, merged, sectors, ms, in flight, io ms, ...
      out.set(name, [n[3], n[7], n[5], n[9], n[6], n[10], n[4], n[8], n[12]]);
    } else if (f.length === 7) {
      const n = f.map(Number);
      out.set(name, [n[3], n[5], n[4], n[6], 0, 0, 0, 0, 0]);
    }
  }
  return out;
}

const SECTOR_SIZE_FALLBACK = 512;

function sectorSize(name: string): number {
  const t = readSysOrNull(`block/${name.replaceAll("/", "!")}/queue/hw_sector_size`);
  const n = t === null ? NaN : Number(t.trim());
  return Number.isInteger(n) && n > 0 ? n : SECTOR_SIZE_FALLBACK;
}

/** Whether `name` is a whole disk (it has `/sys/block/NAME`), not a partition. */
export function isStorageDevice(name: string): boolean {
  return exists(`${getSysfsPath()}/block/${name.replaceAll("/", "!")}`);
}

/**
 * Sector sizes and whole-disk flags per device name, from sysfs. Devices
 * rarely change: the cache is dropped whenever the set of names in
 * diskstats changes (a disk added or removed) or the sysfs root moves.
 */
let deviceInfo: { key: string; sector: Map<string, number>; whole: Map<string, boolean> } | null = null;

function deviceFacts(names: string[]): { sector: Map<string, number>; whole: Map<string, boolean> } {
  const key = `${getSysfsPath()}\0${names.join("\0")}`;
  if (deviceInfo?.key !== key) {
    deviceInfo = {
      key,
      sector: new Map(names.map((n) => [n, sectorSize(n)])),
      whole: new Map(names.map((n) => [n, isStorageDevice(n)])),
    };
  }
  return deviceInfo;
}

/** Per-device counters, sectors turned into bytes; `wholeDisksOnly` drops partitions (for the totals). */
export function diskIoCounters(wholeDisksOnly: boolean): Map<string, DiskIoCounters> {
  const raw = parseDiskstats(readText(`${getProcfsPath()}/diskstats`));
  const facts = deviceFacts([...raw.keys()]);
  const out = new Map<string, DiskIoCounters>();
  for (const [name, r] of raw) {
    if (wholeDisksOnly && !facts.whole.get(name)) continue;
    const ss = facts.sector.get(name)!;
    out.set(name, {
      readCount: r[0],
      writeCount: r[1],
      readBytes: r[2] * ss,
      writeBytes: r[3] * ss,
      readTime: r[4],
      writeTime: r[5],
      readMergedCount: r[6],
      writeMergedCount: r[7],
      busyTime: r[8],
    });
  }
  return out;
}
