// The Linux system API on fixture trees with known answers: the hostile
// cases this machine does not have (escaped mount points, old kernels'
// formats, sensors, batteries, IPv4-mapped addresses, abstract sockets).
import { test } from "node:test";
import assert from "node:assert/strict";
import { fileURLToPath } from "node:url";
import * as psutil from "../../mod.ts";
import {
  devMajorMinor,
  parseDiskstats,
  parseFilesystems,
  parseMounts,
  unescapeMountField,
} from "../../platform/linux/disk.ts";
import { parseCpuinfoMhz } from "../../platform/linux/cpu.ts";
import {
  decodeProcAddress,
  duplexFromEthtool,
  ifFlagNames,
  parseNetDev,
  parseProcNetUnix,
} from "../../platform/linux/net.ts";
import { formatIPv4, formatIPv6, formatMac } from "../../platform/inet.ts";
import { diskUsageFrom } from "../../platform/posix/statvfs.ts";
import { users as utmpUsers } from "../../platform/posix/utmp.ts";
import { sumCounters, wrapNumbers, wrapNumbersCacheClear } from "../../system/wrap.ts";
import { busyPercent, timesPercent } from "../../system/cpu.ts";
import type { CpuTimes } from "../../types.ts";

const LINUX = psutil.LINUX;
const dir = (rel: string) => fileURLToPath(new URL(`../fixtures/linux/${rel}`, import.meta.url));

/** Runs `fn` with procfs and/or sysfs pointed at fixture trees, then restores them. */
function withRoots<T>(roots: { proc?: string; sys?: string }, fn: () => T): T {
  const [p, s] = [psutil.getProcfsPath(), psutil.getSysfsPath()];
  if (roots.proc) psutil.setProcfsPath(dir(roots.proc));
  if (roots.sys) psutil.setSysfsPath(dir(roots.sys));
  try {
    return fn();
  } finally {
    psutil.setProcfsPath(p);
    psutil.setSysfsPath(s);
  }
}

// --- addresses ---------------------------------------------------------------

test("formatIPv6 writes what inet_ntop writes (answers from Python's socket.inet_ntop)", () => {
  const cases: Record<string, string> = {
    "00000000000000000000000000000000": "::",
    "00000000000000000000000000000001": "::1",
    "00010000000000000000000000000000": "1::",
    "00000000000000000000ffff01020304": "::ffff:1.2.3.4",
    "00000000000000000000000001020304": "::1.2.3.4",
    "fe800000000000000000000000000001": "fe80::1",
    "20010db8000000000001000000000001": "2001:db8::1:0:0:1",
    "00010000000000020000000000000003": "1:0:0:2::3",
    "00000000000000000000ffff00000000": "::ffff:0.0.0.0",
    "00000000000000000000000100000000": "::1:0:0",
    "00010002000300040005000600070008": "1:2:3:4:5:6:7:8",
    "00010000000300040005000600070008": "1:0:3:4:5:6:7:8",
    "00000002000300040005000600070008": "0:2:3:4:5:6:7:8",
    "ffff0000000000000000000000000000": "ffff::",
    "0000000000000000000000000000ffff": "::ffff",
  };
  for (const [hex, want] of Object.entries(cases)) {
    const bytes = hex.match(/../g)!.map((h) => parseInt(h, 16));
    assert.equal(formatIPv6(bytes), want, hex);
  }
  assert.equal(formatIPv4([192, 0, 2, 255]), "192.0.2.255");
  assert.equal(formatMac([0, 1, 0xab, 0xff, 2, 3], 0, 6), "00:01:ab:ff:02:03");
});

test("decodeProcAddress: host-order words, ports in hex, port 0 is no address", () => {
  assert.deepEqual(decodeProcAddress("0100007F:1F90", psutil.AF_INET), { ip: "127.0.0.1", port: 8080 });
  assert.equal(decodeProcAddress("00000000:0000", psutil.AF_INET), null);
  assert.deepEqual(
    decodeProcAddress("0000000000000000FFFF00000100007F:D431", psutil.AF_INET6),
    { ip: "::ffff:127.0.0.1", port: 54321 },
  );
  assert.deepEqual(
    decodeProcAddress("B80D0120000000000000000001000000:01BB", psutil.AF_INET6),
    { ip: "2001:db8::1", port: 443 },
  );
});

