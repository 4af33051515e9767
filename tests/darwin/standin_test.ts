// The macOS backend's real FFI code, run here against the stand-in libSystem (standin/libsystem.c answering from
// the records of standin/fixture.c, laid out by the macOS SDK's headers): through the public API, in a child of
// this runtime that chose macOS before its first import. The answers are the fixture's numbers, as psutil 5.9
// combines them on macOS; errors are mapped; no host port or out-of-line array is left behind.
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import process from "node:process";
import { have, lastJson, ROOT, RUNTIME_ARGS } from "../helpers.ts";
import { standinFrameworks, standinLibSystem } from "./standin.ts";
import { zigMissing } from "./target.ts";

const LINUX_X64 = process.platform === "linux" && process.arch === "x64";

test(
  "the macOS backend on the stand-in libSystem and frameworks: the system and processes as psutil reads them",
  {
    skip: !LINUX_X64 ? "the stand-in is built for linux-x64" : !have("gcc") ? "no gcc" : zigMissing(),
  },
  () => {
    const run = (...extra: string[]) => {
      const r = spawnSync(process.execPath, [
        ...RUNTIME_ARGS,
        `${ROOT}tests/programs/darwin_target.ts`,
        standinLibSystem(),
        standinFrameworks(),
        ...extra,
      ], { encoding: "utf8", timeout: 60_000 });
      assert.equal(r.status, 0, r.stderr);
      return r as { stdout: string; stderr: string; status: number };
    };
    const r = run();
    const got = lastJson(r);
    const err = (v: unknown) => {
      const e = v as { error: string; code: string; errno: number };
      return [e.error, e.code, e.errno];
    };
    const page = 4096;
    const ticks = (user: number, system: number, idle: number, nice: number) => ({
      user: user / 100,
      nice: nice / 100,
      system: system / 100,
      idle: idle / 100,
    });
    // hw.logicalcpu, hw.physicalcpu
    assert.equal(got.cpuCount, 4);
    assert.equal(got.cpuCountPhysical, 2);
    // HOST_CPU_LOAD_INFO and PROCESSOR_CPU_LOAD_INFO ticks over CLK_TCK (100)
    assert.deepEqual(got.cpuTimes, ticks(123450, 67890, 999990, 1110));
    assert.deepEqual(got.perCpuTimes, [
      ticks(40000, 20000, 250000, 300),
      ticks(30000, 17000, 249990, 310),
      ticks(28000, 16000, 250000, 250),
      ticks(25450, 14890, 250000, 250),
    ]);
    // kern.boottime's seconds; vm.loadavg's ldavg over fscale
    assert.equal(got.bootTime, 1700000000);
    assert.deepEqual(got.getloadavg, [3072 / 2048, 1024 / 2048, 512 / 2048]);
    // hw.memsize with HOST_VM_INFO's pages: available = inactive + free, used = active + wired, free - speculative
    const total = 17179869184;
    const available = (150000 + 100000) * page;
    assert.deepEqual(got.virtualMemory, {
      total,
      available,
      percent: Math.round((total - available) / total * 1000) / 10,
      used: (200000 + 50000) * page,
      free: (100000 - 10000) * page,
      active: 200000 * page,
      inactive: 150000 * page,
      wired: 50000 * page,
    });
    // vm.swapusage, with pageins and pageouts in bytes
    assert.deepEqual(got.swapMemory, {
      total: 2147483648,
      used: 536870912,
      free: 1610612736,
      percent: 25,
      sin: 1234 * page,
      sout: 567 * page,
    });
    // Between two calls: CPU 0 spent 30 ticks in user, 10 in system and 60 idle, CPU 1 100 idle.
    assert.equal(got.cpuPercent, 20);
    assert.deepEqual(got.cpuPercentPercpu, [40, 0, 0, 0]);
    assert.deepEqual(got.cpuTimesPercent, { user: 15, nice: 0, system: 5, idle: 80 });
    // getfsstat's table: without all, the mounts of existing devices; options named as psutil names MNT_* flags.
    assert.deepEqual(got.diskPartitions, [
      {
        device: "/dev/disk3s1s1",
        mountpoint: "/",
        fstype: "apfs",
        opts: "ro,quarantine,local,rootfs,dovolfs,journaled",
        maxfile: 255,
        maxpath: 1024,
      },
      {
        device: "/dev/disk3s5",
        mountpoint: "/System/Volumes/Data",
        fstype: "apfs",
        opts: "rw,nosuid,local,dovolfs,dontbrowse,journaled,noatime",
        maxfile: 255,
        maxpath: 1024,
      },
    ]);
    assert.deepEqual(got.diskPartitionsAll, [
      ["/dev/disk3s1s1", "/", "ro,quarantine,local,rootfs,dovolfs,journaled"],
      ["devfs", "/dev", "rw,local,dovolfs,dontbrowse,multilabel"],
      ["/dev/disk3s5", "/System/Volumes/Data", "rw,nosuid,local,dovolfs,dontbrowse,journaled,noatime"],
      ["map auto_home", "/System/Volumes/Data/home", "rw,nosuid,dontbrowse,automounted"],
    ]);
    // statvfs: psutil's formula on 4096-byte fragments.
    const used = (122086953 - 30000000) * 4096, free = 29000000 * 4096;
    assert.deepEqual(got.diskUsage, {
      total: 122086953 * 4096,
      used,
      free,
      percent: Math.round(used / (used + free) * 1000) / 10,
    });
    assert.deepEqual(err(got.diskUsageGone), ["OsError", "ENOENT", 2]);
    // utmpx: the two logins (not the boot record); a local login has no host.
    assert.deepEqual(got.users, [
      { name: "me", terminal: "console", host: null, started: 1700000500, pid: 150 },
      { name: "me", terminal: "ttys000", host: "10.0.0.7", started: 1700001200, pid: 4242 },
    ]);
    // NET_RT_IFLIST2: each RTM_IFINFO2 message's 64-bit counters, named by its sockaddr_dl; other messages skipped.
    const nic = (sent: number, recv: number, ps: number, pr: number, ei: number, eo: number, di: number) => ({
      bytesSent: sent,
      bytesRecv: recv,
      packetsSent: ps,
      packetsRecv: pr,
      errin: ei,
      errout: eo,
      dropin: di,
      dropout: 0,
    });
    assert.deepEqual(got.netIoCounters, {
      lo0: nic(1234567, 1234567, 9000, 9000, 0, 0, 0),
      en0: nic(123456789012, 987654321012, 300000000, 700000000, 3, 4, 5),
    });
    assert.deepEqual(got.netIoTotal, nic(123458023579, 987655555579, 300009000, 700009000, 3, 4, 5));
    // Up when running; the driver's baud rate in Mbit/s; the duplex unknown (0); flags in psutil's order.
    assert.deepEqual(got.netIfStats, {
      lo0: { isup: true, duplex: 0, speed: 0, mtu: 16384, flags: "up,loopback,running,multicast" },
      en0: { isup: true, duplex: 0, speed: 1000, mtu: 1500, flags: "up,broadcast,running,multicast,simplex" },
    });
    // getifaddrs with BSD sockaddrs: the KAME-embedded scope of a link-local address becomes %lo0; an AF_LINK
    // entry without an address is left out; families sorted as psutil groups them.
    assert.deepEqual(got.netIfAddrs, {
      lo0: [
        { family: 2, address: "127.0.0.1", netmask: "255.0.0.0", broadcast: null, ptp: null },
        { family: 30, address: "::1", netmask: null, broadcast: null, ptp: null },
        { family: 30, address: "fe80::1%lo0", netmask: null, broadcast: null, ptp: null },
      ],
      en0: [
        { family: 2, address: "192.168.1.20", netmask: "255.255.255.0", broadcast: "192.168.1.255", ptp: null },
        { family: 18, address: "3c:22:fb:12:34:56", netmask: null, broadcast: null, ptp: null },
      ],
    });
    // x86_64: hw.cpufrequency and its bounds (Hz) in MHz.
    assert.deepEqual(got.cpuFreq, { current: 2400, min: 1200, max: 3500 });
    // The IORegistry: each IOMedia under an IOBlockStorageDriver (not the partition under its disk), the driver's
    // Statistics with times from nanoseconds to milliseconds.
    assert.deepEqual(got.diskIoCounters, {
      disk0: {
        readCount: 1000,
        writeCount: 2000,
        readBytes: 4096000,
        writeBytes: 8192000,
        readTime: 1500,
        writeTime: 2500,
      },
      disk2: { readCount: 7, writeCount: 3, readBytes: 28672, writeBytes: 12288, readTime: 0, writeTime: 4 },
    });
    // Power sources: capacity, AC or battery, minutes to empty (95), -1 while estimating; none is null.
    assert.deepEqual(got.battery, { percent: 87, secsleft: 95 * 60, powerPlugged: false });
    assert.deepEqual(got.batteryPlugged, { percent: 87, secsleft: -2, powerPlugged: true });
    assert.deepEqual(got.batteryEstimating, { percent: 87, secsleft: -1, powerPlugged: false });
    assert.equal(got.noBattery, null);
    // What macOS does not have (temperatures: psutil reads no SMC) and what is not implemented yet say so.
    assert.equal(err(got.noTemperatures)[0], "NotImplementedError");
    assert.equal(err(got.notYet)[0], "NotImplementedError");
    // Errors: a missing count is null (as os.cpu_count()), Mach failures and refused sysctls are OsErrors with their
    // names, and a value that keeps growing past the bounded retries is ENOMEM, not a loop.
    assert.equal(got.cpuCountMissing, null);
    assert.deepEqual(err(got.hostStatisticsFails), ["OsError", "KERN_FAILURE", 5]);
    assert.deepEqual(err(got.hostProcessorInfoFails), ["OsError", "KERN_INVALID_ARGUMENT", 4]);
    assert.deepEqual(err(got.swapRefused), ["OsError", "EPERM", 1]);
    assert.deepEqual(err(got.bootTimeAlwaysShort), ["OsError", "ENOMEM", 12]);
    // Processes. The table, sorted; pid 0 (the kernel task) exists, a zombie too, a pid not in the table not.
    assert.deepEqual(got.pids, [0, 1, 4242, 4243, 4300]);
    assert.deepEqual(got.pidExists, [true, true, true, true, false]);
    // A user's process: kinfo_proc identity, PROC_PIDTASKINFO in Mach units times 125/3 ns, KERN_PROCARGS2 split.
    assert.deepEqual(got.python, {
      name: "python3.11",
      exe: "/usr/local/bin/python3.11",
      cmdline: ["python3", "-m", "http.server"],
      environ: { PATH: "/usr/bin:/bin", HOME: "/Users/me", LANG: "en_US.UTF-8" },
      ppid: 1,
      parent: 1,
      status: "running",
      createTime: 1700001000.25,
      cwd: "/Users/me/project",
      uids: { real: 501, effective: 501, saved: 501 },
      gids: { real: 20, effective: 20, saved: 20 },
      username: "me",
      nice: 5,
      cpuTimes: { user: 3e9 * 125 / 3 / 1e9, system: 3e8 * 125 / 3 / 1e9, childrenUser: 0, childrenSystem: 0 },
      memoryInfo: { rss: 12345678, vms: 420906795008, pfaults: 1000, pageins: 20 },
      numThreads: 3,
      numCtxSwitches: { voluntary: 777, involuntary: 0 },
      children: [4243],
    });
    // p_comm holds 16 characters: the name is completed from the command line, as psutil does.
    assert.deepEqual(got.longName, {
      name: "a-very-long-process-name",
      uids: { real: 501, effective: 0, saved: 501 },
      gids: { real: 20, effective: 80, saved: 20 },
    });
    // Another user's process: what kinfo_proc says is readable, the rest AccessDenied.
    const launchd = got.launchd as Record<string, unknown>;
    assert.equal(launchd.name, "launchd");
    assert.equal(launchd.username, "root");
    for (const k of ["cmdline", "cpuTimes", "cwd", "kill"]) assert.equal(err(launchd[k])[0], "AccessDenied", k);
    // A zombie: its status, and ZombieProcess for what it no longer has.
    const zombie = got.zombie as Record<string, unknown>;
    assert.equal(zombie.status, "zombie");
    assert.equal(err(zombie.cmdline)[0], "ZombieProcess");
    assert.equal(err(zombie.memoryInfo)[0], "ZombieProcess");
    assert.equal(err(zombie.exe)[0], "ZombieProcess");
    assert.equal(err(zombie.openFiles)[0], "ZombieProcess");
    assert.equal(err(got.gone)[0], "NoSuchProcess");
    assert.deepEqual(got.iter, [
      [0, { pid: 0, name: "kernel_task", username: "root", status: "running" }],
      [1, { pid: 1, name: "launchd", username: "root", status: "running" }],
      [4242, { pid: 4242, name: "python3.11", username: "me", status: "running" }],
      [4243, { pid: 4243, name: "defunct-child", username: "me", status: "zombie" }],
      [4300, { pid: 4300, name: "a-very-long-process-name", username: "me", status: "sleeping" }],
    ]);
    // terminate() is SIGTERM (15) to that pid; a higher nice value is taken, a lower one refused (EACCES).
    assert.deepEqual(got.signal, [4242, 15]);
    assert.equal((got.setNice as unknown[])[0], 10);
    assert.equal(err((got.setNice as unknown[])[1])[0], "AccessDenied");
    // A child's exit code through waitid, read from a siginfo_t laid out by the SDK.
    assert.equal(got.waitChild, 3);
    // Descriptors: PROC_PIDLISTFDS, then each one's proc_pidfdinfo; fd 9 was closed after the listing (EBADF).
    assert.equal(got.numFds, 10);
    assert.deepEqual(got.openFiles, [
      { path: "/dev/ttys000", fd: 0 },
      { path: "/dev/ttys000", fd: 1 },
      { path: "/Users/me/project/data.db", fd: 3 },
    ]);
    assert.deepEqual(got.connections, [
      { fd: 4, family: 2, type: 1, laddr: { ip: "0.0.0.0", port: 8000 }, raddr: null, status: "LISTEN" },
      {
        fd: 5,
        family: 2,
        type: 1,
        laddr: { ip: "192.168.1.20", port: 8000 },
        raddr: { ip: "10.0.0.7", port: 51234 },
        status: "ESTABLISHED",
      },
      { fd: 6, family: 30, type: 2, laddr: { ip: "::", port: 5353 }, raddr: null, status: "NONE" },
      { fd: 7, family: 1, type: 1, laddr: "/tmp/app.sock", raddr: "", status: "NONE" },
      {
        fd: 10,
        family: 30,
        type: 1,
        laddr: { ip: "::1", port: 8080 },
        raddr: { ip: "::1", port: 60000 },
        status: "CLOSE_WAIT",
      },
    ]);
    assert.deepEqual(got.connectionsTcp4, [4, 5]);
    assert.deepEqual(got.connectionsUnix, [7]);
    // netConnections reads every process's descriptors: as a user, another user's process refuses (psutil's rule
    // on macOS); as root, every socket with its pid, the zombie skipped.
    assert.equal(err(got.netConnectionsUser)[0], "AccessDenied");
    assert.deepEqual(got.netConnectionsRoot, [
      [4242, 4, "LISTEN"],
      [4242, 5, "ESTABLISHED"],
      [4242, 6, "NONE"],
      [4242, 10, "CLOSE_WAIT"],
    ]);
    assert.deepEqual(got.openFilesRoot, [{ path: "/dev/null", fd: 0 }]);
    // Monitor (macOS has no monitor mode: processIter underneath): what another user's process or a zombie refuses is
    // null, as in processIter.
    assert.deepEqual(got.monitor, [
      [0, "kernel_task", null],
      [1, "launchd", null],
      [4242, "python3.11", 12345678],
      [4243, "defunct-child", null],
      [4300, "a-very-long-process-name", 4096000],
    ]);
    // rlimit: this process's own limits through getrlimit/setrlimit (RLIM_INFINITY is macOS's 2^63-1); a soft limit
    // above the hard one is a RangeError, raising the hard limit AccessDenied; another process's NotImplementedError.
    const rl = got.rlimit as Record<string, unknown>;
    assert.deepEqual(rl.before, [256, "infinity"]);
    assert.deepEqual(rl.old, [256, "infinity"]);
    assert.deepEqual(rl.after, [1024, "infinity"]);
    assert.deepEqual(rl.stack, [8388608, 67104768]);
    assert.equal(err(rl.softAboveHard)[0], "RangeError");
    assert.equal(err(rl.raiseHard)[0], "AccessDenied");
    assert.equal(err(got.rlimitOther)[0], "NotImplementedError");
    // Threads: PROC_PIDLISTTHREADS, then each one's times (ns); the third ended in between. Ids are places, as psutil.
    assert.deepEqual(got.threads, [
      { id: 1, userTime: 100, systemTime: 10 },
      { id: 2, userTime: 20, systemTime: 2.5 },
      { id: 4, userTime: 5, systemTime: 0 },
    ]);
    // uss is the physical footprint of proc_pid_rusage.
    assert.deepEqual(got.memoryFullInfo, {
      rss: 12345678,
      vms: 420906795008,
      pfaults: 1000,
      pageins: 20,
      uss: 9876543,
    });
    // devname of e_tdev; no terminal (NODEV) and an unknown number are null.
    assert.deepEqual(got.terminals, ["/dev/ttys000", null, null]);
    // wait on a process that is not a child: a kqueue EVFILT_PROC watch; a timeout first, then the exit.
    assert.equal(got.waitTimeout, "TimeoutExpired");
    assert.equal(got.waitExited, null);
    assert.equal(got.goneAfterExit, false);
    assert.ok((got.keventWatches as number) >= 2, `kqueue watches: ${got.keventWatches}`);
    // 200 rounds of per-CPU times, memory and addresses, and the failures above: every port, array and list given back.
    assert.equal(got.outstanding, 0);
    // Every CF object made or copied was released, and every IOKit object (iterators, entries, parents).
    assert.equal(got.cfOutstanding, 0);
    // Apple silicon: no hw.cpufrequency; pmgr's voltage-state tables give the bounds, the highest as current. The
    // file systems come from getfsstat under its plain name there.
    assert.deepEqual(lastJson(run("aarch64")), {
      cpuFreq: { current: 3228, min: 600, max: 3228 },
      diskPartitions: ["/", "/System/Volumes/Data"],
      cfOutstanding: 0,
    });
  },
);
