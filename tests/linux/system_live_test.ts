// The Linux system API on this machine, against psutil 5.9 and the CLI tools.
import { test } from "node:test";
import assert from "node:assert/strict";
import { connect, createServer, type Socket } from "node:net";
import { createSocket } from "node:dgram";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import * as psutil from "../../mod.ts";
import { parseProcNetInet } from "../../platform/linux/net.ts";
import { inetDiag, tcpDiagBothFamilies } from "../../platform/linux/sockdiag.ts";
import {
  assertBetween,
  camelKeys,
  have,
  HAVE_PSUTIL,
  listen,
  openFdCount,
  psutilEval,
  run,
  startChild,
  stopChild,
} from "../helpers.ts";

const LINUX = psutil.LINUX;
const ORACLE = { skip: !LINUX || !HAVE_PSUTIL };
const selfPid = process.pid;
const MiB = 1024 * 1024;

/** Asserts every numeric field of `ours` lies between `before` and `after` (psutil's, camelCased). */
function bracket(ours: object, before: object, after: object, slack: number, what: string): void {
  const b = before as Record<string, number>, a = after as Record<string, number>;
  for (const [k, v] of Object.entries(ours)) {
    assert.ok(k in b, `${what}: psutil has no field ${k}`);
    assertBetween(v as number, b[k], a[k], slack, `${what}.${k}`);
  }
  assert.equal(Object.keys(ours).length, Object.keys(b).length, `${what}: field count`);
}

test("cpuStats() lies between two readings of psutil", ORACLE, () => {
  const before = camelKeys<object>(psutilEval("psutil.cpu_stats()._asdict()"));
  const ours = psutil.cpuStats();
  const after = camelKeys<object>(psutilEval("psutil.cpu_stats()._asdict()"));
  bracket(ours, before, after, 0, "cpuStats");
});

test("cpuFreq() agrees with psutil, percpu and averaged", ORACLE, () => {
  const py = camelKeys<psutil.CpuFreq[]>(psutilEval("[f._asdict() for f in psutil.cpu_freq(percpu=True)]"));
  const ours = psutil.cpuFreq({ percpu: true });
  assert.equal(ours.length, py.length);
  ours.forEach((f, i) => {
    assert.ok(Math.abs(f.current - py[i].current) <= py[i].current * 0.05 + 1, `cpu ${i} current`);
    assert.equal(f.min, py[i].min);
    assert.equal(f.max, py[i].max);
  });
  const avg = psutil.cpuFreq();
  if (py.length === 0) assert.equal(avg, null);
  else assert.ok(avg && Math.abs(avg.max - py.reduce((s, f) => s + f.max, 0) / py.length) < 1e-9);
});

test("cpuPercent: sync call compares with the last; an interval sees a busy child", { skip: !LINUX }, async () => {
  const n = psutil.cpuCount()!;
  const first = psutil.cpuPercent();
  assertBetween(first, 0, 100, 0, "cpuPercent()");
  assert.equal(psutil.cpuPercent({ percpu: true }).length, n);
  const burner = startChild("sh", ["-c", "while :; do :; done"]);
  try {
    const [total, per] = await Promise.all([
      psutil.cpuPercent({ interval: 0.5 }),
      psutil.cpuTimesPercent({ interval: 0.5, percpu: true }),
    ]);
    // One of the cores is kept busy by the child: at least about 1/n of the total.
    assert.ok(total >= 100 / n - 15, `cpuPercent ${total} with a busy core`);
    assert.equal(per.length, n);
    // The scheduler may move the child between CPUs: about one core's worth in all.
    const busy = per.reduce((sum, t) => sum + t.user + t.system + t.nice!, 0);
    assert.ok(busy >= 70, `no busy core's worth in ${JSON.stringify(per)}`);
    for (const t of per) for (const v of Object.values(t)) assertBetween(v, 0, 100, 0, "cpuTimesPercent");
    const since = psutil.cpuTimesPercent();
    assert.ok(Object.values(since).every((v) => v >= 0 && v <= 100));
  } finally {
    await stopChild(burner);
  }
  await assert.rejects(() => psutil.cpuPercent({ interval: -1 }), RangeError);
  assert.throws(() => psutil.cpuPercent({ percpu: 1 as unknown as false }), TypeError);
  assert.throws(() => psutil.cpuPercent("x" as unknown as { percpu?: false }), TypeError);
});

