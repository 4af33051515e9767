// Linux system calls, live, against nproc, free, /proc and psutil 5.9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as psutil from "../../mod.ts";
import { assertBetween, assertClose, HAVE_PSUTIL, psutilEval, retry, run } from "../helpers.ts";

const LINUX = psutil.LINUX;

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
