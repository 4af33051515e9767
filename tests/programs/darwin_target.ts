// The macOS backend run here, on the stand-in libSystem (tests/darwin/standin): the OS and the library's file are
// chosen before the library's first import, then the public API is called as a macOS user calls it. Prints one
// JSON object of answers (errors as their class, code and message). Run by tests/darwin/standin_test.ts:
//   <runtime> tests/programs/darwin_target.ts <stand-in libSystem.so> <stand-in Frameworks.so> [x86_64|aarch64]
// With aarch64, only what differs by architecture is asked (the stand-in's records are laid out alike on both).
import process from "node:process";
import { answer } from "./answer.ts";

const at = process.argv.findIndex((a) => a.endsWith("libSystem.so"));
const [lib, frameworks, arch = "x86_64"] = process.argv.slice(at);
(globalThis as { __psutilTarget?: unknown }).__psutilTarget = {
  os: "darwin",
  arch,
  libraries: {
    "/usr/lib/libSystem.B.dylib": lib,
    "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation": frameworks,
    "/System/Library/Frameworks/IOKit.framework/IOKit": frameworks,
  },
};
const psutil = await import("../../mod.ts");
const { cString, ffi } = await import("../../ffi/mod.ts");

const cfControl = ffi().open(frameworks, {
  standin_cf_outstanding: { parameters: [], result: "i32" },
  standin_power: { parameters: ["i32", "i32", "i32"], result: "void" },
});
if (arch === "aarch64") {
  const r: Record<string, unknown> = {};
  for (
    const [k, f] of Object.entries({
      cpuFreq: () => psutil.cpuFreq(),
      diskPartitions: () => psutil.diskPartitions().map((p) => p.mountpoint),
    })
  ) {
    try {
      r[k] = f();
    } catch (e) {
      r[k] = { error: (e as Error).constructor.name, message: (e as Error).message };
    }
  }
  r.cfOutstanding = cfControl.standin_cf_outstanding();
  console.log(JSON.stringify(r));
  process.exit(0);
}

const control = ffi().open(lib, {
  standin_fail: { parameters: ["buffer", "i32", "i32"], result: "void" },
  standin_add_ticks: { parameters: ["i32", "i32", "u32"], result: "void" },
  standin_outstanding: { parameters: [], result: "i32" },
  standin_last_signal: { parameters: ["buffer"], result: "void" },
  standin_set_uid: { parameters: ["u32"], result: "void" },
  standin_exit: { parameters: ["i32"], result: "void" },
  standin_kevent_adds: { parameters: [], result: "i32" },
});

const out: Record<string, unknown> = {
  cpuCount: answer(() => psutil.cpuCount()),
  cpuCountPhysical: answer(() => psutil.cpuCount({ logical: false })),
  cpuTimes: answer(() => psutil.cpuTimes()),
  perCpuTimes: answer(() => psutil.cpuTimes({ percpu: true })),
  bootTime: answer(() => psutil.bootTime()),
  getloadavg: answer(() => psutil.getloadavg()),
  virtualMemory: answer(() => psutil.virtualMemory()),
  swapMemory: answer(() => psutil.swapMemory()),
  diskPartitions: answer(() => psutil.diskPartitions()),
  diskPartitionsAll: answer(() => psutil.diskPartitions({ all: true }).map((p) => [p.device, p.mountpoint, p.opts])),
  diskUsage: answer(() => psutil.diskUsage("/System/Volumes/Data")),
  diskUsageGone: answer(() => psutil.diskUsage("/nope")),
  users: answer(() => psutil.users()),
  netIoCounters: answer(() => psutil.netIoCounters({ pernic: true })),
  netIoTotal: answer(() => psutil.netIoCounters()),
  netIfStats: answer(() => psutil.netIfStats()),
  netIfAddrs: answer(() => psutil.netIfAddrs()),
  cpuFreq: answer(() => psutil.cpuFreq()),
  diskIoCounters: answer(() => psutil.diskIoCounters({ perdisk: true })),
  battery: answer(() => psutil.sensorsBattery()),
  notYet: answer(() => psutil.cpuStats()),
  noTemperatures: answer(() => psutil.sensorsTemperatures()),
};

