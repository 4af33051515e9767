/**
 * What every backend shares: psutil's `_common` arithmetic, the identity
 * check before an action, and the `oneshot` cache.
 *
 * @module
 */
import { NoSuchProcess, OsError } from "../errors.ts";

/** Rounds to one decimal, as psutil's `round(x, 1)`. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** psutil's `usage_percent`: `used / total * 100` rounded to one decimal, 0 when total is 0. */
export function usagePercent(used: number, total: number): number {
  if (total <= 0) return 0;
  return round1((used / total) * 100);
}

/** Throws unless `v` is an integer within `min..max`, naming the call `fn` and the argument `name`. */
export function checkInt(fn: string, name: string, v: unknown, min: number, max: number): number {
  if (typeof v !== "number" || !Number.isInteger(v)) {
    throw new TypeError(`${fn}: ${name} must be an integer, got ${typeof v === "number" ? v : typeof v}`);
  }
  if (v < min || v > max) throw new RangeError(`${fn}: ${name} must be within ${min}..${max}, got ${v}`);
  return v;
}

/** Whether `e` is an `OsError` for a process with no file descriptor left to open (EMFILE) or a system with none (ENFILE). */
export function outOfDescriptors(e: unknown): boolean {
  return e instanceof OsError && (e.code === "EMFILE" || e.code === "ENFILE");
}

/** The message of a `NoSuchProcess` for a pid that another process took over. */
export const PID_REUSED = "process no longer exists and its PID has been reused";

const hidden = new WeakSet<object>();

/**
 * Marks an `AccessDenied` as "this process exists but is hidden from us"
 * (Linux procfs `hidepid`): `new Process(pid)` then throws it instead of
 * opening the process with the pid alone as identity.
 */
export function markHidden<E extends object>(e: E): E {
  hidden.add(e);
  return e;
}

/** Whether `e` was marked by {@link markHidden}. */
export function isHidden(e: unknown): boolean {
  return typeof e === "object" && e !== null && hidden.has(e);
}

/**
 * `ProcessBackend.guard` for an OS with no way to pin a process: checks
 * the creation time read now by `currentCreateTime` (which throws
 * `NoSuchProcess` when the pid is gone), then acts.
 */
export function checkThenAct<T>(
  pid: number,
  name: string | null,
  createTime: number | null,
  currentCreateTime: () => number,
  act: () => T,
): T {
  if (createTime !== null && currentCreateTime() !== createTime) throw new NoSuchProcess(pid, name, PID_REUSED);
  return act();
}

/** The keys the consoles of Deno and of Bun and Node look for on an object that prints itself. */
const DENO_INSPECT = Symbol.for("Deno.customInspect");
const NODE_INSPECT = Symbol.for("nodejs.util.inspect.custom");

/**
 * Gives `target` (an object, or a class's prototype) a console form:
 * `console.log` prints `form(this)` (a string as it is, anything else as
 * the console prints values) in Deno, Bun and Node, instead of `[Getter]`
 * for a lazy field or a class's private state. The keys are not enumerable:
 * spreading, `Object.keys` and `JSON.stringify` do not see them.
 */
export function consoleForm<T extends object>(target: T, form: (self: T) => unknown): T {
  Object.defineProperty(target, DENO_INSPECT, {
    configurable: true,
    value(this: T, inspect: (v: unknown, o: unknown) => string, options: unknown) {
      const v = form(this);
      return typeof v === "string" ? v : inspect(v, options);
    },
  });
  Object.defineProperty(target, NODE_INSPECT, {
    configurable: true,
    value(this: T) {
      return form(this);
    },
  });
  return target;
}

/**
 * The raw-source cache behind `oneshot`: off by default; between `enter()`
 * and `exit()`, each source is loaded once and then served from memory.
 */
export class SourceCache {
  #map: Map<string, unknown> | null = null;

  /** Turns the cache on. */
  enter(): void {
    this.#map = new Map();
  }

  /** Turns it off and drops what it holds. */
  exit(): void {
    this.#map = null;
  }

  /** Whether the cache is on. */
  get active(): boolean {
    return this.#map !== null;
  }

  /** Whether `key` is held now. */
  has(key: string): boolean {
    return this.#map?.has(key) ?? false;
  }

  /** `load()`, or while on, the value loaded the first time for `key`. */
  get<T>(key: string, load: () => T): T {
    const m = this.#map;
    if (m === null) return load();
    if (m.has(key)) return m.get(key) as T;
    const v = load();
    m.set(key, v);
    return v;
  }
}

/**
 * What every OS's process handle shares: the pid, the name once the facade
 * knows it, and the oneshot cache that `oneshotEnter`/`oneshotExit` turn on
 * and off.
 */
export abstract class ProcessHandle {
  /** The pid this handle reads. */
  readonly pid: number;
  /** The process's name once the facade knows it, for the errors the handle throws. */
  knownName: string | null = null;
  /** The raw-source cache behind `oneshot`. */
  protected readonly cache: SourceCache = new SourceCache();

  /** A handle on `pid`; opening one checks nothing. */
  constructor(pid: number) {
    this.pid = pid;
  }

  /** Turns the raw-source cache on. */
  oneshotEnter(): void {
    this.cache.enter();
  }

  /** Turns the cache off and drops what it holds. */
  oneshotExit(): void {
    this.cache.exit();
  }
}
