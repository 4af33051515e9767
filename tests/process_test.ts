// Process behaviour the facade gives on every OS (argument checks, oneshot, signals, wait, waitProcs,
// Popen, the process tree, zombies, processIter, no leaked descriptor), run where children with known
// properties can be started and checked: on Linux, against ps, /proc and psutil 5.9.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import * as psutil from "../mod.ts";
import {
  openFdCount,
  retry,
  run,
  startChild,
  startSleeper,
  startZombie,
  stopChild,
  waitExec,
  waitFor,
} from "./helpers.ts";
import process from "node:process";

const LINUX = psutil.LINUX;

const selfPid = process.pid;

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
  // @ts-expect-error: the compiler knows the names too
  assert.throws(() => p.asDict({ attrs: ["name", "bogus"] }), /bogus/);
  // @ts-expect-error: the compiler knows the names too
  assert.throws(() => p.asDict({ attrs: ["bogus"] }), TypeError);
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
  // The child may still be the runtime's fork, before its exec of sh.
  await waitFor(() => p.cmdline()[1] === "-c");
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
  // The same library error on every runtime for a program that cannot be started.
  const cannotStart = [["/no/such/program", "ENOENT"], ["no-such-program-on-path", "ENOENT"], [
    "/etc/passwd",
    "EACCES",
  ]];
  for (const [prog, code] of cannotStart) {
    assert.throws(() => new psutil.Popen([prog]), (e: unknown) => {
      assert.ok(e instanceof psutil.OsError, `${prog}: ${e}`);
      assert.equal(e.code, code, prog);
      assert.equal(e.path, prog);
      return true;
    });
  }
  assert.throws(() => new psutil.Popen([]), TypeError);
  assert.throws(() => new psutil.Popen(["true"], { stdout: "pipe" as psutil.Stdio }), TypeError);
  await assert.rejects(() => quiet.communicate("x"), TypeError);
});

test("Popen: a stdin written by the caller is left to it by communicate", { skip: !LINUX }, async () => {
  const p = new psutil.Popen(["tr", "a-z", "A-Z"], { stdin: psutil.PIPE, stdout: psutil.PIPE, text: true });
  const w = p.stdin.getWriter();
  await w.write(new TextEncoder().encode("by hand"));
  await assert.rejects(() => p.communicate("more"), /communicate: input given but stdin is in use/);
  await w.close();
  assert.deepEqual(await p.communicate(), { stdout: "BY HAND", stderr: null });
  assert.equal(p.returncode, 0);
});

test("Popen as subprocess users write it: PIPE, DEVNULL, text mode, poll, returncode", { skip: !LINUX }, async () => {
  assert.equal(psutil.PIPE, "piped");
  assert.equal(psutil.DEVNULL, "null");
  const p = new psutil.Popen(["sh", "-c", "tr a-z A-Z; echo 'é ✓' >&2; exit 5"], {
    stdin: psutil.PIPE,
    stdout: psutil.PIPE,
    stderr: psutil.PIPE,
    text: true,
  });
  assert.equal(p.poll(), null, "running: no code yet");
  assert.equal(p.returncode, null);
  const { stdout, stderr } = await p.communicate("hello");
  // The compiler knows these are strings: no decoding, no cast.
  const out: string | null = stdout, err: string | null = stderr;
  assert.equal(out, "HELLO");
  assert.equal(err, "é ✓\n");
  assert.equal(p.returncode, 5);
  assert.equal(p.poll(), 5);
  const dropped = new psutil.Popen(["sh", "-c", "echo lost; echo lost >&2"], {
    stdout: psutil.DEVNULL,
    stderr: psutil.DEVNULL,
  });
  assert.deepEqual(await dropped.communicate(), { stdout: null, stderr: null });
  // poll() never waits: it answers null until the end is known, then the code.
  const quick = new psutil.Popen(["true"]);
  await waitFor(() => quick.poll() !== null);
  assert.equal(quick.poll(), 0);
  assert.equal(quick.returncode, 0);
  const bytes = new psutil.Popen(["printf", "\\377"], { stdout: psutil.PIPE });
  const raw: Uint8Array | null = (await bytes.communicate()).stdout;
  assert.deepEqual(raw, new Uint8Array([255]), "without text: bytes");
  assert.throws(() => new psutil.Popen(["true"], { text: "yes" as unknown as boolean }), /text must be a boolean/);
  assert.throws(() => new psutil.Popen(["true"], { stdout: "PIPE" as psutil.Stdio }), /PIPE \("piped"\)/);
});

test(
  "console.log and JSON.stringify show values: processes, Popen, connection rows",
  { skip: !LINUX },
  async () => {
    const { inspect } = await import("node:util");
    const me = new psutil.Process();
    // The status is read anew by each form and moves (running, sleeping): compare reads that met the same state.
    await retry(5, () => {
      const shown = inspect(me);
      assert.equal(shown, me.toString());
      assert.match(shown, new RegExp(`^psutil\\.Process\\(pid=${selfPid}, name='[^']+', status='[a-z-]+', started='`));
    });
    await retry(5, () => {
      assert.deepEqual(
        JSON.parse(JSON.stringify(me)),
        { pid: selfPid, name: me.name(), status: me.status(), createTime: me.createTime() },
      );
    });
    const child = new psutil.Popen(["sh", "-c", "exit 7"]);
    await child.wait();
    assert.match(inspect(child), /^psutil\.Popen\(pid=\d+, .*returncode=7\)$/);
    assert.equal(JSON.parse(JSON.stringify(child)).returncode, 7);
    const [withInfo] = psutil.processIter({ attrs: ["pid", "name"] });
    assert.match(inspect(withInfo), /info: \{ pid: \d+, name: /);
    // Rows are plain objects with psutil's field order: printing shows every value.
    for (const c of psutil.netConnections({ kind: "tcp" }).slice(0, 5)) {
      const text = inspect(c);
      assert.doesNotMatch(text, /Getter/, text);
      assert.match(text, /pid: (\d+|null)/);
      assert.deepEqual(Object.keys(c), ["fd", "family", "type", "laddr", "raddr", "status", "pid"]);
    }
  },
);

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

test("zombies: ZombieProcess for cmdline, exe, environ, cwd, memoryMaps; name, ppid and status still answer", {
  skip: !LINUX,
}, async () => {
  const { parent, pid } = await startZombie();
  try {
    const zombie = new psutil.Process(pid);
    assert.equal(zombie.status(), psutil.STATUS_ZOMBIE);
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
  // @ts-expect-error: the compiler knows the names too
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