test("diskPartitions() equals psutil's, with and without all", ORACLE, () => {
  for (const all of [false, true]) {
    const py = camelKeys(psutilEval(`[p._asdict() for p in psutil.disk_partitions(all=${all ? "True" : "False"})]`));
    assert.deepEqual(psutil.diskPartitions({ all }), py, `all=${all}`);
  }
});

test(
  "diskUsage('/') matches df and psutil; a missing path is ENOENT; bad paths are TypeError",
  { skip: !LINUX },
  () => {
    const [, total, used, avail] = run("df", ["-P", "-B", "1", "/"]).trim().split("\n")[1].split(/\s+/).map(Number);
    const u = psutil.diskUsage("/");
    assert.equal(u.total, total);
    assert.ok(Math.abs(u.used - used) <= 10 * MiB, `used ${u.used} vs df ${used}`);
    assert.ok(Math.abs(u.free - avail) <= 10 * MiB, `free ${u.free} vs df ${avail}`);
    if (HAVE_PSUTIL) {
      const py = psutilEval<Record<string, number>>("psutil.disk_usage('/')._asdict()");
      assert.equal(u.total, py.total);
      assert.ok(Math.abs(u.percent - py.percent) <= 0.1);
    }
    assert.throws(() => psutil.diskUsage("/no/such/dir"), (e: unknown) => {
      assert.ok(e instanceof psutil.OsError);
      assert.equal(e.code, "ENOENT");
      assert.equal(e.path, "/no/such/dir");
      return true;
    });
    assert.throws(() => psutil.diskUsage(3 as unknown as string), TypeError);
    assert.throws(() => psutil.diskUsage("/tmp\0x"), TypeError);
    assert.throws(() => psutil.diskUsage(""), RangeError);
  },
);

test("diskIoCounters() per disk and in total lie between two readings of psutil", ORACLE, () => {
  const q = "{k: v._asdict() for k, v in psutil.disk_io_counters(perdisk=True).items()}";
  const before = camelKeys<Record<string, object>>(psutilEval(q));
  const ours = psutil.diskIoCounters({ perdisk: true });
  const after = camelKeys<Record<string, object>>(psutilEval(q));
  assert.deepEqual(Object.keys(ours), Object.keys(before));
  for (const [disk, c] of Object.entries(ours)) bracket(c, before[disk], after[disk], 0, disk);
  const tq = "psutil.disk_io_counters()._asdict()";
  const tb = camelKeys<object>(psutilEval(tq));
  const total = psutil.diskIoCounters()!;
  const ta = camelKeys<object>(psutilEval(tq));
  bracket(total, tb, ta, 0, "total");
});

test("netIoCounters() per NIC and in total lie between two readings of psutil", ORACLE, () => {
  const q = "{k: v._asdict() for k, v in psutil.net_io_counters(pernic=True).items()}";
  const before = camelKeys<Record<string, object>>(psutilEval(q));
  const ours = psutil.netIoCounters({ pernic: true });
  const after = camelKeys<Record<string, object>>(psutilEval(q));
  assert.deepEqual(Object.keys(ours), Object.keys(before));
  for (const [nic, c] of Object.entries(ours)) bracket(c, before[nic], after[nic], 0, nic);
  const sum = Object.values(ours).reduce((s, c) => s + c.bytesRecv, 0);
  assert.ok(psutil.netIoCounters()!.bytesRecv >= sum);
});

