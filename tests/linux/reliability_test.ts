// Reliability on Linux, each behaviour set up for real: pid reuse in a fresh
// pid namespace, processes with hostile names and paths, broken procfs trees,
// mount namespaces, exhausted descriptors, hidden pids, stopped FUSE daemons.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawn, spawnSync } from "node:child_process";
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import process from "node:process";
import * as psutil from "../../mod.ts";
import {
  have,
  HAVE_PSUTIL,
  IS_ROOT,
  lastJson,
  openFdCount,
  psutilEval,
  PYTHON,
  ROOT,
  run,
  runProgram,
  startChild,
  stopChild,
  waitExec,
} from "../helpers.ts";

const LINUX = psutil.LINUX;
const selfPid = process.pid;
const NS = LINUX && IS_ROOT && have("unshare");

// --- never signal the wrong process ----------------------------------------------

test("a pid reused between the identity check and the signal does not receive it (pidfd)", { skip: !NS }, () => {
  for (let attempt = 1;; attempt++) {
    const r = lastJson(runProgram("reuse_signal", [], { prefix: ["unshare", "-fp", "--mount-proc"] }));
    // Another task of the namespace (a runtime thread) may take the pid first: try again.
    if (r.b !== r.a && attempt < 5) continue;
    assert.equal(r.b, r.a, "the kernel handed A's pid to B");
    assert.equal(r.terminate, "NoSuchProcess", "the signal to a reused pid is refused");
    assert.equal(r.bState, "S", "B, which took the pid over, still sleeps");
    assert.equal(r.isRunning, false);
    // ppid(), parent(), children() of the stale Process do not describe B.
    assert.equal(r.ppid, "NoSuchProcess");
    assert.equal(r.parent, "NoSuchProcess");
    assert.equal(r.children, "NoSuchProcess");
    return;
  }
});

test("without pidfds (the kill fallback) the same race reaches the new process: what the pidfd closes", {
  skip: !NS,
}, () => {
  for (let attempt = 1;; attempt++) {
    const r = lastJson(runProgram("reuse_signal", ["--no-pidfd"], { prefix: ["unshare", "-fp", "--mount-proc"] }));
    if (r.b !== r.a && attempt < 5) continue;
    assert.equal(r.b, r.a);
    assert.equal(r.terminate, "none");
    assert.notEqual(r.bState, "S", "check-then-kill signalled B");
    return;
  }
});

// --- one process never breaks an iteration --------------------------------------------

/** `bytes` decoded as the library decodes what the kernel gives: UTF-8, invalid bytes as U+FFFD. */
const lossy = (bytes: number[]) => new TextDecoder().decode(new Uint8Array(bytes));
const enc = (s: string) => [...new TextEncoder().encode(s)];

test("a process whose exe, cwd, open file and arguments are not UTF-8 reads, and is listed", {
  skip: !LINUX || !HAVE_PSUTIL,
}, async () => {
  const base = mkdtempSync(join(tmpdir(), "psutil-bytes-"));
  // …/d\xff (cwd), d\xff/py\xffthon (a copy of python), d\xff/f\xfe (open for writing), argument \xff\xfe.
  const code = `import os, shutil, sys
d = os.fsencode(sys.argv[1]) + b"/d\\xff"
os.mkdir(d); os.chdir(d)
shutil.copy(os.path.realpath(sys.executable), d + b"/py\\xffthon")
fd = os.open(d + b"/f\\xfe", os.O_WRONLY | os.O_CREAT); os.set_inheritable(fd, True)
os.execv(d + b"/py\\xffthon", [b"py\\xffthon", b"-c", b"import time; time.sleep(1000)", b"\\xff\\xfe"])`;
  const child = startChild(PYTHON, ["-c", code, base]);
  try {
    const dir = [...enc(base), ...enc("/d"), 0xff];
    const name = [...enc("py"), 0xff, ...enc("thon")];
    assert.ok(await waitExec(child.pid!, lossy(name)), "the child exec'd");
    const p = new psutil.Process(child.pid!);
    assert.equal(p.exe(), lossy([...dir, 47, ...name]));
    assert.equal(p.cwd(), lossy(dir));
    assert.equal(p.name(), lossy(name));
    assert.deepEqual(p.cmdline(), [lossy(name), "-c", "import time; time.sleep(1000)", lossy([0xff, 0xfe])]);
    const files = p.openFiles().map((f) => f.path);
    assert.ok(files.includes(lossy([...dir, ...enc("/f"), 0xfe])), `open files: ${JSON.stringify(files)}`);
    // The whole table, every attribute, goes through it.
    const row = [...psutil.processIter({ attrs: ["exe", "cwd", "cmdline", "openFiles", "name"] })].find((q) =>
      q.pid === child.pid
    );
    assert.ok(row, "the process is in processIter");
    assert.equal(row.info!.cwd, lossy(dir));
  } finally {
    await stopChild(child);
    rmSync(base, { recursive: true, force: true });
  }
});