// --- disks -------------------------------------------------------------------

test("mount fields: the kernel's octal escapes are decoded", () => {
  assert.equal(unescapeMountField("/mnt/my\\040disk\\011tab\\012nl\\134bs"), "/mnt/my disk\ttab\nnl\\bs");
  const m = parseMounts("/dev/sdb1 /mnt/a\\040b vfat rw 0 0\n\n# comment\nbad line\n");
  assert.deepEqual(m, [{ device: "/dev/sdb1", mountpoint: "/mnt/a b", fstype: "vfat", opts: "rw" }]);
  assert.deepEqual([...parseFilesystems("nodev\tsysfs\n\text4\nnodev\tzfs\n\tvfat\n")], ["ext4", "zfs", "vfat"]);
});

test("diskPartitions on a fixture: all: false keeps physical file systems, none and pseudo dropped", () => {
  const physical = withRoots({ proc: "proc" }, () => psutil.diskPartitions());
  assert.deepEqual(physical.map((p) => [p.device, p.mountpoint, p.fstype, p.opts]), [
    ["/dev/sda1", "/", "ext4", "rw,relatime"],
    ["/dev/sdb1", "/mnt/my disk\ttab\nnl\\bs", "vfat", "rw,noatime"],
    ["tank/home", "/tank/home", "zfs", "rw,xattr"],
  ]);
  // "/" exists here: its limits come from pathconf; a missing mount point has none.
  assert.equal(physical[0].maxfile, 255);
  assert.equal(physical[0].maxpath, 4096);
  assert.equal(physical[2].maxfile, null);
  const all = withRoots({ proc: "proc" }, () => psutil.diskPartitions({ all: true }));
  assert.equal(all.length, 6);
  assert.equal(all.find((p) => p.mountpoint === "/run/none")!.device, "");
});

test("parseDiskstats: modern, 11-field and old 7-field lines", () => {
  const d = parseDiskstats(
    "   8       0 sda 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17\n   3       1 hda1 50 600 70 900\n junk\n",
  );
  // readCount writeCount readBytes writeBytes readTime writeTime readMerged writeMerged busyTime
  assert.deepEqual(d.get("sda"), [1, 5, 3, 7, 4, 8, 2, 6, 10]);
  assert.deepEqual(d.get("hda1"), [50, 70, 600, 900, 0, 0, 0, 0, 0]);
  assert.equal(d.size, 2);
});

test("diskIoCounters on a fixture: sector sizes from sysfs, totals over whole disks only", () => {
  wrapNumbersCacheClear();
  const per = withRoots({ proc: "proc", sys: "sys" }, () => psutil.diskIoCounters({ perdisk: true, nowrap: false }));
  assert.deepEqual(Object.keys(per), ["sda", "sda1", "sdb", "hda1"]);
  assert.deepEqual(per.sda, {
    readCount: 1000,
    writeCount: 2000,
    readBytes: 20000 * 4096,
    writeBytes: 40000 * 4096,
    readTime: 500,
    writeTime: 800,
    readMergedCount: 10,
    writeMergedCount: 20,
    busyTime: 1200,
  });
  assert.equal(per.sda1.readBytes, 18000 * 512, "a partition has no queue/: 512-byte sectors");
  assert.equal(per.hda1.writeBytes, 900 * 512);
  const total = withRoots({ proc: "proc", sys: "sys" }, () => psutil.diskIoCounters({ nowrap: false }))!;
  assert.equal(total.readCount, 1000 + 100);
  assert.equal(total.readBytes, 20000 * 4096 + 2000 * 512);
  assert.equal(total.busyTime, 1200 + 120);
});

