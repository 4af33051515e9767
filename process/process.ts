/**
 * `Process`, `pids`, `pidExists`: psutil's process API over the backend,
 * with argument checks, identity (pid + creation time) and psutil's error
 * rules.
 *
 * @module
 */
import { AccessDenied, NoSuchProcess, NotImplementedError, ZombieProcess } from "../errors.ts";
import { selfPid } from "../ffi/runtime.ts";
import { backend, type ProcessBackend } from "../platform/mod.ts";
import type { ProcessCpuTimes, ProcessIds, ProcessMemoryInfo } from "../types.ts";

/** Throws unless `pid` is a non-negative integer. */
export function checkPid(pid: unknown, what = "pid"): number {
  if (typeof pid !== "number" || !Number.isInteger(pid)) {
    throw new TypeError(`${what} must be an integer, got ${typeof pid === "number" ? pid : typeof pid}`);
  }
  if (pid < 0) throw new RangeError(`${what} must be >= 0, got ${pid}`);
  if (pid > 0x7fffffff) throw new RangeError(`${what} is too large: ${pid}`);
  return pid;
}

/**
 * Every running pid, sorted.
 *
 * @example
 * ```ts
 * import { pids } from "./mod.ts";
 * console.log(pids().length, "processes");
 * ```
 */
export function pids(): number[] {
  return backend.pids();
}

/**
 * Whether a process with this pid exists. Thread ids answer `false` (as psutil on Linux).
 * A negative or non-integer pid is a `RangeError` / `TypeError`.
 *
 * @example
 * ```ts
 * import { pidExists } from "./mod.ts";
 * console.log(pidExists(1)); // true
 * ```
 */
export function pidExists(pid: number): boolean {
  return backend.pidExists(checkPid(pid));
}

/** The names `asDict` accepts, in psutil's order. */
export const PROCESS_ATTRS = [
  "cmdline",
  "cpuTimes",
  "createTime",
  "memoryInfo",
  "name",
  "nice",
  "pid",
  "ppid",
  "status",
  "uids",
  "username",
] as const;

/** An attribute name `asDict` and `processIter` accept. */
export type ProcessAttr = typeof PROCESS_ATTRS[number];

const ATTR_SET = new Set<string>(PROCESS_ATTRS);

/** Options of {@link Process.asDict}. */
export interface AsDictOptions {
  /** The attributes to read; all of them when omitted. */
  attrs?: readonly ProcessAttr[] | readonly string[];
  /** What to put where a read raises `AccessDenied` or `ZombieProcess` (default `null`). */
  adValue?: unknown;
}

/** Checks an `attrs` list, throwing `TypeError` on an unknown name. */
export function checkAttrs(attrs: readonly string[] | undefined): readonly string[] | undefined {
  if (attrs === undefined) return undefined;
  if (!Array.isArray(attrs)) throw new TypeError("attrs must be an array of attribute names");
  for (const a of attrs) {
    if (typeof a !== "string" || !ATTR_SET.has(a)) {
      throw new TypeError(`Unknown process attribute: ${JSON.stringify(a)} (valid: ${PROCESS_ATTRS.join(", ")})`);
    }
  }
  return attrs;
}

