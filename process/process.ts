/**
 * `Process`, `pids`, `pidExists`: psutil's process API over the backend,
 * with argument checks, identity (pid + creation time) and psutil's error
 * rules.
 *
 * @module
 */
import {
  AccessDenied,
  NoSuchProcess,
  NotImplementedError,
  PsutilError,
  TimeoutExpired,
  ZombieProcess,
} from "../errors.ts";
import { selfPid } from "../ffi/runtime.ts";
import { backend, type ExitWatch, type ProcessBackend } from "../platform/mod.ts";
import { consoleForm, isHidden, outOfDescriptors, PID_REUSED } from "../platform/common.ts";
import type {
  AsDictResult,
  CgroupInfo,
  ConnectionKind,
  ConnectionOf,
  FullProcessInfo,
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
  ProcessIoCounters,
  ProcessIonice,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessThread,
  Rlimit,
} from "../types.ts";
import { SIGCONT, SIGKILL, SIGSTOP, SIGTERM } from "../constants.ts";
import { connectionKind } from "../system/net.ts";
import { PROCESS_ATTRS, type ProcessAttr } from "../attrs.ts";
import { checkAttrs, checkInt, checkPid, PID_MAX } from "./args.ts";
import { spawned, withTimeout } from "./spawned.ts";
import { boolOption, optionsObject, secondsOption, sleep } from "../system/options.ts";

/**
 * Every running pid, sorted.
 *
 * @example
 * ```ts
 * import { pids } from "@x/psutil";
 * console.log(pids().length, "processes");
 * ```
 */
export function pids(): number[] {
  return backend.pids();
}

/**
 * Whether a process with this pid exists. Thread ids answer `false` (as psutil on Linux),
 * and so do negative pids and pids larger than any OS hands out. A non-integer is a `TypeError`.
 *
 * @example
 * ```ts
 * import { pidExists } from "@x/psutil";
 * console.log(pidExists(1)); // true
 * ```
 */
export function pidExists(pid: number): boolean {
  if (typeof pid !== "number" || !Number.isInteger(pid)) checkPid(pid);
  // As psutil: a negative pid exists nowhere, nor one no pid_t can hold.
  if (pid < 0 || pid > PID_MAX) return false;
  return backend.pidExists(pid);
}

/**
 * Options of {@link Process.asDict}: `A` is the list of attribute names,
 * `V` the type of `adValue`.
 */
export interface AsDictOptions<A extends readonly ProcessAttr[] = readonly ProcessAttr[], V = unknown> {
  /** The attributes to read; all of them when omitted or empty. */
  attrs?: A;
  /** What to put where a read raises `AccessDenied` or `ZombieProcess` (default `null`). */
  adValue?: V;
}

