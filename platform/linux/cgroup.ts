/**
 * Container limits on Linux: a process's cgroup (v2, and v1 where its
 * controllers are mounted) and the memory, CPU and pids limits that apply to
 * it, followed up the hierarchy to the mount's root (the lowest limit wins),
 * with its memory use, memory pressure (v2) and pids count. Read from the
 * process's `/proc/PID/cgroup` and `/proc/PID/mountinfo` and the cgroup files
 * themselves.
 *
 * @module
 */
import type { CgroupInfo, CgroupPressure } from "../../types.ts";
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { readText } from "./procfs.ts";

/** One cgroup mount: its version, the controllers it has (v1), where it is, and which cgroup its root is. */
export interface CgroupMount {
  version: 1 | 2;
  controllers: string[];
  mountpoint: string;
  root: string;
}

/** `\040`-style escapes of mountinfo fields undone. */
const unescape = (s: string) => s.replace(/\\([0-7]{3})/g, (_m, o) => String.fromCharCode(Number.parseInt(o, 8)));

/** The cgroup mounts of a `mountinfo` text (fstype `cgroup` or `cgroup2`). */
export function parseCgroupMounts(mountinfo: string): CgroupMount[] {
  const out: CgroupMount[] = [];
  for (const line of mountinfo.split("\n")) {
    const dash = line.indexOf(" - ");
    if (dash < 0) continue;
    const left = line.slice(0, dash).split(" "), right = line.slice(dash + 3).split(" ");
    const fstype = right[0];
    if (fstype !== "cgroup" && fstype !== "cgroup2") continue;
    const controllers = fstype === "cgroup"
      ? (right[2] ?? "").split(",").filter((o) => !["rw", "ro"].includes(o) && !o.includes("="))
      : [];
    out.push({
      version: fstype === "cgroup2" ? 2 : 1,
      controllers,
      mountpoint: unescape(left[4]),
      root: unescape(left[3]),
    });
  }
  return out;
}

/** `/proc/PID/cgroup`: each hierarchy's controllers (`""` for v2's) and the process's path in it. */
export function parseProcCgroup(text: string): Array<{ controllers: string[]; path: string }> {
  const out: Array<{ controllers: string[]; path: string }> = [];
  for (const line of text.split("\n")) {
    const m = /^(\d+):([^:]*):(.*)$/.exec(line);
    if (m) out.push({ controllers: m[2] ? m[2].split(",") : [], path: m[3] });
  }
  return out;
}

/** The directories from the cgroup `path` up to its mount's root, the cgroup's own first. */
function upFrom(mount: CgroupMount, path: string): string[] {
  let rel = path;
  if (mount.root !== "/" && (rel === mount.root || rel.startsWith(`${mount.root}/`))) {
    rel = rel.slice(mount.root.length);
  }
  const parts = rel.split("/").filter((p) => p && p !== "..");
  const out: string[] = [];
  for (let n = parts.length; n >= 0; n--) out.push([mount.mountpoint, ...parts.slice(0, n)].join("/"));
  return out;
}

/** A cgroup file's text, `null` where it is not there (the controller is not enabled, the root has none). */
function read(path: string): string | null {
  try {
    return readText(path).trim();
  } catch (e) {
    if (e instanceof OsError) return null;
    throw e;
  }
}

/** An integer, `null` for `max` (no limit), a missing file, or v1's "unlimited" (page-rounded 2^63). */
function limitOf(text: string | null): number | null {
  if (text === null || text === "max" || text === "") return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0 || n >= 2 ** 62) return null;
  return n;
}

/** The smallest of the known limits, `null` when none is. */
const lowest = (values: Array<number | null>) =>
  values.reduce<number | null>((a, b) => b === null ? a : a === null ? b : Math.min(a, b), null);