test("openFiles skips a descriptor whose path is past PATH_MAX (ENAMETOOLONG), as psutil", {
  skip: !LINUX || !HAVE_PSUTIL,
}, async () => {
  const base = mkdtempSync(join(tmpdir(), "psutil-long-"));
  const code = `import os, sys, time
os.chdir(sys.argv[1])
short = open("short.txt", "w")
for i in range(24):
    os.mkdir("d" * 200); os.chdir("d" * 200)
deep = open("deep.txt", "w")
print("ready", flush=True)
time.sleep(1000)`;
  const child = spawn(PYTHON, ["-c", code, base], { stdio: ["ignore", "pipe", "ignore"] });
  try {
    await new Promise((r) => child.stdout!.once("data", r));
    const p = new psutil.Process(child.pid!);
    const ours = p.openFiles().map((f) => f.path);
    const theirs = psutilEval<string[]>(`[f.path for f in psutil.Process(${child.pid}).open_files()]`);
    assert.deepEqual(ours, [join(base, "short.txt")]);
    assert.deepEqual(ours, theirs);
  } finally {
    await stopChild(child);
    rmSync(base, { recursive: true, force: true });
  }
});

test("openFiles lists a file that exists only in the process's own mount namespace", { skip: !NS }, async () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil-mntns-"));
  const script = `mount -t tmpfs none ${dir} && exec ${PYTHON} -c 'import time; f = open("${dir}/inner.txt", "w"); ` +
    `print("ready", flush=True); time.sleep(1000)'`;
  const child = spawn("unshare", ["-m", "--propagation", "private", "sh", "-c", script], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    await new Promise((r) => child.stdout!.once("data", r));
    assert.equal(existsSync(join(dir, "inner.txt")), false, "not visible from here");
    const files = new psutil.Process(child.pid!).openFiles();
    assert.deepEqual(files.map((f) => [f.path, f.mode]), [[join(dir, "inner.txt"), "w"]]);
  } finally {
    await stopChild(child);
    rmSync(dir, { recursive: true, force: true });
  }
});

// --- broken and relocated procfs trees ------------------------------------------------------

/** A procfs tree in a temporary folder: `files` maps paths to contents; `link:` targets become symlinks. */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "psutil-tree-"));
  for (const [path, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    if (content.startsWith("link:")) symlinkSync(content.slice(5), join(root, path));
    else writeFileSync(join(root, path), content);
  }
  return root;
}

/** Runs `fn` with the procfs root at `root`, then puts it back and removes the tree. */
function inTree<T>(root: string, fn: () => T): T {
  const before = psutil.getProcfsPath();
  psutil.setProcfsPath(root);
  try {
    return fn();
  } finally {
    psutil.setProcfsPath(before);
    rmSync(root, { recursive: true, force: true });
  }
}

/** This process's real stat line, renumbered as `pid`, with state `state`. */
function statLine(pid: number, state = "S"): string {
  const real = readFileSync("/proc/self/stat", "utf8");
  return `${pid} (fixture) ${state} ${real.slice(real.lastIndexOf(")") + 4)}`;
}