function formatStarted(createTime: number): string {
  const d = new Date(createTime * 1000);
  const pad = (n: number) => String(n).padStart(2, "0");
  const time = `${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}`;
  const now = new Date();
  if (d.toDateString() === now.toDateString()) return time;
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())} ${time}`;
}

/**
 * A process, identified by pid and creation time so that a reused pid is
 * noticed.
 *
 * @example
 * ```ts
 * import { Process } from "./mod.ts";
 * const p = new Process(); // this process
 * console.log(p.pid, p.name(), p.status(), p.cmdline());
 * console.log(p.oneshot(() => [p.ppid(), p.createTime()]));
 * ```
 */
export class Process {
  #pid: number;
  #impl: ProcessBackend;
  #createTime: number | null = null;
  #name: string | null = null;
  #oneshotDepth = 0;

  /**
   * Opens the process `pid` (default: this process). Throws `NoSuchProcess`
   * when there is none, `TypeError` / `RangeError` for a bad pid.
   */
  constructor(pid?: number) {
    this.#pid = pid === undefined ? selfPid() : checkPid(pid);
    this.#impl = backend.process(this.#pid);
    try {
      this.#createTime = this.#impl.createTime();
    } catch (e) {
      if (e instanceof AccessDenied || e instanceof ZombieProcess || e instanceof NotImplementedError) {
        // Identity falls back to the pid alone, as in psutil.
      } else if (e instanceof NoSuchProcess) {
        throw new NoSuchProcess(this.#pid, null, `process PID not found`);
      } else throw e;
    }
  }

  /** The process id. */
  get pid(): number {
    return this.#pid;
  }

  /** Calls the backend, adding the known name to psutil's errors. */
  #call<T>(fn: (impl: ProcessBackend) => T): T {
    try {
      return fn(this.#impl);
    } catch (e) {
      if (this.#name !== null && (e as NoSuchProcess).processName === null) {
        if (e instanceof ZombieProcess) throw new ZombieProcess(this.#pid, this.#name, e.ppid, e.msg);
        if (e instanceof NoSuchProcess) throw new NoSuchProcess(this.#pid, this.#name, e.msg);
        if (e instanceof AccessDenied) throw new AccessDenied(this.#pid, this.#name, e.msg);
      }
      throw e;
    }
  }

  /**
   * Runs `fn` with the per-process cache on: every method that reads the same
   * OS source inside it is served by one read. Returns what `fn` returns (a
   * Promise is awaited before the cache is turned off). Nested calls are no-ops.
   *
   * @example
   * ```ts
   * import { Process } from "./mod.ts";
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
    return full;
  }

  /** The command line as a list of arguments. */
  cmdline(): string[] {
    return this.#call((i) => i.cmdline());
  }

  /** The parent's pid. */
  ppid(): number {
    return this.#call((i) => i.ppid());
  }

  /** A `STATUS_*` constant. */
  status(): string {
    return this.#call((i) => i.status());
  }

  /** Creation time in seconds since the epoch. */
  createTime(): number {
    if (this.#createTime === null) this.#createTime = this.#call((i) => i.createTime());
    return this.#createTime;
  }

  /** Real, effective and saved user ids. */
  uids(): ProcessIds {
    return this.#call((i) => i.uids());
  }

  /** The owner's name. */
  username(): string {
    return this.#call((i) => i.username());
  }

  /** The nice value (read only, for now). */
  nice(): number {
    return this.#call((i) => i.nice());
  }

  /** Memory counters in bytes. */
  memoryInfo(): ProcessMemoryInfo {
    return this.#call((i) => i.memoryInfo());
  }

  /** CPU times in seconds. */
  cpuTimes(): ProcessCpuTimes {
    return this.#call((i) => i.cpuTimes());
  }

  /**
   * Whether the process is still running and is still the same process (its
   * creation time is unchanged: the pid was not reused).
   */
  isRunning(): boolean {
    try {
      const other = backend.process(this.#pid).createTime();
      return this.#createTime === null || other === this.#createTime;
    } catch (e) {
      if (e instanceof ZombieProcess) return true;
      if (e instanceof NoSuchProcess) return false;
      if (e instanceof AccessDenied) return backend.pidExists(this.#pid);
      throw e;
    }
  }

  /**
   * Several attributes at once, read under {@link Process.oneshot}. Reads that
   * raise `AccessDenied` or `ZombieProcess` give `adValue`; a method the OS
   * cannot answer is left out unless it was asked for by name.
   *
   * @example
   * ```ts
   * import { Process } from "./mod.ts";
   * console.log(new Process().asDict({ attrs: ["pid", "name", "username"] }));
   * ```
   */
  asDict(options: AsDictOptions = {}): Record<string, unknown> {
    const asked = checkAttrs(options.attrs);
    const adValue = options.adValue ?? null;
    const names = asked ?? PROCESS_ATTRS;
    return this.oneshot(() => {
      const out: Record<string, unknown> = {};
      for (const attr of names) {
        if (attr === "pid") {
          out.pid = this.#pid;
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

  /** Whether `other` is the same process (same pid and creation time). */
  equals(other: unknown): boolean {
    if (!(other instanceof Process)) return false;
    return other.#pid === this.#pid && other.#createTime === this.#createTime;
  }

  /** psutil's repr: `psutil.Process(pid=1, name='systemd', status='sleeping', started='10:02:03')`. */
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
    return `psutil.Process(${parts.join(", ")})`;
  }
}
