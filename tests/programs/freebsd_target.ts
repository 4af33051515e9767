// The FreeBSD backend run here, on the stand-in libc and libkvm (tests/freebsd/standin): the OS and the libraries'
// files are chosen before the library's first import, then the public API is called as a FreeBSD user calls it.
// Prints one JSON object of answers (errors as their class, code and message). Run by tests/freebsd/standin_test.ts:
//   <runtime> tests/programs/freebsd_target.ts <stand-in libc.so.7.so>
import process from "node:process";
import { answer } from "./answer.ts";

const lib = process.argv.find((a) => a.endsWith("libc.so.7.so"))!;
(globalThis as { __psutilTarget?: unknown }).__psutilTarget = {
  os: "freebsd",
  arch: "x86_64",
  libraries: { "libc.so.7": lib, "libkvm.so.7": lib, "libutil.so.9": lib },
};
const psutil = await import("../../mod.ts");
const { ffi } = await import("../../ffi/mod.ts");
const control = ffi().open(lib, {
  standin_kinfo_size: { parameters: ["i32"], result: "void" },
  standin_kvm_open: { parameters: [], result: "i32" },
  standin_last_signal: { parameters: ["buffer"], result: "void" },
  standin_ifaddrs_out: { parameters: [], result: "i32" },
  standin_acline: { parameters: ["i32"], result: "void" },
  standin_exit: { parameters: ["i32"], result: "void" },
  standin_kevent_adds: { parameters: [], result: "i32" },
});