// CPU percentages: a first call, then ticks (user 30, system 10, idle 60 on CPU 0; idle 100 on CPU 1), then again.
psutil.cpuPercent();
psutil.cpuPercent({ percpu: true });
psutil.cpuTimesPercent();
control.standin_add_ticks(0, 0, 30);
control.standin_add_ticks(0, 1, 10);
control.standin_add_ticks(0, 2, 60);
control.standin_add_ticks(1, 2, 100);
out.cpuPercent = psutil.cpuPercent();
out.cpuPercentPercpu = psutil.cpuPercent({ percpu: true });
out.cpuTimesPercent = psutil.cpuTimesPercent();

// Failures: a sysctl the kernel refuses, a Mach call that fails, the count sysctls missing.
control.standin_fail(cString("hw.logicalcpu"), 2, 1);
out.cpuCountMissing = answer(() => psutil.cpuCount());
control.standin_fail(cString("host_statistics"), 5, 1);
out.hostStatisticsFails = answer(() => psutil.virtualMemory());
control.standin_fail(cString("host_processor_info"), 4, 1);
out.hostProcessorInfoFails = answer(() => psutil.cpuTimes({ percpu: true }));
control.standin_fail(cString("vm.swapusage"), 1, 1);
out.swapRefused = answer(() => psutil.swapMemory());
control.standin_fail(cString("kern.boottime"), 12, 100);
out.bootTimeAlwaysShort = answer(() => psutil.bootTime());
control.standin_fail(cString("kern.boottime"), 0, 0);

