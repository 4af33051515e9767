import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as psutil from "../mod.ts";
import {
  countCpuinfoCores,
  countCpuinfoProcessors,
  cpuTimesFromTicks,
  parseLoadavg,
  parseProcStat,
} from "../platform/linux/cpu.ts";
import { estimateAvailable, parseMeminfo, usagePercent, virtualMemoryFrom } from "../platform/linux/memory.ts";
import { assertBetween, assertClose, HAVE_PSUTIL, psutilEval, retry, run } from "./helpers.ts";

const LINUX = psutil.LINUX;
const fixture = (name: string) => readFileSync(new URL(`./fixtures/linux/${name}`, import.meta.url), "utf8");

// --- parsers on fixtures -----------------------------------------------------

test("parseProcStat reads cpu lines, btime, ctxt, intr and softirq", () => {
  const s = parseProcStat(fixture("stat"));
  assert.deepEqual(s.total, [10132153, 290696, 3084719, 46828483, 16683, 0, 25195, 0, 0, 0]);
  assert.equal(s.perCpu.length, 2);
  assert.equal(s.btime, 1700000000);
  assert.equal(s.ctxt, 1990473);
  assert.equal(s.intr, 114930548);
  assert.equal(s.softirq, 9245);
});

test("cpuTimesFromTicks: ten fields on a modern kernel, seven on an old one", () => {
  const modern = cpuTimesFromTicks([100, 200, 300, 400, 500, 600, 700, 800, 900, 1000], 100);
  assert.deepEqual(modern, {
    user: 1,
    nice: 2,
    system: 3,
    idle: 4,
    iowait: 5,
    irq: 6,
    softirq: 7,
    steal: 8,
    guest: 9,
    guestNice: 10,
  });
  // Linux 2.6.0-2.6.10: four fields only; psutil pads the first seven with 0 and omits the rest.
  const old = cpuTimesFromTicks([100, 200, 300, 400], 100);
  assert.deepEqual(old, { user: 1, nice: 2, system: 3, idle: 4, iowait: 0, irq: 0, softirq: 0 });
  assert.equal("steal" in old, false);
  const eight = cpuTimesFromTicks([1, 1, 1, 1, 1, 1, 1, 1], 1);
  assert.equal(eight.steal, 1);
  assert.equal("guest" in eight, false);
});

test("parseProcStat on an old kernel's stat without btime-era fields", () => {
  const s = parseProcStat("cpu  1 2 3 4\ncpu0 1 2 3 4\nbtime 5\n");
  assert.deepEqual(s.total, [1, 2, 3, 4]);
  assert.equal(s.ctxt, null);
  assert.equal(s.btime, 5);
});

test("cpuinfo counting: processors and (physical id, core id) pairs", () => {
  const text = fixture("cpuinfo");
  assert.equal(countCpuinfoProcessors(text), 4);
  assert.equal(countCpuinfoCores(text), 2);
  assert.equal(countCpuinfoCores("processor : 0\nprocessor : 1\n"), 0);
});

test("parseLoadavg reads three numbers and rejects garbage", () => {
  assert.deepEqual(parseLoadavg("0.52 0.58 0.59 1/467 12345\n"), [0.52, 0.58, 0.59]);
  assert.throws(() => parseLoadavg("garbage"));
});

test("parseMeminfo handles odd spacing and lines without a unit", () => {
  const m = parseMeminfo("MemTotal:       1000 kB\nHugePages_Total:      3\nMemFree:1 kB\n  Bad line\n");
  assert.equal(m.get("MemTotal"), 1024000);
  assert.equal(m.get("HugePages_Total"), 3);
  assert.equal(m.get("MemFree"), 1024);
});

test("virtualMemoryFrom applies psutil 5.9's formulas to a fixture", () => {
  const vm = virtualMemoryFrom(parseMeminfo(fixture("meminfo")), () => null);
  const kb = 1024;
  assert.equal(vm.total, 16303376 * kb);
  assert.equal(vm.free, 7347356 * kb);
  assert.equal(vm.buffers, 310676 * kb);
  assert.equal(vm.cached, (5212384 + 264268) * kb);
  assert.equal(vm.shared, 639840 * kb);
  assert.equal(vm.slab, 412600 * kb);
  assert.equal(vm.active, 4542604 * kb);
  assert.equal(vm.inactive, 3533200 * kb);
  assert.equal(vm.available, 8683212 * kb);
  assert.equal(vm.used, (16303376 - 7347356 - 5212384 - 264268 - 310676) * kb);
  assert.equal(vm.percent, usagePercent(vm.total - vm.available, vm.total));
  assert.equal(vm.percent, 46.7);
});

