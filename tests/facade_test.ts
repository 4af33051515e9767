import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import process from "node:process";
import * as psutil from "../mod.ts";
import { unsupportedBackend } from "../platform/unsupported.ts";
import { run, RUNTIME_ARGS, startChild, stopChild, waitFor } from "./helpers.ts";

test("an unsupported OS: every member throws NotImplementedError naming the call and the OS", () => {
  const b = unsupportedBackend("plan9");
  assert.equal(b.os, "plan9");
  for (const call of [() => b.cpuTimes(), () => b.pids(), () => b.virtualMemory(), () => b.process(1).name()]) {
    assert.throws(call, (e: unknown) => {
      assert.ok(e instanceof psutil.NotImplementedError);
      assert.ok(e instanceof psutil.PsutilError);
      assert.equal(e.os, "plan9");
      assert.match(e.message, /^\w+\(\) is not available on plan9$/);
      return true;
    });
  }
  assert.equal(b.process(7).pid, 7);
});

test("the facade exports psutil's names and nothing that is undefined", () => {
  for (
    const name of [
      "cpuCount",
      "cpuTimes",
      "bootTime",
      "virtualMemory",
      "swapMemory",
      "getloadavg",
      "pids",
      "pidExists",
      "Process",
      "NoSuchProcess",
      "ZombieProcess",
      "AccessDenied",
      "TimeoutExpired",
      "STATUS_RUNNING",
      "LINUX",
      "version",
    ]
  ) {
    assert.notEqual((psutil as Record<string, unknown>)[name], undefined, name);
  }
  for (const [name, value] of Object.entries(psutil)) assert.notEqual(value, undefined, name);
  assert.equal(psutil.LINUX, process.platform === "linux");
  assert.match(psutil.version, /^\d+\.\d+\.\d+$/);
});

test("scripts/ps.ts prints the process table with a child we started; mod.ts run as a program prints nothing", {
  skip: !psutil.LINUX,
}, async () => {
  const child = startChild("sleep", ["1001"]);
  try {
    await waitFor(() => run("ps", ["-o", "comm=", "-p", String(child.pid)]).trim() === "sleep");
    const runFile = (file: string) =>
      execFileSync(process.execPath, [...RUNTIME_ARGS, file], {
        cwd: new URL("..", import.meta.url).pathname,
        encoding: "utf8",
        env: { ...process.env, NO_COLOR: "1" },
      });
    assert.equal(runFile("mod.ts"), "", "the library entry carries no program");
    const out = runFile("scripts/ps.ts");
    const lines = out.trimEnd().split("\n");
    assert.match(lines[0], /^USER\s+PID\s+%MEM\s+VSZ\s+RSS\s+NICE\s+STATUS\s+START\s+TIME\s+CMDLINE$/);
    const row = lines.find((l) => l.split(/\s+/)[1] === String(child.pid));
    assert.ok(row, `no row for pid ${child.pid}`);
    const user = run("ps", ["-o", "user=", "-p", String(child.pid)]).trim();
    assert.equal(row.split(/\s+/)[0], user);
    assert.match(row, /sleeping .*sleep 1001$/);
    assert.ok(lines.length > 10, "only a few processes listed");
  } finally {
    await stopChild(child);
  }
});

test("options are checked strictly: an unknown key names itself and the accepted ones", () => {
  const unknown = (f: () => unknown, key: string, accepted: string) =>
    assert.throws(f, (e: unknown) => {
      assert.ok(e instanceof TypeError, String(e));
      assert.match(e.message, new RegExp(`unknown option "${key}" \\(accepted: ${accepted}\\)`));
      return true;
    });
  const bogus = { bogus: true } as never;
  unknown(() => psutil.cpuCount(bogus), "bogus", "logical");
  unknown(() => psutil.cpuTimes(bogus), "bogus", "percpu");
  unknown(() => psutil.cpuPercent(bogus), "bogus", "interval, percpu");
  unknown(() => psutil.netIoCounters({ perNic: true } as never), "perNic", "pernic, nowrap");
  unknown(() => psutil.diskPartitions(bogus), "bogus", "all");
  unknown(() => new psutil.Process().asDict({ attr: ["name"] } as never), "attr", "attrs, adValue");
  unknown(() => [...psutil.processIter({ ad_value: 0 } as never)], "ad_value", "attrs, adValue");
  unknown(() => new psutil.Process().children(bogus), "bogus", "recursive");
});

test("psutil's positional habits are TypeErrors that say how to write the call", async () => {
  const says = (f: () => unknown, written: string) =>
    assert.throws(f, (e: unknown) => {
      assert.ok(e instanceof TypeError, String(e));
      assert.ok(e.message.endsWith(`write ${written}`), e.message);
      return true;
    });
  says(() => psutil.cpuPercent(0.5 as never), "cpuPercent({ interval: 0.5 })");
  says(() => psutil.cpuTimes(true as never), "cpuTimes({ percpu: true })");
  says(() => psutil.cpuCount(false as never), "cpuCount({ logical: false })");
  says(() => psutil.netConnections("tcp" as never), 'netConnections({ kind: "tcp" })');
  says(() => psutil.diskPartitions(false as never), "diskPartitions({ all: false })");
  says(() => psutil.netIoCounters(true as never), "netIoCounters({ pernic: true })");
  says(() => new psutil.Process().cpuPercent(0.1 as never), "cpuPercent({ interval: 0.1 })");
  says(() => new psutil.Process().memoryMaps(false as never), "memoryMaps({ grouped: false })");
  await assert.rejects(() => psutil.waitProcs([], 3 as never), /write waitProcs\(procs, \{ timeout: 3 \}\)$/);
});
