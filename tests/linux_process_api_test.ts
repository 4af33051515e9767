// The whole Process API on Linux, with children whose properties the tests
// chose, checked against ps, /proc, the util-linux tools and psutil 5.9.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  chmodSync,
  copyFileSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  readlinkSync,
  rmSync,
  unlinkSync,
  writeFileSync,
} from "node:fs";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import * as psutil from "../mod.ts";
import { fileFlagsToMode, parseEnviron, parseSmaps, parseSmapsTotals } from "../platform/linux/parsers.ts";
import {
  camelKeys,
  have,
  HAVE_PSUTIL,
  listen,
  openFdCount,
  psutilEval,
  PYTHON,
  run,
  startChild,
  startSleeper,
  stopChild,
  waitExec,
  waitFor,
} from "./helpers.ts";

const LINUX = psutil.LINUX;
const ROOT = LINUX && process.getuid?.() === 0;
const selfPid = process.pid;

/** Starts a Python child that runs `code`, then prints "ready" and sleeps; resolves once it is ready. */
async function pythonChild(code: string, options: { cwd?: string } = {}): Promise<ChildProcess> {
  const child = spawn(PYTHON, ["-c", `${code}\nimport time\nprint("ready", flush=True)\ntime.sleep(1000)`], {
    cwd: options.cwd,
    stdio: ["ignore", "pipe", "inherit"],
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout!.once("data", () => resolve());
    child.once("exit", (code) => reject(new Error(`python exited with ${code}`)));
  });
  return child;
}

/** Waits until `pid`'s /proc entry says it is asleep (ready and idle). */
async function settled(pid: number): Promise<void> {
  await waitFor(() => {
    try {
      return new psutil.Process(pid).status() === psutil.STATUS_SLEEPING;
    } catch {
      return false;
    }
  });
}

// --- pure parsers ----------------------------------------------------------------

test("fileFlagsToMode is psutil's table", () => {
  assert.equal(fileFlagsToMode(0o0), "r");
  assert.equal(fileFlagsToMode(0o1), "w");
  assert.equal(fileFlagsToMode(0o2), "r+");
  assert.equal(fileFlagsToMode(0o2001), "a");
  assert.equal(fileFlagsToMode(0o2002), "a+");
  assert.equal(fileFlagsToMode(0o100000 | 0o1), "w", "other flags (O_LARGEFILE) are ignored");
});

test("parseEnviron follows psutil's rules: '=' inside values, stop at an empty entry, drop an unterminated last one", () => {
  assert.deepEqual(parseEnviron("A=1\0B=x=y\0\0C=\0"), { A: "1", B: "x=y" });
  assert.deepEqual(parseEnviron("A=1\0B=2"), { A: "1" });
  assert.deepEqual(parseEnviron("=x\0noeq\0A=\0"), { A: "" });
  assert.deepEqual(parseEnviron(""), {});
});

test("parseEnviron agrees with psutil's parse_environ_block on random blocks", { skip: !HAVE_PSUTIL }, () => {
  let seed = 7;
  const rnd = (n: number) => (seed = (seed * 1103515245 + 12345) % 2 ** 31) % n;
  const blocks = Array.from({ length: 200 }, () => {
    let b = "";
    for (let i = rnd(12); i > 0; i--) b += "AB=\0x"[rnd(6)];
    return b;
  });
  const want = psutilEval<Record<string, string>[]>(
    `[parse_environ_block(b) for b in json.loads(sys.stdin.read())]`,
    "from psutil._common import parse_environ_block",
    JSON.stringify(blocks),
  );
  blocks.forEach((b, i) => assert.deepEqual(parseEnviron(b), want[i], JSON.stringify(b)));
});