test("netIfAddrs() and netIfStats() equal psutil's and agree with ip and sysfs", ORACLE, () => {
  const addrs = psutilEval<Record<string, Array<Record<string, unknown>>>>(
    "{k: [dict(a._asdict(), family=int(a.family)) for a in v] for k, v in psutil.net_if_addrs().items()}",
  );
  assert.deepEqual(psutil.netIfAddrs(), addrs);
  assert.deepEqual(Object.keys(psutil.netIfAddrs()), Object.keys(addrs), "interface order");
  const stats = psutilEval<Record<string, Record<string, unknown>>>(
    "{k: dict(v._asdict(), duplex=int(v.duplex)) for k, v in psutil.net_if_stats().items()}",
  );
  assert.deepEqual(psutil.netIfStats(), stats);
  if (have("ip")) {
    const ip = JSON.parse(run("ip", ["-j", "addr"])) as Array<
      { ifname: string; mtu: number; address?: string; addr_info: Array<{ family: string; local: string }> }
    >;
    const ours = psutil.netIfAddrs();
    const st = psutil.netIfStats();
    for (const nic of ip) {
      assert.equal(st[nic.ifname].mtu, nic.mtu, `${nic.ifname} mtu`);
      const v4 = nic.addr_info.filter((a) => a.family === "inet").map((a) => a.local);
      assert.deepEqual(ours[nic.ifname].filter((a) => a.family === psutil.AF_INET).map((a) => a.address), v4);
      if (nic.address) {
        assert.equal(ours[nic.ifname].find((a) => a.family === psutil.AF_LINK)?.address, nic.address);
      }
    }
  }
});

test(
  "netConnections() shows this process's own TCP, UDP and UNIX sockets with pid, fd and status",
  { skip: !LINUX },
  async () => {
    const tmp = mkdtempSync(join(tmpdir(), "psutil sock é "));
    const unixPath = join(tmp, "my socket");
    const tcp = createServer((s) => accepted.push(s));
    const accepted: Socket[] = [];
    const unix = createServer();
    const udp = createSocket("udp4");
    let client: Socket | undefined;
    try {
      await listen(tcp, 0, "127.0.0.1");
      await listen(unix, unixPath);
      await new Promise<void>((r) => udp.bind(0, "127.0.0.1", () => r()));
      const port = (tcp.address() as { port: number }).port;
      const udpPort = udp.address().port;
      client = connect(port, "127.0.0.1");
      await new Promise<void>((r) => client!.once("connect", () => r()));
      const clientPort = client.localPort!;

      const mine = psutil.netConnections({ kind: "all" }).filter((c) => c.pid === selfPid);
      const find = (pred: (c: psutil.NetConnection) => boolean) => mine.filter(pred);
      const at = (a: unknown, p: number) => (a as psutil.Address | null)?.port === p;
      const listening = find((c) => at(c.laddr, port) && c.status === psutil.CONN_LISTEN);
      assert.equal(listening.length, 1, "the listening socket");
      assert.equal(listening[0].family, psutil.AF_INET);
      assert.equal(listening[0].type, psutil.SOCK_STREAM);
      assert.deepEqual(listening[0].laddr, { ip: "127.0.0.1", port });
      assert.equal(listening[0].raddr, null);
      assert.ok(listening[0].fd > 2);
      const outgoing = find((c) => at(c.laddr, clientPort) && at(c.raddr, port));
      assert.equal(outgoing.length, 1, "the client side");
      assert.equal(outgoing[0].status, psutil.CONN_ESTABLISHED);
      const incoming = find((c) => at(c.laddr, port) && at(c.raddr, clientPort));
      assert.equal(incoming.length, 1, "the accepted side");
      assert.equal(incoming[0].status, psutil.CONN_ESTABLISHED);
      const dgram = find((c) => c.type === psutil.SOCK_DGRAM && at(c.laddr, udpPort));
      assert.equal(dgram.length, 1, "the UDP socket");
      assert.equal(dgram[0].status, psutil.CONN_NONE);
      const u = find((c) => c.family === psutil.AF_UNIX && c.laddr === unixPath);
      assert.equal(u.length, 1, `the UNIX socket at ${unixPath}`);
      assert.equal(u[0].type, psutil.SOCK_STREAM);

      // Kinds filter: tcp4 has the TCP ones, udp the UDP one, unix the UNIX one.
      assert.ok(psutil.netConnections({ kind: "tcp4" }).some((c) => c.pid === selfPid && at(c.laddr, port)));
      assert.ok(!psutil.netConnections({ kind: "tcp6" }).some((c) => at(c.laddr, port)));
      assert.ok(!psutil.netConnections({ kind: "udp" }).some((c) => c.type !== psutil.SOCK_DGRAM));
      assert.ok(psutil.netConnections({ kind: "unix" }).every((c) => c.family === psutil.AF_UNIX));
      assert.ok(
        psutil.netConnections().every((c) => c.family === psutil.AF_INET || c.family === psutil.AF_INET6),
        "default kind is inet",
      );

      if (have("ss")) {
        // The listening TCP sockets are exactly ss's.
        const ss = new Set(
          run("ss", ["-tlnH"]).trim().split("\n").filter(Boolean).map((l) =>
            l.trim().split(/\s+/)[3].replace(/^\[?(.*?)\]?:(\d+)$/, "$1 $2").replace(/^\*/, "0.0.0.0").replace(
              /%\S+ /,
              " ",
            )
          ),
        );
        const ours = new Set(
          psutil.netConnections({ kind: "tcp" }).filter((c) => c.status === psutil.CONN_LISTEN).map((c) => {
            const a = c.laddr as psutil.Address;
            return `${a.ip} ${a.port}`;
          }),
        );
        assert.deepEqual(ours, ss);
      }
    } finally {
      client?.destroy();
      for (const s of accepted) s.destroy();
      await new Promise((r) => tcp.close(r));
      await new Promise((r) => unix.close(r));
      udp.close();
      rmSync(tmp, { recursive: true, force: true });
    }
  },
);

