/**
 * The BSDs' mount table (`getfsstat`): counted first with a NULL buffer,
 * then read with room for one more record, again while the table filled
 * that room (it grew between the two calls); and psutil's `opts` text for a
 * mount's `f_flags`.
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { lastOsError } from "./errors.ts";

/** How many times a mount table that grew between the count and the read is asked again. */
const GROW_RETRIES = 8;

/**
 * Every mounted file system's `struct statfs` of `size` bytes; `getfsstat(buf, bytes)` is the OS's call (NULL and 0
 * count the mounts).
 */
export function mountTable(getfsstat: (buf: Uint8Array | null, bytes: number) => number, size: number): Uint8Array[] {
  for (let attempt = 0; attempt <= GROW_RETRIES; attempt++) {
    const count = getfsstat(null, 0);
    if (count < 0) throw lastOsError("getfsstat");
    const buf = new Uint8Array((count + 1) * size);
    const n = getfsstat(buf, buf.length);
    if (n < 0) throw lastOsError("getfsstat");
    if (n <= count) return Array.from({ length: n }, (_, i) => buf.subarray(i * size, (i + 1) * size));
  }
  throw new OsError(Errno.ENOMEM, "ENOMEM", "getfsstat", null, `the mount table kept growing ${GROW_RETRIES} times`);
}

/** sys/mount.h `MNT_RDONLY`, the same on the BSDs: mounted read-only. */
export const MNT_RDONLY = 0x1;

/**
 * psutil's `opts` for a mount's `f_flags`: `ro` or `rw` (`MNT_RDONLY`), then the name of each flag of
 * `names` that has any of its bits set (MNT_CMDFLAGS is several), in that order.
 */
export function mountOptions(flags: bigint, names: ReadonlyArray<readonly [number, string, ...unknown[]]>): string {
  const out = [flags & BigInt(MNT_RDONLY) ? "ro" : "rw"];
  for (const [flag, name] of names) if (flags & BigInt(flag)) out.push(name);
  return out.join(",");
}
