// Monitor: the repeated-snapshot mode (beyond psutil), checked against
// processIter and against children with known properties.
import { test } from "node:test";
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import process from "node:process";
import * as psutil from "../mod.ts";
import { openFdCount, startChild, startSleeper, stopChild, waitExec } from "./helpers.ts";

const LINUX = psutil.LINUX;
const ROOT = LINUX && process.getuid?.() === 0;
const ATTRS: psutil.MonitorAttr[] = [
  "pid",
  "name",
  "ppid",
  "status",
  "username",
  "createTime",
  "cmdline",
  "memoryInfo",
];

test("a sample agrees with processIter on every process that lived through both", { skip: !LINUX }, () => {
  using m = new psutil.Monitor({ attrs: ATTRS });
  m.sample();
  const sample = new Map(m.sample().map((r) => [r.pid as number, r]));
  let compared = 0;
  for (
    const p of psutil.processIter({ attrs: ["pid", "name", "ppid", "username", "createTime", "cmdline", "memoryInfo"] })
  ) {
    const r = sample.get(p.pid);
    if (!r || p.pid === process.pid) continue;
    const i = p.info!;
    // A kworker renames itself with the work it runs ("-queue" idle, "+queue" busy).
    const stable = (n: unknown) => String(n).replace(/^(kworker\/[^-+]*)[-+].*$/, "$1");
    assert.equal(stable(r.name), stable(i.name), `pid ${p.pid} name`);
    assert.equal(r.ppid, i.ppid);
    assert.equal(r.username, i.username);
    assert.equal(r.createTime, i.createTime);
    if (i.cmdline !== null) assert.deepEqual(r.cmdline, i.cmdline, `pid ${p.pid} cmdline`);
    const mi = i.memoryInfo as psutil.ProcessMemoryInfo;
    assert.deepEqual(Object.keys(r.memoryInfo as object), ["rss", "vms"]);
    if ((r.memoryInfo as { vms: number }).vms !== mi.vms) continue; // it grew meanwhile
    compared++;
  }
  assert.ok(compared > 5, `compared ${compared}`);
});

test("new processes appear, exited ones go, cpuPercent sees a busy child, descriptors are bounded and closed", {
  skip: !LINUX,
}, async () => {
  const fdsBefore = openFdCount();
  const m = new psutil.Monitor({ attrs: ["pid", "name", "cpuPercent", "status"], maxOpen: 5 });
  m.sample();
  assert.ok(m.openDescriptors <= 5, `holds ${m.openDescriptors}`);
  const burner = startChild("sh", ["-c", "while :; do :; done"]);
  const sleeper = startChild("sleep", ["1000"]);
  try {
    await waitExec(sleeper.pid!, "sleep");
    const first = m.sample();
    assert.ok(first.some((r) => r.pid === burner.pid), "the new busy child appears");
    assert.equal(first.find((r) => r.pid === burner.pid)!.cpuPercent, 0, "first seen: 0");
    await new Promise((r) => setTimeout(r, 300));
    const second = m.sample();
    const busy = second.find((r) => r.pid === burner.pid)!.cpuPercent as number;
    assert.ok(busy >= 50, `busy child at ${busy}%`);
    assert.equal(second.find((r) => r.pid === sleeper.pid)!.name, "sleep");
  } finally {
    await stopChild(burner);
    await stopChild(sleeper);
  }
  const after = m.sample();
  assert.ok(!after.some((r) => r.pid === burner.pid || r.pid === sleeper.pid), "exited children are gone");
  m.close();
  assert.equal(openFdCount(), fdsBefore, "close() released every descriptor");
  assert.throws(() => m.sample(), TypeError);
});

test("a monitor with room for every process holds one descriptor per process, and lets go of the dead", {
  skip: !LINUX,
}, async () => {
  using m = new psutil.Monitor({ attrs: ["pid", "name"] });
  const n = m.sample().length;
  assert.ok(Math.abs(m.openDescriptors - n) <= 2, `${m.openDescriptors} descriptors for ${n} processes`);
  const kids = Array.from({ length: 10 }, () => startChild("sleep", ["1000"]));
  await Promise.all(kids.map((k) => waitExec(k.pid!, "sleep")));
  m.sample();
  const withKids = m.openDescriptors;
  for (const k of kids) await stopChild(k);
  m.sample();
  assert.ok(m.openDescriptors <= withKids - 10, `${m.openDescriptors} after 10 exits (was ${withKids})`);
});

test("a reused pid is a new process to the monitor (root, via ns_last_pid)", { skip: !ROOT }, async () => {
  using m = new psutil.Monitor({ attrs: ["pid", "name", "createTime", "cmdline"] });
  for (let attempt = 0; attempt < 20; attempt++) {
    const s = await startSleeper(1000);
    await waitExec(s.pid, "sleep");
    const before = m.sample().find((r) => r.pid === s.pid);
    assert.ok(before);
    await s.stop();
    await new Promise((r) => setTimeout(r, 1100));
    writeFileSync("/proc/sys/kernel/ns_last_pid", String(s.pid - 1));
    const c = startChild("sh", ["-c", "exec sleep 999"]);
    try {
      if (c.pid !== s.pid) continue;
      await waitExec(c.pid, "sleep");
      const after = m.sample().find((r) => r.pid === s.pid)!;
      assert.ok((after.createTime as number) > (before.createTime as number), "a new start time");
      assert.deepEqual(after.cmdline, ["sleep", "999"], "the new process's command line, not the old one's");
      return;
    } finally {
      await stopChild(c);
    }
  }
  assert.fail("could not make the kernel reuse a pid");
});

test("Monitor rejects attributes it cannot answer and bad limits", () => {
  assert.throws(() => new psutil.Monitor({ attrs: ["openFiles" as psutil.MonitorAttr] }), TypeError);
  assert.throws(() => new psutil.Monitor({ maxOpen: -1 }), RangeError);
  assert.throws(() => new psutil.Monitor({ attrs: "name" as unknown as psutil.MonitorAttr[] }), TypeError);
});