test("an empty, truncated or malformed stat is an OsError naming the file; processIter skips that process", {
  skip: !LINUX,
}, () => {
  const good = statLine(100);
  const fields = good.slice(good.indexOf(") ") + 2).split(" ");
  const root = tree({
    "stat": readFileSync("/proc/stat", "utf8"),
    "100/stat": good,
    "101/stat": "",
    "102/stat": "102 (no closing parenthesis S 1 2 3",
    "103/stat": `103 (short) ${fields.slice(0, 10).join(" ")}\n`,
    "104/stat": `104 (letters) ${[fields[0], "x1", ...fields.slice(2)].join(" ")}`,
    "105/stat": `105 (gap) ${[fields[0], "", ...fields.slice(2)].join(" ")}`,
  });
  inTree(root, () => {
    assert.deepEqual(psutil.pids(), [100, 101, 102, 103, 104, 105]);
    for (const pid of [101, 102, 103, 104, 105]) {
      assert.throws(() => new psutil.Process(pid), (e: unknown) => {
        assert.ok(e instanceof psutil.OsError, `${pid}: ${e}`);
        assert.equal(e.code, "EINVAL");
        assert.equal(e.path, `${root}/${pid}/stat`);
        assert.match(e.message, /malformed/);
        return true;
      });
    }
    assert.equal(new psutil.Process(100).name(), "fixture");
    assert.deepEqual([...psutil.processIter({ attrs: ["name", "ppid"] })].map((p) => [p.pid, p.info!.name]), [
      [100, "fixture"],
    ]);
  });
});

test("a missing cwd link of a live process is '', of a zombie ZombieProcess; a missing statm is NoSuchProcess", {
  skip: !LINUX,
}, () => {
  const root = tree({
    "stat": readFileSync("/proc/stat", "utf8"),
    "200/stat": statLine(200, "S"),
    "201/stat": statLine(201, "Z"),
  });
  inTree(root, () => {
    assert.equal(new psutil.Process(200).cwd(), "");
    assert.throws(() => new psutil.Process(201).cwd(), psutil.ZombieProcess);
    for (const pid of [200, 201]) {
      assert.throws(() => new psutil.Process(pid).memoryInfo(), (e: unknown) => {
        assert.ok(e instanceof psutil.NoSuchProcess, String(e)); // (a ZombieProcess for 201)
        return true;
      });
    }
    assert.throws(() => new psutil.Process(201).memoryInfo(), psutil.ZombieProcess);
  });
});

test("with the procfs root at an empty folder every procfs read is an OsError and Process() is NoSuchProcess", {
  skip: !LINUX,
}, () => {
  const root = tree({});
  inTree(root, () => {
    const reads: Record<string, () => unknown> = {
      cpuTimes: () => psutil.cpuTimes(),
      cpuTimesPercpu: () => psutil.cpuTimes({ percpu: true }),
      cpuStats: () => psutil.cpuStats(),
      cpuFreq: () => psutil.cpuFreq(),
      virtualMemory: () => psutil.virtualMemory(),
      swapMemory: () => psutil.swapMemory(),
      bootTime: () => psutil.bootTime(),
      getloadavg: () => psutil.getloadavg(),
      diskPartitions: () => psutil.diskPartitions(),
      diskIoCounters: () => psutil.diskIoCounters(),
      netIoCounters: () => psutil.netIoCounters(),
      netIfStats: () => psutil.netIfStats(),
      netConnections: () => psutil.netConnections(),
      netConnectionsUnix: () => psutil.netConnections({ kind: "unix" }),
      pids: () => psutil.pids(),
      pidExists: () => psutil.pidExists(1),
      processIter: () => [...psutil.processIter()],
    };
    for (const [name, read] of Object.entries(reads)) {
      assert.throws(read, (e: unknown) => e instanceof psutil.OsError && e.code === "ENOENT", name);
    }
    assert.throws(() => new psutil.Process(), psutil.NoSuchProcess);
    assert.throws(() => new psutil.Process(1), psutil.NoSuchProcess);
  });
});

test("Process() with the host's procfs seen from a pid namespace is this process, by the tree's own pid", {
  skip: !NS,
}, () => {
  const mnt = mkdtempSync(join(tmpdir(), "psutil-hostproc-"));
  try {
    const r = runProgram("procfs_view", [mnt], {
      prefix: ["unshare", "-m", "sh", "-c", `mount --bind /proc ${mnt} && exec unshare -fp --mount-proc "$@"`, "sh"],
    });
    const v = lastJson(r);
    assert.equal(v.runtimePid, 1, "the program is pid 1 of its namespace");
    assert.notEqual(v.pid, 1, "Process() is numbered as the host tree numbers it");
    assert.ok((v.cmdline as string[]).some((a) => a.endsWith("procfs_view.ts")), `cmdline ${v.cmdline}`);
  } finally {
    rmSync(mnt, { recursive: true, force: true });
  }
});

