/**
 * macOS disks: the mount table from `getfsstat` (the 64-bit-inode
 * `struct statfs`), with psutil's option names, usage through `statvfs` as
 * on every POSIX system, and I/O counters from the IORegistry.
 *
 * @module
 */
import type { DiskIoCounters, DiskPartition } from "../../types.ts";
import { cString, cStringFromBytes, ffi } from "../../ffi/mod.ts";
import { CF, IOKEYS, ioKit } from "../../ffi/darwin/frameworks.ts";
import { OsError } from "../../errors.ts";
import { cfInt, cfString, isCfDict, withCF } from "./cf.ts";
import { machError } from "./sysctl.ts";
import { GETFSSTAT, libSystemFs, MACH, MOUNT_OPTIONS } from "../../ffi/darwin/libsystem.ts";
import { statfs } from "../../ffi/darwin/structs.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { mountOptions, mountTable } from "../posix/fsstat.ts";
import { pathconf, PC } from "../posix/statvfs.ts";

export { diskUsage } from "../posix/statvfs.ts";

/** Every mounted file system's `struct statfs` (`getfsstat`, its 64-bit-inode name on x86_64). */
function mounts(): Uint8Array[] {
  const getfsstat = libSystemFs.symbols[GETFSSTAT];
  return mountTable((buf, bytes) => getfsstat(buf, bytes, MACH.MNT_NOWAIT), statfs.size);
}

/** Whether `path` names something that exists (psutil's `os.path.exists(device)`). */
function exists(path: string): boolean {
  return libc.symbols.access(cString(path), 0 /* F_OK */) === 0;
}

/**
 * Mounted file systems; with `all` false only those whose device is an
 * absolute path that exists (as psutil: not `devfs`, `autofs` maps, ...).
 */
export function diskPartitions(all: boolean): DiskPartition[] {
  const out: DiskPartition[] = [];
  for (const rec of mounts()) {
    const view = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    let device = cStringFromBytes(statfs.bytes(rec, "f_mntfromname"));
    if (device === "none") device = "";
    if (!all && (!device.startsWith("/") || !exists(device))) continue;
    const mountpoint = cStringFromBytes(statfs.bytes(rec, "f_mntonname"));
    out.push({
      device,
      mountpoint,
      fstype: cStringFromBytes(statfs.bytes(rec, "f_fstypename")),
      opts: mountOptions(BigInt(statfs.num(view, "f_flags")), MOUNT_OPTIONS),
      maxfile: pathconf(mountpoint, PC.NAME_MAX),
      maxpath: pathconf(mountpoint, PC.PATH_MAX),
    });
  }
  return out;
}

/**
 * I/O counters per whole disk, as psutil reads them: every `IOMedia` whose
 * parent in the service plane is an `IOBlockStorageDriver` (partitions'
 * parents are media, so they are left out), named by the media's BSD name,
 * with the driver's `Statistics` (times in nanoseconds, given in
 * milliseconds). `forTotals` changes nothing: there are no partitions to
 * leave out.
 */
export function diskIoCounters(_forTotals: boolean): Map<string, DiskIoCounters> {
  const io = ioKit.symbols;
  const out = new Map<string, DiskIoCounters>();
  withCF((cf) => {
    const matching = io.IOServiceMatching(cString(IOKEYS.kIOMediaClass));
    if (matching === null) throw new OsError(0, "KERN_FAILURE", "IOServiceMatching", IOKEYS.kIOMediaClass);
    const iter = new Uint32Array(1);
    const kr = io.IOServiceGetMatchingServices(CF.kIOMainPortDefault, matching, new Uint8Array(iter.buffer));
    if (kr !== 0) throw machError("IOServiceGetMatchingServices", kr);
    cf.ownIo(iter[0]);
    const plane = cString(IOKEYS.kIOServicePlane);
    const driverClass = cString(IOKEYS.kIOBlockStorageDriverClass);
    for (let disk = io.IOIteratorNext(iter[0]); disk !== 0; disk = io.IOIteratorNext(iter[0])) {
      withCF((one) => {
        one.ownIo(disk);
        const parent = new Uint32Array(1);
        if (io.IORegistryEntryGetParentEntry(disk, plane, new Uint8Array(parent.buffer)) !== 0) return;
        one.ownIo(parent[0]);
        if (!io.IOObjectConformsTo(parent[0], driverClass)) return;
        const props = (entry: number) => {
          const p = new BigUint64Array(1);
          const rc = io.IORegistryEntryCreateCFProperties(entry, new Uint8Array(p.buffer), null, 0);
          if (rc !== 0) throw machError("IORegistryEntryCreateCFProperties", rc);
          return one.own(ffi().fromAddress(p[0]));
        };
        const name = cfString(one.get(props(disk), IOKEYS.kIOBSDNameKey));
        const stats = one.get(props(parent[0]), IOKEYS.kIOBlockStorageDriverStatisticsKey);
        if (name === null || !isCfDict(stats)) return;
        const n = (key: string) => cfInt(one.get(stats, key)) ?? 0;
        out.set(name, {
          readCount: n(IOKEYS.kIOBlockStorageDriverStatisticsReadsKey),
          writeCount: n(IOKEYS.kIOBlockStorageDriverStatisticsWritesKey),
          readBytes: n(IOKEYS.kIOBlockStorageDriverStatisticsBytesReadKey),
          writeBytes: n(IOKEYS.kIOBlockStorageDriverStatisticsBytesWrittenKey),
          readTime: Math.floor(n(IOKEYS.kIOBlockStorageDriverStatisticsTotalReadTimeKey) / 1e6),
          writeTime: Math.floor(n(IOKEYS.kIOBlockStorageDriverStatisticsTotalWriteTimeKey) / 1e6),
        });
      });
    }
  });
  return out;
}
