// The Windows backend, run for real under Wine (see .ci/wine.sh), checked
// against facts measured on the Linux side and passed in PSUTIL_TRUTH, and
// against children the test starts with known properties.
import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import { closeSync, mkdtempSync, openSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import * as psutil from "../../mod.ts";
import { loadSource, sampleLoad } from "../../platform/windows/loadavg.ts";
import { waitFor } from "../helpers.ts";

const WIN = psutil.WINDOWS;
const truth = JSON.parse(process.env.PSUTIL_TRUTH ?? "{}") as {
  memTotal?: number;
  cpuCount?: number;
  bootTime?: number;
  diskTotal?: number;
  user?: string;
  nics?: Record<string, { bytesRecv: number; bytesSent: number }>;
  ipv4?: Record<string, string[]>;
  cpuMhz?: number | null;
  macs?: Record<string, string>;
};
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

test("cpuCount, virtualMemory, bootTime and diskUsage agree with the Linux side", { skip: !WIN }, () => {
  assert.equal(psutil.cpuCount(), truth.cpuCount);
  const phys = psutil.cpuCount({ logical: false })!;
  assert.ok(phys >= 1 && phys <= truth.cpuCount!, `physical ${phys}`);
  const vm = psutil.virtualMemory();
  assert.ok(Math.abs(vm.total - truth.memTotal!) <= truth.memTotal! * 0.01, `total ${vm.total} vs ${truth.memTotal}`);
  assert.equal(vm.used + vm.available, vm.total);
  assert.ok(vm.percent >= 0 && vm.percent <= 100);
  const sw = psutil.swapMemory();
  assert.equal(sw.used + sw.free, sw.total);
  assert.ok(Math.abs(psutil.bootTime() - truth.bootTime!) <= 2, `boot ${psutil.bootTime()} vs ${truth.bootTime}`);
  const c = psutil.diskUsage("C:\\");
  assert.equal(c.total, truth.diskTotal, "C: is the Linux file system that holds the Wine prefix");
  assert.equal(c.used + c.free, c.total);
  const parts = psutil.diskPartitions();
  const cPart = parts.find((p) => p.mountpoint === "C:\\");
  assert.ok(cPart, JSON.stringify(parts));
  assert.match(cPart.opts, /^r[wo],fixed$/);
  assert.throws(() => psutil.diskUsage("Q:\\no\\such"), psutil.OsError);
});

test("cpuTimes: per CPU sums to the total and both move forward", { skip: !WIN }, async () => {
  const a = psutil.cpuTimes();
  const per = psutil.cpuTimes({ percpu: true });
  assert.equal(per.length, truth.cpuCount);
  const sum = (k: keyof psutil.CpuTimes) => per.reduce((s, t) => s + (t[k] as number), 0);
  assert.ok(Math.abs(sum("user") - a.user) < 2 && Math.abs(sum("idle") - a.idle) < 2, `${sum("user")} vs ${a.user}`);
  assert.deepEqual(Object.keys(a), ["user", "system", "idle", "interrupt", "dpc"]);
  await sleep(200);
  const b = psutil.cpuTimes();
  assert.ok(b.user + b.system + b.idle > a.user + a.system + a.idle);
  const pct = await psutil.cpuPercent({ interval: 0.2 });
  assert.ok(pct >= 0 && pct <= 100);
});

test("this process: pid, name, exe, cmdline, cwd, environ, times, memory, threads, priority", { skip: !WIN }, () => {
  const me = new psutil.Process();
  assert.equal(me.pid, process.pid);
  assert.ok(psutil.pids().includes(me.pid));
  assert.equal(psutil.pidExists(me.pid), true);
  assert.equal(psutil.pidExists(999_999), false);
  assert.match(me.name(), /^(deno|bun|node)\.exe$/);
  assert.ok(me.exe().toLowerCase().endsWith(me.name()));
  assert.ok(me.cmdline().some((a) => /live_test\.ts$/.test(a)), JSON.stringify(me.cmdline()));
  assert.equal(me.cwd().toLowerCase(), process.cwd().toLowerCase());
  assert.equal(me.environ().PSUTIL_TEST_MARK, "hello world");
  const ct = me.createTime();
  assert.ok(ct <= Date.now() / 1000 && ct > Date.now() / 1000 - 600, `createTime ${ct}`);
  const mem = me.memoryInfo();
  assert.ok(mem.rss > 1 << 20 && mem.rss === mem.wset && mem.vms === mem.pagefile);
  for (
    const k of [
      "numPageFaults",
      "peakWset",
      "peakPagedPool",
      "pagedPool",
      "peakNonpagedPool",
      "nonpagedPool",
      "peakPagefile",
      "private",
    ]
  ) {
    assert.equal(typeof (mem as unknown as Record<string, number>)[k], "number", k);
  }
  assert.ok(me.numThreads() >= 1);
  assert.equal(me.nice(), psutil.NORMAL_PRIORITY_CLASS);
  assert.ok(me.cpuTimes().user > 0);
  assert.equal(psutil.pidExists(0), true);
  const idle = new psutil.Process(0);
  assert.equal(idle.name(), "System Idle Process");
  assert.throws(() => idle.kill(), psutil.AccessDenied);
  assert.throws(() => new psutil.Process(999_999), psutil.NoSuchProcess);
});

test("children started with known properties: cmd.exe exit code, ping's name, parent, priority, kill, wait", {
  skip: !WIN,
}, async () => {
  const cmd = new psutil.Popen(["cmd.exe", "/c", "exit 3"]);
  assert.equal(await cmd.wait({ timeout: 30 }), 3);
  const ping = new psutil.Popen(["ping", "-n", "60", "127.0.0.1"], { stdout: "null" });
  try {
    const p = new psutil.Process(ping.pid);
    assert.equal(p.name().toLowerCase(), "ping.exe");
    // A process still starting may not have its parameters in memory yet.
    let cmd: string[] | null = null;
    for (let i = 0; i < 100 && cmd === null; i++) {
      try {
        cmd = p.cmdline();
      } catch (e) {
        if (!(e instanceof psutil.AccessDenied)) throw e;
        await sleep(20);
      }
    }
    assert.deepEqual(cmd!.slice(1), ["-n", "60", "127.0.0.1"]);
    assert.equal(p.ppid(), process.pid);
    assert.equal(p.parent()!.pid, process.pid);
    assert.ok(new psutil.Process().children().some((c) => c.pid === ping.pid));
    p.nice(psutil.BELOW_NORMAL_PRIORITY_CLASS);
    assert.equal(p.nice(), psutil.BELOW_NORMAL_PRIORITY_CLASS);
    assert.throws(() => p.nice(5), RangeError);
    await assert.rejects(() => p.wait({ timeout: 0.1 }), psutil.TimeoutExpired);
    p.kill();
    assert.equal(
      await p.wait({ timeout: 10 }),
      psutil.SIGKILL,
      "Windows keeps the exit code: the signal number psutil passes",
    );
    assert.equal(psutil.pidExists(ping.pid), false);
    assert.throws(() => p.kill(), psutil.NoSuchProcess);
  } finally {
    try {
      ping.kill();
    } catch { /* already gone */ }
  }
});

test("cpuTimesPercent, numHandles with files opened, parents, terminate's exit code, oneshot", {
  skip: !WIN,
}, async () => {
  const first = psutil.cpuTimesPercent();
  assert.deepEqual(Object.keys(first), Object.keys(psutil.cpuTimes()));
  const pct = await psutil.cpuTimesPercent({ interval: 0.3, percpu: true });
  assert.equal(pct.length, truth.cpuCount);
  for (const c of pct) {
    // user + system + idle cover the CPU's time; interrupt and dpc are parts of system.
    assert.ok(Math.abs(c.user + c.system + c.idle - 100) <= 1, JSON.stringify(c));
  }

  const me = new psutil.Process();
  const before = me.numHandles();
  const dir = mkdtempSync(join(tmpdir(), "psutil-handles-"));
  const fds = Array.from({ length: 20 }, (_, i) => openSync(join(dir, `f${i}`), "w"));
  const during = me.numHandles();
  for (const fd of fds) closeSync(fd);
  // One handle per file, or two (Deno under Wine holds a second one for each).
  assert.ok(during - before >= 20 && during - before <= 45, `${before} -> ${during} for 20 files`);
  assert.ok(me.numHandles() <= before + 5, `closing gives them back: ${before} -> ${me.numHandles()}`);

  const ping = new psutil.Popen(["ping", "-n", "60", "127.0.0.1"], { stdout: "null" });
  try {
    const chain = ping.parents().map((p) => p.pid);
    assert.equal(chain[0], process.pid);
    assert.deepEqual(chain.slice(1), me.parents().map((p) => p.pid));
    // Inside oneshot every answer comes from one snapshot, and equals the answer outside it.
    const outside = ping.asDict({ attrs: ["name", "ppid", "numThreads", "status", "cpuTimes"] });
    const inside = ping.oneshot(() => ping.asDict({ attrs: ["name", "ppid", "numThreads", "status", "cpuTimes"] }));
    assert.deepEqual(
      { ...inside, cpuTimes: null },
      { ...outside, cpuTimes: null },
    );
    ping.terminate();
    assert.equal(await ping.wait({ timeout: 10 }), psutil.SIGTERM, "terminate leaves SIGTERM as the exit code");
    assert.equal(ping.isRunning(), false);
  } finally {
    if (ping.isRunning()) ping.kill();
  }
});

test("sockets: a TCP listener and a UDP socket of this test, with our pid, per kind", { skip: !WIN }, async () => {
  const { createServer } = await import("node:net");
  const { createSocket } = await import("node:dgram");
  const tcp = createServer();
  await new Promise<void>((r) => tcp.listen(0, "127.0.0.1", () => r()));
  const udp = createSocket("udp4");
  await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
  try {
    const port = (tcp.address() as { port: number }).port;
    const uport = udp.address().port;
    const l = psutil.netConnections({ kind: "tcp4" }).find((c) => (c.laddr as psutil.Address).port === port);
    assert.deepEqual(l, {
      fd: -1,
      family: psutil.AF_INET,
      type: psutil.SOCK_STREAM,
      laddr: { ip: "127.0.0.1", port },
      raddr: null,
      status: psutil.CONN_LISTEN,
      pid: process.pid,
    });
    const u = psutil.netConnections({ kind: "udp" }).find((c) => (c.laddr as psutil.Address).port === uport);
    assert.equal(u?.status, psutil.CONN_NONE);
    assert.equal(u?.pid, process.pid);
    const mine = new psutil.Process().connections({ kind: "inet" });
    assert.ok(mine.some((c) => (c.laddr as psutil.Address).port === port) && mine.every((c) => !("pid" in c)));
    assert.ok(!psutil.netConnections({ kind: "tcp6" }).some((c) => (c.laddr as psutil.Address).port === port));
    assert.deepEqual(psutil.netConnections({ kind: "unix" }), []);
  } finally {
    tcp.close();
    udp.close();
  }
});

test("interfaces: the Linux side's NICs with counters at least as large; stats", { skip: !WIN }, () => {
  const io = psutil.netIoCounters({ pernic: true });
  for (const [nic, c] of Object.entries(truth.nics ?? {})) {
    assert.ok(io[nic], `no counters for ${nic}: ${Object.keys(io)}`);
    assert.ok(io[nic].bytesRecv >= c.bytesRecv && io[nic].bytesSent >= c.bytesSent, nic);
  }
  const stats = psutil.netIfStats();
  assert.deepEqual(Object.keys(stats).sort(), Object.keys(io).sort());
  for (const s of Object.values(stats)) assert.ok(s.mtu > 0 && typeof s.isup === "boolean");
  assert.ok(psutil.netIoCounters()!.bytesRecv >= Object.values(io).reduce((a, c) => a + c.bytesRecv, 0) - 1);
});

test("more of this process: username, threads, context switches, I/O, uss, affinity", { skip: !WIN }, () => {
  const me = new psutil.Process();
  assert.ok(me.username().endsWith(`\\${truth.user}`), me.username());
  const threads = me.threads();
  assert.equal(threads.length, me.numThreads());
  assert.ok(threads.every((t) => t.id > 0 && t.userTime >= 0));
  assert.equal(me.numCtxSwitches().involuntary, 0);
  const io = me.ioCounters();
  assert.ok(io.readBytes >= 0 && io.otherCount! >= 0);
  const full = me.memoryFullInfo();
  assert.ok(full.uss >= 0 && full.uss <= full.rss + full.private!);
  assert.deepEqual(me.cpuAffinity(), Array.from({ length: truth.cpuCount! }, (_, i) => i));
  assert.equal(me.status(), psutil.STATUS_RUNNING);
  assert.equal(psutil.sensorsBattery(), null, "no battery in this machine");
});

test("a child's affinity and suspension round-trip", { skip: !WIN }, async () => {
  const ping = new psutil.Popen(["ping", "-n", "60", "127.0.0.1"], { stdout: "null" });
  try {
    const p = new psutil.Process(ping.pid);
    p.cpuAffinity([0]);
    assert.deepEqual(p.cpuAffinity(), [0]);
    p.cpuAffinity([]);
    assert.equal(p.cpuAffinity().length, truth.cpuCount);
    p.suspend();
    p.resume();
    assert.equal(p.isRunning(), true);
  } finally {
    ping.kill();
    await ping.wait();
  }
});

test("netIfAddrs: each NIC's IPv4 addresses and MAC are the Linux side's", { skip: !WIN }, () => {
  const addrs = psutil.netIfAddrs();
  for (const [nic, v4] of Object.entries(truth.ipv4 ?? {})) {
    const ours = (addrs[nic] ?? []).filter((a) => a.family === psutil.AF_INET).map((a) => a.address);
    assert.deepEqual(ours, v4, nic);
  }
  for (const [nic, mac] of Object.entries(truth.macs ?? {})) {
    if (mac === "00:00:00:00:00:00") continue; // loopback: Windows gives it no MAC
    const link = (addrs[nic] ?? []).find((a) => a.family === psutil.AF_LINK);
    assert.equal(link?.address, mac.toUpperCase().replaceAll(":", "-"), nic);
  }
});

test(
  "Windows services: the list, one by name cross-checked with its process, and a missing one",
  { skip: !WIN },
  () => {
    const all = [...psutil.winServiceIter()];
    assert.ok(all.length >= 5, `${all.length} services`);
    const names = all.map((s) => s.name());
    assert.ok(names.includes("RpcSs"), names.join(", "));
    const rpc = psutil.winServiceGet("RpcSs");
    assert.equal(rpc.displayName(), all.find((s) => s.name() === "RpcSs")!.displayName());
    const d = rpc.asDict();
    assert.deepEqual(Object.keys(d), [
      "name",
      "displayName",
      "binpath",
      "username",
      "startType",
      "pid",
      "status",
      "description",
    ]);
    assert.ok(["automatic", "manual", "disabled", "boot", "system"].includes(d.startType as string));
    assert.match(d.binpath as string, /rpcss\.exe/i);
    // Wine starts some services on demand, so RpcSs may not run yet in a fresh prefix: a stopped service has
    // no pid, and every running one's pid is a process of the program its binpath names.
    assert.ok(["running", "start_pending", "stopped"].includes(d.status as string), String(d.status));
    if (d.status === "stopped") assert.equal(d.pid, null);
    const running = all.map((s) => s.asDict()).filter((s) => s.status === "running" && s.pid !== null);
    assert.ok(running.length >= 1, "no running service");
    for (const s of running) {
      const program = (s.binpath as string).match(/^"?([^"]*?\.exe)/i)![1].split("\\").at(-1)!.toLowerCase();
      assert.equal(new psutil.Process(s.pid as number).name().toLowerCase(), program, `${s.name}'s pid`);
    }
    assert.throws(() => psutil.winServiceGet("no-such-service-here"), psutil.NoSuchProcess);
    assert.throws(() => psutil.winServiceGet(""), TypeError);
  },
);

