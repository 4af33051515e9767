// Linux processes, live: children whose properties the tests chose, checked against ps, /proc, the
// util-linux tools and psutil 5.9; and every process of the machine against psutil.
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

import * as psutil from "../../mod.ts";
import {
  camelKeys,
  have,
  HAVE_PSUTIL,
  listen,
  psutilEval,
  PYTHON,
  run,
  startChild,
  startSleeper,
  startZombie,
  stopChild,
  waitExec,
  waitFor,
} from "../helpers.ts";
import { type ChildProcess, spawn } from "node:child_process";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";

const LINUX = psutil.LINUX;

const ROOT = LINUX && process.getuid?.() === 0;

const selfPid = process.pid;

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

async function settled(pid: number): Promise<void> {
  await waitFor(() => {
    try {
      return new psutil.Process(pid).status() === psutil.STATUS_SLEEPING;
    } catch {
      return false;
    }
  });
}

test("Process() is this process: pid, ppid, uids and username match ps", { skip: !LINUX }, () => {
  const p = new psutil.Process();
  assert.equal(p.pid, selfPid);
  const [ppid, uid, user] = run("ps", ["-o", "ppid=,uid=,user=", "-p", String(selfPid)]).trim().split(/\s+/);
  assert.equal(p.ppid(), Number(ppid));
  assert.equal(p.uids().real, Number(uid));
  assert.equal(p.username(), user);
  // The thread reading is running; the others of the runtime may be asleep.
  assert.ok([psutil.STATUS_RUNNING, psutil.STATUS_SLEEPING].includes(p.status()));
});

test("a child sleep: name, cmdline, ppid, status, createTime, rss and vsz", { skip: !LINUX }, async () => {
  const before = Date.now() / 1000;
  const child = startChild("sleep", ["1000"]);
  try {
    const after = Date.now() / 1000;
    const p = new psutil.Process(child.pid!);
    await waitExec(child.pid!, "sleep");
    assert.equal(p.name(), "sleep");
    // Deno passes the resolved path as argv[0]; ps shows what the kernel holds.
    assert.deepEqual(p.cmdline(), run("ps", ["-o", "args=", "-p", String(child.pid)]).trim().split(" "));
    assert.equal(p.cmdline()[1], "1000");
    assert.equal(p.ppid(), selfPid);
    assert.equal(await waitFor(() => p.status() === psutil.STATUS_SLEEPING), true);
    // btime is whole seconds and starttime is in ticks: allow 1 s either way.
    const ct = p.createTime();
    assert.ok(ct >= before - 1 && ct <= after + 1, `createTime ${ct} not in [${before}, ${after}]`);
    const [rss, vsz] = run("ps", ["-o", "rss=,vsz=", "-p", String(child.pid)]).trim().split(/\s+/).map(Number);
    const mem = p.memoryInfo();
    assert.equal(mem.rss, rss * 1024);
    assert.equal(mem.vms, vsz * 1024);
    assert.ok(p.isRunning());
    assert.match(
      p.toString(),
      new RegExp(
        `^psutil\\.Process\\(pid=${child.pid}, name='sleep', status='sleeping', started='\\d\\d:\\d\\d:\\d\\d'\\)$`,
      ),
    );
  } finally {
    await stopChild(child);
  }
});

test("a stopped child is 'stopped'; after it dies the Process says NoSuchProcess", { skip: !LINUX }, async () => {
  const sleeper = await startSleeper();
  const p = new psutil.Process(sleeper.pid);
  sleeper.signal("SIGSTOP");
  assert.equal(await waitFor(() => p.status() === psutil.STATUS_STOPPED), true);
  await sleeper.stop();
  assert.equal(p.isRunning(), false);
  assert.throws(() => p.status(), psutil.NoSuchProcess);
  assert.throws(() => p.cmdline(), psutil.NoSuchProcess);
});

test("a zombie child is 'zombie' and still has its name and ppid", { skip: !LINUX }, async () => {
  const { parent, pid } = await startZombie();
  try {
    const zombie = new psutil.Process(pid);
    assert.equal(zombie.status(), psutil.STATUS_ZOMBIE);
    assert.equal(zombie.name(), "sleep");
    assert.equal(zombie.ppid(), parent.pid);
  } finally {
    await stopChild(parent);
  }
});

test("a hostile name written to /proc/self/comm is read back exactly", { skip: !LINUX || !HAVE_PSUTIL }, async () => {
  const hostile = "a) (b\nc) Z 1 ";
  const child = startChild(PYTHON, [
    "-c",
    `open('/proc/self/comm','w').write(${JSON.stringify(hostile)}); import time; time.sleep(1000)`,
  ]);
  try {
    const p = new psutil.Process(child.pid!);
    assert.equal(await waitFor(() => p.name() === hostile), true, `name is ${JSON.stringify(p.name())}`);
    assert.equal(p.ppid(), selfPid);
    assert.equal(p.status(), psutil.STATUS_SLEEPING);
  } finally {
    await stopChild(child);
  }
});

