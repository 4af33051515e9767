// Container limits: the cgroup parsers on known text, cgroupOf on cgroup trees built here (v2 and v1, the lowest
// limit up the hierarchy winning), and, as root, real cgroups made under this process's own, a child moved into
// them, and Process.cgroup() read back against what was written; the cgroups are removed afterwards.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, readFileSync, rmdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import * as psutil from "../../mod.ts";
import { cgroupOf, parseCgroupMounts, parsePressure, parseProcCgroup } from "../../platform/linux/cgroup.ts";
import { startChild, stopChild } from "../helpers.ts";

const LINUX = process.platform === "linux";

test("mountinfo's cgroup mounts, /proc/PID/cgroup and memory.pressure parse as the kernel writes them", () => {
  const mounts = parseCgroupMounts([
    "25 24 0:22 / /sys/fs/cgroup ro,nosuid - tmpfs tmpfs ro,mode=755",
    "26 25 0:23 / /sys/fs/cgroup/memory rw,nosuid shared:9 - cgroup cgroup rw,memory",
    "27 25 0:24 /docker/abc /sys/fs/cgroup/cpu,cpuacct rw - cgroup cgroup rw,cpu,cpuacct",
    "28 25 0:25 / /sys/fs/cgroup/unified rw - cgroup2 cgroup2 rw,nsdelegate",
    "29 25 0:26 / /mnt/with\\040space rw - cgroup2 cgroup2 rw",
  ].join("\n"));
  assert.deepEqual(mounts, [
    { version: 1, controllers: ["memory"], mountpoint: "/sys/fs/cgroup/memory", root: "/" },
    { version: 1, controllers: ["cpu", "cpuacct"], mountpoint: "/sys/fs/cgroup/cpu,cpuacct", root: "/docker/abc" },
    { version: 2, controllers: [], mountpoint: "/sys/fs/cgroup/unified", root: "/" },
    { version: 2, controllers: [], mountpoint: "/mnt/with space", root: "/" },
  ]);
  assert.deepEqual(parseProcCgroup("12:pids:/user.slice\n4:cpu,cpuacct:/\n0::/user.slice/app.scope\n"), [
    { controllers: ["pids"], path: "/user.slice" },
    { controllers: ["cpu", "cpuacct"], path: "/" },
    { controllers: [], path: "/user.slice/app.scope" },
  ]);
  assert.deepEqual(
    parsePressure(
      "some avg10=1.50 avg60=0.75 avg300=0.10 total=123456\nfull avg10=0.00 avg60=0.01 avg300=0.00 total=42",
    ),
    {
      some: { avg10: 1.5, avg60: 0.75, avg300: 0.1, total: 123456 },
      full: { avg10: 0, avg60: 0.01, avg300: 0, total: 42 },
    },
  );
  assert.equal(parsePressure(null), null);
});