test("users are WTS sessions of the Linux user; cpuFreq is the Linux side's clock", { skip: !WIN }, () => {
  const users = psutil.users();
  assert.ok(users.length >= 1, "Wine has one session");
  for (const u of users) {
    assert.equal(u.name, truth.user);
    assert.equal(u.terminal, null);
    assert.equal(u.pid, null);
  }
  const per = psutil.cpuFreq({ percpu: true });
  assert.equal(per.length, truth.cpuCount);
  if (truth.cpuMhz) {
    for (const f of per) assert.ok(Math.abs(f.current - truth.cpuMhz) <= truth.cpuMhz * 0.05 + 1, `${f.current} MHz`);
  }
  assert.equal(psutil.cpuFreq()!.min, 0);
});

test("memoryMaps: the executable and kernel32 are mapped; grouped sums by path", { skip: !WIN }, () => {
  const me = new psutil.Process();
  const raw = me.memoryMaps({ grouped: false });
  const exe = me.exe().toLowerCase();
  assert.ok(raw.some((m) => m.path.toLowerCase() === exe), "the executable");
  assert.ok(raw.some((m) => /\\kernel32\.dll$/i.test(m.path)), "kernel32.dll");
  assert.ok(raw.every((m) => /^0x[0-9a-f]+$/.test(m.addr!) && m.rss > 0));
  const grouped = me.memoryMaps();
  const paths = grouped.map((m) => m.path);
  assert.equal(new Set(paths).size, paths.length);
  const exeTotal = raw.filter((m) => m.path.toLowerCase() === exe).reduce((s, m) => s + m.rss, 0);
  assert.equal(grouped.find((m) => m.path.toLowerCase() === exe)!.rss, exeTotal);
});