const proc = (pid: number) => new psutil.Process(pid);
const out: Record<string, unknown> = {
  cpuCount: answer(() => psutil.cpuCount()),
  cpuCountPhysical: answer(() => psutil.cpuCount({ logical: false })),
  cpuTimes: answer(() => psutil.cpuTimes()),
  perCpuTimes: answer(() => psutil.cpuTimes({ percpu: true })),
  cpuStats: answer(() => psutil.cpuStats()),
  cpuFreq: answer(() => psutil.cpuFreq({ percpu: true })),
  getloadavg: answer(() => psutil.getloadavg()),
  bootTime: answer(() => psutil.bootTime()),
  virtualMemory: answer(() => psutil.virtualMemory()),
  swapMemory: answer(() => psutil.swapMemory()),
  pids: answer(() => psutil.pids()),
  pidExists: answer(() => [0, 1, 700, 701, 999].map((p) => psutil.pidExists(p))),
  sh: answer(() => {
    const p = proc(700);
    return {
      name: p.name(),
      exe: p.exe(),
      cmdline: p.cmdline(),
      ppid: p.ppid(),
      status: p.status(),
      createTime: p.createTime(),
      uids: p.uids(),
      gids: p.gids(),
      username: p.username(),
      nice: p.nice(),
      cpuTimes: p.cpuTimes(),
      memoryInfo: p.memoryInfo(),
      ioCounters: p.ioCounters(),
      numCtxSwitches: p.numCtxSwitches(),
      numThreads: p.numThreads(),
      cpuNum: p.cpuNum(),
      children: p.children().map((c) => c.pid),
    };
  }),
  python: answer(() => ({
    cmdline: proc(800).cmdline(),
    exe: proc(800).exe(),
    uids: proc(800).uids(),
    gids: proc(800).gids(),
    status: proc(800).status(),
    nice: proc(800).nice(),
  })),
  init: answer(() => ({ name: proc(1).name(), username: proc(1).username(), exe: answer(() => proc(1).exe()) })),
  kernel: answer(() => ({ name: proc(0).name(), status: proc(0).status() })),
  zombie: answer(() => ({ status: proc(701).status(), exe: proc(701).exe(), cmdline: proc(701).cmdline() })),
  gone: answer(() => proc(999)),
  iter: answer(() => [...psutil.processIter({ attrs: ["pid", "name", "username"] })].map((p) => p.info)),
  files: answer(() => ({
    cwd: proc(700).cwd(),
    numFds: proc(700).numFds(),
    openFiles: proc(700).openFiles(),
    environ: proc(700).environ(),
  })),
  initCwd: answer(() => proc(1).cwd()),
  diskPartitions: answer(() => psutil.diskPartitions().map((p) => [p.device, p.mountpoint, p.fstype, p.opts])),
  diskUsage: answer(() => psutil.diskUsage("/home/me")),
  diskUsageCd: answer(() => psutil.diskUsage("/cdrom")),
  diskUsageGone: answer(() => psutil.diskUsage("/nope")),
  netIoCounters: answer(() => psutil.netIoCounters({ pernic: true })),
  netIfStats: answer(() => psutil.netIfStats()),
  netIfAddrs: answer(() => psutil.netIfAddrs()),
  temperatures: answer(() => psutil.sensorsTemperatures()),
  battery: answer(() => psutil.sensorsBattery()),
  noFans: answer(() => psutil.sensorsFans()),
  threads: answer(() => proc(800).threads()),
  memoryFullInfo: answer(() => proc(700).memoryFullInfo()),
  memoryMaps: answer(() => proc(700).memoryMaps({ grouped: false })),
  memoryMapsGrouped: answer(() => proc(700).memoryMaps()),
  terminals: answer(() => [proc(700).terminal(), proc(800).terminal()]),
  affinity: answer(() => {
    const p = proc(700);
    const before = p.cpuAffinity();
    p.cpuAffinity([1, 3]);
    return {
      before,
      after: p.cpuAffinity(),
      invalid: answer(() => p.cpuAffinity([9])),
      init: answer(() => proc(1).cpuAffinity([0])),
    };
  }),
  rlimit: answer(() => {
    const p = proc(700);
    const before = p.rlimit(psutil.RLIMIT_NOFILE);
    p.rlimit(psutil.RLIMIT_NOFILE, [2048, 4096]);
    return {
      before,
      after: p.rlimit(psutil.RLIMIT_NOFILE),
      stack: p.rlimit(psutil.RLIMIT_STACK).map((v) => v === psutil.RLIM_INFINITY ? "infinity" : v),
      raiseHard: answer(() => p.rlimit(psutil.RLIMIT_NOFILE, [10, 1 << 20])),
      softAboveHard: answer(() => p.rlimit(psutil.RLIMIT_NOFILE, [9000, 100])),
    };
  }),
  connections: answer(() => proc(700).connections({ kind: "all" })),
  connectionsTcp: answer(() => proc(700).connections({ kind: "tcp4" }).map((c) => c.fd)),
  users: answer(() => psutil.users()),
  notYet: answer(() => psutil.netConnections()),
};
out.kill = answer(() => {
  proc(800).kill();
  const sent = new Int32Array(2);
  control.standin_last_signal(new Uint8Array(sent.buffer));
  return [...sent];
});
out.killInit = answer(() => proc(1).terminate());
out.setNice = answer(() => {
  proc(700).nice(10);
  return [proc(700).nice(), answer(() => proc(700).nice(0))];
});
out.waitChild = await proc(701).wait({ timeout: 5 }).catch((e: Error) => e.constructor.name);
// wait on a process that is not a child: a kqueue watch, a timeout, then its exit.
{
  const p = proc(800);
  out.waitTimeout = await p.wait({ timeout: 0.2 }).then(() => "returned", (e: Error) => e.constructor.name);
  const waiting = p.wait({ timeout: 10 });
  await new Promise((r) => setTimeout(r, 50));
  control.standin_exit(800);
  out.waitExited = await waiting.catch((e: Error) => e.constructor.name);
  out.keventWatches = control.standin_kevent_adds();
}
for (let i = 0; i < 20; i++) psutil.swapMemory();
control.standin_acline(1);
out.batteryPlugged = answer(() => psutil.sensorsBattery());
out.kvmOpen = control.standin_kvm_open();
out.ifaddrsOut = control.standin_ifaddrs_out();
control.standin_kinfo_size(1096);
out.wrongSize = answer(() => psutil.pids());
out.wrongSizeProcess = answer(() => new psutil.Process(700));
console.log(JSON.stringify(out));