/** `memory.pressure` (PSI): the `some` and `full` lines' averages (percent) and total stall time (µs). */
export function parsePressure(text: string | null): CgroupPressure | null {
  if (text === null) return null;
  const line = (kind: string) => {
    const m = new RegExp(`^${kind} avg10=([\\d.]+) avg60=([\\d.]+) avg300=([\\d.]+) total=(\\d+)$`, "m").exec(text);
    return m ? { avg10: Number(m[1]), avg60: Number(m[2]), avg300: Number(m[3]), total: Number(m[4]) } : null;
  };
  const some = line("some");
  return some ? { some, full: line("full") } : null;
}

/**
 * The cgroup of a process from its `/proc/PID/cgroup` and `/proc/PID/mountinfo`
 * texts: v2 where the memory controller is on the unified hierarchy (or no v1
 * memory hierarchy is mounted), v1 otherwise.
 */
export function cgroupOf(procCgroup: string, mountinfo: string): CgroupInfo {
  const mounts = parseCgroupMounts(mountinfo);
  const groups = parseProcCgroup(procCgroup);
  if (mounts.length === 0) {
    throw new OsError(Errno.ENOENT, "ENOENT", "cgroup", null, "no cgroup file system is mounted");
  }
  const v1 = (controller: string) => {
    const mount = mounts.find((m) => m.version === 1 && m.controllers.includes(controller));
    const group = groups.find((g) => g.controllers.includes(controller));
    return mount && group ? upFrom(mount, group.path) : null;
  };
  const v2mount = mounts.find((m) => m.version === 2);
  const unified = groups.find((g) => g.controllers.length === 0);
  const memory1 = v1("memory");
  if (memory1 === null && v2mount && unified) {
    const dirs = upFrom(v2mount, unified.path);
    const own = dirs[0];
    const cpu = dirs.map((d) => {
      const t = read(`${d}/cpu.max`);
      if (t === null) return null;
      const [q, p] = t.split(" ");
      return q === "max" ? null : { quota: Number(q), period: Number(p) };
    });
    const tightest = cpu.filter((c) => c !== null).sort((a, b) => a!.quota / a!.period - b!.quota / b!.period)[0] ??
      null;
    return {
      version: 2,
      path: unified.path,
      memory: {
        limit: lowest(dirs.map((d) => limitOf(read(`${d}/memory.max`)))),
        current: limitOf(read(`${own}/memory.current`)),
        pressure: parsePressure(read(`${own}/memory.pressure`)),
      },
      cpu: tightest === null
        ? { quota: null, period: null, cpus: null }
        : { quota: tightest.quota, period: tightest.period, cpus: tightest.quota / tightest.period },
      pids: {
        limit: lowest(dirs.map((d) => limitOf(read(`${d}/pids.max`)))),
        current: limitOf(read(`${own}/pids.current`)),
      },
    };
  }
  const cpu1 = v1("cpu");
  const pids1 = v1("pids");
  const quotas = (cpu1 ?? []).map((d) => {
    const q = Number(read(`${d}/cpu.cfs_quota_us`) ?? -1), p = Number(read(`${d}/cpu.cfs_period_us`) ?? 0);
    return q > 0 && p > 0 ? { quota: q, period: p } : null;
  }).filter((c) => c !== null).sort((a, b) => a!.quota / a!.period - b!.quota / b!.period);
  const tightest = quotas[0] ?? null;
  const memoryPath = groups.find((g) => g.controllers.includes("memory"))?.path ?? unified?.path ?? "/";
  return {
    version: 1,
    path: memoryPath,
    memory: {
      limit: lowest((memory1 ?? []).map((d) => limitOf(read(`${d}/memory.limit_in_bytes`)))),
      current: memory1 ? limitOf(read(`${memory1[0]}/memory.usage_in_bytes`)) : null,
      pressure: null,
    },
    cpu: tightest === null
      ? { quota: null, period: null, cpus: null }
      : { quota: tightest.quota, period: tightest.period, cpus: tightest.quota / tightest.period },
    pids: {
      limit: lowest((pids1 ?? []).map((d) => limitOf(read(`${d}/pids.max`)))),
      current: pids1 ? limitOf(read(`${pids1[0]}/pids.current`)) : null,
    },
  };
}