test("a thread id opens as a Process but pidExists says false", { skip: !LINUX }, () => {
  const tids = readdirSync(`/proc/${selfPid}/task`).map(Number).filter((t) => t !== selfPid);
  assert.ok(tids.length > 0, "the runtime has worker threads");
  const tid = tids[0];
  assert.equal(psutil.pidExists(tid), false);
  assert.equal(psutil.pids().includes(tid), false);
  assert.equal(new psutil.Process(tid).ppid(), new psutil.Process().ppid());
  assert.equal(psutil.pidExists(selfPid), true);
  assert.equal(psutil.pidExists(0), false);
});

test("pids() matches psutil.pids() apart from processes that came or went", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const before = new Set(psutilEval<number[]>("psutil.pids()"));
  const ours = psutil.pids();
  const after = new Set(psutilEval<number[]>("psutil.pids()"));
  assert.deepEqual(ours, [...ours].sort((a, b) => a - b));
  for (const pid of before) if (after.has(pid)) assert.ok(ours.includes(pid), `pid ${pid} missing`);
  for (const pid of ours) assert.ok(before.has(pid) || after.has(pid) || pid === selfPid, `pid ${pid} unknown`);
});

test("every pid: asDict agrees with psutil's as_dict", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const attrs = [
    "name",
    "ppid",
    "status",
    "cmdline",
    "createTime",
    "username",
    "nice",
    "uids",
    "gids",
    "terminal",
    "exe",
    "cwd",
    "ionice",
    "cpuAffinity",
    "numThreads",
  ] as const;
  const pyAttrs = attrs.map((a) => a.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()));
  // Only the attribute names are camelCased: environ's keys stay as they are.
  const raw = psutilEval<Record<string, Record<string, unknown>>>(
    `{p.pid: {k: (list(v) if isinstance(v, tuple) else v) for k, v in p.info.items()} for p in psutil.process_iter(${
      JSON.stringify(pyAttrs)
    })}`,
  );
  const py = Object.fromEntries(
    Object.entries(raw).map(([pid, info]) => [pid, Object.fromEntries(attrs.map((a, i) => [a, info[pyAttrs[i]]]))]),
  );
  let compared = 0;
  for (const [pidText, want] of Object.entries(py)) {
    const pid = Number(pidText);
    let got: Record<string, unknown>;
    try {
      got = new psutil.Process(pid).asDict({ attrs });
    } catch (e) {
      assert.ok(e instanceof psutil.NoSuchProcess, String(e));
      assert.equal(psutil.pidExists(pid), false);
      continue;
    }
    if (pid === selfPid || got.ppid === selfPid || want.ppid === selfPid) continue; // the oracle and its shell
    // A kworker renames itself with the work it runs ("-wq" idle, "+wq" busy); compare the stable part.
    const stable = (n: unknown) => String(n).replace(/^(kworker\/[^-+]*)[-+].*$/, "$1");
    assert.equal(stable(got.name), stable(want.name), `pid ${pid} name`);
    const zombie = got.status === psutil.STATUS_ZOMBIE;
    for (const a of attrs) {
      if (a === "name" || a === "createTime") continue;
      // psutil 5.9.4 answers [] and "" for a zombie; psutil 5.9.6+ and this library say ZombieProcess.
      if (zombie && ["cmdline", "exe", "cwd", "environ"].includes(a)) continue;
      // A process scheduled (or waiting for I/O) at the moment one side looked is "running" (or
      // "disk-sleep") there: those states move, as a kworker's idle -> disk-sleep did once in CI.
      const moving = [psutil.STATUS_RUNNING, psutil.STATUS_DISK_SLEEP] as unknown[];
      if (a === "status" && (moving.includes(got[a]) || moving.includes(want[a]))) continue;
      // A kernel thread waits idle ("I") or sleeping ("S") by the work it is given: kworker went idle -> sleeping.
      const kernel = want.ppid === 2 || pid === 2;
      const waiting = [psutil.STATUS_IDLE, psutil.STATUS_SLEEPING] as unknown[];
      if (a === "status" && kernel && waiting.includes(got[a]) && waiting.includes(want[a])) continue;
      const g = got[a] !== null && typeof got[a] === "object" && !Array.isArray(got[a])
        ? Object.values(got[a] as object)
        : got[a];
      assert.deepEqual(g, want[a], `pid ${pid} ${a}`);
    }
    assert.ok(Math.abs((got.createTime as number) - (want.createTime as number)) < 0.01, `pid ${pid} createTime`);
    compared++;
  }
  assert.ok(compared > 5, `compared only ${compared} processes`);
  // Apart: psutil 5.9.4's process_iter drops kernel threads when environ is asked (it raises
  // NoSuchProcess there); this library answers {} for them.
  const environ = psutilEval<Record<string, Record<string, string> | null>>(
    `{p.pid: p.info["environ"] for p in psutil.process_iter(["environ"])}`,
  );
  let environs = 0;
  for (const [pidText, want] of Object.entries(environ)) {
    const pid = Number(pidText);
    if (pid === selfPid || want === null) continue;
    let got: Record<string, string>;
    try {
      const p = new psutil.Process(pid);
      if (p.ppid() === selfPid) continue; // the oracle and its shell
      got = p.environ();
    } catch (e) {
      if (e instanceof psutil.NoSuchProcess) continue;
      throw e;
    }
    assert.deepEqual(got, want, `pid ${pid} environ`);
    environs++;
  }
  assert.ok(environs >= 1, "compared no environment");
});