test("Process() with a child pid namespace's procfs, where this process has no pid, is NoSuchProcess", {
  skip: !NS,
}, async () => {
  // --kill-child: the namespace's init (the sleep) dies with unshare, instead of living on with our pipe.
  const child = spawn("unshare", ["--kill-child", "-fp", "--mount-proc", "sh", "-c", "echo ready; exec sleep 1000"], {
    stdio: ["ignore", "pipe", "ignore"],
  });
  try {
    await new Promise((r) => child.stdout!.once("data", r));
    // unshare's forked child is the namespace's pid 1; its /proc is that namespace's procfs.
    const init = Number(readFileSync(`/proc/${child.pid}/task/${child.pid}/children`, "utf8").trim());
    const v = lastJson(runProgram("procfs_view", [`/proc/${init}/root/proc`]));
    assert.equal(v.pid, "NoSuchProcess");
    assert.equal(v.process1, 1, "the namespace's own pid 1 (sleep) opens");
    assert.equal(v.pids, 1);
  } finally {
    child.stdout!.destroy();
    await stopChild(child);
  }
});

// --- permissions -------------------------------------------------------------------------

/** Runs `procfs_view` as user nobody with /proc mounted with `hidepid=N` in a mount namespace. */
function asNobody(hidepid: number): Record<string, unknown> | null {
  const home = mkdtempSync(join(tmpdir(), "psutil-nobody-"));
  chmodSync(home, 0o777);
  const nobody = ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"];
  try {
    // The checkout must be readable by nobody (it is, made with the usual umask).
    if (spawnSync(nobody[0], [...nobody.slice(1), "test", "-r", `${ROOT}mod.ts`]).status !== 0) return null;
    return lastJson(runProgram("procfs_view", [], {
      prefix: [
        "unshare",
        "-m",
        "sh",
        "-c",
        `mount -t proc -o hidepid=${hidepid} proc /proc && exec "$@"`,
        "sh",
        ...nobody,
      ],
      env: { HOME: home, DENO_DIR: home, XDG_CACHE_HOME: home },
    }));
  } finally {
    rmSync(home, { recursive: true, force: true });
  }
}

for (const hidepid of [1, 2]) {
  test(`under hidepid=${hidepid} a root process is AccessDenied for new Process, exists, and scans skip it`, {
    skip: !NS || !have("setpriv"),
  }, (t) => {
    const v = asNobody(hidepid);
    if (v === null) return t.skip("the checkout is not readable by nobody");
    assert.equal(v.process1, "AccessDenied");
    assert.equal(v.exists1, true);
    assert.equal(v.pid, v.runtimePid, "Process() is this process");
    // Only nobody's own processes are listed (hidepid=2) or read (1): the program itself.
    assert.equal(v.iter, 1);
  });
}

// --- no hang, no exhaustion failure ---------------------------------------------------------

test("wait() goes on by polling when the process has no descriptor left (EMFILE)", { skip: !LINUX }, () => {
  // Deno's runtime itself panics when its event loop runs a few timers with no descriptor free
  // (Deno 2.9, ext/signals): there the process has ended before the descriptors run out.
  const args = "Deno" in globalThis ? ["0.1", "--ended"] : ["1"];
  const r = runProgram("wait_emfile", args, { env: { DENO_NO_UPDATE_CHECK: "1" } });
  const v = lastJson(r);
  assert.equal(v.openError, "EMFILE", "the descriptors were exhausted");
  assert.equal(v.waited, null, "wait resolved (not a child: no exit code)");
  assert.equal(v.running, false);
});

// --- correct numbers from odd sources ------------------------------------------------------------

test("meminfo without MemAvailable, or with 0, gives free's estimate; lines without a space parse", {
  skip: !LINUX,
}, () => {
  // MemFree 1,000,000 kB; page cache 300,000; reclaimable slab 50,000; min_free_kbytes 40,000 so the
  // low watermark is 50,000: 1,000,000 - 50,000 + 300,000 - 50,000 + 50,000 - 25,000 = 1,225,000 kB.
  const meminfo = (available: string) =>
    [
      "MemTotal:2000000 kB",
      "MemFree:\t1000000 kB",
      "Buffers:  10000 kB",
      "Cached:   300000 kB",
      available,
      "Active(file):200000 kB",
      "Inactive(file):  100000 kB",
      "SReclaimable:    50000 kB",
      "",
    ].join("\n");
  for (const available of ["", "MemAvailable:          0 kB"]) {
    const vm = inTree(
      tree({ "meminfo": meminfo(available), "sys/vm/min_free_kbytes": "40000\n" }),
      () => psutil.virtualMemory(),
    );
    assert.equal(vm.total, 2000000 * 1024);
    assert.equal(vm.free, 1000000 * 1024);
    assert.equal(vm.available, 1225000 * 1024, JSON.stringify(available));
  }
});

