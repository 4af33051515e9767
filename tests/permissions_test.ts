/**
 * Deno without the permissions the library needs (`--allow-ffi`; `--allow-run`
 * for Popen): one clear error naming the missing flag, shown at the user's own call, and no prompt per
 * library name tried. Bun and Node have no permissions: skipped there.
 *
 * @module
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { ROOT } from "./helpers.ts";

const DENO = "Deno" in globalThis;
const LINUX = process.platform === "linux";
const PROGRAM = `${ROOT}tests/programs/permissions.ts`;

/**
 * `deno run FLAGS permissions.ts ARGS`, stdin closed so Deno cannot prompt.
 * Through `Deno.Command`: Deno's `node:child_process` adds `-A` to a `deno`
 * started with no permission flag, which is the case under test.
 */
function denoRun(flags: string[], args: string[] = []): { status: number; stdout: string; stderr: string } {
  const r = new Deno.Command(Deno.execPath(), {
    args: ["run", "--no-prompt", ...flags, PROGRAM, ...args],
    env: { NO_COLOR: "1" },
    stdin: "null",
  }).outputSync();
  const text = new TextDecoder();
  return { status: r.code, stdout: text.decode(r.stdout), stderr: text.decode(r.stderr) };
}

test("without --allow-ffi: one error naming the flag, at the user's call", { skip: !DENO || !LINUX }, () => {
  const r = denoRun(["--allow-read"]);
  assert.notEqual(r.status, 0, r.stdout + r.stderr);
  assert.match(
    r.stderr,
    /PermissionNeeded: @x\/psutil needs Deno's permission --allow-ffi: run again with --allow-ffi \(or -A\)/,
  );
  assert.doesNotMatch(r.stderr, /Cannot open any of|NotCapable/);
  // The stack shows the public function and the program's call, none of the check's own frames.
  const frames = r.stderr.split("\n").filter((l) => /^\s+at /.test(l));
  assert.match(frames[0] ?? "", /virtualMemory .*system\/memory\.ts/, r.stderr);
  assert.match(frames[1] ?? "", /tests\/programs\/permissions\.ts/, r.stderr);
  assert.equal(frames.length, 2, r.stderr);
});

test("--allow-ffi is all the library needs: the total /proc/meminfo gives", { skip: !DENO || !LINUX }, () => {
  const r = denoRun(["--allow-ffi"]);
  assert.equal(r.status, 0, r.stderr);
  const kib = Number(/^MemTotal:\s+(\d+) kB/m.exec(Deno.readTextFileSync("/proc/meminfo"))![1]);
  assert.equal(JSON.parse(r.stdout).total, kib * 1024);
});

test("--allow-ffi alone: every system function and every attribute of this process answers", {
  skip: !DENO || !LINUX,
}, () => {
  // Deno guards /proc/PID/fd and /sys with -A even for reads: the library must go through libc there.
  const r = denoRun(["--allow-ffi"], ["sweep"]);
  assert.equal(r.status, 0, r.stderr);
  const out = JSON.parse(r.stdout);
  assert.deepEqual(out.failed, []);
  assert.ok(out.processes > 1);
});

test("Popen without --allow-run names --allow-run and the program", { skip: !DENO || !LINUX }, () => {
  const r = denoRun(["--allow-ffi"], ["popen"]);
  assert.notEqual(r.status, 0);
  assert.match(r.stderr, /PermissionNeeded: Popen\("true"\) needs Deno's permission --allow-run/);
  const ok = denoRun(["--allow-ffi", "--allow-run"], ["popen"]);
  assert.equal(ok.status, 0, ok.stderr);
  assert.deepEqual(JSON.parse(ok.stdout), { exit: 0 });
});