function formatStarted(createTime: number): string {
  const d = new Date(createTime * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/** Options of {@link Process.cpuPercent} without an interval. */
export interface ProcessCpuPercentOptions {
  /** Seconds to wait between two readings; without it, compares with the previous call. */
  interval?: number;
}

/** Options of {@link Process.memoryPercent}. */
export interface MemoryPercentOptions {
  /** Which `memoryInfo` / `memoryFullInfo` field to compare with total memory (default `"rss"`). */
  memtype?: string;
}

/** Options of {@link Process.memoryMaps}. */
export interface MemoryMapsOptions {
  /** `true` (default): one entry per path, summed; `false`: one per mapping, with address and permissions. */
  grouped?: boolean;
}

/** Options of {@link Process.children}. */
export interface ChildrenOptions {
  /** `true`: all descendants, not only direct children. */
  recursive?: boolean;
}

/** Options of {@link Process.connections}. */
export interface ProcessConnectionsOptions<K extends ConnectionKind = ConnectionKind> {
  /** Which sockets (default `"inet"`). */
  kind?: K;
}

/** Options of {@link Process.wait}. */
export interface WaitOptions {
  /** Seconds to wait at most; rejects with `TimeoutExpired` after. Waits forever when absent. */
  timeout?: number;
}

const now = () => performance.now() / 1000;

let totalMemory: number | undefined;

/** The attributes read through an optional backend member of the same name (see `#optional`). */
const OPTIONAL_MEMBERS: ReadonlySet<string> = new Set([
  "cpuAffinity",
  "cpuNum",
  "gids",
  "ioCounters",
  "ionice",
  "memoryMaps",
  "numFds",
  "numHandles",
  "rlimit",
  "terminal",
  "uids",
]);

/**
 * A process, by pid, with every psutil method. The pid and creation time
 * identify it: methods that change or signal the process first check that
 * the pid was not reused by another process since.
 *
 * @example
 * ```ts
 * import { Process } from "@x/psutil";
 * const p = new Process();
 * console.log(p.pid, p.name(), p.status(), p.memoryInfo().rss);
 * console.log(p.parent()?.name(), p.children().length);
 * ```
 */
export class Process {
  #pid: number;
  #impl: ProcessBackend;
  #createTime: number | null = null;
  #name: string | null = null;
  #oneshotDepth = 0;
  #gone = false;
  #lastCpu: { wall: number; proc: ProcessCpuTimes } | null = null;
  /** The exit code, set by {@link waitProcs} on processes that ended (`null` when unknown). */
  returncode?: number | null;
  /**
   * The attributes {@link processIter} read, when it was given `attrs`
   * (`processIter` types it from them: see {@link ProcessWithInfo}).
   */
  info?: unknown;

  /**
   * Opens the process `pid` (default: this process). Throws `NoSuchProcess`
   * when there is none (also for a pid larger than any OS hands out),
   * `TypeError` for a non-integer and `RangeError` for a negative pid.
   */
  constructor(pid?: number) {
    this.#pid = pid === undefined ? backend.selfPid?.() ?? selfPid() : checkPid(pid);
    if (this.#pid > PID_MAX) throw new NoSuchProcess(this.#pid, null, "process PID not found");
    this.#impl = backend.process(this.#pid);
    try {
      this.#createTime = this.#impl.createTime();
    } catch (e) {
      if (isHidden(e)) throw e; // it exists, but the OS hides it from this user
      if (e instanceof AccessDenied || e instanceof ZombieProcess || e instanceof NotImplementedError) {
        // Identity falls back to the pid alone, as in psutil.
      } else if (e instanceof NoSuchProcess) {
        throw new NoSuchProcess(this.#pid, null, `process PID not found`);
      } else throw e;
    }
  }

  /**
   * The process id.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process(1).pid); // 1
   * ```
   */
  get pid(): number {
    return this.#pid;
  }

  /** Calls the backend (whose errors carry the known name), noting when the process is gone. */
  #call<T>(fn: (impl: ProcessBackend) => T): T {
    try {
      return fn(this.#impl);
    } catch (e) {
      if (e instanceof NoSuchProcess && !(e instanceof ZombieProcess)) this.#gone = true;
      throw e;
    }
  }

  /** An optional backend member, or `NotImplementedError` naming the call and the OS when this OS has none. */
  #optional<F>(member: F | undefined, name: string): F {
    if (member === undefined) throw new NotImplementedError(name, backend.os);
    return member;
  }

  /**
   * Runs the setter or signal `act` on the backend only while the pid still
   * belongs to this process (see `ProcessBackend.guard`).
   */
  #guarded(act: (impl: ProcessBackend) => void): void {
    this.#call((i) => i.guard(this.#createTime, () => act(i)));
  }

  /** Throws `NoSuchProcess` unless the pid still belongs to this process. */
  #assertSame(): void {
    if (this.isRunning()) return;
    const reused = backend.pidExists(this.#pid);
    throw new NoSuchProcess(this.#pid, this.#name, reused ? PID_REUSED : "process no longer exists");
  }

  /**
   * Runs `fn` with the per-process cache on: every method that reads the same
   * OS source inside it is served by one read. Returns what `fn` returns (a
   * Promise is awaited before the cache is turned off). Nested calls are no-ops.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const p = new Process();
   * const [name, ppid, rss] = p.oneshot(() => [p.name(), p.ppid(), p.memoryInfo().rss]);
   * console.log(name, ppid, rss);
   * ```
   */
  oneshot<T>(fn: () => T): T {
    if (this.#oneshotDepth > 0) return fn();
    this.#oneshotDepth++;
    this.#impl.oneshotEnter();
    const done = () => {
      this.#oneshotDepth--;
      this.#impl.oneshotExit();
    };
    let result: T;
    try {
      result = fn();
    } catch (e) {
      done();
      throw e;
    }
    if (result instanceof Promise) {
      return result.finally(done) as T;
    }
    done();
    return result;
  }

  /**
   * The process name. On Linux the kernel keeps 15 characters; a longer name
   * is taken from the command line when it starts with those.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().name()); // "deno", "bun"
   * ```
   */
  name(): string {
    const name = this.#call((i) => i.name());
    let full = name;
    if (name.length >= 15) {
      try {
        const argv0 = this.#call((i) => i.cmdline())[0];
        if (argv0) {
          const base = argv0.slice(argv0.lastIndexOf("/") + 1);
          if (base.startsWith(name)) full = base;
        }
      } catch (e) {
        if (!(e instanceof AccessDenied) && !(e instanceof ZombieProcess)) throw e;
      }
    }
    this.#name = full;
    this.#impl.knownName = full;
    return full;
  }

  /**
   * The executable's absolute path, `""` when there is none (kernel threads).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().exe()); // "/usr/bin/deno"
   * ```
   */
  exe(): string {
    return this.#call((i) => i.exe());
  }

  /**
   * The command line as a list of arguments.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().cmdline().join(" "));
   * ```
   */
  cmdline(): string[] {
    return this.#call((i) => i.cmdline());
  }

  /**
   * The environment variables, as the process holds them now.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().environ().PATH);
   * ```
   */
  environ(): Record<string, string> {
    return this.#call((i) => i.environ());
  }

  /**
   * The parent's pid. `NoSuchProcess` when this pid now belongs to another
   * process (the check reads the same snapshot as the answer).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const p = new Process();
   * console.log(p.ppid(), p.parent()?.name());
   * ```
   */
  ppid(): number {
    return this.oneshot(() => {
      const ppid = this.#call((i) => i.ppid());
      if (this.#createTime !== null) {
        let now: number | null = null;
        try {
          now = this.#call((i) => i.createTime());
        } catch (e) {
          if (!(e instanceof AccessDenied)) throw e;
        }
        if (now !== null && now !== this.#createTime) {
          this.#gone = true;
          throw new NoSuchProcess(this.#pid, this.#name, PID_REUSED);
        }
      }
      return ppid;
    });
  }

  /**
   * A `STATUS_*` constant.
   *
   * @example
   * ```ts
   * import { Process, STATUS_RUNNING } from "@x/psutil";
   * console.log(new Process().status() === STATUS_RUNNING); // true
   * ```
   */
  status(): string {
    return this.#call((i) => i.status());
  }

  /**
   * Creation time in seconds since the epoch.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Date(new Process().createTime() * 1000).toISOString());
   * ```
   */
  createTime(): number {
    if (this.#createTime === null) this.#createTime = this.#call((i) => i.createTime());
    return this.#createTime;
  }

  /**
   * The working directory.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().cwd());
   * ```
   */
  cwd(): string {
    return this.#call((i) => i.cwd());
  }

  /**
   * Real, effective and saved user ids.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const { real, effective, saved } = new Process().uids();
   * console.log(real, effective, saved);
   * ```
   */
  uids(): ProcessIds {
    return this.#call((i) => this.#optional(i.uids, "uids").call(i));
  }

  /**
   * Real, effective and saved group ids.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const { real, effective, saved } = new Process().gids();
   * console.log(real, effective, saved);
   * ```
   */
  gids(): ProcessIds {
    return this.#call((i) => this.#optional(i.gids, "gids").call(i));
  }

  /**
   * The owner's name (the uid as text when it has none).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process(1).username()); // "root"
   * ```
   */
  username(): string {
    return this.#call((i) => i.username());
  }

  /**
   * The controlling terminal (`/dev/pts/3`), `null` when there is none.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().terminal() ?? "no terminal");
   * ```
   */
  terminal(): string | null {
    return this.#call((i) => this.#optional(i.terminal, "terminal").call(i));
  }

  /**
   * The nice value.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.nice(10);
   * console.log(p.nice()); // 10
   * p.kill();
   * ```
   */
  nice(): number;
  /** Sets the nice value (-20 to 19; lowering it needs privileges). On Windows, a `*_PRIORITY_CLASS` constant. */
  nice(value: number): void;
  nice(value?: number): number | void {
    if (value === undefined) return this.#call((i) => i.nice());
    const v = backend.checkNice(value);
    this.#guarded((i) => i.setNice(v));
  }

  /**
   * The I/O scheduling class (`IOPRIO_CLASS_*`) and priority. On Windows,
   * `ioclass` is the I/O priority (`IOPRIO_VERYLOW` to `IOPRIO_HIGH`, what
   * psutil returns there) and `value` is 0: Windows has no level within it.
   *
   * @example
   * ```ts
   * import { IOPRIO_CLASS_IDLE, LINUX, Popen } from "@x/psutil";
   * if (LINUX) {
   *   const p = new Popen(["sleep", "5"]);
   *   p.ionice(IOPRIO_CLASS_IDLE);
   *   console.log(p.ionice()); // { ioclass: 3, value: 0 }
   *   p.kill();
   * }
   * ```
   */
  ionice(): ProcessIonice;
  /**
   * Sets the I/O class and, for `IOPRIO_CLASS_RT` and `IOPRIO_CLASS_BE`, the
   * priority 0 (high) to 7. On Windows, sets the I/O priority
   * (`IOPRIO_VERYLOW` to `IOPRIO_HIGH`; `IOPRIO_HIGH` needs privileges) and
   * takes no value.
   */
  ionice(ioclass: number, value?: number): void;
  ionice(ioclass?: number, value?: number): ProcessIonice | void {
    if (ioclass === undefined) {
      if (value !== undefined) throw new TypeError("ionice: the ioclass must be given with a value");
      return this.#call((i) => this.#optional(i.ionice, "ionice").call(i));
    }
    const [c, v] = backend.checkIonice(ioclass, value);
    this.#guarded((i) => this.#optional(i.setIonice, "ionice").call(i, c, v));
  }

  /**
   * A resource limit `[soft, hard]` (`RLIMIT_*`; `RLIM_INFINITY` for none; a
   * `bigint` for a finite limit above 2^53 - 1). What it returns can be
   * passed back unchanged.
   *
   * @example
   * ```ts
   * import { Process, RLIM_INFINITY, RLIMIT_NOFILE } from "@x/psutil";
   * const [soft, hard] = new Process().rlimit(RLIMIT_NOFILE);
   * console.log(soft, hard === RLIM_INFINITY ? "unlimited" : hard);
   * ```
   */
  rlimit(resource: number): Rlimit;
  /** Sets a resource limit: numbers up to 2^53 - 1, `RLIM_INFINITY`, or bigints up to 2^64 - 1. */
  rlimit(resource: number, limits: Rlimit): void;
  rlimit(resource: number, limits?: Rlimit): Rlimit | void {
    checkInt("rlimit", "resource", resource, 0, 63);
    if (limits === undefined) return this.#call((i) => this.#optional(i.rlimit, "rlimit").call(i, resource));
    if (!Array.isArray(limits) || limits.length !== 2) {
      throw new TypeError("rlimit: limits must be a [soft, hard] pair");
    }
    for (const l of limits) {
      if (typeof l === "bigint") {
        if (l < 0n || l >= 1n << 64n) throw new RangeError(`rlimit: a limit must be within 0..2^64-1, got ${l}`);
      } else checkInt("rlimit", "limit", l, -1, Number.MAX_SAFE_INTEGER);
    }
    this.#guarded((i) => this.#optional(i.rlimit, "rlimit").call(i, resource, limits));
  }

  /**
   * The process's cgroup and the container limits that apply to it (Linux;
   * psutil has no such call): the memory, CPU and pids limits, each the
   * lowest of its cgroup's and its ancestors' (cgroup v2, and v1 where its
   * controllers are mounted), with the memory use and pressure and the task
   * count. `null` where there is no limit. An `OsError` says so where no
   * cgroup file system is mounted; elsewhere than Linux, `NotImplementedError`.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const { memory, cpu } = new Process().cgroup();
   * console.log(memory.limit ?? "no memory limit", cpu.cpus ?? "no CPU quota");
   * ```
   */
  cgroup(): CgroupInfo {
    return this.#call((i) => this.#optional(i.cgroup, "cgroup").call(i));
  }

  /**
   * Read and write counts and bytes.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const io = new Process().ioCounters();
   * console.log(io.readBytes, io.writeBytes);
   * ```
   */
  ioCounters(): ProcessIoCounters {
    return this.#call((i) => this.#optional(i.ioCounters, "ioCounters").call(i));
  }

  /**
   * Voluntary and involuntary context switches.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const { voluntary, involuntary } = new Process().numCtxSwitches();
   * console.log(voluntary, involuntary);
   * ```
   */
  numCtxSwitches(): ProcessCtxSwitches {
    return this.#call((i) => i.numCtxSwitches());
  }

  /**
   * The number of open file descriptors (UNIX).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().numFds());
   * ```
   */
  numFds(): number {
    return this.#call((i) => this.#optional(i.numFds, "numFds").call(i));
  }

  /**
   * The number of open handles (Windows only: elsewhere `NotImplementedError`).
   *
   * @example
   * ```ts
   * import { Process, WINDOWS } from "@x/psutil";
   * if (WINDOWS) console.log(new Process().numHandles());
   * ```
   */
  numHandles(): number {
    return this.#call((i) => this.#optional(i.numHandles, "numHandles").call(i));
  }

  /**
   * The number of threads.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().numThreads()); // a runtime has several
   * ```
   */
  numThreads(): number {
    return this.#call((i) => i.numThreads());
  }

  /**
   * Each thread's id and user and system time.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * for (const t of new Process().threads()) console.log(t.id, t.userTime, t.systemTime);
   * ```
   */
  threads(): ProcessThread[] {
    return this.#call((i) => i.threads());
  }

  /**
   * User, system and children's CPU times in seconds.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const t = new Process().cpuTimes();
   * console.log(t.user + t.system, "s of CPU");
   * ```
   */
  cpuTimes(): ProcessCpuTimes {
    return this.#call((i) => i.cpuTimes());
  }

  /**
   * CPU use in percent of one CPU (so up to `100 * cpuCount()`). Without an
   * interval it compares with the previous call (the first returns 0.0);
   * with one it waits and returns a Promise.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const p = new Process();
   * p.cpuPercent();
   * console.log(await p.cpuPercent({ interval: 0.1 }));
   * ```
   */
  cpuPercent(): number;
  /** Waits `interval` seconds between two readings. */
  cpuPercent(options: { interval: number }): Promise<number>;
  cpuPercent(options?: ProcessCpuPercentOptions): number | Promise<number> {
    const o = optionsObject("cpuPercent", options, ["interval"]);
    const interval = secondsOption("cpuPercent", o, "interval");
    const ncpu = backend.cpuCountLogical() ?? 1;
    const percent = (a: { wall: number; proc: ProcessCpuTimes }, b: { wall: number; proc: ProcessCpuTimes }) => {
      const dt = (b.wall - a.wall) * ncpu;
      const dp = b.proc.user - a.proc.user + b.proc.system - a.proc.system;
      if (!(dt > 0) || !(dp > 0)) return 0;
      // Times tick in 1/100 s: two calls a moment apart can see a whole tick
      // in no time at all. No process uses more than every CPU.
      return Math.min(Math.round(dp / dt * 100 * ncpu * 10) / 10, 100 * ncpu);
    };
    const read = () => ({ wall: now(), proc: this.cpuTimes() });
    if (interval !== undefined && interval > 0) {
      const a = read();
      return sleep(interval).then(() => {
        const b = read();
        this.#lastCpu = b;
        return percent(a, b);
      });
    }
    const b = read();
    const a = this.#lastCpu;
    this.#lastCpu = b;
    const result = a === null ? 0 : percent(a, b);
    return interval === undefined ? result : Promise.resolve(result);
  }

  /**
   * The CPUs this process may run on.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const p = new Process();
   * const cpus = p.cpuAffinity();
   * p.cpuAffinity(cpus); // unchanged: every CPU it had
   * console.log(cpus);
   * ```
   */
  cpuAffinity(): number[];
  /** Restricts the process to `cpus`; an empty list means every CPU. */
  cpuAffinity(cpus: readonly number[]): void;
  cpuAffinity(cpus?: readonly number[]): number[] | void {
    if (cpus === undefined) return this.#call((i) => this.#optional(i.cpuAffinity, "cpuAffinity").call(i));
    if (!Array.isArray(cpus)) throw new TypeError("cpuAffinity: cpus must be an array of CPU numbers");
    const n = backend.perCpuTimes().length;
    const all = Array.from({ length: n }, (_, i) => i);
    for (const c of cpus) checkInt("cpuAffinity", "cpu", c, 0, n - 1);
    const set = this.#optional(this.#impl.setCpuAffinity, "cpuAffinity");
    this.#guarded((i) => set.call(i, cpus.length ? [...new Set(cpus)] : all));
  }

  /**
   * The CPU this process last ran on.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().cpuNum());
   * ```
   */
  cpuNum(): number {
    return this.#call((i) => this.#optional(i.cpuNum, "cpuNum").call(i));
  }

  /**
   * Memory counters in bytes (`rss`, `vms` and the OS's own).
   *
   * @example
   * ```ts
   * import { bytes2human, Process } from "@x/psutil";
   * const m = new Process().memoryInfo();
   * console.log(bytes2human(m.rss), bytes2human(m.vms));
   * ```
   */
  memoryInfo(): ProcessMemoryInfo {
    return this.#call((i) => i.memoryInfo());
  }

  /**
   * The same as {@link Process.memoryInfo} (psutil's deprecated alias).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().memoryInfoEx().rss);
   * ```
   */
  memoryInfoEx(): ProcessMemoryInfo {
    return this.memoryInfo();
  }

  /**
   * `memoryInfo` plus `uss` (memory freed if the process ended), and `pss`, `swap` on Linux. Slower.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const m = new Process().memoryFullInfo();
   * console.log(m.rss, m.uss);
   * ```
   */
  memoryFullInfo(): ProcessMemoryFullInfo {
    return this.#call((i) => i.memoryFullInfo());
  }

  /**
   * A memory counter as a percent of total physical memory: `rss` by
   * default, or any field of `memoryInfo` / `memoryFullInfo`.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const p = new Process();
   * console.log(p.memoryPercent().toFixed(2), p.memoryPercent({ memtype: "uss" }).toFixed(2));
   * ```
   */
  memoryPercent(options?: MemoryPercentOptions): number {
    const o = optionsObject("memoryPercent", options, ["memtype"]);
    const memtype = o.memtype ?? "rss";
    if (typeof memtype !== "string") throw new TypeError("memoryPercent: memtype must be a string");
    let info: Record<string, number> = this.memoryInfo() as unknown as Record<string, number>;
    if (!(memtype in info)) info = this.memoryFullInfo() as unknown as Record<string, number>;
    if (!(memtype in info)) {
      throw new TypeError(
        `memoryPercent: invalid memtype ${JSON.stringify(memtype)}; use one of ${Object.keys(info).join(", ")}`,
      );
    }
    totalMemory ??= backend.virtualMemory().total;
    return info[memtype] / totalMemory * 100;
  }

  /**
   * The memory mappings: with `grouped` (default) one entry per path with the
   * sizes summed, else one per mapping with its address and permissions.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * for (const m of new Process().memoryMaps().slice(0, 3)) console.log(m.path, m.rss);
   * ```
   */
  memoryMaps(options?: MemoryMapsOptions): ProcessMemoryMap[] {
    const grouped = boolOption("memoryMaps", optionsObject("memoryMaps", options, ["grouped"]), "grouped", true);
    const maps = this.#call((i) => this.#optional(i.memoryMaps, "memoryMaps").call(i));
    if (!grouped) return maps;
    const byPath = new Map<string, Record<string, number | string>>();
    for (const m of maps) {
      const g = byPath.get(m.path);
      if (!g) {
        // The mapping without its address and permissions, which a group has none of.
        const first: Record<string, number | string> = {};
        const src = m as unknown as Record<string, number | string>;
        for (const k in src) if (k !== "addr" && k !== "perms") first[k] = src[k];
        byPath.set(m.path, first);
        continue;
      }
      const sizes = m as unknown as Record<string, number | string>;
      for (const k in g) if (k !== "path") (g[k] as number) += sizes[k] as number;
    }
    return [...byPath.values()] as unknown as ProcessMemoryMap[];
  }

  /**
   * Regular files the process has open, with fd, position, mode and flags on Linux; on Windows each path once, fd -1.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * for (const f of new Process().openFiles()) console.log(f.fd, f.path);
   * ```
   */
  openFiles(): ProcessOpenFile[] {
    return this.#call((i) => i.openFiles());
  }

  /**
   * The process's sockets of `kind` (default `"inet"`). The type follows
   * `kind`, as {@link netConnections}'s does.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * for (const c of new Process().connections({ kind: "tcp" })) console.log(c.laddr?.port, c.status);
   * ```
   */
  connections<K extends ConnectionKind = "inet">(options?: ProcessConnectionsOptions<K>): ConnectionOf<K>[] {
    const kind = connectionKind("connections", optionsObject("connections", options, ["kind"]));
    return this.#call((i) => i.connections(kind)) as ConnectionOf<K>[];
  }

  /**
   * psutil 6's name for {@link Process.connections}.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().netConnections({ kind: "all" }).length);
   * ```
   */
  netConnections<K extends ConnectionKind = "inet">(options?: ProcessConnectionsOptions<K>): ConnectionOf<K>[] {
    return this.connections(options);
  }

  /**
   * The parent process, `null` when there is none or it is not the parent
   * any more (it ended and its pid was reused by a younger process).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().parent()?.pid);
   * ```
   */
  parent(): Process | null {
    const ppid = this.ppid();
    if (ppid === this.#pid) return null;
    const ctime = this.#createTime;
    try {
      const parent = new Process(ppid);
      const pt = parent.#createTime;
      if (ctime === null || pt === null || pt <= ctime) return parent;
    } catch (e) {
      if (!(e instanceof NoSuchProcess)) throw e;
    }
    return null;
  }

  /**
   * The ancestors, nearest first.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().parents().map((p) => p.pid)); // nearest first, down to 1
   * ```
   */
  parents(): Process[] {
    const out: Process[] = [];
    const seen = new Set<number>([this.#pid]);
    for (let p = this.parent(); p !== null && !seen.has(p.pid); p = p.parent()) {
      seen.add(p.pid);
      out.push(p);
    }
    return out;
  }

  /**
   * The children (with `recursive`, every descendant), younger than this process.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sh", "-c", "sleep 5 & wait"]);
   * await new Promise((r) => setTimeout(r, 200));
   * const kids = p.children({ recursive: true });
   * console.log(kids.map((c) => c.name())); // ["sleep"]
   * for (const c of kids) c.kill();
   * await p.wait();
   * ```
   */
  children(options?: ChildrenOptions): Process[] {
    const recursive = boolOption("children", optionsObject("children", options, ["recursive"]), "recursive", false);
    this.#assertSame();
    const byParent = new Map<number, number[]>();
    for (const [pid, ppid] of backend.ppidMap()) {
      if (pid === ppid) continue;
      let list = byParent.get(ppid);
      if (!list) byParent.set(ppid, list = []);
      list.push(pid);
    }
    const ctime = this.#createTime;
    const out: Process[] = [];
    const seen = new Set<number>();
    const stack = [this.#pid];
    while (stack.length) {
      const pid = stack.pop()!;
      if (seen.has(pid)) continue;
      seen.add(pid);
      for (const childPid of byParent.get(pid) ?? []) {
        let child: Process;
        try {
          child = new Process(childPid);
        } catch (e) {
          if (e instanceof NoSuchProcess) continue;
          throw e;
        }
        const ct = child.#createTime;
        if (ctime !== null && ct !== null && ct < ctime) continue; // an older process: reused ppid
        out.push(child);
        if (recursive) stack.push(childPid);
      }
    }
    return out;
  }

  /**
   * Whether the process is still running and is still the same process (its
   * creation time is unchanged: the pid was not reused). A zombie is running.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["true"]);
   * await p.wait();
   * console.log(p.isRunning()); // false
   * ```
   */
  isRunning(): boolean {
    if (this.#gone) return false;
    try {
      // Inside oneshot the snapshot answers (and serves the other reads too).
      const other = (this.#oneshotDepth > 0 ? this.#impl : backend.process(this.#pid)).createTime();
      const same = this.#createTime === null || other === this.#createTime;
      if (!same) this.#gone = true;
      return same;
    } catch (e) {
      if (e instanceof ZombieProcess) return true;
      if (e instanceof NoSuchProcess) {
        this.#gone = true;
        return false;
      }
      if (e instanceof AccessDenied) return backend.pidExists(this.#pid);
      throw e;
    }
  }

  /**
   * Sends signal `sig` (a number: `SIGTERM`, `SIGUSR1`, ...), after checking
   * that the pid still belongs to this process. Never signals pid 0.
   *
   * @example
   * ```ts
   * import { Popen, SIGTERM } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.sendSignal(SIGTERM);
   * console.log(await p.wait()); // -15
   * ```
   */
  sendSignal(sig: number): void {
    checkInt("sendSignal", "signal", sig, 0, 64);
    this.#guarded((i) => i.sendSignal(sig));
  }

  /**
   * Suspends the process (`SIGSTOP`).
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.suspend();
   * await new Promise((r) => setTimeout(r, 100));
   * console.log(p.status()); // "stopped"
   * p.resume();
   * p.kill();
   * await p.wait();
   * ```
   */
  suspend(): void {
    this.sendSignal(SIGSTOP);
  }

  /**
   * Resumes a suspended process (`SIGCONT`).
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.suspend();
   * p.resume();
   * p.kill();
   * console.log(await p.wait()); // -9
   * ```
   */
  resume(): void {
    this.sendSignal(SIGCONT);
  }

  /**
   * Asks the process to end (`SIGTERM`).
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.terminate();
   * console.log(await p.wait()); // -15
   * ```
   */
  terminate(): void {
    this.sendSignal(SIGTERM);
  }

  /**
   * Kills the process (`SIGKILL`).
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "5"]);
   * p.kill();
   * console.log(await p.wait()); // -9
   * ```
   */
  kill(): void {
    this.sendSignal(SIGKILL);
  }

  /**
   * Whether the process has ended and been reaped (or its pid reused), as
   * psutil's wait sees it; the exit watch (a pidfd, a process handle) is
   * asked first, so a running process costs no read of its files. With no
   * descriptor free (EMFILE, ENFILE) to read the process with, whether its
   * pid still exists, which asks the kernel without one (a reuse of the pid
   * is then seen only once descriptors are free again).
   */
  #ended(watch: ExitWatch | null): boolean {
    if (watch !== null && !watch.exited()) return false;
    try {
      return !this.isRunning();
    } catch (e) {
      if (!outOfDescriptors(e)) throw e;
      return !backend.pidExists(this.#pid);
    }
  }

  /**
   * Waits for the process to end. For a child started by {@link Popen} it
   * resolves to the exit code, or minus the number of the signal that ended
   * it. For another child of this process, the same when the exit is seen
   * before the runtime's own reaper collects it (read with `WNOWAIT`, so the
   * runtime still gets it), else `null`; for other processes, `null`.
   * Rejects with `TimeoutExpired` after `timeout` seconds. It does not spin:
   * it checks a pidfd (Linux 5.3+) or the process at growing intervals, up
   * to 50 ms apart. With no descriptor free (EMFILE) it goes on by polling
   * the pid.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "0.1"]);
   * console.log(await p.wait({ timeout: 5 })); // 0
   * ```
   */
  async wait(options?: WaitOptions): Promise<number | null> {
    const timeout = secondsOption("wait", optionsObject("wait", options, ["timeout"]), "timeout");
    if (this.#pid === 0) throw new RangeError("wait: cannot wait for pid 0");
    const mine = spawned.get(this.#pid);
    if (mine && mine.createTime === this.#createTime) return withTimeout(mine.exited, timeout, this.#pid, this.#name);
    const deadline = timeout === undefined ? Infinity : now() + timeout;
    const watch = this.#gone ? null : this.#impl.watchExit();
    try {
      let delay = 0.001;
      for (;;) {
        const code = this.#impl.childExitCode();
        if (typeof code === "number") return code;
        if (this.#ended(watch)) return null;
        const left = deadline - now();
        if (left <= 0) throw new TimeoutExpired(timeout!, this.#pid, this.#name);
        await sleep(Math.min(delay, left));
        delay = Math.min(delay * 2, 0.05);
      }
    } finally {
      watch?.close();
    }
  }

  /**
   * Several attributes at once, read under {@link Process.oneshot}. Reads that
   * raise `AccessDenied` or `ZombieProcess` give `adValue`; a method the OS
   * cannot answer is left out unless it was asked for by name.
   *
   * The type follows the attribute list: `asDict({ attrs: ["name",
   * "memoryInfo"] })` is `{ name: string | null; memoryInfo:
   * ProcessMemoryInfo | null }`, the `null` being the default `adValue`,
   * which a denied read gives; an `adValue` of another type replaces it.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * const d = new Process().asDict({ attrs: ["pid", "name", "memoryInfo"] });
   * console.log(d.pid, d.name ?? "?", d.memoryInfo?.rss);
   * const all = new Process().asDict({ adValue: "denied" });
   * console.log(all.exe, all.numThreads);
   * ```
   */
  asDict(): FullProcessInfo;
  /** The attributes `attrs` (every one when omitted or empty), `adValue` where denied. */
  asDict<const A extends readonly ProcessAttr[] = [], V = null>(options: AsDictOptions<A, V>): AsDictResult<A, V>;
  asDict(options: AsDictOptions = {}): unknown {
    const o = optionsObject("asDict", options, ["attrs", "adValue"]);
    // As psutil: an empty list asks for every attribute.
    const listed = checkAttrs(o.attrs);
    const asked = listed?.length ? listed : undefined;
    const adValue = o.adValue ?? null;
    const names = asked ?? PROCESS_ATTRS;
    return this.oneshot(() => {
      this.#impl.prefetch?.(names);
      const out: Record<string, unknown> = {};
      for (const attr of names) {
        if (attr === "pid") {
          out.pid = this.#pid;
          continue;
        }
        // An attribute this OS's backend has no member for: NotImplementedError when asked for by
        // name, else left out, without making (and dropping) the error each time.
        if (
          OPTIONAL_MEMBERS.has(attr) && typeof (this.#impl as unknown as Record<string, unknown>)[attr] !== "function"
        ) {
          if (asked) throw new NotImplementedError(attr, backend.os);
          continue;
        }
        try {
          out[attr] = (this[attr as Exclude<ProcessAttr, "pid">] as () => unknown).call(this);
        } catch (e) {
          if (e instanceof AccessDenied || e instanceof ZombieProcess) out[attr] = adValue;
          else if (e instanceof NotImplementedError) {
            if (asked) throw e;
          } else throw e;
        }
      }
      return out;
    });
  }

  /**
   * Whether `other` is the same process (same pid and creation time).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(new Process().equals(new Process())); // true: same pid, same creation time
   * ```
   */
  equals(other: unknown): boolean {
    if (!(other instanceof Process)) return false;
    return other.#pid === this.#pid && other.#createTime === this.#createTime;
  }

  /**
   * What `JSON.stringify` writes: the pid, name and creation time, the
   * status, and `info` and `returncode` when set (the name and status
   * `null` once the process is gone or when denied).
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(JSON.stringify(new Process(1))); // {"pid":1,"name":"systemd",...}
   * ```
   */
  toJSON(): Record<string, unknown> {
    const safe = <T>(f: () => T): T | null => {
      try {
        return f();
      } catch (e) {
        if (e instanceof PsutilError) return null;
        throw e;
      }
    };
    const out: Record<string, unknown> = {
      pid: this.#pid,
      name: safe(() => this.name()),
      status: safe(() => this.status()),
      createTime: this.#createTime,
    };
    if (this.info !== undefined) out.info = this.info;
    if (this.returncode !== undefined) out.returncode = this.returncode;
    return out;
  }

  /**
   * psutil's repr: `psutil.Process(pid=1, name='systemd', status='sleeping', started='10:02:03')`.
   *
   * @example
   * ```ts
   * import { Process } from "@x/psutil";
   * console.log(String(new Process(1))); // psutil.Process(pid=1, name='systemd', ...)
   * ```
   */
  toString(): string {
    const parts = [`pid=${this.#pid}`];
    try {
      parts.push(`name='${this.name()}'`);
      parts.push(`status='${this.status()}'`);
    } catch (e) {
      if (e instanceof ZombieProcess) parts.push("status='zombie'");
      else if (e instanceof NoSuchProcess) parts.push("status='terminated'");
      else if (!(e instanceof AccessDenied)) throw e;
    }
    if (this.#createTime !== null) parts.push(`started='${formatStarted(this.#createTime)}'`);
    if (this.returncode !== undefined && this.returncode !== null) parts.push(`returncode=${this.returncode}`);
    return `psutil.${this.constructor.name}(${parts.join(", ")})`;
  }
}

// console.log(p) prints psutil's repr (and `info` when processIter set it) in every runtime.
consoleForm(Process.prototype, (p) => p.info === undefined ? p.toString() : { process: p.toString(), info: p.info });
