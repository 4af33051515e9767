/**
 * Linux processes from `/proc/PID/*`. Each handle caches the parsed raw
 * sources (`stat`, `status`, `statm`) while `oneshot` is on, so every method
 * that reads the same file shares one read.
 *
 * @module
 */
import { AccessDenied, NoSuchProcess, OsError, type PsutilError, ZombieProcess } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { linuxLibc } from "../../ffi/linux/libc.ts";
import { selfPid as getpid } from "../../ffi/runtime.ts";
import type {
  CgroupInfo,
  ProcessConnection,
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
} from "../../types.ts";
import type { ExitWatch, ProcessBackend } from "../backend.ts";
import { checkInt, checkThenAct, markHidden, outOfDescriptors, ProcessHandle } from "../common.ts";
import { cgroupOf } from "./cgroup.ts";
import { IOPRIO_CLASS_IDLE, IOPRIO_CLASS_NONE } from "../../constants.ts";
import { closeFd, fdReadable } from "../posix/fd.ts";
import { clockTicks, pageSize } from "../posix/sysconf.ts";
import { uidToName } from "../posix/users.ts";
import { bootTime, cpuCountLogical } from "./cpu.ts";
import { beginBatch, prefetched } from "./parallel_reads.ts";
import {
  exists,
  getProcfsPath,
  isDenied,
  isMissing,
  malformed,
  numericEntries,
  type ProcPath,
  procPath,
  readDir,
  readLink,
  readProc,
  readProcWhole,
  readText,
  statPath,
  withFileBytes,
} from "./procfs.ts";
import { netConnections } from "./net.ts";
import {
  cleanLink,
  decimal,
  fileFlagsToMode,
  memoryFromStatus,
  parseCmdline,
  type ParsedStat,
  parseEnviron,
  parseIds,
  parseIo,
  parseSmapsBytes,
  parseSmapsTotals,
  parseStat,
  parseStatBytes,
  parseStatm,
  PF_KTHREAD,
  PROC_STATUSES,
  StatusView,
} from "./parsers.ts";
import { rlimit } from "../../ffi/posix/structs.ts";
import { siginfo_t } from "../../ffi/linux/structs.ts";
import { SYS } from "../../ffi/linux/syscalls.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { type DeviceFs, terminalName } from "../posix/terminals.ts";
import { errnoError } from "../posix/errors.ts";

/** Attributes answered from `/proc/PID/status`. */
const STATUS_ATTRS = new Set(["username", "uids", "gids", "numCtxSwitches"]);

/**
 * Per-process files the kernel writes whole on each read (see `readProcWhole`);
 * `cmdline` too: the kernel copies the whole argument area up to the buffer.
 */
const WHOLE_FILES = new Set(["stat", "statm", "status", "io", "cmdline"]);

/** Per-process files every Linux kernel the library supports writes: missing means the process is going. */
const ALWAYS_PRESENT = new Set(["stat", "statm", "status", "cmdline", "environ"]);

const MEMORY_ATTRS = new Set(["memoryInfo", "memoryInfoEx", "memoryPercent"]);

/**
 * The files a `processIter` pass asking for `attrs` reads for every process
 * (`stat` always: the pid-reuse check reads it), as {@link LinuxProcess}
 * reads them under oneshot.
 */
export function batchFiles(attrs: readonly string[]): string[] {
  const files = ["stat"];
  const status = attrs.some((a) => STATUS_ATTRS.has(a));
  if (status) files.push("status");
  else if (attrs.some((a) => MEMORY_ATTRS.has(a))) files.push("statm");
  if (attrs.includes("cmdline")) files.push("cmdline");
  return files;
}

/** Starts the helper thread's read-ahead for a `processIter` pass (parallel_reads.ts), where it pays. */
export function beginProcessBatch(pids: number[], attrs: readonly string[]): { end(): void } | null {
  const files = batchFiles(attrs);
  return beginBatch(pids, files, files.map((f) => WHOLE_FILES.has(f)), getProcfsPath(), cpuCountLogical() ?? 1);
}

