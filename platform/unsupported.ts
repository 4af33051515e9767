/**
 * The backend of an OS this library does not cover yet: every member throws
 * {@link NotImplementedError} naming the call and the OS. The member lists
 * below are typed against the contract, so a member added to
 * `platform/backend.ts` and not listed here is a compile error.
 *
 * @module
 */
import { NotImplementedError } from "../errors.ts";
import type { Backend, ProcessBackend } from "./backend.ts";

/**
 * Every function member of the contract: `true` where the stand-in answers
 * it with `NotImplementedError`, `false` for an optional member it leaves
 * out (the facade then says `NotImplementedError` itself, or does without).
 */
const BACKEND_MEMBERS: Record<Exclude<keyof Backend, "os" | "monitorAttrs">, boolean> = {
  cpuCountLogical: true,
  cpuCountPhysical: true,
  cpuTimes: true,
  perCpuTimes: true,
  cpuStats: true,
  cpuFreq: true,
  bootTime: true,
  virtualMemory: true,
  swapMemory: true,
  getloadavg: true,
  diskPartitions: true,
  diskUsage: true,
  diskUsageAsync: false,
  diskIoCounters: true,
  netIoCounters: true,
  netConnections: true,
  netIfAddrs: true,
  netIfStats: true,
  sensorsTemperatures: true,
  sensorsFans: true,
  sensorsBattery: true,
  users: true,
  selfPid: false,
  pids: true,
  pidExists: true,
  ppidMap: true,
  checkNice: true,
  checkIonice: true,
  winServiceIter: false,
  winServiceGet: false,
  openMonitor: false,
  process: false, // below: a stand-in process
  beginProcessBatch: false,
};

/** The same for one process. */
const PROCESS_MEMBERS: Record<
  Exclude<keyof ProcessBackend, "pid" | "knownName" | "oneshotEnter" | "oneshotExit">,
  boolean
> = {
  prefetch: false,
  name: true,
  exe: true,
  cmdline: true,
  environ: true,
  ppid: true,
  status: true,
  createTime: true,
  cwd: true,
  uids: true,
  gids: true,
  username: true,
  terminal: true,
  nice: true,
  setNice: true,
  ionice: true,
  setIonice: true,
  rlimit: true,
  ioCounters: true,
  cgroup: true,
  numCtxSwitches: true,
  numFds: true,
  numThreads: true,
  threads: true,
  memoryInfo: true,
  memoryFullInfo: true,
  memoryMaps: true,
  cpuTimes: true,
  cpuAffinity: true,
  setCpuAffinity: true,
  cpuNum: true,
  openFiles: true,
  connections: true,
  guard: true,
  sendSignal: true,
  childExitCode: true,
  watchExit: true,
  numHandles: true,
};

/** An object whose listed members each throw `NotImplementedError(member, os)`. */
function throwing(os: string, members: Record<string, boolean>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, present] of Object.entries(members)) {
    if (!present) continue;
    out[name] = () => {
      throw new NotImplementedError(name, os);
    };
  }
  return out;
}

/** A backend for `os` whose every member throws `NotImplementedError`. */
export function unsupportedBackend(os: string): Backend {
  return {
    ...throwing(os, BACKEND_MEMBERS),
    os,
    monitorAttrs: [],
    process: (pid: number): ProcessBackend =>
      ({
        ...throwing(os, PROCESS_MEMBERS),
        pid,
        knownName: null,
        oneshotEnter() {},
        oneshotExit() {},
      }) as unknown as ProcessBackend,
  } as unknown as Backend;
}
