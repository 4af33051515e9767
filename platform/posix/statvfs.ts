/**
 * File system usage through `statvfs(3)` and limits through `pathconf(3)`,
 * the same on every POSIX system.
 *
 * @module
 */
import { errnoError, lastOsError } from "./errors.ts";
import { cString } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { statvfs } from "../../ffi/posix/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { POSIX_ABI, type PosixAbi } from "../../ffi/abi.ts";
import type { DiskUsage } from "../../types.ts";
import { usagePercent } from "../common.ts";
import { probeAsync } from "./fs_probe.ts";

/** `pathconf` names of the current OS. */
export const PC: PosixAbi["pc"] = POSIX_ABI.pc;

/** `pathconf(path, name)`, or `null` when it fails or there is no limit. */
export function pathconf(path: string, name: number): number | null {
  let p: Uint8Array;
  try {
    p = cString(path);
  } catch {
    return null;
  }
  const n = Number(libc.symbols.pathconf(p, name));
  return n < 0 ? null : n;
}

/** The numbers of `statvfs` that psutil's formula uses. */
export interface StatvfsCounts {
  /** `f_frsize`: the fragment size that the block counts are in. */
  frsize: number;
  /** `f_blocks`. */
  blocks: number;
  /** `f_bfree`: free blocks, those reserved for root included. */
  bfree: number;
  /** `f_bavail`: free blocks a normal user can use. */
  bavail: number;
}

/**
 * psutil's disk usage formula: `used` is what is taken (total minus all free
 * blocks), `free` and `percent` are as a normal user sees them, so that
 * `percent` matches `df`.
 */
export function diskUsageFrom(s: StatvfsCounts): DiskUsage {
  const total = s.blocks * s.frsize;
  const availToRoot = s.bfree * s.frsize;
  const availToUser = s.bavail * s.frsize;
  const used = total - availToRoot;
  return { total, used, free: availToUser, percent: usagePercent(used, used + availToUser) };
}

/** `diskUsage(path)` through `statvfs`. */
export function diskUsage(path: string): DiskUsage {
  const { buf, view } = allocStruct(statvfs);
  if (libc.symbols.statvfs(cString(path), buf) !== 0) {
    throw lastOsError("statvfs", path);
  }
  return diskUsageFrom({
    frsize: statvfs.num(view, "f_frsize"),
    blocks: statvfs.num(view, "f_blocks"),
    bfree: statvfs.num(view, "f_bfree"),
    bavail: statvfs.num(view, "f_bavail"),
  });
}

/**
 * `diskUsage(path)` asked on a helper thread: resolves to `null` when the
 * file system has not answered within `ms` milliseconds (a stopped FUSE
 * daemon, an unreachable NFS server), and never blocks this thread.
 */
export async function diskUsageBounded(path: string, ms: number): Promise<DiskUsage | null> {
  const a = await probeAsync(path, ms);
  if (a === null) return null;
  if ("errno" in a) throw errnoError(a.errno, "statvfs", path);
  return diskUsageFrom(a);
}