test("parseSmaps and parseSmapsTotals on a fixture with anonymous, deleted and VmFlags lines", () => {
  const text = [
    "00400000-00452000 r-xp 00000000 08:02 173521      /usr/bin/dbus-daemon",
    "Size:                328 kB",
    "Rss:                 300 kB",
    "Pss:                 150 kB",
    "Shared_Clean:        300 kB",
    "Private_Dirty:         0 kB",
    "VmFlags: rd ex mr mw me dw",
    "7f0000000000-7f0000021000 rw-p 00000000 00:00 0 ",
    "Size:                132 kB",
    "Rss:                   8 kB",
    "Private_Dirty:         8 kB",
    "Swap:                  4 kB",
    "7f1000000000-7f1000001000 rw-s 00000000 00:05 99 /memfd:x (deleted)",
    "Rss:                   4 kB",
  ].join("\n");
  const maps = parseSmaps(text);
  assert.equal(maps.length, 3);
  assert.deepEqual(
    [maps[0].path, maps[0].addr, maps[0].perms, maps[0].rss, maps[0].size, maps[0].pss, maps[0].sharedClean],
    ["/usr/bin/dbus-daemon", "00400000-00452000", "r-xp", 300 * 1024, 328 * 1024, 150 * 1024, 300 * 1024],
  );
  assert.equal(maps[1].path, "[anon]");
  assert.equal(maps[1].swap, 4096);
  assert.equal(maps[2].path, "/memfd:x", "a deleted file loses ' (deleted)'");
  assert.deepEqual(
    parseSmapsTotals(
      "Rss: 10 kB\nPss: 7 kB\nPrivate_Clean: 1 kB\nPrivate_Dirty: 2 kB\nPrivate_Hugetlb: 3 kB\nSwap: 5 kB\n",
    ),
    {
      uss: 6 * 1024,
      pss: 7 * 1024,
      swap: 5 * 1024,
    },
  );
});

// --- hostile children --------------------------------------------------------------

test("a 100 KB command line with empty and spaced arguments is read whole", { skip: !LINUX }, async () => {
  const big = "x".repeat(100_000);
  const args = ["-c", "sleep 1000; :", "argv0", "", "a b", big, "é ü"];
  const child = startChild("sh", args);
  try {
    const p = new psutil.Process(child.pid!);
    await waitFor(() => p.cmdline().length === 8);
    const cmd = p.cmdline();
    assert.deepEqual(cmd.slice(1), args);
    assert.equal(cmd[6].length, 100_000);
  } finally {
    // sh may not have forked its sleep yet: wait for it, or it outlives the test.
    const sh = new psutil.Process(child.pid!);
    await waitFor(() => sh.children().length > 0, 2000);
    for (const k of sh.children()) k.kill();
    await stopChild(child);
  }
});

test("an environment with invalid UTF-8 is read, the bad bytes as U+FFFD", { skip: !LINUX }, async () => {
  const child = startChild("sh", ["-c", 'export BAD="$(printf "a\\377\\376b")" GOOD="é=1"; exec sleep 1000']);
  try {
    const p = new psutil.Process(child.pid!);
    await waitExec(p.pid, "sleep");
    const env = p.environ();
    assert.equal(env.BAD, "a\uFFFD\uFFFDb");
    assert.equal(env.GOOD, "é=1");
    assert.equal(env.PATH, process.env.PATH);
  } finally {
    await stopChild(child);
  }
});

test("many threads: numThreads and threads() match /proc/PID/task", { skip: !LINUX || !HAVE_PSUTIL }, async () => {
  const child = await pythonChild(
    "import threading, time\nfor _ in range(20): threading.Thread(target=time.sleep, args=(1000,), daemon=True).start()",
  );
  try {
    const p = new psutil.Process(child.pid!);
    await waitFor(() => p.numThreads() === 21);
    assert.equal(p.numThreads(), 21);
    const tids = readdirSync(`/proc/${child.pid}/task`).map(Number).sort((a, b) => a - b);
    const threads = p.threads();
    assert.deepEqual(threads.map((t) => t.id), tids);
    assert.ok(threads.every((t) => t.userTime >= 0 && t.systemTime >= 0));
    assert.equal(threads[0].id, child.pid);
  } finally {
    await stopChild(child);
  }
});