test("an empty or unreadable meminfo falls back to sysinfo(2), which agrees with psutil's totals", {
  skip: !LINUX || !HAVE_PSUTIL,
}, () => {
  const want = psutilEval<{ vm: number; swap: number }>(
    `{"vm": psutil.virtual_memory().total, "swap": psutil.swap_memory().total}`,
  );
  const root = tree({ "meminfo": "" });
  const [vm, swap] = inTree(root, () => [psutil.virtualMemory(), psutil.swapMemory()]);
  assert.equal(vm.total, want.vm);
  assert.equal(swap.total, want.swap);
  assert.ok(vm.available > 0 && vm.available <= vm.total);
  assert.ok(vm.free > 0 && vm.free <= vm.total);
});

test("Process.cpuPercent called back to back stays within 0 and 100 x the CPU count", {
  skip: !LINUX,
}, async () => {
  const spin = startChild("sh", ["-c", "while :; do :; done"]);
  try {
    const p = new psutil.Process(spin.pid!);
    const max = 100 * psutil.cpuCount()!;
    const deadline = Date.now() + 1000;
    let calls = 0, positive = 0;
    while (Date.now() < deadline) {
      const v = p.cpuPercent();
      assert.ok(v >= 0 && v <= max, `cpuPercent ${v} outside [0, ${max}]`);
      if (v > 0) positive++;
      calls++;
      if (calls % 200 === 0) await new Promise((r) => setTimeout(r, 1));
    }
    assert.ok(positive > 0, "the spinning child used some CPU");
  } finally {
    await stopChild(spin);
  }
});

test("rlimit values read back write back unchanged: RLIM_INFINITY and limits past 2^53 (bigint)", {
  skip: !LINUX || !have("prlimit"),
}, async () => {
  const child = startChild("sleep", ["1000"]);
  try {
    const pid = child.pid!;
    const big = (1n << 60n) + 1n, largest = (1n << 64n) - 2n;
    run("prlimit", ["--pid", String(pid), `--fsize=${big}:${largest}`, "--core=unlimited:unlimited"]);
    const p = new psutil.Process(pid);
    const fsize = p.rlimit(psutil.RLIMIT_FSIZE);
    assert.deepEqual(fsize, [big, largest]);
    assert.deepEqual(p.rlimit(psutil.RLIMIT_CORE), [psutil.RLIM_INFINITY, psutil.RLIM_INFINITY]);
    // Lower the soft limits, then write back what was read: prlimit(1) must see the original values
    // again. (Only soft limits move: raising a hard one needs CAP_SYS_RESOURCE, which a sandbox may lack.)
    run("prlimit", ["--pid", String(pid), `--fsize=1000:${largest}`, "--core=0:unlimited"]);
    p.rlimit(psutil.RLIMIT_FSIZE, fsize);
    p.rlimit(psutil.RLIMIT_CORE, [psutil.RLIM_INFINITY, psutil.RLIM_INFINITY]);
    const shown = run("prlimit", [
      "--pid",
      String(pid),
      "--raw",
      "--noheadings",
      "-o",
      "SOFT,HARD",
      "--fsize",
      "--core",
    ]);
    assert.deepEqual(shown.trim().split("\n").map((l) => l.trim().split(/\s+/)), [
      [String(big), String(largest)],
      ["unlimited", "unlimited"],
    ]);
    assert.throws(() => p.rlimit(psutil.RLIMIT_FSIZE, [-2n, 0n]), RangeError);
    assert.throws(() => p.rlimit(psutil.RLIMIT_FSIZE, [1n << 64n, 0n]), RangeError);
  } finally {
    await stopChild(child);
  }
});

test("processIter({ attrs: [] }) means every attribute, as in psutil", { skip: !LINUX }, () => {
  const me = [...psutil.processIter({ attrs: [] })].find((p) => p.pid === selfPid);
  assert.ok(me?.info);
  const expected = psutil.PROCESS_ATTRS.filter((a) => a !== "numHandles"); // Windows only
  assert.deepEqual(Object.keys(me.info).sort(), [...expected].sort());
  assert.deepEqual(Object.keys(new psutil.Process().asDict({ attrs: [] })).sort(), [...expected].sort());
});

