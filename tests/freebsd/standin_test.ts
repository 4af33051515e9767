// The FreeBSD backend's real FFI code, run here against the stand-in libc and libkvm (standin/libc.c, its records at
// the offsets measured from FreeBSD 14's headers): through the public API, in a child of this runtime that chose
// FreeBSD before its first import. The answers are the fixture's numbers, as psutil 5.9 combines them on FreeBSD.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { have, lastJson, ROOT, RUNTIME_ARGS } from "../helpers.ts";
import { layoutsMissing, standinFreebsd } from "./standin.ts";

const LINUX_X64 = process.platform === "linux" && process.arch === "x64";

test(
  "the FreeBSD backend on the stand-in libc, libkvm and libutil: CPU, memory, disks and processes as psutil reads them",
  {
    skip: !LINUX_X64 ? "the stand-in is built for linux-x64" : !have("gcc") ? "no gcc" : layoutsMissing(),
  },
  () => {
    const r = spawnSync(
      process.execPath,
      [...RUNTIME_ARGS, `${ROOT}tests/programs/freebsd_target.ts`, standinFreebsd()],
      {
        encoding: "utf8",
        timeout: 60_000,
      },
    );
    assert.equal(r.status, 0, r.stderr);
    const got = lastJson(r as { stdout: string; stderr: string; status: number });
    const err = (v: unknown) => (v as { error: string }).error;
    const page = 4096;
    // hw.ncpu; cores from the topology XML (two <cpu> two levels down).
    assert.equal(got.cpuCount, 4);
    assert.equal(got.cpuCountPhysical, 2);
    // kern.cp_time and the first hw.ncpu rows of kern.cp_times, in ticks over CLOCKS_PER_SEC (128).
    const t = (u: number, n: number, s: number, i: number, idle: number) => ({
      user: u / 128,
      nice: n / 128,
      system: s / 128,
      idle: idle / 128,
      irq: i / 128,
    });
    assert.deepEqual(got.cpuTimes, t(12800, 256, 6400, 128, 128000));
    assert.deepEqual(got.perCpuTimes, Array(4).fill(t(3200, 64, 1600, 32, 32000)));
    assert.deepEqual(got.cpuStats, {
      ctxSwitches: 123456789,
      interrupts: 2345678,
      softInterrupts: 345678,
      syscalls: 987654321,
    });
    // dev.cpu.N.freq with freq_levels' highest and lowest; CPUs 2 and 3 have no frequency driver.
    assert.deepEqual(got.cpuFreq, [{ current: 2400, min: 1200, max: 2400 }, { current: 1800, min: 800, max: 1800 }]);
    assert.deepEqual(got.getloadavg, [0.5, 0.75, 1.25]);
    assert.equal(got.bootTime, 1700000000);
    // hw.physmem and vm.stats.vm pages: available = inactive + cached + free, used = active + wired + cached;
    // no v_cache_count on FreeBSD 12+ (cached 0); shared = (t_vmshr + t_rmshr) pages.
    const total = 8589934592, available = (150000 + 100000) * page;
    assert.deepEqual(got.virtualMemory, {
      total,
      available,
      percent: Math.round((total - available) / total * 1000) / 10,
      used: (200000 + 50000) * page,
      free: 100000 * page,
      active: 200000 * page,
      inactive: 150000 * page,
      buffers: 104857600,
      cached: 0,
      shared: 4000 * page,
      wired: 50000 * page,
    });
    // kvm_getswapinfo's total (pages), pages swapped in and out in bytes; every kvm handle closed.
    assert.deepEqual(got.swapMemory, {
      total: (524288 + 262144) * page,
      used: (131072 + 65536) * page,
      free: (524288 + 262144 - 131072 - 65536) * page,
      percent: 25,
      sin: 111 * page,
      sout: 222 * page,
    });
    assert.equal(got.kvmOpen, 0);
    // Processes from kinfo_proc (KERN_PROC_PROC), a user's shell as psutil reads it.
    assert.deepEqual(got.pids, [0, 1, 700, 701, 800]);
    assert.deepEqual(got.pidExists, [true, true, true, true, false]);
    assert.deepEqual(got.sh, {
      name: "sh",
      exe: "/bin/sh",
      cmdline: ["/bin/sh", "-c", "while :; do sleep 1; done"],
      ppid: 1,
      status: "sleeping",
      createTime: 1700001000.25,
      uids: { real: 1001, effective: 1001, saved: 1001 },
      gids: { real: 1001, effective: 1001, saved: 1001 },
      username: "me",
      nice: 5,
      cpuTimes: { user: 1.5, system: 0.25, childrenUser: 7.25, childrenSystem: 0.125 },
      memoryInfo: { rss: 300 * page, vms: 14000000, text: 40 * page, data: 30 * page, stack: 8 * page },
      ioCounters: { readCount: 77, writeCount: 88, readBytes: -1, writeBytes: -1 },
      numCtxSwitches: { voluntary: 99, involuntary: 11 },
      numThreads: 1,
      cpuNum: 2,
      children: [701, 800],
    });
    assert.deepEqual(got.python, {
      cmdline: ["python3.9", "-m", "http.server"],
      exe: "/usr/local/bin/python3.9",
      uids: { real: 1001, effective: 0, saved: 1001 },
      gids: { real: 1001, effective: 0, saved: 1001 },
      status: "running",
      nice: -5,
    });
    const init = got.init as Record<string, unknown>;
    assert.deepEqual([init.name, init.username, err(init.exe)], ["init", "root", "AccessDenied"]);
    assert.deepEqual(got.kernel, { name: "kernel", status: "waiting" });
    // A zombie: its status; no executable and no arguments any more, as psutil gives them.
    assert.deepEqual(got.zombie, { status: "zombie", exe: "", cmdline: [] });
    assert.equal(err(got.gone), "NoSuchProcess");
    assert.deepEqual(got.iter, [
      { pid: 0, name: "kernel", username: "root" },
      { pid: 1, name: "init", username: "root" },
      { pid: 700, name: "sh", username: "me" },
      { pid: 701, name: "defunct", username: "me" },
      { pid: 800, name: "python3.9", username: "me" },
    ]);
    // kinfo_getfile: the cwd record, real descriptors only (not the directories or the executable), regular files;
    // another user's process refuses. KERN_PROC_ENV's strings.
    assert.deepEqual(got.files, {
      cwd: "/home/me/work",
      numFds: 9,
      openFiles: [{ path: "/home/me/work/notes.txt", fd: 3 }, { path: "/var/log/app.log", fd: 7 }],
      environ: { PATH: "/bin:/usr/bin", HOME: "/home/me", EMPTY: "" },
    });
    assert.equal(err(got.initCwd), "AccessDenied");
    // getfsstat: every mount (psutil ignores `all` on the BSDs), options named as psutil names MNT_* flags.
    assert.deepEqual(got.diskPartitions, [
      ["/dev/ada0p2", "/", "ufs", "rw,softdep"],
      ["devfs", "/dev", "devfs", "rw,acls"],
      ["zroot/tmp", "/tmp", "zfs", "rw,noexec,nosuid,noatime"],
      ["/dev/cd0", "/cdrom", "cd9660", "ro"],
    ]);
    // statfs with psutil's formula; a negative f_bavail (reserved blocks in use) is no space, not negative space.
    const blocks = 7340032, bfree = 3000000, bavail = 2400000, bs = 32768;
    const used = (blocks - bfree) * bs;
    assert.deepEqual(got.diskUsage, {
      total: blocks * bs,
      used,
      free: bavail * bs,
      percent: Math.round(used / (used + bavail * bs) * 1000) / 10,
    });
    assert.deepEqual(got.diskUsageCd, { total: 614400000, used: 614400000, free: 0, percent: 100 });
    assert.equal(err(got.diskUsageGone), "OsError");
    // NET_RT_IFLIST: each RTM_IFINFO message's counters (outgoing drops too), named by its sockaddr_dl; the USB bus
    // left out, the address message skipped.
    const nic = (bs: number, br: number, ps: number, pr: number, ei: number, eo: number, di: number, dout: number) => ({
      bytesSent: bs,
      bytesRecv: br,
      packetsSent: ps,
      packetsRecv: pr,
      errin: ei,
      errout: eo,
      dropin: di,
      dropout: dout,
    });
    assert.deepEqual(got.netIoCounters, {
      lo0: nic(5000, 5000, 50, 50, 0, 0, 0, 0),
      em0: nic(1234567890, 9876543210, 3000000, 7000000, 1, 2, 3, 4),
    });
    assert.deepEqual(got.netIfStats, {
      lo0: { isup: true, duplex: 0, speed: 0, mtu: 16384, flags: "up,loopback,running,multicast" },
      em0: { isup: true, duplex: 0, speed: 1000, mtu: 1500, flags: "up,broadcast,running,multicast,simplex" },
    });
    // getifaddrs with FreeBSD's sockaddrs (AF_INET6 28, AF_LINK 18); every list freed.
    assert.deepEqual(got.netIfAddrs, {
      em0: [
        { family: 2, address: "10.0.2.15", netmask: "255.255.255.0", broadcast: "10.0.2.255", ptp: null },
        { family: 18, address: "08:00:27:aa:bb:cc", netmask: null, broadcast: null, ptp: null },
      ],
      lo0: [
        { family: 2, address: "127.0.0.1", netmask: "255.0.0.0", broadcast: null, ptp: null },
        { family: 28, address: "::1", netmask: null, broadcast: null, ptp: null },
      ],
    });
    assert.equal(got.ifaddrsOut, 0);
    // dev.cpu.N.temperature in deci-Kelvin, tjmax as high and critical (none for CPU 1); the ACPI battery, minutes
    // left as seconds, unlimited on AC power; no fans on FreeBSD, as in psutil.
    assert.deepEqual(got.temperatures, {
      coretemp: [
        { label: "Core 0", current: 55, high: 100, critical: 100 },
        { label: "Core 1", current: 57.5, high: null, critical: null },
      ],
    });
    assert.deepEqual(got.battery, { percent: 76, secsleft: 142 * 60, powerPlugged: false });
    assert.deepEqual(got.batteryPlugged, { percent: 76, secsleft: -2, powerPlugged: true });
    assert.equal(err(got.noFans), "NotImplementedError");
    // Threads: a kinfo_proc per thread (KERN_PROC_INC_THREAD), its id and times.
    assert.deepEqual(got.threads, [
      { id: 100100, userTime: 4.5, systemTime: 0 },
      { id: 100101, userTime: 8.5, systemTime: 1 },
      { id: 100102, userTime: 12.5, systemTime: 2 },
    ]);
    // kinfo_getvmmap: addresses, rwx, paths or psutil's [type] names, resident and private bytes; uss is the sum of
    // the private pages.
    const map = (
      addr: string,
      perms: string,
      path: string,
      rss: number,
      priv: number,
      ref: number,
      shadow: number,
    ) => ({
      addr,
      perms,
      path,
      rss: rss * page,
      private: priv * page,
      refCount: ref,
      shadowCount: shadow,
    });
    assert.deepEqual(got.memoryMaps, [
      map("0x200000-0x236000", "r-x", "/bin/sh", 40, 0, 7, 1),
      map("0x236000-0x238000", "rw-", "/bin/sh", 2, 2, 1, 1),
      map("0x800000000-0x800400000", "rw-", "[default]", 100, 90, 1, 0),
      map("0x7ffffffdf000-0x7ffffffff000", "rw-", "[swap]", 8, 8, 1, 0),
    ]);
    assert.deepEqual((got.memoryMapsGrouped as { path: string; rss: number }[]).map((m) => [m.path, m.rss]), [
      ["/bin/sh", 42 * page],
      ["[default]", 100 * page],
      ["[swap]", 8 * page],
    ]);
    assert.equal((got.memoryFullInfo as { uss: number }).uss, (0 + 2 + 90 + 8) * page);
    // devname of ki_tdev; NODEV is no terminal.
    assert.deepEqual(got.terminals, ["/dev/pts/0", null]);
    // cpuset_getaffinity/setaffinity of the process's own mask; a CPU that does not exist is a RangeError (the facade
    // checks cpuCount), another user's process refuses.
    const aff = got.affinity as Record<string, unknown>;
    assert.deepEqual([aff.before, aff.after], [[0, 1, 2, 3], [1, 3]]);
    assert.equal(err(aff.invalid), "RangeError");
    assert.equal(err(aff.init), "AccessDenied");
    // KERN_PROC_RLIMIT read and written; infinity as RLIM_INFINITY; raising the hard limit refused, soft above hard
    // a RangeError.
    const rl = got.rlimit as Record<string, unknown>;
    assert.deepEqual([rl.before, rl.after, rl.stack], [[1024, 4096], [2048, 4096], ["infinity", "infinity"]]);
    assert.equal(err(rl.raiseHard), "AccessDenied");
    assert.equal(err(rl.softAboveHard), "RangeError");
    // Sockets from kinfo_getfile (FreeBSD's sockaddrs), TCP states from the pcblist entry with the same addresses:
    // fd 5 ESTABLISHED, fd 9 LISTEN (a listener on :22 of another process is not this one's).
    assert.deepEqual(got.connections, [
      {
        fd: 5,
        family: 2,
        type: 1,
        laddr: { ip: "10.0.2.15", port: 22 },
        raddr: { ip: "10.0.2.2", port: 50000 },
        status: "ESTABLISHED",
      },
      { fd: 6, family: 28, type: 2, laddr: { ip: "::", port: 5353 }, raddr: null, status: "NONE" },
      { fd: 8, family: 1, type: 1, laddr: "/var/run/log", raddr: "", status: "NONE" },
      { fd: 9, family: 2, type: 1, laddr: { ip: "0.0.0.0", port: 8080 }, raddr: null, status: "LISTEN" },
    ]);
    assert.deepEqual(got.connectionsTcp, [5, 9]);
    assert.equal(err(got.notYet), "NotImplementedError");
    // Signals (SIGKILL is 9), refusals, priorities, and a child's exit code through waitpid.
    assert.deepEqual(got.kill, [800, 9]);
    assert.equal(err(got.killInit), "AccessDenied");
    assert.equal((got.setNice as unknown[])[0], 10);
    assert.equal(err((got.setNice as unknown[])[1]), "AccessDenied");
    assert.equal(got.waitChild, 3);
    // wait on a process that is not a child: a kqueue EVFILT_PROC watch (FreeBSD's 64-byte kevent); a timeout, then
    // its exit.
    assert.equal(got.waitTimeout, "TimeoutExpired");
    assert.equal(got.waitExited, null);
    assert.ok((got.keventWatches as number) >= 2, `kqueue watches: ${got.keventWatches}`);
    // utmpx: the USER_PROCESS (4 on FreeBSD) records only.
    assert.deepEqual(got.users, [{ name: "me", terminal: "pts/0", host: "10.0.2.2", started: 1700001100, pid: 700 }]);
    // A kinfo_proc of another size (another kernel's layout) is an error, never read as garbage.
    for (const k of ["wrongSize", "wrongSizeProcess"]) {
      const e = got[k] as { error: string; code: string; message: string };
      assert.deepEqual([e.error, e.code], ["OsError", "EINVAL"], k);
      assert.match(e.message, /kinfo_proc of 1096 bytes/);
    }
  },
);