test("open files and cwd with spaces and non-ASCII: paths, fds, positions, modes; exe", {
  skip: !LINUX || !HAVE_PSUTIL,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil dir é "));
  const code = `
import os
fs = []
for name, mode in [("r fïle", "r"), ("w fïle", "w"), ("a fïle", "a"), ("rp fïle", "r+"), ("ap fïle", "a+")]:
    if mode in ("r", "r+"): open(name, "w").write("0123456789")
    f = open(name, mode)
    if mode == "r": f.read(4)
    if mode == "w": f.write("abc"); f.flush()
    fs.append(f)
`;
  const child = await pythonChild(code, { cwd: dir });
  try {
    const p = new psutil.Process(child.pid!);
    await waitFor(() => {
      try {
        return p.openFiles().length === 5;
      } catch {
        return false;
      }
    });
    assert.equal(p.cwd(), dir);
    const files = p.openFiles();
    const byName = new Map(files.map((f) => [f.path.slice(dir.length + 1), f]));
    assert.deepEqual([...byName.keys()].sort(), ["a fïle", "ap fïle", "r fïle", "rp fïle", "w fïle"]);
    assert.equal(byName.get("r fïle")!.mode, "r");
    assert.equal(byName.get("w fïle")!.mode, "w");
    assert.equal(byName.get("a fïle")!.mode, "a");
    assert.equal(byName.get("rp fïle")!.mode, "r+");
    assert.equal(byName.get("ap fïle")!.mode, "a+");
    assert.equal(byName.get("w fïle")!.position, 3);
    // Python reads ahead in its buffer: the fd's position is what the kernel says.
    const rfd = byName.get("r fïle")!.fd;
    assert.equal(
      byName.get("r fïle")!.position,
      Number(/pos:\s+(\d+)/.exec(readFileSync(`/proc/${child.pid}/fdinfo/${rfd}`, "utf8"))![1]),
    );
    for (const f of files) {
      assert.equal(readFileSync(`/proc/${child.pid}/fdinfo/${f.fd}`, "utf8").includes("flags"), true);
    }
    if (have("lsof")) {
      const lsof = run("lsof", ["-p", String(child.pid), "-Fn"]).split("\n").filter((l) => l.startsWith(`n${dir}/`));
      assert.equal(lsof.length, 5);
    }
    assert.equal(p.exe(), run("readlink", ["-f", PYTHON]).trim());
    const py = psutilEval<Array<Record<string, unknown>>>(
      `[f._asdict() for f in psutil.Process(${child.pid}).open_files()]`,
    );
    assert.deepEqual(files, py);
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

test(
  "a deleted executable's and cwd's paths have no ' (deleted)'; a long name comes from the command line",
  { skip: !LINUX },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "psutil-exe-"));
    const exe = join(dir, "a-very-long-program-name");
    copyFileSync("/bin/sleep", exe);
    chmodSync(exe, 0o755);
    const child = startChild(exe, ["1000"], { cwd: dir });
    try {
      const p = new psutil.Process(child.pid!);
      await waitExec(child.pid!, "a-very-long-program-name");
      assert.equal(p.name(), "a-very-long-program-name", "the kernel keeps 15 characters; the rest is from argv[0]");
      unlinkSync(exe);
      assert.ok(readFileSync(`/proc/${child.pid}/stat`, "utf8").includes("(a-very-long-pro)"));
      assert.equal(p.exe(), exe);
      if (HAVE_PSUTIL) assert.equal(p.name(), psutilEval(`psutil.Process(${child.pid}).name()`));
      rmSync(dir, { recursive: true, force: true });
      assert.equal(readlinkSync(`/proc/${child.pid}/cwd`), `${dir} (deleted)`);
      assert.equal(p.cwd(), dir, "a removed working directory loses ' (deleted)' too");
    } finally {
      await stopChild(child);
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test(
  "a niced child: nice(), and setters round-trip against ps, ionice, prlimit and /proc",
  { skip: !LINUX },
  async () => {
    const child = startChild("nice", ["-n", "5", "sleep", "1000"]);
    try {
      const p = new psutil.Process(child.pid!);
      await waitExec(p.pid, "sleep");
      assert.equal(p.nice(), 5);
      assert.equal(Number(run("ps", ["-o", "nice=", "-p", String(child.pid)]).trim()), 5);
      p.nice(10);
      assert.equal(p.nice(), 10);
      assert.equal(Number(run("ps", ["-o", "nice=", "-p", String(child.pid)]).trim()), 10);

      p.ionice(psutil.IOPRIO_CLASS_BE, 5);
      assert.deepEqual(p.ionice(), { ioclass: psutil.IOPRIO_CLASS_BE, value: 5 });
      if (have("ionice")) assert.equal(run("ionice", ["-p", String(child.pid)]).trim(), "best-effort: prio 5");
      p.ionice(psutil.IOPRIO_CLASS_IDLE);
      assert.deepEqual(p.ionice(), { ioclass: psutil.IOPRIO_CLASS_IDLE, value: 0 });

      p.rlimit(psutil.RLIMIT_NOFILE, [100, 200]);
      assert.deepEqual(p.rlimit(psutil.RLIMIT_NOFILE), [100, 200]);
      const limits = readFileSync(`/proc/${child.pid}/limits`, "utf8");
      assert.match(limits, /^Max open files\s+100\s+200\s+files/m);
      assert.deepEqual(p.rlimit(psutil.RLIMIT_CORE).length, 2);
      p.rlimit(psutil.RLIMIT_FSIZE, [psutil.RLIM_INFINITY, psutil.RLIM_INFINITY]);
      assert.deepEqual(p.rlimit(psutil.RLIMIT_FSIZE), [psutil.RLIM_INFINITY, psutil.RLIM_INFINITY]);
      assert.match(readFileSync(`/proc/${child.pid}/limits`, "utf8"), /^Max file size\s+unlimited\s+unlimited/m);

      const all = p.cpuAffinity();
      assert.deepEqual(all, Array.from({ length: psutil.cpuCount()! }, (_, i) => i));
      p.cpuAffinity([0]);
      assert.deepEqual(p.cpuAffinity(), [0]);
      assert.match(readFileSync(`/proc/${child.pid}/status`, "utf8"), /^Cpus_allowed_list:\s+0$/m);
      p.cpuAffinity([]);
      assert.deepEqual(p.cpuAffinity(), all);

      // Bad input.
      assert.throws(() => p.nice(20), RangeError);
      assert.throws(() => p.nice(1.5), TypeError);
      assert.throws(() => p.ionice(7), RangeError);
      assert.throws(() => p.ionice(psutil.IOPRIO_CLASS_IDLE, 3), RangeError);
      assert.throws(() => p.ionice(psutil.IOPRIO_CLASS_BE, 8), RangeError);
      assert.throws(() => p.rlimit(-1), RangeError);
      assert.throws(() => p.rlimit(psutil.RLIMIT_NOFILE, [1] as unknown as psutil.Rlimit), TypeError);
      assert.throws(() => p.rlimit(psutil.RLIMIT_NOFILE, [300, 200]), RangeError, "soft above hard");
      assert.throws(() => p.cpuAffinity([99]), RangeError);
      assert.throws(() => p.cpuAffinity("0" as unknown as number[]), TypeError);
      assert.equal(p.nice(), 10, "nothing changed");
    } finally {
      await stopChild(child);
    }
  },
);

test("signals: suspend, resume, terminate; never pid 0", { skip: !LINUX }, async () => {
  const s = await startSleeper();
  try {
    const p = new psutil.Process(s.pid);
    p.suspend();
    assert.equal(await waitFor(() => p.status() === psutil.STATUS_STOPPED), true);
    p.resume();
    assert.equal(await waitFor(() => p.status() === psutil.STATUS_SLEEPING), true);
    p.sendSignal(psutil.SIGTERM);
    assert.equal(await p.wait({ timeout: 5 }), null, "not our child: no exit code");
    assert.equal(p.isRunning(), false);
    assert.throws(() => p.kill(), psutil.NoSuchProcess);
  } finally {
    await s.stop();
  }
  // Linux has no process 0 to open; where one opens, signalling it is refused.
  assert.throws(
    () => new psutil.Process(0).sendSignal(psutil.SIGTERM),
    (e: unknown) => e instanceof RangeError || e instanceof psutil.NoSuchProcess,
  );
  assert.throws(() => new psutil.Process().sendSignal(65), RangeError);
  assert.throws(() => new psutil.Process().sendSignal("SIGTERM" as unknown as number), TypeError);
});

test(
  "wait: exit codes of Popen children, minus the signal, TimeoutExpired, other processes",
  { skip: !LINUX },
  async () => {
    const ok = new psutil.Popen(["sh", "-c", "exit 3"]);
    assert.equal(await ok.wait(), 3);
    assert.equal(ok.returncode, 3);
    const long = new psutil.Popen(["sleep", "1000"]);
    await assert.rejects(() => long.wait({ timeout: 0.05 }), (e: unknown) => {
      assert.ok(e instanceof psutil.TimeoutExpired);
      assert.equal(e.seconds, 0.05);
      assert.equal(e.pid, long.pid);
      return true;
    });
    const viaProcess = new psutil.Process(long.pid);
    await assert.rejects(() => viaProcess.wait({ timeout: 0 }), psutil.TimeoutExpired);
    long.kill();
    assert.equal(await viaProcess.wait({ timeout: 5 }), -psutil.SIGKILL, "a Process on a Popen's pid knows its code");
    assert.equal(await long.wait(), -psutil.SIGKILL);
    await assert.rejects(() => new psutil.Process().wait({ timeout: -1 }), RangeError);
    await assert.rejects(
      async () => await new psutil.Process(0).wait(),
      (e: unknown) => e instanceof RangeError || e instanceof psutil.NoSuchProcess,
    );
  },
);

test("waitProcs: gone with returncodes and callback, alive after the timeout", { skip: !LINUX }, async () => {
  const quick = [new psutil.Popen(["sh", "-c", "exit 4"]), new psutil.Popen(["sleep", "0.05"])];
  const slow = new psutil.Popen(["sleep", "1000"]);
  const called: number[] = [];
  try {
    const { gone, alive } = await psutil.waitProcs([...quick, slow], {
      timeout: 1,
      callback: (p) => called.push(p.pid),
    });
    assert.deepEqual(new Set(gone), new Set(quick));
    assert.deepEqual(alive, [slow]);
    assert.deepEqual(new Set(called), new Set(quick.map((p) => p.pid)));
    assert.equal(quick[0].returncode, 4);
    assert.equal(quick[1].returncode, 0);
  } finally {
    slow.kill();
    await slow.wait();
  }
  await assert.rejects(() => psutil.waitProcs([1 as unknown as psutil.Process]), TypeError);
  await assert.rejects(() => psutil.waitProcs([], { callback: 3 as unknown as () => void }), TypeError);
});

test("Popen: pipes, communicate, env, cwd, bad commands", { skip: !LINUX }, async () => {
  const p = new psutil.Popen(["sh", "-c", 'cat; echo "$FOO" >&2; pwd >&2; exit 2'], {
    stdin: "piped",
    stdout: "piped",
    stderr: "piped",
    env: { FOO: "bar baz", PATH: process.env.PATH! },
    cwd: "/tmp",
  });
  assert.ok(p instanceof psutil.Process);
  assert.equal(p.ppid(), selfPid);
  // Deno passes the resolved path as argv[0], Bun the name as given.
  assert.deepEqual(p.cmdline().slice(1), ["-c", 'cat; echo "$FOO" >&2; pwd >&2; exit 2']);
  assert.match(p.cmdline()[0], /(^|\/)sh$/);
  const { stdout, stderr } = await p.communicate("hello\0world");
  assert.equal(new TextDecoder().decode(stdout!), "hello\0world");
  assert.equal(new TextDecoder().decode(stderr!), "bar baz\n/tmp\n");
  assert.equal(p.returncode, 2);
  const quiet = new psutil.Popen(["true"], { stdout: "null" });
  assert.equal(quiet.stdout, null);
  assert.deepEqual(await quiet.communicate(), { stdout: null, stderr: null });
  assert.throws(() => new psutil.Popen(["/no/such/program"]));
  assert.throws(() => new psutil.Popen([]), TypeError);
  assert.throws(() => new psutil.Popen(["true"], { stdout: "pipe" as psutil.Stdio }), TypeError);
  await assert.rejects(() => quiet.communicate("x"), TypeError);
});

test("children, parent and parents follow the tree; younger processes only", { skip: !LINUX }, async () => {
  const sh = startChild("sh", ["-c", "sleep 1000 & sleep 1000 & wait"]);
  try {
    const shp = new psutil.Process(sh.pid!);
    // A forked child is `sh` until it has exec'd sleep.
    await waitFor(() => shp.children().filter((k) => k.name() === "sleep").length === 2);
    const kids = shp.children();
    assert.deepEqual(kids.map((k) => k.name()), ["sleep", "sleep"]);
    const ps = run("ps", ["-o", "pid=", "--ppid", String(sh.pid)]).trim().split(/\s+/).map(Number).sort((a, b) =>
      a - b
    );
    assert.deepEqual(kids.map((k) => k.pid).sort((a, b) => a - b), ps);
    assert.equal(kids[0].parent()!.pid, sh.pid);
    assert.deepEqual(kids[0].parents().slice(0, 2).map((p) => p.pid), [sh.pid, selfPid]);
    const mine = new psutil.Process().children({ recursive: true }).map((p) => p.pid);
    for (const pid of [sh.pid!, ...ps]) assert.ok(mine.includes(pid), `descendant ${pid}`);
    assert.ok(!new psutil.Process().children().some((p) => ps.includes(p.pid)), "grandchildren are not children");
    assert.equal(new psutil.Process(1).parent(), null);
  } finally {
    for (const k of new psutil.Process(sh.pid!).children()) k.kill();
    await stopChild(sh);
  }
});

test(
  "memory: full info, percent and maps agree with psutil for a settled child",
  { skip: !LINUX || !HAVE_PSUTIL },
  async () => {
    const child = await pythonChild("x = bytearray(8 * 1024 * 1024)\nfor i in range(0, len(x), 4096): x[i] = 1");
    try {
      const pid = child.pid!;
      await settled(pid);
      await new Promise((r) => setTimeout(r, 200));
      const p = new psutil.Process(pid);
      const py = psutilEval<Record<string, unknown>>(
        `(lambda p: dict(full=p.memory_full_info()._asdict(), pct=p.memory_percent(), pctuss=p.memory_percent('uss'), maps=[m._asdict() for m in p.memory_maps()], raw=[m._asdict() for m in p.memory_maps(grouped=False)]))(psutil.Process(${pid}))`,
      );
      // The oracle's own python maps the same files while it runs, so pages the
      // child had alone are shared for a moment: uss and pss move by a few MiB.
      const SHARING = 8 * 1024 * 1024;
      const full = p.memoryFullInfo(), pyFull = camelKeys<Record<string, number>>(py.full);
      for (const [k, v] of Object.entries(full)) {
        if (k === "uss" || k === "pss") assert.ok(Math.abs(v - pyFull[k]) <= SHARING, `${k} ${v} vs ${pyFull[k]}`);
        else assert.equal(v, pyFull[k], k);
      }
      assert.ok(Math.abs(p.memoryPercent() - (py.pct as number)) < 1e-9);
      const total = psutil.virtualMemory().total;
      assert.ok(Math.abs(p.memoryPercent({ memtype: "uss" }) - (py.pctuss as number)) <= SHARING / total * 100);
      const stable = (maps: unknown) =>
        (maps as Array<Record<string, unknown>>).map(({ path, addr, perms, rss, size }) => ({
          path,
          addr,
          perms,
          rss,
          size,
        }));
      assert.deepEqual(stable(p.memoryMaps()), stable(camelKeys(py.maps)));
      assert.deepEqual(stable(p.memoryMaps({ grouped: false })), stable(camelKeys(py.raw)));
      assert.ok(p.memoryFullInfo().uss >= 8 * 1024 * 1024);
      assert.throws(() => p.memoryPercent({ memtype: "bogus" }), /bogus/);
    } finally {
      await stopChild(child);
    }
  },
);

test("cpuPercent of a busy child; ioCounters, ctx switches, cpuNum, terminal against psutil", {
  skip: !LINUX || !HAVE_PSUTIL,
}, async () => {
  const burner = startChild("sh", ["-c", "while :; do :; done"]);
  try {
    const p = new psutil.Process(burner.pid!);
    assert.equal(p.cpuPercent(), 0, "the first call starts the measurement");
    const busy = await p.cpuPercent({ interval: 0.5 });
    assert.ok(busy >= 70 && busy <= 105, `cpuPercent ${busy}`);
    await new Promise((r) => setTimeout(r, 200));
    const since = p.cpuPercent();
    assert.ok(since >= 50, `cpuPercent since last ${since}`);
  } finally {
    await stopChild(burner);
  }
  const child = await pythonChild("open('/etc/hostname').read()");
  try {
    await settled(child.pid!);
    const p = new psutil.Process(child.pid!);
    const py = camelKeys<Record<string, unknown>>(psutilEval(
      `(lambda p: dict(io=p.io_counters()._asdict(), ctx=p.num_ctx_switches()._asdict(), num=p.cpu_num(), tty=p.terminal(), fds=p.num_fds(), gids=list(p.gids())))(psutil.Process(${child.pid}))`,
    ));
    assert.deepEqual(p.ioCounters(), py.io);
    assert.deepEqual(p.numCtxSwitches(), py.ctx);
    assert.equal(p.cpuNum(), py.num);
    assert.equal(p.terminal(), py.tty);
    assert.equal(p.numFds(), py.fds);
    assert.deepEqual(Object.values(p.gids()), py.gids);
  } finally {
    await stopChild(child);
  }
});

test("connections() of this process: its listening TCP and UNIX sockets, with fds", { skip: !LINUX }, async () => {
  const tcp = createServer();
  const dir = mkdtempSync(join(tmpdir(), "psutil-conn-"));
  const unix = createServer();
  try {
    await listen(tcp, 0, "127.0.0.1");
    await listen(unix, join(dir, "s p"));
    const port = (tcp.address() as { port: number }).port;
    const me = new psutil.Process();
    const inet = me.connections();
    const l = inet.find((c) => (c.laddr as psutil.Address | null)?.port === port);
    assert.ok(l, "the listening socket");
    assert.equal(l.status, psutil.CONN_LISTEN);
    assert.ok(!("pid" in l));
    assert.ok(readdirSync("/proc/self/fd").includes(String(l.fd)));
    assert.ok(me.connections({ kind: "unix" }).some((c) => c.laddr === join(dir, "s p")));
    assert.deepEqual(me.netConnections({ kind: "tcp4" }), me.connections({ kind: "tcp4" }));
    assert.throws(() => me.connections({ kind: "x" as psutil.ConnectionKind }), TypeError);
  } finally {
    await new Promise((r) => tcp.close(r));
    await new Promise((r) => unix.close(r));
    rmSync(dir, { recursive: true, force: true });
  }
});

test("zombies: ZombieProcess for cmdline, exe, environ, cwd, memoryMaps; name, ppid and status still answer", {
  skip: !LINUX,
}, async () => {
  const parent = startChild("sh", ["-c", "sleep 0 & exec sleep 1000"]);
  try {
    const zombie = await waitFor(() => {
      for (const pid of psutil.pids()) {
        try {
          const p = new psutil.Process(pid);
          if (p.ppid() === parent.pid && p.status() === psutil.STATUS_ZOMBIE) return p;
        } catch { /* gone */ }
      }
      return null;
    });
    assert.ok(zombie);
    for (
      const call of [
        () => zombie.cmdline(),
        () => zombie.exe(),
        () => zombie.environ(),
        () => zombie.cwd(),
        () => zombie.memoryMaps(),
      ]
    ) {
      assert.throws(call, (e: unknown) => {
        assert.ok(e instanceof psutil.ZombieProcess, String(e));
        assert.equal(e.pid, zombie.pid);
        assert.equal(e.ppid, parent.pid);
        return true;
      });
    }
    assert.equal(zombie.name(), "sleep");
    assert.ok(zombie.isRunning());
    const d = zombie.asDict({ attrs: ["cmdline", "name", "status"], adValue: "AD" });
    assert.deepEqual(d, { cmdline: "AD", name: "sleep", status: psutil.STATUS_ZOMBIE });
  } finally {
    await stopChild(parent);
  }
});

test("processIter: sorted, objects kept between calls, info with attrs, bad attrs", { skip: !LINUX }, () => {
  psutil.processIterCacheClear();
  const first = [...psutil.processIter()];
  const second = [...psutil.processIter({ attrs: ["name", "pid"] })];
  const pids = first.map((p) => p.pid);
  assert.deepEqual(pids, [...pids].sort((a, b) => a - b));
  const me1 = first.find((p) => p.pid === selfPid)!, me2 = second.find((p) => p.pid === selfPid)!;
  assert.equal(me1, me2, "the same Process object");
  assert.deepEqual(me2.info, { name: me2.name(), pid: selfPid });
  assert.throws(() => [...psutil.processIter({ attrs: ["nope"] })], TypeError);
});

test("a process that ends during processIter is skipped, not thrown", { skip: !LINUX }, async () => {
  const kids = Array.from({ length: 20 }, () => startChild("sleep", ["1000"]));
  try {
    let killed = false;
    const seen: number[] = [];
    for (const p of psutil.processIter({ attrs: ["name", "cmdline", "memoryInfo"] })) {
      seen.push(p.pid);
      if (!killed) {
        for (const k of kids) k.kill("SIGKILL");
        killed = true;
      }
    }
    assert.ok(seen.length > 5);
  } finally {
    for (const k of kids) await stopChild(k);
  }
});

test(
  "pid reuse (root, via ns_last_pid): the old Process refuses to touch the new process",
  { skip: !ROOT },
  async () => {
    let victim: psutil.Process | null = null;
    let newcomer: ReturnType<typeof startChild> | null = null;
    for (let attempt = 0; attempt < 20 && !newcomer; attempt++) {
      const s = await startSleeper();
      victim = new psutil.Process(s.pid);
      await s.stop();
      await new Promise((r) => setTimeout(r, 1100)); // a different start time, to the tick
      writeFileSync("/proc/sys/kernel/ns_last_pid", String(s.pid - 1));
      const c = startChild("sleep", ["1000"]);
      if (c.pid === s.pid) newcomer = c;
      else await stopChild(c);
    }
    assert.ok(newcomer && victim, "could not make the kernel reuse a pid");
    try {
      assert.equal(victim.pid, newcomer.pid);
      assert.equal(victim.isRunning(), false);
      assert.throws(
        () => victim!.kill(),
        (e: unknown) => e instanceof psutil.NoSuchProcess && /reused/.test(e.message),
      );
      assert.throws(() => victim!.terminate(), psutil.NoSuchProcess);
      assert.throws(() => victim!.nice(5), psutil.NoSuchProcess);
      assert.throws(() => victim!.children(), psutil.NoSuchProcess);
      const fresh = new psutil.Process(newcomer.pid!);
      assert.equal(fresh.isRunning(), true, "the newcomer survived");
      assert.equal(await waitFor(() => fresh.status() === psutil.STATUS_SLEEPING), true);
      assert.ok(!fresh.equals(victim));
    } finally {
      await stopChild(newcomer!);
    }
  },
);

test("no Process method leaks a descriptor, on a live child or a dead pid", { skip: !LINUX }, async () => {
  const child = startChild("sleep", ["1000"]);
  const dead = await startSleeper();
  const deadProc = new psutil.Process(dead.pid);
  await dead.stop();
  try {
    const live = new psutil.Process(child.pid!);
    await waitExec(live.pid, "sleep");
    const attempt = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        if (!(e instanceof psutil.PsutilError) && !(e instanceof psutil.NotImplementedError)) throw e;
      }
    };
    const methods = psutil.PROCESS_ATTRS.filter((a) => a !== "pid" && a !== "cpuPercent");
    for (const p of [live, deadProc]) for (const m of methods) attempt(() => p.asDict({ attrs: [m] }));
    const before = openFdCount();
    for (const p of [live, deadProc]) {
      for (const m of methods) for (let i = 0; i < 200; i++) attempt(() => p.asDict({ attrs: [m] }));
    }
    assert.equal(openFdCount(), before);
    const w = await Promise.all(Array.from({ length: 20 }, () => deadProc.wait({ timeout: 1 })));
    assert.ok(w.every((c) => c === null));
    assert.equal(openFdCount(), before, "wait closes its pidfd");
  } finally {
    await stopChild(child);
  }
});

test(
  "a kernel thread has no executable, environment or user memory (psutil 5.9.4 raises there)",
  { skip: !LINUX },
  () => {
    const kthreadd = new psutil.Process(2);
    assert.equal(kthreadd.name(), "kthreadd");
    assert.equal(kthreadd.exe(), "");
    assert.deepEqual(kthreadd.cmdline(), []);
    assert.deepEqual(kthreadd.environ(), {});
    const m = kthreadd.memoryFullInfo();
    assert.deepEqual([m.rss, m.uss, m.pss, m.swap], [0, 0, 0, 0]);
    assert.deepEqual(kthreadd.memoryMaps(), []);
  },
);
