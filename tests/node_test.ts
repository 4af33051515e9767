// Node without node:ffi (here: --no-experimental-ffi, as an older Node has none): the first call is one
// NotImplementedError naming what is needed, never a generic error. Runs under Node only.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statfsSync } from "node:fs";
import { cpus, tmpdir, totalmem } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ROOT } from "./helpers.ts";

const NODE = !("Deno" in globalThis) && !("Bun" in globalThis);
const BUN = join(ROOT, "node_modules", ".bin", "bun");

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

test("the package as npm users get it from JSR (transpiled to JavaScript) runs under Node", {
  skip: !NODE ? "runs under Node" : !existsSync(BUN) && `no Bun at ${BUN} to transpile with (npm install brings it)`,
}, () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil-package-"));
  try {
    const pkg = join(dir, "node_modules", "@jsr", "x__psutil");
    const built = spawnSync(BUN, [join(ROOT, "tests", "programs", "transpile.ts"), pkg], { encoding: "utf8" });
    assert.equal(built.status, 0, built.stderr);
    const mod = readFileSync(join(pkg, "mod.js"), "utf8");
    assert.match(mod, /from "\.\/system\/cpu\.js"/);
    assert.doesNotMatch(mod, /\.ts"/);
    copyFileSync(join(ROOT, "tests", "programs", "package_smoke.mjs"), join(dir, "smoke.mjs"));
    const r = spawnSync(process.execPath, ["--disable-warning=ExperimentalWarning", "smoke.mjs"], {
      cwd: dir,
      encoding: "utf8",
      timeout: 60_000,
    });
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stderr, "");
    const got = JSON.parse(r.stdout);
    const root = statfsSync("/");
    const btime = Number(/^btime (\d+)$/m.exec(readFileSync("/proc/stat", "utf8"))![1]);
    assert.deepEqual(got, {
      version: JSON.parse(readFileSync(join(ROOT, "deno.json"), "utf8")).version,
      pid: r.pid,
      ppid: process.pid,
      exe: process.execPath,
      name: "node-MainThread",
      status: "running",
      threads: got.threads,
      inPids: true,
      iterSelf: "node-MainThread",
      memTotal: totalmem(),
      cpus: cpus().length,
      cpuTimesKeys: ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal", "guest", "guestNice"],
      bootTime: got.bootTime,
      rootTotal: root.blocks * root.bsize,
      listening: r.pid,
      child: { stdout: "hello\n", returncode: 3 },
      helperThread: { active: true, engine: "thread", names: got.helperThread.names },
    });
    assert.ok(got.threads >= 2, `threads ${got.threads}: the main thread and the helper at least`);
    assert.ok(Math.abs(got.bootTime - btime) <= 1, `bootTime ${got.bootTime} vs btime ${btime}`);
    assert.ok(got.helperThread.names > 0);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