test("diskUsageFrom applies psutil's formula (percent of what a user can use)", () => {
  const u = diskUsageFrom({ frsize: 4096, blocks: 1000, bfree: 300, bavail: 250 });
  assert.deepEqual(u, { total: 4096000, used: 2867200, free: 1024000, percent: 73.7 });
  assert.deepEqual(diskUsageFrom({ frsize: 4096, blocks: 0, bfree: 0, bavail: 0 }).percent, 0);
});

// --- network -----------------------------------------------------------------

test("parseNetDev: 15-byte names, a line without a space after the colon, counters above 2^53", () => {
  const text = withRoots({ proc: "proc" }, () => psutil.netIoCounters({ pernic: true, nowrap: false }));
  assert.deepEqual(Object.keys(text), ["lo", "veryveryverylon", "eth0"]);
  const v = text.veryveryverylon;
  // Counters are numbers: exact up to 2^53, rounded above (the documented policy).
  assert.equal(v.bytesRecv, 9007199254740992);
  assert.deepEqual([v.packetsRecv, v.errin, v.dropin, v.bytesSent, v.packetsSent, v.errout, v.dropout], [
    7,
    1,
    2,
    100,
    8,
    3,
    4,
  ]);
  assert.deepEqual(text.eth0, {
    bytesSent: 2000,
    bytesRecv: 1000,
    packetsSent: 20,
    packetsRecv: 10,
    errin: 0,
    errout: 0,
    dropin: 0,
    dropout: 0,
  });
  assert.equal(parseNetDev("").size, 0);
});

test("netConnections on a fixture: every kind, owners from /proc/PID/fd, hostile unix paths", () => {
  const conns = (kind: psutil.ConnectionKind) => withRoots({ proc: "proc" }, () => psutil.netConnections({ kind }));
  const tcp4 = conns("tcp4");
  assert.deepEqual(tcp4[0], {
    fd: 3,
    family: psutil.AF_INET,
    type: psutil.SOCK_STREAM,
    laddr: { ip: "127.0.0.1", port: 8080 },
    raddr: null,
    status: psutil.CONN_LISTEN,
    pid: 4242,
  });
  assert.deepEqual(tcp4.map((c) => [c.status, c.pid, c.fd]), [["LISTEN", 4242, 3], ["ESTABLISHED", null, -1], [
    "TIME_WAIT",
    null,
    -1,
  ]]);
  const tcp6 = conns("tcp6");
  assert.deepEqual(tcp6.map((c) => [c.laddr, c.raddr, c.status, c.pid]), [
    [{ ip: "::1", port: 22 }, null, "LISTEN", null],
    [{ ip: "::ffff:127.0.0.1", port: 8080 }, { ip: "::ffff:127.0.0.1", port: 54321 }, "ESTABLISHED", 4243],
    [{ ip: "2001:db8::1", port: 443 }, { ip: "fe80::2fc:1ff:0:1", port: 0xe000 }, "CLOSE_WAIT", null],
  ]);
  const udp = conns("udp");
  assert.deepEqual(udp.map((c) => [c.laddr, c.raddr, c.status, c.type]), [
    [{ ip: "0.0.0.0", port: 68 }, null, "NONE", psutil.SOCK_DGRAM],
    [null, null, "NONE", psutil.SOCK_DGRAM],
  ]);
  const unix = conns("unix");
  assert.deepEqual(unix.map((c) => [c.laddr, c.type, c.pid, c.fd]), [
    ["/run/my socket  with spaces", psutil.SOCK_STREAM, 4242, 7],
    ["/run/my socket  with spaces", psutil.SOCK_STREAM, 4243, 4],
    ["@abstract-name", psutil.SOCK_DGRAM, null, -1],
    ["", psutil.SOCK_SEQPACKET, null, -1],
  ]);
  assert.ok(unix.every((c) => c.raddr === "" && c.status === "NONE" && c.family === psutil.AF_UNIX));
  assert.equal(conns("inet").length, 3 + 3 + 2);
  assert.equal(conns("inet4").length, 3 + 2);
  assert.equal(conns("inet6").length, 3);
  assert.equal(conns("udp6").length, 0, "a missing file (no IPv6) is no sockets");
  assert.equal(conns("all").length, 3 + 3 + 2 + 4);
  assert.throws(() => psutil.netConnections({ kind: "tcp5" as psutil.ConnectionKind }), TypeError);
  assert.throws(() => psutil.netConnections({ kind: 4 as unknown as psutil.ConnectionKind }), /invalid kind 4/);
});