test("netConnections() agrees with psutil's on the listening sockets and their owners", ORACLE, () => {
  const key = (c: { laddr: unknown; status: string; pid: number | null; family: number }) =>
    `${c.family} ${JSON.stringify(c.laddr)} ${c.status} ${c.pid}`;
  const py = psutilEval<Array<{ laddr: unknown; status: string; pid: number | null; family: number }>>(
    "[dict(laddr=dict(ip=c.laddr.ip, port=c.laddr.port), status=c.status, pid=c.pid, family=int(c.family)) for c in psutil.net_connections('inet') if c.status == 'LISTEN']",
  );
  const ours = psutil.netConnections({ kind: "inet" }).filter((c) => c.status === psutil.CONN_LISTEN);
  assert.deepEqual(new Set(ours.map(key)), new Set(py.map(key)));
});

test("users() equals who's (user, tty) multiset and psutil's users", { skip: !LINUX }, () => {
  const who = run("who").trim().split("\n").filter(Boolean).map((l) => l.split(/\s+/).slice(0, 2).join(" ")).sort();
  const ours = psutil.users();
  assert.deepEqual(ours.map((u) => `${u.name} ${u.terminal}`).sort(), who);
  if (HAVE_PSUTIL) assert.deepEqual(ours, camelKeys(psutilEval("[u._asdict() for u in psutil.users()]")));
});

test("sensors equal psutil's on this machine", ORACLE, () => {
  const temps = psutilEval(
    "{k: [t._asdict() for t in v] for k, v in psutil.sensors_temperatures().items()}",
  );
  assert.deepEqual(psutil.sensorsTemperatures(), temps);
  assert.deepEqual(
    psutil.sensorsFans(),
    psutilEval("{k: [f._asdict() for f in v] for k, v in psutil.sensors_fans().items()}"),
  );
  const bat = psutilEval<Record<string, unknown> | null>("(lambda b: b and b._asdict())(psutil.sensors_battery())");
  assert.deepEqual(psutil.sensorsBattery(), bat === null ? null : camelKeys(bat));
});