test("every getter on every pid gives a value or one of psutil's errors", { skip: !LINUX }, () => {
  for (const pid of psutil.pids()) {
    let p: psutil.Process;
    try {
      p = new psutil.Process(pid);
    } catch (e) {
      assert.ok(e instanceof psutil.NoSuchProcess);
      continue;
    }
    for (const attr of psutil.PROCESS_ATTRS) {
      try {
        p.asDict({ attrs: [attr] });
      } catch (e) {
        if (e instanceof psutil.NotImplementedError && attr === "numHandles") continue; // Windows only
        const ok = e instanceof psutil.NoSuchProcess || e instanceof psutil.AccessDenied;
        assert.ok(ok, `pid ${pid} ${attr}: ${e}`);
        if (e instanceof psutil.NoSuchProcess && !(e instanceof psutil.ZombieProcess)) {
          assert.equal(psutil.pidExists(pid), false, `pid ${pid} said gone but exists`);
        }
      }
    }
  }
});

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
    // The child's stdio is the runner's, a regular file when its output goes to one: only files in `dir` count.
    const ours = () => p.openFiles().filter((f) => f.path.startsWith(`${dir}/`));
    const names = () => ours().map((f) => f.path.slice(dir.length + 1)).sort().join("|");
    await waitFor(() => {
      try {
        return names() === "a fïle|ap fïle|r fïle|rp fïle|w fïle";
      } catch {
        return false;
      }
    });
    assert.equal(p.cwd(), dir);
    const files = ours();
    const byName = new Map(files.map((f) => [f.path.slice(dir.length + 1), f]));
    assert.deepEqual(
      [...byName.keys()].sort(),
      ["a fïle", "ap fïle", "r fïle", "rp fïle", "w fïle"],
      JSON.stringify(files),
    );
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
    assert.deepEqual(p.openFiles(), py, "every file, the inherited stdio included, is psutil's");
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

test("connections() as psutil's: a bound-only TCP socket is none, a process without sockets has []", {
  skip: !LINUX || !HAVE_PSUTIL,
}, async () => {
  const child = await pythonChild(`
import socket
bound = socket.socket(); bound.bind(("127.0.0.1", 0))
listening = socket.socket(); listening.bind(("127.0.0.1", 0)); listening.listen()
print(bound.getsockname()[1], listening.getsockname()[1], flush=True)`);
  const quiet = startChild("sleep", ["1000"]);
  try {
    const p = new psutil.Process(child.pid!);
    const ours = p.connections({ kind: "all" }).map((c) => [c.fd, c.laddr, c.status]);
    const theirs = psutilEval<Array<[number, { ip: string; port: number } | string, string]>>(
      `[[c.fd, {"ip": c.laddr.ip, "port": c.laddr.port} if c.laddr and not isinstance(c.laddr, str) else c.laddr, ` +
        `c.status] for c in psutil.Process(${child.pid}).connections("all")]`,
    );
    // The same rows; the order of the families is psutil's own.
    const key = (r: unknown) => JSON.stringify(r);
    assert.deepEqual(ours.map(key).sort(), theirs.map(key).sort());
    // (Under Bun the child's stdout is a UNIX socket: "all" has it too.)
    const inet = p.connections({ kind: "inet" });
    assert.equal(inet.length, 1, "the listening socket only: a bound one is not a connection");
    assert.equal(inet[0].status, psutil.CONN_LISTEN);
    assert.ok(await waitExec(quiet.pid!, "sleep"));
    assert.deepEqual(new psutil.Process(quiet.pid!).connections({ kind: "all" }), []);
    assert.deepEqual(psutilEval(`psutil.Process(${quiet.pid}).connections("all")`), []);
  } finally {
    await stopChild(child);
    await stopChild(quiet);
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