test("parseProcNetUnix keeps a path's spaces; interface flags and duplex are psutil's names", () => {
  assert.deepEqual(parseProcNetUnix("h\n0000: 00000002 00000000 00000000 0001 01 5 /a b\n"), [
    { inode: "5", type: 1, path: "/a b" },
  ]);
  assert.equal(ifFlagNames(0x1 | 0x2 | 0x40 | 0x1000), "up,broadcast,running,multicast");
  assert.equal(ifFlagNames(0x8 | 0x10 | 0x80 | 0x100), "loopback,pointopoint,noarp,promisc");
  assert.equal(duplexFromEthtool(1), psutil.NIC_DUPLEX_FULL);
  assert.equal(duplexFromEthtool(0), psutil.NIC_DUPLEX_HALF);
  assert.equal(duplexFromEthtool(0xff), psutil.NIC_DUPLEX_UNKNOWN);
});

// --- nowrap ------------------------------------------------------------------

test("wrapNumbers: known wrap-around sequences, devices that come and go, cache clear", () => {
  wrapNumbersCacheClear();
  const run = (v: Record<string, number>) =>
    Object.fromEntries(wrapNumbers(new Map(Object.entries(v).map(([k, n]) => [k, { n }])), "t"));
  assert.deepEqual(run({ a: 100 }), { a: { n: 100 } });
  assert.deepEqual(run({ a: 150 }), { a: { n: 150 } });
  assert.deepEqual(run({ a: 10 }), { a: { n: 160 } }, "wrapped: 150 + 10");
  assert.deepEqual(run({ a: 20 }), { a: { n: 170 } });
  assert.deepEqual(run({ a: 5 }), { a: { n: 175 } }, "wrapped again: 150 + 20 + 5");
  assert.deepEqual(run({ a: 6, b: 50 }), { a: { n: 176 }, b: { n: 50 } }, "a new device starts as it is");
  assert.deepEqual(run({ b: 60 }), { b: { n: 60 } });
  assert.deepEqual(run({ a: 1, b: 70 }), { a: { n: 1 }, b: { n: 70 } }, "a device that came back is new");
  wrapNumbersCacheClear("t");
  assert.deepEqual(run({ a: 0 }), { a: { n: 0 } }, "after a clear nothing is added");
  assert.deepEqual(sumCounters([{ x: 1, y: 2 }, { x: 10, y: 20 }]), { x: 11, y: 22 });
  assert.equal(sumCounters([]), null);
});

// --- sensors -------------------------------------------------------------------

test("sensorsTemperatures on a fixture hwmon tree: labels, thresholds, device/ subdirectory, junk skipped", () => {
  const t = withRoots({ sys: "sys" }, () => psutil.sensorsTemperatures());
  assert.deepEqual(t, {
    coretemp: [
      { label: "Package id 0", current: 45, high: 80, critical: 100 },
      { label: "Core 0", current: 40, high: null, critical: null },
    ],
    acpitz: [{ label: "", current: 30.5, high: 95, critical: 95 }],
    nct6775: [{ label: "", current: 33, high: null, critical: null }],
  });
  const f = withRoots({ sys: "sys" }, () => psutil.sensorsTemperatures({ fahrenheit: true }));
  assert.deepEqual(f.coretemp[0], { label: "Package id 0", current: 113, high: 176, critical: 212 });
  assert.throws(() => psutil.sensorsTemperatures({ fahrenheit: "yes" as unknown as boolean }), TypeError);
});

