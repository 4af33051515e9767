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
import { diskUsageFrom, pathconf, PC } from "../posix/statvfs.ts";

/** psutil's `opts` for `f_flags`: `ro` or `rw`, then each flag's name. */
export function mountOptions(flags: bigint): string {
  const out = [flags & 1n ? "ro" : "rw"];
  for (const [flag, name] of MOUNT_OPTIONS) if (flags & BigInt(flag)) out.push(name);
  return out.join(",");
}

/** Every mounted file system's `struct statfs`, counted first (NULL), read with room for more. */
function mountTable(): Uint8Array[] {
  const getfsstat = freebsdLibc.symbols.getfsstat;
  for (let attempt = 0;; attempt++) {
    const count = getfsstat(null, 0n, FREEBSD.MNT_NOWAIT);
    if (count < 0) throw lastOsError("getfsstat");
    const buf = new Uint8Array((count + 1) * statfs.size);
    const n = getfsstat(buf, BigInt(buf.length), FREEBSD.MNT_NOWAIT);
    if (n < 0) throw lastOsError("getfsstat");
    if (n <= count || attempt === 8) {
      return Array.from({ length: n }, (_, i) => buf.subarray(i * statfs.size, (i + 1) * statfs.size));
    }
  }
}

/**
 * Mounted file systems. As psutil on the BSDs, `all` changes nothing: every
 * mount is listed.
 */
export function diskPartitions(_all: boolean): DiskPartition[] {
  return mountTable().map((rec) => {
    const v = new DataView(rec.buffer, rec.byteOffset, rec.byteLength);
    const mountpoint = cStringFromBytes(statfs.bytes(rec, "f_mntonname"));
    return {
      device: cStringFromBytes(statfs.bytes(rec, "f_mntfromname")),
      mountpoint,
      fstype: cStringFromBytes(statfs.bytes(rec, "f_fstypename")),
      opts: mountOptions(statfs.big(v, "f_flags")),
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