test("a NIC whose name is not UTF-8 is in netIfStats as in netIoCounters and netIfAddrs", {
  skip: !NS || !have("ip"),
}, () => {
  // A veth pair in a fresh network namespace: "d\xffx" (MTU 1280) and "plain".
  const setup = `ip link add name "$(printf 'd\\377x')" mtu 1280 type veth peer name plain && exec "$@"`;
  const v = lastJson(runProgram("nic_names", [], { prefix: ["unshare", "-n", "sh", "-c", setup, "sh"] }));
  const odd = lossy([0x64, 0xff, 0x78]);
  assert.deepEqual(v.io, [odd, "lo", "plain"].sort());
  assert.deepEqual(v.stats, v.io);
  assert.deepEqual(v.addrs, v.io);
  assert.equal((v.mtu as Record<string, number>)[odd], 1280, "the stats are the odd NIC's own");
});

test("processes exiting mid-read surface only as NoSuchProcess or ZombieProcess, never a raw OsError", {
  skip: !LINUX,
}, async () => {
  // A shell that keeps starting short-lived processes, for at most 3 seconds.
  const churn = startChild("sh", [
    "-c",
    "end=$(($(date +%s) + 3)); while [ $(date +%s) -lt $end ]; do /bin/true & done",
  ]);
  const reads: Array<[string, (p: psutil.Process) => unknown]> = [
    ["cwd", (p) => p.cwd()],
    ["memoryInfo", (p) => p.memoryInfo()],
    ["exe", (p) => p.exe()],
    ["cmdline", (p) => p.cmdline()],
    ["environ", (p) => p.environ()],
    ["openFiles", (p) => p.openFiles()],
    ["status", (p) => p.status()],
    ["memoryFullInfo", (p) => p.memoryFullInfo()],
    ["numFds", (p) => p.numFds()],
    ["threads", (p) => p.threads()],
  ];
  let processes = 0, gone = 0;
  try {
    const deadline = Date.now() + 1500;
    while (Date.now() < deadline) {
      for (const pid of psutil.pids().filter((pid) => pid > churn.pid!)) {
        let p: psutil.Process;
        try {
          p = new psutil.Process(pid);
        } catch (e) {
          assert.ok(e instanceof psutil.NoSuchProcess, `new Process(${pid}): ${e}`);
          continue;
        }
        processes++;
        for (const [name, read] of reads) {
          try {
            read(p);
          } catch (e) {
            assert.ok(e instanceof psutil.NoSuchProcess, `${name}() of exiting pid ${pid}: ${e}`);
            gone++;
          }
        }
      }
      await new Promise((r) => setTimeout(r, 0));
    }
  } finally {
    await stopChild(churn);
  }
  assert.ok(processes > 20, `caught only ${processes} short-lived processes`);
  assert.ok(gone > 0, "no read met a process as it exited");
});

/**
 * Runs `stuck_mount` in a mount namespace with a bindfs (FUSE) mount of a
 * temporary folder, its daemon stopped (`stop`) or running; the daemon is
 * resumed and killed after.
 */
function withFuseMount(stop: boolean): { status: number; v: Record<string, unknown>; mnt: string } {
  const src = mkdtempSync(join(tmpdir(), "psutil-fuse-src-"));
  const mnt = mkdtempSync(join(tmpdir(), "psutil-fuse-mnt-"));
  const script = `bindfs -f "${src}" "${mnt}" & pid=$!
i=0; while ! grep -q " ${mnt} fuse" /proc/self/mounts; do i=$((i+1)); [ $i -gt 200 ] && exit 97; sleep 0.05; done
${stop ? "kill -STOP $pid" : ":"}
"$@"; rc=$?
kill -CONT $pid; umount -l "${mnt}"; kill $pid; wait $pid
exit $rc`;
  try {
    const r = runProgram("stuck_mount", [mnt], {
      prefix: ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh"],
      timeout: 30_000,
    });
    return { status: r.status, v: lastJson(r), mnt };
  } finally {
    rmSync(src, { recursive: true, force: true });
    rmSync(mnt, { recursive: true, force: true });
  }
}

const FUSE = NS && have("bindfs") && existsSync("/dev/fuse");

