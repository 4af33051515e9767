/**
 * FreeBSD file systems: the mount table from `getfsstat` with psutil's
 * option names, and usage from `statfs` (the same counts as `statvfs`, with
 * a layout measured from the FreeBSD 14 headers).
 *
 * @module
 */
import type { DiskPartition, DiskUsage } from "../../types.ts";
import { cString, cStringFromBytes } from "../../ffi/mod.ts";
import { FREEBSD, freebsdLibc, MOUNT_OPTIONS } from "../../ffi/freebsd/libc.ts";
import { statfs } from "../../ffi/freebsd/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { lastOsError } from "../posix/errors.ts";
import { mountOptions, mountTable } from "../posix/fsstat.ts";
import { diskUsageFrom, pathconf, PC } from "../posix/statvfs.ts";

/**
 * Mounted file systems. As psutil on the BSDs, `all` changes nothing: every
 * mount is listed.
 */
export function diskPartitions(_all: boolean): DiskPartition[] {
  const getfsstat = freebsdLibc.symbols.getfsstat;
  const mounts = mountTable((buf, bytes) => getfsstat(buf, BigInt(bytes), FREEBSD.MNT_NOWAIT), statfs.size);
  return mounts.map((rec) => {
    const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    const mountpoint = cStringFromBytes(statfs.bytes(rec, "f_mntonname"));
    return {
      device: cStringFromBytes(statfs.bytes(rec, "f_mntfromname")),
      mountpoint,
      fstype: cStringFromBytes(statfs.bytes(rec, "f_fstypename")),
      opts: mountOptions(statfs.big(v, "f_flags"), MOUNT_OPTIONS),
      maxfile: pathconf(mountpoint, PC.NAME_MAX),
      maxpath: pathconf(mountpoint, PC.PATH_MAX),
    };
  });
}

/** Usage of the file system holding `path`: `statfs`, with psutil's formula (blocks of `f_bsize`). */
export function diskUsage(path: string): DiskUsage {
  const { buf, view } = allocStruct(statfs);
  if (freebsdLibc.symbols.statfs(cString(path), buf) !== 0) throw lastOsError("statfs", path);
  return diskUsageFrom({
    frsize: statfs.num(view, "f_bsize"),
    blocks: statfs.num(view, "f_blocks"),
    bfree: statfs.num(view, "f_bfree"),
    bavail: Math.max(0, statfs.num(view, "f_bavail")),
  });
}
