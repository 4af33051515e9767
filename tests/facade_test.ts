import { test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import process from "node:process";
import * as psutil from "../mod.ts";
import { unsupportedBackend } from "../platform/unsupported.ts";
import { run, startChild, stopChild, waitFor } from "./helpers.ts";

const RUNTIME_ARGS = "Deno" in globalThis ? ["run", "-A"] : [];

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