// Under Node a worker thread blocked in a system call keeps the program from ending, process.exit included: after
// diskUsageAsync's timeout on the stopped daemon the program cannot end by itself (the README says so).
const NODE = !("Deno" in globalThis) && !("Bun" in globalThis);

test("diskPartitions lists a FUSE mount whose daemon is stopped without blocking; diskUsageAsync times out", {
  skip: !FUSE || NODE,
}, () => {
  // Bounded by the program's own deadline: a blocked call would be killed after 30 s and fail here.
  const { status, v, mnt } = withFuseMount(true);
  assert.equal(status, 0, "the program ended by itself");
  const part = v.part as psutil.DiskPartition;
  assert.equal(part.mountpoint, mnt);
  assert.equal(part.fstype, "fuse");
  assert.equal(part.maxfile, null, "no answer from the stopped daemon");
  assert.equal(part.maxpath, 4096);
  assert.equal(v.usage, "TimeoutExpired");
  assert.deepEqual(v.again, part, "asked again while the helper is stuck: the same answer, at once");
  assert.equal(v.rootTotal, psutil.diskUsage("/").total, "other file systems still answer");
});

test("a FUSE mount whose daemon answers has its maxfile (Deno) and its usage", { skip: !FUSE }, () => {
  const { status, v, mnt } = withFuseMount(false);
  assert.equal(status, 0);
  const part = v.part as psutil.DiskPartition;
  assert.equal(part.mountpoint, mnt);
  // Under Bun and Node, FUSE and network file systems are not asked by diskPartitions (see diskPartitions).
  assert.equal(part.maxfile, "Deno" in globalThis ? 255 : null);
  assert.equal(v.usage, "answered");
});

// --- no growth --------------------------------------------------------------------------------

test("the new paths leave no descriptor open and memory flat: guarded signals and setters, links, probes", {
  skip: !LINUX,
}, async () => {
  const child = startChild("sleep", ["1000"]);
  try {
    const p = new psutil.Process(child.pid!);
    const me = new psutil.Process();
    const round = async () => {
      for (let i = 0; i < 50; i++) {
        p.sendSignal(0); // pidfd_open, identity check, pidfd_send_signal, close
        p.nice(p.nice()); // the same guard around a setter
        me.openFiles();
        me.cwd();
        me.exe();
        psutil.pidExists(child.pid!);
      }
      psutil.diskPartitions({ all: true });
      await psutil.diskUsageAsync("/", { timeout: 10 });
    };
    await round(); // warm up: caches, the helper thread, JIT
    const fds = openFdCount();
    const rss = () => {
      (globalThis as { gc?: () => void }).gc?.();
      return me.memoryInfo().rss;
    };
    const before = rss();
    for (let r = 0; r < 20; r++) await round();
    assert.equal(openFdCount(), fds, "descriptors open after 1000 guarded signals and setters");
    // 1000 calls of each: a buffer (16 KiB or more) kept per call would show here; the GC makes finer checks noise.
    assert.ok(rss() - before < 16 * 2 ** 20, `RSS grew by ${((rss() - before) / 2 ** 20).toFixed(1)} MiB`);
  } finally {
    await stopChild(child);
  }
});

test("signals and setters refuse a procfs tree of another pid namespace, which would vouch for another process", {
  skip: !LINUX,
}, async () => {
  const child = startChild("sleep", ["1000"]);
  try {
    const pid = child.pid!;
    // A tree whose process `pid` is not ours: a fixture (no `self` link at all).
    const root = tree({ "stat": readFileSync("/proc/stat", "utf8"), [`${pid}/stat`]: statLine(pid) });
    inTree(root, () => {
      const p = new psutil.Process(pid);
      for (const act of [() => p.kill(), () => p.nice(5), () => p.sendSignal(0)]) {
        assert.throws(act, (e: unknown) => e instanceof psutil.OsError && /own pid namespace/.test(e.message));
      }
    });
    assert.equal(psutil.pidExists(pid), true, "the sleep was not signalled");
    assert.equal(new psutil.Process(pid).nice(), 0, "nor reniced");
  } finally {
    await stopChild(child);
  }
});

test("diskUsageAsync answers as diskUsage does, in a program whose only work is awaiting it", { skip: !LINUX }, () => {
  const v = lastJson(runProgram("usage_async"));
  assert.equal(v.total, psutil.diskUsage("/").total);
});