test("sensorsTemperatures falls back to thermal zones and their trip points", () => {
  const t = withRoots({ sys: "sys2" }, () => psutil.sensorsTemperatures());
  assert.deepEqual(t, {
    x86_pkg_temp: [{ label: "", current: 51, high: 90, critical: 105 }],
    acpitz: [{ label: "", current: 27.8, high: null, critical: null }],
  });
});

test("sensorsFans on a fixture", () => {
  assert.deepEqual(withRoots({ sys: "sys" }, () => psutil.sensorsFans()), {
    nct6775: [{ label: "CPU fan", current: 1200 }, { label: "", current: 0 }],
  });
  assert.deepEqual(withRoots({ sys: "sys2" }, () => psutil.sensorsFans()), {});
});

test("sensorsBattery: energy counters and AC, capacity and status, none", () => {
  assert.deepEqual(withRoots({ sys: "sys" }, () => psutil.sensorsBattery()), {
    percent: 50,
    secsleft: 7200,
    powerPlugged: false,
  });
  assert.deepEqual(withRoots({ sys: "sys2" }, () => psutil.sensorsBattery()), {
    percent: 80,
    secsleft: psutil.POWER_TIME_UNLIMITED,
    powerPlugged: true,
  });
  assert.equal(withRoots({ sys: "proc" }, () => psutil.sensorsBattery()), null);
});

// --- cpu ---------------------------------------------------------------------

test("parseCpuinfoMhz reads one value per processor", () => {
  assert.deepEqual(parseCpuinfoMhz("processor\t: 0\ncpu MHz\t\t: 2596.146\nprocessor : 1\ncpu MHz : 800.000\n"), [
    2596.146,
    800,
  ]);
});

test("busyPercent and timesPercent: psutil's arithmetic, guest not counted twice, backwards counters clamp", () => {
  const t = (user: number, idle: number, guest = 0, iowait = 0): CpuTimes => ({
    user,
    system: 0,
    idle,
    nice: 0,
    iowait,
    guest,
    guestNice: 0,
  });
  assert.equal(busyPercent(t(0, 0), t(30, 70)), 30);
  assert.equal(busyPercent(t(0, 0), t(30, 60, 20, 10)), 30, "iowait is idle; guest is inside user");
  assert.equal(busyPercent(t(10, 10), t(10, 10)), 0, "no time passed");
  assert.equal(busyPercent(t(50, 10), t(40, 20)), 0, "a counter going back counts as 0");
  const p = timesPercent(t(0, 0), t(1, 2));
  assert.equal(p.user, 33.3);
  assert.equal(p.idle, 66.7);
  assert.ok(Object.values(timesPercent(t(9, 9), t(0, 0))).every((v) => v === 0));
  // Under a second of CPU time still sums to 100 (psutil 5.9 would say user 10, idle 40).
  const short = timesPercent(t(0, 0), t(0.1, 0.4));
  assert.deepEqual([short.user, short.idle], [20, 80]);
});

// --- users -------------------------------------------------------------------

test("users from a utmp file written by C: USER_PROCESS records only, :0 is localhost, full-width names", {
  skip: !LINUX,
}, () => {
  assert.deepEqual(utmpUsers(dir("utmp")), [
    { name: "alice", terminal: "pts/0", host: "10.0.0.5", started: 1700000000, pid: 1234 },
    { name: "bob", terminal: "tty7", host: "localhost", started: 1700000100, pid: 999 },
    {
      name: "a-very-long-user-name-of-32-byte",
      terminal: "pts/2",
      host: "host.example.org",
      started: 1700000300,
      pid: 4321,
    },
  ]);
});

test("devMajorMinor splits a dev_t as sysmacros.h does", () => {
  assert.deepEqual(devMajorMinor(0x801), [8, 1]);
  assert.deepEqual(devMajorMinor(0xfd00), [253, 0]);
  // Both numbers extend into the high bits (answer from Python's os.makedev).
  assert.deepEqual(devMajorMinor(17596480029695), [4355, 1048575]);
});
