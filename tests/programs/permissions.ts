/**
 * A program a user might write, run by the permission tests with fewer Deno
 * flags than it needs. `memory` prints virtualMemory's total; `sweep` calls
 * every system function and reads every attribute of this process, and
 * prints the names of those that threw; `popen` starts `true`. An error
 * of `memory` or `popen` goes uncaught, as in a user's program.
 *
 * @module
 */
import * as psutil from "../../mod.ts";

const mode = Deno.args[0] ?? "memory";
if (mode === "popen") {
  const p = new psutil.Popen(["true"]);
  console.log(JSON.stringify({ exit: await p.wait() }));
} else if (mode === "sweep") {
  const failed: string[] = [];
  const calls: Record<string, () => unknown> = {
    cpuTimes: () => psutil.cpuTimes({ percpu: true }),
    cpuCount: () => psutil.cpuCount({ logical: false }),
    cpuStats: () => psutil.cpuStats(),
    cpuFreq: () => psutil.cpuFreq({ percpu: true }),
    getloadavg: () => psutil.getloadavg(),
    virtualMemory: () => psutil.virtualMemory(),
    swapMemory: () => psutil.swapMemory(),
    bootTime: () => psutil.bootTime(),
    users: () => psutil.users(),
    diskPartitions: () => psutil.diskPartitions({ all: true }),
    diskUsage: () => psutil.diskUsage("/"),
    diskIoCounters: () => psutil.diskIoCounters({ perdisk: true }),
    netIoCounters: () => psutil.netIoCounters({ pernic: true }),
    netIfAddrs: () => psutil.netIfAddrs(),
    netIfStats: () => psutil.netIfStats(),
    netConnections: () => psutil.netConnections({ kind: "all" }).map((c) => [c.pid, c.fd]),
    sensorsTemperatures: () => psutil.sensorsTemperatures(),
    sensorsFans: () => psutil.sensorsFans(),
    sensorsBattery: () => psutil.sensorsBattery(),
  };
  for (const [name, call] of Object.entries(calls)) {
    try {
      call();
    } catch (e) {
      failed.push(`${name}: ${e}`);
    }
  }
  const self = new psutil.Process();
  for (const attr of psutil.PROCESS_ATTRS) {
    try {
      self.asDict({ attrs: [attr] });
    } catch (e) {
      if (!(e instanceof psutil.NotImplementedError)) failed.push(`${attr}: ${e}`);
    }
  }
  const names = [...psutil.processIter({ attrs: ["name", "numFds", "terminal"] })].length;
  console.log(JSON.stringify({ failed, processes: names }));
} else {
  console.log(JSON.stringify({ total: psutil.virtualMemory().total }));
}
