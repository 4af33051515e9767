// Node without node:ffi (here: --no-experimental-ffi, as an older Node has none): the first call is one
// NotImplementedError naming what is needed, never a generic error. Runs under Node only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";

const NODE = !("Deno" in globalThis) && !("Bun" in globalThis);

test("Node without node:ffi: the first call throws one NotImplementedError naming node:ffi", { skip: !NODE }, () => {
  const code = `
    import * as psutil from ${JSON.stringify(new URL("../mod.ts", import.meta.url).href)};
    for (const call of [() => psutil.virtualMemory(), () => psutil.pids(), () => new psutil.Process()]) {
      try { call(); console.log("answered"); } catch (e) { console.log(e.constructor.name + ": " + e.message); }
    }`;
  const r = spawnSync(process.execPath, ["--no-experimental-ffi", "--input-type=module", "-e", code], {
    encoding: "utf8",
    timeout: 30_000,
  });
  assert.equal(r.status, 0, r.stderr);
  const lines = r.stdout.trim().split("\n");
  assert.equal(lines.length, 3);
  for (const l of lines) {
    assert.match(l, /^NotImplementedError: @x\/psutil needs node:ffi, which this Node [\d.]+ does not offer/);
  }
});

test("under Node the library runs on node:ffi: this process as the kernel knows it", { skip: !NODE }, async () => {
  const psutil = await import("../mod.ts");
  const me = new psutil.Process();
  assert.equal(me.pid, process.pid);
  assert.equal(me.ppid(), process.ppid);
  assert.equal(me.exe(), process.execPath);
  assert.deepEqual(me.cmdline().slice(0, 1), [process.execPath]);
});