test("virtualMemoryFrom without MemAvailable falls back to zoneinfo, then free + cached", () => {
  const text = fixture("meminfo").replace(/^MemAvailable:.*\n/m, "");
  const mems = parseMeminfo(text);
  const noZone = virtualMemoryFrom(mems, () => null);
  assert.equal(noZone.available, (7347356 + 5212384 + 264268) * 1024);
  const zoneinfo =
    "Node 0, zone DMA\n  pages free 3\n        min      10\n        low      100\n        high     20\n" +
    "Node 0, zone Normal\n        low      900\n";
  const withZone = virtualMemoryFrom(mems, () => zoneinfo);
  assert.equal(withZone.available, estimateAvailable(mems, zoneinfo, 4096));
  // free - low + pagecache - min(pagecache/2, low) + sreclaimable - min(sreclaimable/2, low), low = 1000 pages
  const low = 1000 * 4096;
  const pagecache = (2109636 + 2937228) * 1024;
  const sr = 264268 * 1024;
  assert.equal(withZone.available, Math.trunc(7347356 * 1024 - low + pagecache - low + sr - low));
});

test("usagePercent rounds to one decimal and survives a zero total", () => {
  assert.equal(usagePercent(1, 3), 33.3);
  assert.equal(usagePercent(5, 0), 0);
});

// --- live comparisons ---------------------------------------------------------

test("cpuCount() matches nproc --all; physical matches psutil", { skip: !LINUX }, () => {
  assert.equal(psutil.cpuCount(), Number(run("nproc", ["--all"]).trim()));
  if (HAVE_PSUTIL) assert.equal(psutil.cpuCount({ logical: false }), psutilEval("psutil.cpu_count(logical=False)"));
  assert.throws(() => psutil.cpuCount({ logical: "yes" as unknown as boolean }), TypeError);
});

test("cpuTimes() lies between two readings of psutil", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const before = psutilEval<Record<string, number>>("psutil.cpu_times()._asdict()");
  const ours = psutil.cpuTimes();
  const after = psutilEval<Record<string, number>>("psutil.cpu_times()._asdict()");
  for (const [k, v] of Object.entries(before)) {
    const key = k.replace(/_(\w)/g, (_, c: string) => c.toUpperCase()) as keyof typeof ours;
    assertBetween(ours[key] as number, v, after[k], 0.05, `cpuTimes().${key}`);
  }
  assert.deepEqual(Object.keys(ours).length, Object.keys(before).length);
});

test("cpuTimes({ percpu: true }) has one entry per CPU, bracketed by psutil", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const before = psutilEval<Record<string, number>[]>("[t._asdict() for t in psutil.cpu_times(percpu=True)]");
  const ours = psutil.cpuTimes({ percpu: true });
  const after = psutilEval<Record<string, number>[]>("[t._asdict() for t in psutil.cpu_times(percpu=True)]");
  assert.equal(ours.length, before.length);
  ours.forEach((t, i) => {
    assertBetween(t.user, before[i].user, after[i].user, 0.05, `cpu${i}.user`);
    assertBetween(t.idle, before[i].idle, after[i].idle, 0.05, `cpu${i}.idle`);
  });
});

test("bootTime() equals the btime line of /proc/stat and psutil", { skip: !LINUX }, () => {
  const btime = Number(/^btime (\d+)/m.exec(readFileSync("/proc/stat", "utf8"))![1]);
  assert.equal(psutil.bootTime(), btime);
  if (HAVE_PSUTIL) assert.equal(psutil.bootTime(), psutilEval("psutil.boot_time()"));
});

test("getloadavg() is within 1.0 of /proc/loadavg", { skip: !LINUX }, () => {
  const want = readFileSync("/proc/loadavg", "utf8").split(" ").slice(0, 3).map(Number);
  psutil.getloadavg().forEach((v, i) => assertClose(v, want[i], 1.0, `load ${i}`));
});

test("virtualMemory() total matches free -b; the rest is within 20 MiB of psutil", { skip: !LINUX }, async () => {
  const freeTotal = Number(run("free", ["-b"]).split("\n")[1].split(/\s+/)[1]);
  assert.equal(psutil.virtualMemory().total, freeTotal);
  if (!HAVE_PSUTIL) return;
  // Other processes (the other tests' children) move memory: retry a few times.
  await retry(5, () => {
    const py = psutilEval<Record<string, number>>("psutil.virtual_memory()._asdict()");
    const vm = psutil.virtualMemory();
    const tol = 20 * 1024 * 1024;
    assert.deepEqual(Object.keys(vm).sort(), Object.keys(py).sort());
    for (
      const k of ["available", "used", "free", "active", "inactive", "buffers", "cached", "shared", "slab"] as const
    ) {
      assertClose(vm[k]!, py[k], tol, `virtualMemory().${k}`);
    }
    assertClose(vm.percent, py.percent, 1, "percent");
  });
});

test("swapMemory() matches free -b and psutil", { skip: !LINUX }, () => {
  const swapLine = run("free", ["-b"]).split("\n").find((l) => l.startsWith("Swap:"))!.split(/\s+/);
  const sm = psutil.swapMemory();
  assert.equal(sm.total, Number(swapLine[1]));
  assertClose(sm.used, Number(swapLine[2]), 5 * 1024 * 1024, "swap used");
  if (!HAVE_PSUTIL) return;
  const py = psutilEval<Record<string, number>>("psutil.swap_memory()._asdict()");
  assert.equal(sm.sin, py.sin);
  assert.equal(sm.sout, py.sout);
  assertClose(sm.free, py.free, 5 * 1024 * 1024, "swap free");
});