test("no system call leaks a descriptor, error paths included", { skip: !LINUX }, async () => {
  const calls: Array<() => unknown> = [
    () => psutil.cpuStats(),
    () => psutil.cpuFreq({ percpu: true }),
    () => psutil.diskPartitions({ all: true }),
    () => psutil.diskUsage("/"),
    () => psutil.diskUsage("/no/such/dir"),
    () => psutil.diskIoCounters({ perdisk: true }),
    () => psutil.netIoCounters({ pernic: true }),
    () => psutil.netIfAddrs(),
    () => psutil.netIfStats(),
    () => psutil.users(),
    () => psutil.sensorsTemperatures(),
    () => psutil.sensorsBattery(),
  ];
  const attempt = (call: () => unknown) => {
    try {
      call();
    } catch (e) {
      if (!(e instanceof psutil.OsError)) throw e;
    }
  };
  calls.forEach(attempt); // warm up lazily opened libraries
  // Let the runtime finish closing what earlier tests closed.
  await new Promise((r) => setTimeout(r, 200));
  const before = openFdCount();
  for (const call of calls) for (let i = 0; i < 200; i++) attempt(call);
  for (let i = 0; i < 20; i++) psutil.netConnections({ kind: "all" }).forEach((c) => c.pid);
  const after = openFdCount();
  assert.ok(after <= before, `${after} descriptors open after, ${before} before`);
});

test("sock_diag netlink and /proc/net agree on every TCP and UDP socket, IPv6 included", { skip: !LINUX }, async () => {
  const v6 = createServer();
  await listen(v6, 0, "::1");
  const v6port = (v6.address() as { port: number }).port;
  const client = connect(v6port, "::1");
  await new Promise<void>((r) => client.once("connect", () => r()));
  try {
    const key = (s: { laddr: unknown; raddr: unknown; status: string; inode: string }) =>
      `${JSON.stringify(s.laddr)} ${JSON.stringify(s.raddr)} ${s.status} ${s.inode}`;
    for (
      const [file, family, tcp] of [["tcp", 2, true], ["tcp6", 10, true], ["udp", 2, false], [
        "udp6",
        10,
        false,
      ]] as const
    ) {
      const type = tcp ? psutil.SOCK_STREAM : psutil.SOCK_DGRAM;
      const before = new Set(parseProcNetInet(readFileSync(`/proc/net/${file}`, "utf8"), family, type).map(key));
      const diag = inetDiag(family, tcp);
      const after = new Set(parseProcNetInet(readFileSync(`/proc/net/${file}`, "utf8"), family, type).map(key));
      assert.ok(diag, "the kernel answers sock_diag here");
      const got = new Set(diag.map(key));
      for (const k of got) assert.ok(before.has(k) || after.has(k), `${file}: ${k} only in sock_diag`);
      for (const k of before) if (after.has(k)) assert.ok(got.has(k), `${file}: ${k} missing from sock_diag`);
      if (file === "tcp6") {
        assert.ok(diag.some((s) => s.status === "LISTEN" && s.laddr?.ip === "::1" && s.laddr.port === v6port));
        assert.ok(diag.some((s) => s.status === "ESTABLISHED" && s.raddr?.port === v6port));
      }
    }
    // Both TCP families from one dump: each family's sockets, as /proc/net lists them before or after.
    for (const [i, [file, family]] of ([["tcp", 2], ["tcp6", 10]] as const).entries()) {
      const before = new Set(parseProcNetInet(readFileSync(`/proc/net/${file}`, "utf8"), family, 1).map(key));
      const both = tcpDiagBothFamilies();
      const after = new Set(parseProcNetInet(readFileSync(`/proc/net/${file}`, "utf8"), family, 1).map(key));
      assert.ok(both, "the kernel answers TCPDIAG_GETSOCK here");
      const got = new Set(both[i].map(key));
      for (const k of got) assert.ok(before.has(k) || after.has(k), `${file}: ${k} only in the one dump`);
      for (const k of before) if (after.has(k)) assert.ok(got.has(k), `${file}: ${k} missing from the one dump`);
      if (file === "tcp6") assert.ok(both[1].some((s) => s.status === "LISTEN" && s.laddr?.port === v6port));
      else assert.ok(both[0].every((s) => !s.laddr?.ip.includes(":")), "IPv4 sockets only on the IPv4 side");
    }
  } finally {
    client.destroy();
    await new Promise((r) => v6.close(r));
  }
});