// Processes: the table, one process as a user reads it, refusals, a zombie, a gone pid, signals and priorities.
const proc = (pid: number) => new psutil.Process(pid);
out.pids = answer(() => psutil.pids());
out.pidExists = answer(() => [0, 1, 4242, 4243, 999].map((p) => psutil.pidExists(p)));
out.python = answer(() => {
  const p = proc(4242);
  return {
    name: p.name(),
    exe: p.exe(),
    cmdline: p.cmdline(),
    environ: p.environ(),
    ppid: p.ppid(),
    parent: p.parent()?.pid ?? null,
    status: p.status(),
    createTime: p.createTime(),
    cwd: p.cwd(),
    uids: p.uids(),
    gids: p.gids(),
    username: p.username(),
    nice: p.nice(),
    cpuTimes: p.cpuTimes(),
    memoryInfo: p.memoryInfo(),
    numThreads: p.numThreads(),
    numCtxSwitches: p.numCtxSwitches(),
    children: p.children().map((c) => c.pid),
  };
});
out.longName = answer(() => ({ name: proc(4300).name(), uids: proc(4300).uids(), gids: proc(4300).gids() }));
out.launchd = answer(() => ({
  name: proc(1).name(),
  username: proc(1).username(),
  cmdline: answer(() => proc(1).cmdline()),
  cpuTimes: answer(() => proc(1).cpuTimes()),
  cwd: answer(() => proc(1).cwd()),
  kill: answer(() => proc(1).kill()),
}));
out.zombie = answer(() => ({
  status: proc(4243).status(),
  cmdline: answer(() => proc(4243).cmdline()),
  memoryInfo: answer(() => proc(4243).memoryInfo()),
  exe: answer(() => proc(4243).exe()),
  openFiles: answer(() => proc(4243).openFiles()),
}));
out.gone = answer(() => proc(999));
out.iter = answer(() =>
  [...psutil.processIter({ attrs: ["pid", "name", "username", "status"] })].map((p) => [p.pid, p.info])
);
out.signal = answer(() => {
  proc(4242).terminate();
  const sent = new Int32Array(2);
  control.standin_last_signal(new Uint8Array(sent.buffer));
  return [...sent];
});
out.setNice = answer(() => {
  const p = proc(4242);
  p.nice(10);
  return [p.nice(), answer(() => p.nice(0))];
});
out.waitChild = await proc(4300).wait({ timeout: 5 }).catch((e: Error) => ({ error: e.constructor.name }));
out.numFds = answer(() => proc(4242).numFds());
out.openFiles = answer(() => proc(4242).openFiles());
out.connections = answer(() => proc(4242).connections({ kind: "all" }));
out.connectionsTcp4 = answer(() => proc(4242).connections({ kind: "tcp4" }).map((c) => c.fd));
out.connectionsUnix = answer(() => proc(4242).connections({ kind: "unix" }).map((c) => c.fd));
out.netConnectionsUser = answer(() => psutil.netConnections());
control.standin_set_uid(0);
out.netConnectionsRoot = answer(() => psutil.netConnections({ kind: "inet" }).map((c) => [c.pid, c.fd, c.status]));
out.openFilesRoot = answer(() => proc(1).openFiles());
control.standin_set_uid(501);
out.monitor = answer(() => {
  using m = new psutil.Monitor({ attrs: ["pid", "name", "memoryInfo"] });
  return m.sample().map((r) => [r.pid, r.name, (r.memoryInfo as { rss: number } | null)?.rss ?? null]);
});
// Resource limits: this process's own (macOS has no prlimit); another's is NotImplementedError.
{
  const { DarwinProcess } = await import("../../platform/darwin/process.ts");
  const { selfPid } = await import("../../ffi/runtime.ts");
  const me = new DarwinProcess(selfPid());
  out.rlimit = answer(() => {
    const before = me.rlimit(psutil.RLIMIT_NOFILE);
    const old = me.rlimit(psutil.RLIMIT_NOFILE, [1024, psutil.RLIM_INFINITY]);
    return {
      before: before.map((v) => v === psutil.RLIM_INFINITY ? "infinity" : v),
      old: old.map((v) => v === psutil.RLIM_INFINITY ? "infinity" : v),
      after: me.rlimit(psutil.RLIMIT_NOFILE).map((v) => v === psutil.RLIM_INFINITY ? "infinity" : v),
      stack: me.rlimit(psutil.RLIMIT_STACK),
      softAboveHard: answer(() => me.rlimit(psutil.RLIMIT_STACK, [1 << 30, 1 << 20])),
      raiseHard: answer(() => me.rlimit(psutil.RLIMIT_NPROC, [100, 1 << 20])),
    };
  });
  out.rlimitOther = answer(() => proc(4242).rlimit(psutil.RLIMIT_NOFILE));
}
out.threads = answer(() => proc(4242).threads());
out.memoryFullInfo = answer(() => proc(4242).memoryFullInfo());
out.terminals = answer(() => [proc(4242).terminal(), proc(4300).terminal(), proc(1).terminal()]);
// wait on a process that is not a child: a kqueue watch, then its exit.
{
  const p = proc(4242);
  out.waitTimeout = await p.wait({ timeout: 0.2 }).then(() => "returned", (e: Error) => e.constructor.name);
  const waiting = p.wait({ timeout: 10 });
  await new Promise((r) => setTimeout(r, 50));
  control.standin_exit(4242);
  out.waitExited = await waiting.catch((e: Error) => e.constructor.name);
  out.goneAfterExit = psutil.pidExists(4242);
  out.keventWatches = control.standin_kevent_adds();
}

// Many calls: no host port and no out-of-line array kept.
for (let i = 0; i < 200; i++) {
  psutil.cpuTimes({ percpu: true });
  psutil.virtualMemory();
  psutil.netIfAddrs();
}
cfControl.standin_power(1, 1, 95);
out.batteryPlugged = answer(() => psutil.sensorsBattery());
cfControl.standin_power(1, 0, -1);
out.batteryEstimating = answer(() => psutil.sensorsBattery());
cfControl.standin_power(0, 0, 0);
out.noBattery = answer(() => psutil.sensorsBattery());
for (let i = 0; i < 50; i++) psutil.diskIoCounters();
out.outstanding = control.standin_outstanding();
out.cfOutstanding = cfControl.standin_cf_outstanding();
console.log(JSON.stringify(out));
