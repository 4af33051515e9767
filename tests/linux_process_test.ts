import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import * as psutil from "../mod.ts";
import { parseCmdline, parseStat, StatusView } from "../platform/linux/parsers.ts";
import {
  HAVE_PSUTIL,
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
const selfPid = (globalThis as unknown as { process: { pid: number } }).process.pid;

// --- parsers ---------------------------------------------------------------------

test("parseStat takes the name up to the last parenthesis (hostile names)", () => {
  const line = "1234 (a) (b\nc) Z 1 ) S 77 1234 1234 34816 1234 4194304 100 0 0 0 250 150 3 4 20 5 3 0 " +
    "98765 10000000 500 18446744073709551615 1 1 0 0 0 0 0 0 0 0 0 0 17 1 0 0 42 0 0\n";
  const s = parseStat(line);
  assert.equal(s.name, "a) (b\nc) Z 1 ");
  assert.equal(s.state, "S");
  assert.equal(s.ppid, 77);
  assert.equal(s.ttyNr, 34816);
  assert.equal(s.utime, 250);
  assert.equal(s.stime, 150);
  assert.equal(s.cutime, 3);
  assert.equal(s.cstime, 4);
  assert.equal(s.nice, 5);
  assert.equal(s.numThreads, 3);
  assert.equal(s.starttime, 98765);
  assert.equal(s.vsize, 10000000);
  assert.equal(s.rss, 500);
  assert.equal(s.processor, 1);
  assert.equal(s.blkioTicks, 42);
  assert.throws(() => parseStat("garbage", "/proc/9/stat"), (e: unknown) => {
    assert.ok(e instanceof psutil.OsError);
    assert.equal(e.code, "EINVAL");
    assert.equal(e.path, "/proc/9/stat");
    assert.match(e.message, /malformed/);
    return true;
  });
});

test("parseCmdline: NUL-separated, empty and spaced arguments, setproctitle form", () => {
  assert.deepEqual(parseCmdline("sleep\x001000\0"), ["sleep", "1000"]);
  assert.deepEqual(parseCmdline("a\0\0b c\0"), ["a", "", "b c"]);
  assert.deepEqual(parseCmdline("postgres: writer process   "), ["postgres:", "writer", "process"]);
  assert.deepEqual(parseCmdline(""), []);
});

test("StatusView finds Key: value lines, first line and last included, and only whole keys", () => {
  const m = new StatusView("Name:\tbash\nUid:\t1000\t1001\t1002\t1003\nNoUid:\t7\nTgid:\t42");
  assert.equal(m.get("Name"), "bash");
  assert.equal(m.get("Uid"), "1000\t1001\t1002\t1003");
  assert.equal(m.get("Tgid"), "42");
  assert.equal(m.get("Gid"), undefined);
  assert.equal(new StatusView("NoUid:\t7\n").get("Uid"), undefined, "a key that ends another key is not it");
});

// --- argument checks ----------------------------------------------------------------

test("bad pids: negative is RangeError, non-integer is TypeError, missing or past pid_t is NoSuchProcess", () => {
  assert.throws(() => new psutil.Process(-1), RangeError);
  assert.throws(() => new psutil.Process(1.5), TypeError);
  assert.throws(() => new psutil.Process("1" as unknown as number), TypeError);
  assert.throws(() => psutil.pidExists(1.5), TypeError);
  // psutil: pid_exists(-1) and pid_exists(2**31) are False; Process(2**31) is NoSuchProcess.
  for (const pid of [-1, -(2 ** 31), 2 ** 31, 2 ** 53, 2 ** 64]) assert.equal(psutil.pidExists(pid), false, `${pid}`);
  for (const pid of [2 ** 31, 2 ** 53, 2 ** 64]) assert.throws(() => new psutil.Process(pid), psutil.NoSuchProcess);
  assert.throws(() => new psutil.Process(2 ** 22 + 1), (e: unknown) => {
    assert.ok(e instanceof psutil.NoSuchProcess);
    assert.equal(e.pid, 2 ** 22 + 1);
    return true;
  });
});

test("asDict rejects an unknown attribute with a TypeError naming it", () => {
  const p = new psutil.Process();
  assert.throws(() => p.asDict({ attrs: ["name", "bogus"] }), /bogus/);
  assert.throws(() => p.asDict({ attrs: ["bogus"] }), TypeError);
});

// --- this process and children with known properties -------------------------------

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
  // sh forks `sleep 0`, then execs into `sleep 1000`, which never reaps it.
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
    assert.ok(zombie, "no zombie appeared");
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

test("oneshot caches the raw sources until it ends, also across an await", { skip: !LINUX }, async () => {
  const sleeper = await startSleeper();
  try {
    const p = new psutil.Process(sleeper.pid);
    await waitFor(() => p.status() === psutil.STATUS_SLEEPING);
    const inside = await p.oneshot(async () => {
      const first = p.status();
      sleeper.signal("SIGSTOP");
      await waitFor(() => readFileSync(`/proc/${sleeper.pid}/stat`, "utf8").includes(") T "));
      return [first, p.status()];
    });
    assert.deepEqual(inside, [psutil.STATUS_SLEEPING, psutil.STATUS_SLEEPING]);
    assert.equal(p.status(), psutil.STATUS_STOPPED);
    assert.equal(p.oneshot(() => p.oneshot(() => 42)), 42);
    assert.throws(() =>
      p.oneshot(() => {
        throw new Error("boom");
      }), /boom/);
    assert.equal(p.status(), psutil.STATUS_STOPPED);
  } finally {
    await sleeper.stop();
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
    // A kworker renames itself with the work it runs; compare the stable part.
    const stable = (n: unknown) => String(n).replace(/^(kworker\/[^-]*)-.*$/, "$1");
    assert.equal(stable(got.name), stable(want.name), `pid ${pid} name`);
    const zombie = got.status === psutil.STATUS_ZOMBIE;
    for (const a of attrs) {
      if (a === "name" || a === "createTime") continue;
      // psutil 5.9.4 answers [] and "" for a zombie; psutil 5.9.6+ and this library say ZombieProcess.
      if (zombie && ["cmdline", "exe", "cwd", "environ"].includes(a)) continue;
      // A process scheduled at the moment one side looked is "running" there: the state moves.
      if (a === "status" && (got[a] === psutil.STATUS_RUNNING || want[a] === psutil.STATUS_RUNNING)) continue;
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