test("cpuStats: four counters that never go back", { skip: !WIN }, async () => {
  const a = psutil.cpuStats();
  assert.deepEqual(Object.keys(a), ["ctxSwitches", "interrupts", "softInterrupts", "syscalls"]);
  for (const v of Object.values(a)) assert.ok(Number.isInteger(v) && v >= 0);
  await sleep(100);
  const b = psutil.cpuStats();
  // Wine fills SystemInterruptInformation with random bytes (it serves as an entropy source there),
  // so the DPC count is only checked to be a count.
  for (const k of ["ctxSwitches", "interrupts", "syscalls"] as const) assert.ok(b[k] >= a[k], k);
});

test("getloadavg: 0 until the first sample; busy children raise it; its timer lets a program exit", {
  skip: !WIN,
}, async () => {
  // A fresh program: the first call is [0, 0, 0] and starting the sampler does not keep it alive.
  const evalArgs = "Deno" in globalThis ? ["eval"] : ["-e"];
  const code = `import * as p from "${
    new URL("../../mod.ts", import.meta.url).href
  }"; console.log(JSON.stringify(p.getloadavg()));`;
  const fresh = new psutil.Popen([process.execPath, ...evalArgs, code], { stdout: "piped" });
  const exited = await Promise.race([fresh.communicate().then((r) => r.stdout), sleep(30_000).then(() => null)]);
  if (exited === null) fresh.kill();
  assert.ok(exited !== null, "a program that called getloadavg did not exit");
  assert.equal(new TextDecoder().decode(exited!).trim(), "[0,0,0]");
  assert.equal(fresh.returncode, 0);

  assert.equal(loadSource(), "busy-cpus", "Wine's PDH has no Processor Queue Length");
  // Two CPU-bound children for a few samples: every average rises, the 1-minute one fastest, none above the CPUs.
  const spin = () => new psutil.Popen([process.execPath, ...evalArgs, "for (;;) {}"], { stdout: "null" });
  const busy = [spin(), spin()];
  try {
    const before = psutil.getloadavg();
    for (let i = 0; i < 3; i++) {
      await sleep(400);
      sampleLoad();
    }
    const after = psutil.getloadavg();
    assert.ok(after[0] > before[0] && after[0] > after[1] && after[1] > after[2] && after[2] > 0, `${after}`);
    assert.ok(after[0] <= truth.cpuCount!, `${after}`);
  } finally {
    for (const b of busy) b.kill();
  }
});