/** A process's creation time in seconds since the epoch, from its `stat`. */
function createTimeOf(st: ParsedStat): number {
  return st.starttime / clockTicks() + bootTime();
}

let guardHook: ((pid: number) => void) | null = null;
let pidfdsUsed = true;

/**
 * For tests only: runs `hook` inside every {@link LinuxProcess.guard}, after
 * the identity check and before the action (a test reuses the pid there);
 * `pidfd: false` takes the path of a kernel without pidfds.
 */
export function setGuardHook(hook: ((pid: number) => void) | null, options: { pidfd?: boolean } = {}): void {
  guardHook = hook;
  pidfdsUsed = options.pidfd ?? true;
}

/** The handle on one Linux process. */
export class LinuxProcess extends ProcessHandle implements ProcessBackend {
  /** The pidfd held by {@link LinuxProcess.guard} while it acts, else -1. */
  #pinned = -1;

  /** Whether the action inside the guard sent a signal (which may end the process). */
  #signalled = false;

  /** The C strings of the files read, built once per handle. */
  #paths = new Map<string, { root: string; path: ProcPath }>();

  /** Turns an OS error about this process into psutil's errors. */
  #translate(e: unknown): unknown {
    if (isDenied(e)) return new AccessDenied(this.pid, this.knownName);
    if (e instanceof OsError && e.errno === Errno.ESRCH) return new NoSuchProcess(this.pid, this.knownName);
    // A missing file means the process is gone only if its stat is gone too:
    // otherwise the file simply does not exist on this kernel.
    if (isMissing(e) && !exists(`${getProcfsPath()}/${this.pid}/stat`)) return this.#goneOrHidden();
    return e;
  }

  /**
   * For a pid whose procfs directory is missing: `NoSuchProcess`, or
   * `AccessDenied` (marked hidden) when the kernel says the process exists
   * but we may not signal it, as under `hidepid=2` (this process's own pid
   * namespace only: the default procfs root).
   */
  #goneOrHidden(): PsutilError {
    if (getProcfsPath() === "/proc" && libc.symbols.kill(this.pid, 0) !== 0 && lastErrno() === Errno.EPERM) {
      return markHidden(new AccessDenied(this.pid, this.knownName, "hidden by procfs (hidepid)"));
    }
    return new NoSuchProcess(this.pid, this.knownName);
  }

  /** Reads `/proc/PID/<rel>` with the error translation. */
  read(rel: string): string {
    return this.#readWith(rel, decodeText);
  }

  /**
   * Reads `/proc/PID/<rel>` with the error translation, handing the bytes to
   * `fromBytes` (read here, or by processIter's read-ahead); errors of either
   * are translated too.
   */
  #readWith<T>(rel: string, fromBytes: (b: Uint8Array) => T): T {
    let p = this.#paths.get(rel);
    if (p === undefined || p.root !== getProcfsPath()) {
      p = { root: getProcfsPath(), path: procPath(`${this.pid}/${rel}`, WHOLE_FILES.has(rel)) };
      this.#paths.set(rel, p);
    }
    // processIter's read-ahead may have read it already (parallel_reads.ts).
    const pre = prefetched(p.root, this.pid, rel);
    if (pre !== undefined) {
      if (pre instanceof OsError) throw this.#translate(pre);
      return fromBytes(pre);
    }
    try {
      return withFileBytes(p.path.text, fromBytes, p.path.whole, p.path.bytes);
    } catch (e) {
      if (isMissing(e) && ALWAYS_PRESENT.has(rel)) this.#exiting();
      throw this.#translate(e);
    }
  }

  /**
   * For a file every process has, found missing: the process is exiting or
   * gone. `ZombieProcess` when `stat` says zombie, else `NoSuchProcess`.
   */
  #exiting(): never {
    let st: ParsedStat;
    try {
      st = this.#freshStat();
    } catch {
      throw this.#goneOrHidden(); // gone too, or hidden from us
    }
    if (st.state === "Z") throw new ZombieProcess(this.pid, this.knownName, st.ppid);
    throw new NoSuchProcess(this.pid, this.knownName);
  }

  /** Runs `fn` with the error translation. */
  #os<T>(fn: () => T): T {
    try {
      return fn();
    } catch (e) {
      throw this.#translate(e);
    }
  }

  /** The path of `/proc/PID/<rel>`. */
  #path(rel: string): string {
    return `${getProcfsPath()}/${this.pid}/${rel}`;
  }

  /**
   * Throws `ZombieProcess` if the process is a zombie, `NoSuchProcess` if it
   * is gone; returns otherwise. Uses the oneshot snapshot when there is one.
   */
  #zombieOrGone(): void {
    const st = this.stat();
    if (st.state === "Z") throw new ZombieProcess(this.pid, this.knownName, st.ppid);
  }

  /**
   * Reads a file that lives in the process's user memory. The kernel says
   * ESRCH when there is none: a zombie (ZombieProcess), or a kernel thread,
   * which gets `empty` (psutil 5.9.4 says NoSuchProcess or ZombieProcess there).
   */
  #userMemory<T>(read: () => T, empty: T): T {
    try {
      return read();
    } catch (e) {
      if (!(e instanceof NoSuchProcess)) throw e;
      this.#zombieOrGone();
      return empty;
    }
  }

  /** A libc call's failure for this process as psutil's error. */
  #fail(syscall: string): never {
    const errno = lastErrno();
    if (errno === Errno.ESRCH) throw new NoSuchProcess(this.pid, this.knownName);
    if (errno === Errno.EPERM || errno === Errno.EACCES) throw new AccessDenied(this.pid, this.knownName);
    throw errnoError(errno, syscall);
  }

  /** The parsed `stat` (cached under oneshot), read from its bytes. */
  stat(): ParsedStat {
    return this.cache.get("stat", () => {
      const path = this.#path("stat");
      try {
        return this.#readWith("stat", (b) => parseStatBytes(b, b.length, path));
      } catch (e) {
        // Every process's stat is world-readable: a refusal is procfs's hidepid=1.
        if (e instanceof AccessDenied) throw markHidden(e);
        throw this.#malformedOrGone(e);
      }
    });
  }

  /** A malformed `stat` means the process is gone when the file is gone meanwhile. */
  #malformedOrGone(e: unknown): unknown {
    return e instanceof OsError && e.errno === Errno.EINVAL && !exists(this.#path("stat"))
      ? new NoSuchProcess(this.pid, this.knownName)
      : e;
  }

  /** Parses this process's `stat`: a malformed one is `NoSuchProcess` when the process is gone meanwhile. */
  #parseStat(text: string): ParsedStat {
    try {
      return parseStat(text, this.#path("stat"));
    } catch (e) {
      throw this.#malformedOrGone(e);
    }
  }

  /** The parsed `status` (cached under oneshot). */
  statusFile(): StatusView {
    return this.cache.get("status", () => new StatusView(this.read("status")));
  }

  /** The page counts of `statm` (cached under oneshot). */
  statm(): number[] {
    return this.cache.get("statm", () => parseStatm(this.read("statm"), this.#path("statm")));
  }

  /**
   * A pidfd pinning this process for {@link LinuxProcess.guard}; -1 where the
   * kernel has none (ENOSYS before 5.3, EINVAL for a thread id): the
   * check-then-kill order is kept there.
   */
  #openPidfd(): number {
    const sys = linuxLibc.symbols.syscall;
    if (!sys || this.pid <= 0 || !pidfdsUsed) return -1;
    const fd = Number(sys(BigInt(SYS.pidfd_open), BigInt(this.pid), 0n, 0n, 0n, 0n, 0n));
    if (fd >= 0) return fd;
    const errno = lastErrno();
    if (errno === Errno.ENOSYS || errno === Errno.EINVAL) return -1;
    this.#fail("pidfd_open");
  }

  /** `stat` as it is now: past the oneshot cache and the helper thread's reads. */
  #freshStat(): ParsedStat {
    let text: string;
    try {
      text = readProcWhole(`${this.pid}/stat`);
    } catch (e) {
      throw this.#translate(e);
    }
    return this.#parseStat(text);
  }

  /** The creation time as `stat` says it now. */
  #freshCreateTime(): number {
    return createTimeOf(this.#freshStat());
  }

  /**
   * Whether this is a kernel thread (`PF_KTHREAD`): always root, no command
   * line and no user memory, which then need not be read.
   */
  #kernelThread(): boolean {
    return (this.stat().flags & PF_KTHREAD) !== 0;
  }

  #ids(key: "Uid" | "Gid"): ProcessIds {
    if (this.#kernelThread()) return { real: 0, effective: 0, saved: 0 };
    return parseIds(this.statusFile().get(key), this.#path("status"), key);
  }

  /** Reads up front, under oneshot, the files that `attrs` will need, in the order that reads fewest. */
  prefetch(attrs: readonly string[]): void {
    if (!this.cache.active) return;
    let kernel = false;
    try {
      kernel = this.#kernelThread();
    } catch { /* reported by the attributes */ }
    if (!kernel && attrs.some((a) => STATUS_ATTRS.has(a))) {
      try {
        this.statusFile();
      } catch { /* the attribute that needs it reports the error */ }
    }
  }

  name(): string {
    return this.stat().name;
  }

  exe(): string {
    try {
      return cleanLink(readLink(this.#path("exe")));
    } catch (e) {
      if (isMissing(e)) {
        this.#zombieOrGone();
        return ""; // kernel threads have no executable
      }
      throw this.#translate(e);
    }
  }

  cmdline(): string[] {
    if (this.#kernelThread()) return [];
    const args = this.cache.get("cmdline", () => parseCmdline(this.read("cmdline")));
    // A zombie (and a kernel thread) has an empty command line; only the zombie is an error.
    if (args.length === 0) this.#zombieOrGone();
    return args;
  }

  environ(): Record<string, string> {
    const data = this.#userMemory(() => this.read("environ"), "");
    if (data === "") this.#zombieOrGone();
    return parseEnviron(data);
  }

  ppid(): number {
    return this.stat().ppid;
  }

  status(): string {
    const s = this.stat().state;
    return PROC_STATUSES[s] ?? "?";
  }

  createTime(): number {
    return createTimeOf(this.stat());
  }

  /**
   * The working directory. The link is missing when the process is gone
   * (`NoSuchProcess`), a zombie (`ZombieProcess`), or exiting with its
   * file-system context already released: then `""`.
   */
  cwd(): string {
    try {
      return cleanLink(readLink(this.#path("cwd")));
    } catch (e) {
      if (!isMissing(e)) throw this.#translate(e);
      this.#zombieOrGone();
      return "";
    }
  }

  uids(): ProcessIds {
    return this.#ids("Uid");
  }

  gids(): ProcessIds {
    return this.#ids("Gid");
  }

  username(): string {
    return uidToName(this.uids().real);
  }

  terminal(): string | null {
    const tty = this.stat().ttyNr;
    return tty === 0 ? null : terminalName(tty, DEVICE_FS);
  }

  nice(): number {
    return this.stat().nice;
  }

  setNice(value: number): void {
    if (libc.symbols.setpriority(PRIO_PROCESS, this.pid, value) !== 0) this.#fail("setpriority");
  }

  ionice(): ProcessIonice {
    const v = ioprio(SYS.ioprio_get, this.pid, 0);
    if (v < 0) this.#fail("ioprio_get");
    return { ioclass: v >> IOPRIO_CLASS_SHIFT, value: v & ((1 << IOPRIO_CLASS_SHIFT) - 1) };
  }

  setIonice(ioclass: number, value: number): void {
    if (ioprio(SYS.ioprio_set, this.pid, (ioclass << IOPRIO_CLASS_SHIFT) | value) < 0) this.#fail("ioprio_set");
  }

  rlimit(resource: number, set?: Rlimit): Rlimit {
    const prlimit = linuxLibc.symbols.prlimit;
    if (!prlimit) throw new OsError(Errno.ENOSYS, "ENOSYS", "prlimit");
    const old = allocStruct(rlimit);
    let neu: Uint8Array | null = null;
    if (set) {
      const n = allocStruct(rlimit);
      rlimit.set(n.view, "rlim_cur", toRlim(set[0]));
      rlimit.set(n.view, "rlim_max", toRlim(set[1]));
      neu = n.buf;
    }
    if (prlimit(this.pid, resource, neu, old.buf) !== 0) {
      if (lastErrno() === Errno.EINVAL) {
        throw new RangeError(`rlimit: invalid resource or limits ${JSON.stringify(set)}`);
      }
      this.#fail("prlimit");
    }
    return [fromRlim(rlimit.big(old.view, "rlim_cur")), fromRlim(rlimit.big(old.view, "rlim_max"))];
  }

  ioCounters(): ProcessIoCounters {
    return parseIo(this.read("io"), this.#path("io"));
  }

  /** The cgroup and its limits, from `/proc/PID/cgroup` and the mounts the process sees (`/proc/PID/mountinfo`). */
  cgroup(): CgroupInfo {
    return cgroupOf(this.read("cgroup"), this.read("mountinfo"));
  }

  numCtxSwitches(): ProcessCtxSwitches {
    const st = this.statusFile();
    const v = st.get("voluntary_ctxt_switches"), n = st.get("nonvoluntary_ctxt_switches");
    if (v === undefined || n === undefined) {
      throw new OsError(Errno.ENOSYS, "ENOSYS", "num_ctx_switches (this kernel does not count them)");
    }
    const voluntary = decimal(v), involuntary = decimal(n);
    if (Number.isNaN(voluntary + involuntary)) throw malformed(this.#path("status"), "ctxt_switches");
    return { voluntary, involuntary };
  }

  numFds(): number {
    return this.#os(() => numericEntries(this.#path("fd")).length);
  }

  numThreads(): number {
    return this.stat().numThreads;
  }

  threads(): ProcessThread[] {
    const hz = clockTicks();
    const out: ProcessThread[] = [];
    const tids = this.#os(() => numericEntries(this.#path("task"))).sort((a, b) => a - b);
    for (const tid of tids) {
      let st: ParsedStat;
      const path = this.#path(`task/${tid}/stat`);
      try {
        st = parseStat(readText(path), path);
      } catch (e) {
        if (isMissing(e) || !exists(path)) continue; // the thread ended meanwhile
        throw this.#translate(e);
      }
      out.push({ id: tid, userTime: st.utime / hz, systemTime: st.stime / hz });
    }
    if (out.length === 0) this.#zombieOrGone();
    return out;
  }

  memoryInfo(): ProcessMemoryInfo {
    if (this.#kernelThread()) return { rss: 0, vms: 0, shared: 0, text: 0, lib: 0, data: 0, dirty: 0 };
    // When status is already read (username asked for too), it holds the
    // same numbers as statm, in kB: one file less per process.
    const fromStatus = this.cache.has("status") ? memoryFromStatus(this.statusFile()) : null;
    if (fromStatus) return fromStatus;
    const [size, resident, shared, text, lib, data, dirty] = this.statm();
    const p = pageSize();
    return {
      rss: resident * p,
      vms: size * p,
      shared: shared * p,
      text: text * p,
      lib: lib * p,
      data: data * p,
      dirty: dirty * p,
    };
  }

  memoryFullInfo(): ProcessMemoryFullInfo {
    const base = this.memoryInfo();
    const text = this.#userMemory(() => {
      try {
        return this.read("smaps_rollup");
      } catch (e) {
        if (!(e instanceof OsError) || !isMissing(e)) throw e;
        return this.read("smaps"); // before Linux 4.14
      }
    }, "");
    const { uss, pss, swap } = parseSmapsTotals(text);
    return { ...base, uss, pss, swap };
  }

  memoryMaps(): ProcessMemoryMap[] {
    // Parsed from the bytes read; empty (a zombie, a kernel thread) is null.
    const maps = this.#readWith(
      "smaps",
      (b) => b.every((c) => c === 32 || c === 10 || c === 9) ? null : parseSmapsBytes(b),
    );
    if (maps === null) {
      this.#zombieOrGone();
      return [];
    }
    return maps;
  }

  cpuTimes(): ProcessCpuTimes {
    const s = this.stat();
    const hz = clockTicks();
    return {
      user: s.utime / hz,
      system: s.stime / hz,
      childrenUser: s.cutime / hz,
      childrenSystem: s.cstime / hz,
      iowait: s.blkioTicks / hz,
    };
  }

  cpuAffinity(): number[] {
    const get = linuxLibc.symbols.sched_getaffinity;
    if (!get) throw new OsError(Errno.ENOSYS, "ENOSYS", "sched_getaffinity");
    for (let size = 128;; size *= 2) {
      const mask = new Uint8Array(size);
      if (get(this.pid, BigInt(size), mask) === 0) {
        const out: number[] = [];
        for (let i = 0; i < size * 8; i++) if (mask[i >> 3] & (1 << (i & 7))) out.push(i);
        return out;
      }
      if (lastErrno() !== Errno.EINVAL || size >= 1 << 16) this.#fail("sched_getaffinity");
    }
  }

  setCpuAffinity(cpus: readonly number[]): void {
    const set = linuxLibc.symbols.sched_setaffinity;
    if (!set) throw new OsError(Errno.ENOSYS, "ENOSYS", "sched_setaffinity");
    const size = Math.max(128, Math.ceil((Math.max(...cpus) + 1) / 64) * 8);
    const mask = new Uint8Array(size);
    for (const c of cpus) mask[c >> 3] |= 1 << (c & 7);
    if (set(this.pid, BigInt(size), mask) !== 0) {
      if (lastErrno() === Errno.EINVAL) throw new RangeError(`cpuAffinity: no usable CPU in ${JSON.stringify(cpus)}`);
      this.#fail("sched_setaffinity");
    }
  }

  cpuNum(): number {
    return this.stat().processor;
  }

  openFiles(): ProcessOpenFile[] {
    const out: ProcessOpenFile[] = [];
    const fds = this.#os(() => numericEntries(this.#path("fd"))).sort((a, b) => a - b);
    let vanished = false;
    for (const fd of fds) {
      let path: string;
      const link = this.#path(`fd/${fd}`);
      try {
        path = readLink(link);
      } catch (e) {
        if (isMissing(e)) vanished = true;
        // EINVAL: not a link any more; ENAMETOOLONG: a path past PATH_MAX, skipped as psutil does.
        else if (!(e instanceof OsError && (e.errno === Errno.EINVAL || e.errno === Errno.ENAMETOOLONG))) {
          throw this.#translate(e);
        }
        continue;
      }
      // Only regular files, which always have an absolute path. The fd link
      // is stat'ed, not the path: the file may exist only in the process's
      // own mount namespace.
      if (!path.startsWith("/") || !isRegularFile(link)) continue;
      let info: string;
      try {
        info = readProc(`${this.pid}/fdinfo/${fd}`);
      } catch (e) {
        if (isMissing(e)) {
          vanished = true;
          continue;
        }
        throw this.#translate(e);
      }
      const pos = /^pos:\s+(\d+)/m.exec(info), flags = /^flags:\s+([0-7]+)/m.exec(info);
      if (!pos || !flags) continue;
      const f = parseInt(flags[1], 8);
      out.push({ path, fd, position: Number(pos[1]), mode: fileFlagsToMode(f), flags: f });
    }
    if (vanished && !exists(this.#path("stat"))) throw new NoSuchProcess(this.pid, this.knownName);
    return out;
  }

  connections(kind: string): ProcessConnection[] {
    const all = this.#os(() => netConnections(kind, this.pid));
    return all.map(({ pid: _pid, ...c }) => c);
  }

  guard<T>(createTime: number | null, act: () => T): T {
    // pid 0 means the caller to setpriority, prlimit and the affinity calls, and its
    // process group to kill (kill(-1): every process it may signal): never act on them.
    if (this.pid <= 0) {
      throw new RangeError(`refusing to signal or change pid ${this.pid}, which means this process or all`);
    }
    // Signals and setters take pids of this process's namespace: checking the
    // identity in a tree that numbers pids otherwise would vouch for another process.
    if (getProcfsPath() !== "/proc" && !treeIsOurs()) {
      throw new OsError(
        Errno.EINVAL,
        "EINVAL",
        "guard",
        getProcfsPath(),
        "signals and setters need the procfs tree of this process's own pid namespace",
      );
    }
    const fd = this.#openPidfd();
    try {
      return checkThenAct(this.pid, this.knownName, createTime, () => this.#freshCreateTime(), () => {
        guardHook?.(this.pid);
        this.#pinned = fd;
        this.#signalled = false;
        let result: T;
        try {
          result = act();
        } finally {
          this.#pinned = -1;
        }
        // A setter acts on the pid: if the pinned process exited meanwhile,
        // the pid may have gone to another process before the call.
        if (fd >= 0 && !this.#signalled && fdReadable(fd)) throw new NoSuchProcess(this.pid, this.knownName);
        return result;
      });
    } finally {
      if (fd >= 0) closeFd(fd);
    }
  }

  sendSignal(sig: number): void {
    // kill(0) signals our process group and kill(-1) every process we may signal.
    if (this.pid <= 0) throw new RangeError(`sendSignal: refusing to signal pid ${this.pid}`);
    const fd = this.#pinned;
    this.#signalled = true;
    if (fd >= 0) {
      const sys = linuxLibc.symbols.syscall!;
      if (Number(sys(BigInt(SYS.pidfd_send_signal), BigInt(fd), BigInt(sig), 0n, 0n, 0n, 0n)) !== 0) {
        this.#fail("pidfd_send_signal");
      }
      return;
    }
    if (libc.symbols.kill(this.pid, sig) !== 0) this.#fail("kill");
  }

  /**
   * For a child of this process: its exit code (minus the signal that ended
   * it) once it has exited, read with `WNOWAIT` so the runtime's own reaper
   * still collects it; `undefined` while it runs. `null` when it is not (or
   * no longer) a waitable child.
   */
  childExitCode(): number | null | undefined {
    const info = allocStruct(siginfo_t);
    const rc = libc.symbols.waitid(P_PID, this.pid, info.buf, WEXITED | WNOHANG | WNOWAIT);
    if (rc !== 0) return null;
    if (siginfo_t.num(info.view, "si_pid") === 0) return undefined;
    const code = siginfo_t.num(info.view, "si_code"), status = siginfo_t.num(info.view, "si_status");
    return code === CLD_EXITED ? status : -status;
  }

  /** A pidfd (Linux 5.3+), readable once the process has exited; `null` where the kernel has none. */
  watchExit(): ExitWatch | null {
    let fd: number;
    try {
      fd = this.#openPidfd();
    } catch {
      return null; // gone, or no descriptor free: wait polls the process
    }
    if (fd < 0) return null;
    return { exited: () => fdReadable(fd), close: () => closeFd(fd) };
  }
}

/**
 * This process's pid as the procfs tree in use numbers it: its `self` link
 * (another pid namespace's tree numbers it otherwise, or not at all). The
 * default root falls back to `getpid()` when `self` cannot be read; another
 * root without a `self` link is `NoSuchProcess`, never another process.
 */
export function selfPidInTree(): number {
  const root = getProcfsPath();
  try {
    const target = readLink(`${root}/self`);
    if (/^\d+$/.test(target)) return Number(target);
  } catch { /* no self link */ }
  if (root === "/proc") return getpid();
  throw new NoSuchProcess(getpid(), null, `this process has no pid in the procfs tree at ${root}`);
}

/** Whether the procfs tree in use numbers pids as this process's namespace does (its `self` is our pid). */
function treeIsOurs(): boolean {
  try {
    return readLink(`${getProcfsPath()}/self`) === String(getpid());
  } catch {
    return false;
  }
}

/**
 * An I/O priority for `ionice(2)`: a class `IOPRIO_CLASS_*` (0 to 3) and,
 * for the real-time and best-effort classes, a level 0 (high) to 7.
 */
export function checkIonice(ioclass: unknown, value: unknown): [number, number] {
  const c = checkInt("ionice", "ioclass", ioclass, 0, 3);
  const v = checkInt("ionice", "value", value ?? 0, 0, 7);
  if (v !== 0 && (c === IOPRIO_CLASS_NONE || c === IOPRIO_CLASS_IDLE)) {
    throw new RangeError(`ionice: ioclass ${c} takes no value`);
  }
  return [c, v];
}

/** Every pid: the numeric entries of the procfs root, sorted. */
export function pids(): number[] {
  const root = getProcfsPath();
  const out = numericEntries(root).sort((a, b) => a - b);
  // No process at all: a procfs tree always has its `stat`; a directory without one is not a tree.
  if (out.length === 0 && !exists(`${root}/stat`)) {
    throw new OsError(Errno.ENOENT, "ENOENT", "open", `${root}/stat`, "not a procfs tree");
  }
  return out;
}

/**
 * Whether `pid` is a process. `kill(pid, 0)` answers for everything the
 * kernel knows, thread ids included; the `Tgid` line then tells a process
 * (its own thread group leader) from one of its threads.
 */
export function pidExists(pid: number): boolean {
  if (pid <= 0) return false; // psutil: pid 0 is not in /proc on Linux; kill(-1) would mean every process
  let denied = false;
  if (libc.symbols.kill(pid, 0) !== 0) {
    const errno = lastErrno();
    if (errno === Errno.ESRCH) return false;
    denied = errno === Errno.EPERM;
  }
  try {
    const tgid = new StatusView(readProcWhole(`${pid}/status`)).get("Tgid");
    if (tgid !== undefined) return Number(tgid) === pid;
  } catch (e) {
    // The kernel says it exists, but procfs hides it (hidepid), or no descriptor
    // is left to look (EMFILE): it exists.
    if (denied || outOfDescriptors(e)) return true;
  }
  return pids().includes(pid);
}

/** Whether `path` (followed, for an fd link: the open file itself) is a regular file. */
function isRegularFile(path: string): boolean {
  try {
    return statPath(path).isFile;
  } catch {
    return false;
  }
}

const utf8 = new TextDecoder();
const decodeText = (b: Uint8Array): string => utf8.decode(b);

/** The terminal map's listing and `stat`, by system calls. */
const DEVICE_FS: DeviceFs = { readDir, rdev: (path) => statPath(path).rdev };

// setpriority(2), ioprio_get(2), waitid(2) constants (Linux).
const PRIO_PROCESS = 0;
const IOPRIO_WHO_PROCESS = 1;
const IOPRIO_CLASS_SHIFT = 13;
const P_PID = 1;
const WEXITED = 4, WNOHANG = 1, WNOWAIT = 0x01000000;
const CLD_EXITED = 1;

/** `ioprio_get(IOPRIO_WHO_PROCESS, pid)` or `ioprio_set(..., prio)`; -1 on failure (errno set). */
function ioprio(call: number, pid: number, prio: number): number {
  const sys = linuxLibc.symbols.syscall;
  if (!sys) throw new OsError(Errno.ENOSYS, "ENOSYS", "ioprio");
  return Number(sys(BigInt(call), BigInt(IOPRIO_WHO_PROCESS), BigInt(pid), BigInt(prio), 0n, 0n, 0n));
}

const RLIM_INFINITY_U64 = 0xffffffffffffffffn;

/** A limit as `rlim_t`: -1 is RLIM_INFINITY; a bigint is taken as it is (checked by the facade). */
function toRlim(v: number | bigint): bigint {
  return v === -1 ? RLIM_INFINITY_U64 : BigInt(v);
}

/** An `rlim_t` as psutil gives it: -1 for RLIM_INFINITY, a bigint where a number would round. */
function fromRlim(v: bigint): number | bigint {
  if (v === RLIM_INFINITY_U64) return -1;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}

/** The parent of every process, for `children()`: pid -> ppid. */
export function ppidMap(): Map<number, number> {
  const out = new Map<number, number>();
  for (const pid of pids()) {
    try {
      out.set(pid, parseStat(readProc(`${pid}/stat`)).ppid);
    } catch { /* gone, or not ours to read */ }
  }
  return out;
}
