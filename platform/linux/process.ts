/**
 * Linux processes from `/proc/PID/*`. Each handle caches the parsed raw
 * sources (`stat`, `status`, `statm`) while `oneshot` is on, so every method
 * that reads the same file shares one read.
 *
 * @module
 */
import { existsSync } from "node:fs";
import { AccessDenied, NoSuchProcess, OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import type { ProcessCpuTimes, ProcessIds, ProcessMemoryInfo } from "../../types.ts";
import type { ProcessBackend } from "../backend.ts";
import { clockTicks, pageSize } from "../posix/sysconf.ts";
import { uidToName } from "../posix/users.ts";
import { bootTime } from "./cpu.ts";
import { getProcfsPath, isDenied, isMissing, listDir, readProc } from "./procfs.ts";

/** The fields of `/proc/PID/stat` the library uses (see proc(5)). */
export interface ParsedStat {
  name: string;
  state: string;
  ppid: number;
  ttyNr: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  nice: number;
  numThreads: number;
  starttime: number;
  vsize: number;
  rss: number;
  processor: number;
  blkioTicks: number;
}

/**
 * Parses `/proc/PID/stat`. The name sits between the first `(` and the
 * *last* `)`: it may itself hold parentheses, spaces and newlines.
 */
export function parseStat(text: string): ParsedStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw new Error(`Malformed stat line: ${JSON.stringify(text.slice(0, 80))}`);
  const f = text.slice(close + 2).trim().split(" ");
  const n = (i: number) => Number(f[i] ?? 0);
  return {
    name: text.slice(open + 1, close),
    state: f[0],
    ppid: n(1),
    ttyNr: n(4),
    utime: n(11),
    stime: n(12),
    cutime: n(13),
    cstime: n(14),
    nice: n(16),
    numThreads: n(17),
    starttime: n(19),
    vsize: n(20),
    rss: n(21),
    processor: n(36),
    blkioTicks: n(39),
  };
}

/** Parses `/proc/PID/status` into its `Key: value` pairs (values trimmed). */
export function parseStatus(text: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const line of text.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) out.set(line.slice(0, i), line.slice(i + 1).trim());
  }
  return out;
}

/**
 * Splits `/proc/PID/cmdline`. Arguments are NUL-terminated; a process that
 * rewrote its title (setproctitle) may leave one space-separated string
 * instead, which is split on spaces as psutil does.
 */
export function parseCmdline(data: string): string[] {
  if (data === "") return [];
  if (data.endsWith("\0")) data = data.slice(0, -1);
  const args = data.split("\0");
  if (args.length === 1 && args[0].includes(" ")) return args[0].split(" ").filter((s) => s !== "");
  return args;
}

/** Linux `stat` state letters to psutil's `STATUS_*` values. */
export const PROC_STATUSES: Readonly<Record<string, string>> = {
  R: "running",
  S: "sleeping",
  D: "disk-sleep",
  T: "stopped",
  t: "tracing-stop",
  Z: "zombie",
  X: "dead",
  x: "dead",
  K: "wake-kill",
  W: "waking",
  I: "idle",
  P: "parked",
};

let cachedBootTime: number | undefined;

/** The handle on one Linux process. */
export class LinuxProcess implements ProcessBackend {
  readonly pid: number;
  #cache: Map<string, unknown> | null = null;

  constructor(pid: number) {
    this.pid = pid;
  }

  oneshotEnter(): void {
    this.#cache = new Map();
  }

  oneshotExit(): void {
    this.#cache = null;
  }

  /** Turns an OS error about this process into psutil's errors. */
  #translate(e: unknown): unknown {
    if (isDenied(e)) return new AccessDenied(this.pid);
    if (e instanceof OsError && e.errno === Errno.ESRCH) return new NoSuchProcess(this.pid);
    // A missing file means the process is gone only if its stat is gone too:
    // otherwise the file simply does not exist on this kernel.
    if (isMissing(e) && !existsSync(`${getProcfsPath()}/${this.pid}/stat`)) return new NoSuchProcess(this.pid);
    return e;
  }

  /** Reads `/proc/PID/<rel>` with the error translation. */
  read(rel: string): string {
    try {
      return readProc(`${this.pid}/${rel}`);
    } catch (e) {
      throw this.#translate(e);
    }
  }

  #cached<T>(key: string, load: () => T): T {
    const c = this.#cache;
    if (c === null) return load();
    if (c.has(key)) return c.get(key) as T;
    const v = load();
    c.set(key, v);
    return v;
  }

  /** The parsed `stat` (cached under oneshot). */
  stat(): ParsedStat {
    return this.#cached("stat", () => parseStat(this.read("stat")));
  }

  /** The parsed `status` (cached under oneshot). */
  statusFile(): Map<string, string> {
    return this.#cached("status", () => parseStatus(this.read("status")));
  }

  /** The page counts of `statm` (cached under oneshot). */
  statm(): number[] {
    return this.#cached("statm", () => this.read("statm").trim().split(/\s+/).map(Number));
  }

  name(): string {
    return this.stat().name;
  }

  cmdline(): string[] {
    return parseCmdline(this.read("cmdline"));
  }

  ppid(): number {
    return this.stat().ppid;
  }

  status(): string {
    const s = this.stat().state;
    return PROC_STATUSES[s] ?? "?";
  }

  createTime(): number {
    cachedBootTime ??= bootTime();
    return this.stat().starttime / clockTicks() + cachedBootTime;
  }

  #ids(key: "Uid" | "Gid"): ProcessIds {
    const v = this.statusFile().get(key);
    if (v === undefined) throw new Error(`/proc/${this.pid}/status has no ${key} line`);
    const [real, effective, saved] = v.split(/\s+/).map(Number);
    return { real, effective, saved };
  }

  uids(): ProcessIds {
    return this.#ids("Uid");
  }

  username(): string {
    return uidToName(this.uids().real);
  }

  nice(): number {
    return this.stat().nice;
  }

  memoryInfo(): ProcessMemoryInfo {
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
}

/** Every pid: the numeric entries of the procfs root, sorted. */
export function pids(): number[] {
  const out: number[] = [];
  for (const name of listDir(getProcfsPath())) {
    const c = name.charCodeAt(0);
    if (c >= 48 && c <= 57 && /^\d+$/.test(name)) out.push(Number(name));
  }
  return out.sort((a, b) => a - b);
}

/**
 * Whether `pid` is a process. `kill(pid, 0)` answers for everything the
 * kernel knows, thread ids included; the `Tgid` line then tells a process
 * (its own thread group leader) from one of its threads.
 */
export function pidExists(pid: number): boolean {
  if (pid === 0) return false; // psutil: pid 0 is not in /proc on Linux
  if (libc.symbols.kill(pid, 0) !== 0 && lastErrno() === Errno.ESRCH) return false;
  try {
    const tgid = parseStatus(readProc(`${pid}/status`)).get("Tgid");
    if (tgid !== undefined) return Number(tgid) === pid;
  } catch { /* fall back to the listing */ }
  return pids().includes(pid);
}