test("diskIoCounters and ionice: Wine keeps no disk counters and has no I/O priority", { skip: !WIN }, () => {
  // Wine's PhysicalDrive0 opens but refuses IOCTL_DISK_PERFORMANCE, so there are no disks to count, as psutil says.
  assert.deepEqual(psutil.diskIoCounters({ perdisk: true }), {});
  assert.equal(psutil.diskIoCounters(), null);
  const me = new psutil.Process();
  const wineSaysNo = (e: unknown) => e instanceof psutil.NotImplementedError && /ProcessIoPriority/.test(e.message);
  assert.throws(() => me.ionice(), wineSaysNo);
  assert.throws(() => me.ionice(psutil.IOPRIO_LOW), wineSaysNo);
  // Bad input is refused before the OS is asked.
  assert.throws(() => me.ionice(psutil.IOPRIO_LOW, 3), TypeError);
  assert.throws(() => me.ionice(4), RangeError);
  assert.throws(() => me.ionice(-1), RangeError);
  assert.ok(!("ionice" in me.asDict()), "asDict leaves out what the OS cannot answer");
});

test("openFiles: files this test and a child hold open, by their Windows paths; not directories", {
  skip: !WIN,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), "psutil ünï "));
  const mine = join(dir, "held open.txt"), childs = join(dir, "child's file.txt");
  const fd = openSync(mine, "w");
  const me = new psutil.Process();
  // A child of the same runtime that opens a file and waits.
  const evalArgs = "Deno" in globalThis ? ["eval"] : ["-e"];
  const code = `import("node:fs").then((fs) => { fs.openSync(${
    JSON.stringify(childs)
  }, "w"); setInterval(() => {}, 1000); });`;
  const child = new psutil.Popen([process.execPath, ...evalArgs, code], { stdout: "null" });
  try {
    const paths = (p: psutil.Process) => p.openFiles().map((f) => f.path.toLowerCase());
    assert.ok(paths(me).includes(mine.toLowerCase()), `${mine} in ${paths(me)}`);
    assert.ok(!paths(me).includes(dir.toLowerCase()), "a directory is not an open file");
    assert.ok(me.openFiles().every((f) => f.fd === -1 && /^[A-Z]:\\/.test(f.path)), JSON.stringify(me.openFiles()));
    const held = await waitFor(() => paths(child).includes(childs.toLowerCase()), 20_000);
    assert.ok(held, `${childs} in ${paths(child)}`);
    assert.ok(!paths(child).includes(mine.toLowerCase()), "the child does not hold the test's file");
    closeSync(fd);
    assert.ok(!paths(me).includes(mine.toLowerCase()), "a closed file is gone");
  } finally {
    child.kill();
    await child.wait();
  }
  assert.throws(() => child.openFiles(), psutil.NoSuchProcess);
});