/** Writes `files` (path -> text) under `root`. */
function tree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(join(root, path, ".."), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

test("cgroupOf on a v2 tree: the lowest limit of the cgroup and its ancestors, its own use and pressure", () => {
  const root = mkdtempSync(join(tmpdir(), "psutil-cg2-"));
  try {
    tree(root, {
      "memory.max": "max\n", // the root has none in reality; a file here must not matter below the others
      "app/memory.max": "1073741824\n",
      "app/cpu.max": "200000 100000\n",
      "app/pids.max": "max\n",
      "app/web/memory.max": "max\n",
      "app/web/memory.current": "52428800\n",
      "app/web/memory.pressure":
        "some avg10=2.00 avg60=1.00 avg300=0.50 total=99\nfull avg10=0.00 avg60=0.00 avg300=0.00 total=1",
      "app/web/cpu.max": "50000 100000\n",
      "app/web/pids.max": "64\n",
      "app/web/pids.current": "7\n",
    });
    const info = cgroupOf("0::/app/web\n", `30 25 0:27 / ${root} rw - cgroup2 cgroup2 rw\n`);
    assert.deepEqual(info, {
      version: 2,
      path: "/app/web",
      memory: {
        limit: 1073741824,
        current: 52428800,
        pressure: {
          some: { avg10: 2, avg60: 1, avg300: 0.5, total: 99 },
          full: { avg10: 0, avg60: 0, avg300: 0, total: 1 },
        },
      },
      cpu: { quota: 50000, period: 100000, cpus: 0.5 },
      pids: { limit: 64, current: 7 },
    });
    // No limit anywhere: nulls.
    assert.deepEqual(cgroupOf("0::/\n", `30 25 0:27 / ${root}/app/web/.. rw - cgroup2 cgroup2 rw\n`).pids.limit, null);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("cgroupOf on v1 hierarchies: each controller's own mount and path; unlimited is null; no mount is an OsError", () => {
  const root = mkdtempSync(join(tmpdir(), "psutil-cg1-"));
  try {
    tree(root, {
      "memory/memory.limit_in_bytes": "9223372036854771712\n",
      "memory/box/memory.limit_in_bytes": "268435456\n",
      "memory/box/memory.usage_in_bytes": "1048576\n",
      "cpu/box/cpu.cfs_quota_us": "150000\n",
      "cpu/box/cpu.cfs_period_us": "100000\n",
      "cpu/cpu.cfs_quota_us": "-1\n",
      "cpu/cpu.cfs_period_us": "100000\n",
      "pids/box/pids.max": "max\n",
      "pids/box/pids.current": "3\n",
    });
    const mountinfo = [
      `31 25 0:28 / ${root}/memory rw - cgroup cgroup rw,memory`,
      `32 25 0:29 / ${root}/cpu rw - cgroup cgroup rw,cpu,cpuacct`,
      `33 25 0:30 / ${root}/pids rw - cgroup cgroup rw,pids`,
    ].join("\n");
    const info = cgroupOf("9:pids:/box\n4:cpu,cpuacct:/box\n3:memory:/box\n0::/\n", mountinfo);
    assert.deepEqual(info, {
      version: 1,
      path: "/box",
      memory: { limit: 268435456, current: 1048576, pressure: null },
      cpu: { quota: 150000, period: 100000, cpus: 1.5 },
      pids: { limit: null, current: 3 },
    });
    assert.throws(() => cgroupOf("0::/\n", "25 1 0:22 / / rw - ext4 /dev/sda1 rw\n"), psutil.OsError);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

/** This process's v1 hierarchies we can make cgroups in: controller -> [mountpoint, own path]. */
function writableV1(): Map<string, string> | null {
  if (process.getuid?.() !== 0) return null;
  const own = parseProcCgroup(readFileSync("/proc/self/cgroup", "utf8"));
  const mounts = parseCgroupMounts(readFileSync("/proc/self/mountinfo", "utf8"));
  const out = new Map<string, string>();
  for (const c of ["memory", "cpu", "pids"]) {
    const m = mounts.find((m) => m.version === 1 && m.controllers.includes(c) && m.root === "/");
    const g = own.find((g) => g.controllers.includes(c));
    if (!m || !g) return null;
    out.set(c, join(m.mountpoint, g.path));
  }
  return out;
}

test("real v1 cgroups made here: a child moved into them reads back the limits written, the lowest up the tree", {
  skip: !LINUX ? "Linux only" : writableV1() === null ? "needs root and v1 memory, cpu and pids hierarchies" : false,
}, async () => {
  const dirs = writableV1()!;
  const name = `psutil-test-${process.pid}`;
  const made: string[] = [];
  const child = startChild("sleep", ["60"]);
  try {
    for (const [c, base] of dirs) {
      const outer = join(base, name), inner = join(outer, "inner");
      mkdirSync(inner, { recursive: true });
      made.push(inner, outer);
      if (c === "memory") {
        writeFileSync(join(outer, "memory.limit_in_bytes"), "67108864"); // 64 MiB above...
        writeFileSync(join(inner, "memory.limit_in_bytes"), "134217728"); // ...128 MiB: 64 wins
      }
      if (c === "cpu") {
        writeFileSync(join(outer, "cpu.cfs_period_us"), "100000");
        writeFileSync(join(outer, "cpu.cfs_quota_us"), "50000");
      }
      if (c === "pids") {
        writeFileSync(join(outer, "pids.max"), "50");
        writeFileSync(join(inner, "pids.max"), "20");
      }
      writeFileSync(join(inner, "cgroup.procs"), String(child.pid));
    }
    const info = new psutil.Process(child.pid!).cgroup();
    assert.equal(info.version, 1);
    assert.match(info.path, new RegExp(`/${name}/inner$`));
    assert.equal(info.memory.limit, 67108864);
    assert.ok(info.memory.current !== null && info.memory.current >= 0);
    assert.deepEqual(info.cpu, { quota: 50000, period: 100000, cpus: 0.5 });
    assert.deepEqual(info.pids, { limit: 20, current: 1 });
    // This process, outside them: none of those limits.
    assert.notEqual(new psutil.Process().cgroup().pids.limit, 20);
  } finally {
    await stopChild(child);
    for (const d of made) {
      for (let i = 0; i < 50; i++) {
        try {
          rmdirSync(d);
          break;
        } catch {
          await new Promise((r) => setTimeout(r, 20)); // the exited child leaves the cgroup shortly after
        }
      }
    }
  }
});
