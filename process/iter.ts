/**
 * `processIter` and `waitProcs`: every process, with a cache that survives
 * between calls, and waiting for several processes at once.
 *
 * @module
 */
import { NoSuchProcess, OsError, TimeoutExpired } from "../errors.ts";
import { backend } from "../platform/mod.ts";
import { isHidden, outOfDescriptors } from "../platform/common.ts";
import { optionsObject, secondsOption } from "../system/options.ts";
import { type AsDictOptions, Process } from "./process.ts";
import { PROCESS_ATTRS, type ProcessAttr } from "../attrs.ts";
import type { AsDictResult } from "../types.ts";
import { checkAttrs } from "./args.ts";

const cache = new Map<number, Process>();

/** Options of {@link processIter}: `A` is the list of attribute names, `V` the type of `adValue`. */
export interface ProcessIterOptions<A extends readonly ProcessAttr[] = readonly ProcessAttr[], V = unknown>
  extends AsDictOptions<A, V> {}

/** A `Process` of {@link processIter} with `attrs`: its `info` holds those attributes, typed `I`. */
export type ProcessWithInfo<I> = Process & {
  /** What `asDict({ attrs, adValue })` gave at this round of the iteration. */
  info: I;
};

/**
 * Every running process, sorted by pid. `Process` objects are kept between
 * calls (so `cpuPercent()` compares with the previous round) and dropped when
 * their pid ends or is reused. With `attrs`, each process has `info`: its
 * `asDict({ attrs, adValue })` (an empty `attrs` list means every attribute,
 * as in psutil). A process that ends during the iteration is skipped, never
 * thrown, and so is one whose files the OS cannot read or that are not in its
 * format (an `OsError` about that process).
 *
 * On Linux with two or more CPUs, from the second call over 256 or more
 * processes, a helper thread reads the same procfs files from the other end
 * of the pid list while this one walks it (the reads are system calls, which
 * two threads do nearly twice as fast). The answers are the same; the helper
 * never keeps the program alive.
 *
 * With `attrs`, `info` is typed from the list, as {@link Process.asDict}'s
 * answer (each attribute `null`, or the `adValue`, where it was denied).
 *
 * @example
 * ```ts
 * import { processIter } from "@x/psutil";
 * for (const p of processIter({ attrs: ["pid", "name", "memoryInfo"] })) {
 *   console.log(p.info.pid, p.info.name, p.info.memoryInfo?.rss ?? "denied");
 * }
 * ```
 */
export function processIter<const A extends readonly ProcessAttr[], V = null>(
  options: ProcessIterOptions<A, V> & { attrs: A },
): IterableIterator<ProcessWithInfo<AsDictResult<A, V>>>;
/** Every process, without `info`. */
export function processIter(options?: { attrs?: undefined | null; adValue?: unknown }): IterableIterator<Process>;
export function* processIter(
  options?: ProcessIterOptions | { attrs?: undefined | null; adValue?: unknown },
): IterableIterator<Process> {
  const o = optionsObject("processIter", options, ["attrs", "adValue"]);
  const attrs = checkAttrs(o.attrs);
  const adValue = o.adValue;
  const wantInfo = o.attrs !== undefined && o.attrs !== null;
  const current = backend.pids();
  const alive = new Set(current);
  for (const pid of cache.keys()) if (!alive.has(pid)) cache.delete(pid);
  const batch = backend.beginProcessBatch?.(current, wantInfo ? (attrs?.length ? attrs : PROCESS_ATTRS) : []) ?? null;
  try {
    yield* iterate(current, attrs, adValue, wantInfo);
  } finally {
    batch?.end();
  }
}

function* iterate(
  current: number[],
  attrs: readonly ProcessAttr[] | undefined,
  adValue: unknown,
  wantInfo: boolean,
): IterableIterator<Process> {
  for (const pid of current) {
    let p = cache.get(pid);
    try {
      const cached = p;
      // One snapshot serves the reuse check and the attributes.
      const info = cached?.oneshot(() =>
        cached.isRunning() ? (wantInfo ? cached.asDict({ attrs, adValue }) : {}) : null
      );
      if (info === null || info === undefined) {
        p = new Process(pid);
        cache.set(pid, p);
        if (wantInfo) p.info = p.asDict({ attrs, adValue });
      } else if (wantInfo) p!.info = info;
    } catch (e) {
      if (e instanceof NoSuchProcess || isHidden(e) || oddProcess(e)) {
        cache.delete(pid);
        continue;
      }
      throw e;
    }
    yield p!;
  }
}

/**
 * Whether `e` is an OS error about one process (its files unreadable or not
 * in the kernel's format): that process is skipped, as psutil skips what
 * raises. Running out of descriptors or memory concerns every process and
 * is thrown.
 */
function oddProcess(e: unknown): boolean {
  return e instanceof OsError && !outOfDescriptors(e) && !EXHAUSTED.has(e.code);
}

/** Besides EMFILE and ENFILE: the codes (POSIX errno names, Win32 error names) of a system out of descriptors or memory. */
const EXHAUSTED = new Set(["ENOMEM", "ERROR_TOO_MANY_OPEN_FILES", "ERROR_NOT_ENOUGH_MEMORY", "ERROR_OUTOFMEMORY"]);

/**
 * Forgets the `Process` objects {@link processIter} keeps (psutil's `process_iter.cache_clear()`).
 *
 * @example
 * ```ts
 * import { processIter, processIterCacheClear } from "@x/psutil";
 * const first = [...processIter()];
 * processIterCacheClear(); // the next pass makes new Process objects
 * console.log(first.length, [...processIter()].length);
 * ```
 */
export function processIterCacheClear(): void {
  cache.clear();
}

/** Options of {@link waitProcs}. */
export interface WaitProcsOptions {
  /** Seconds to wait at most; without it, waits until every process has ended. */
  timeout?: number;
  /** Called with each process as it ends (its `returncode` already set). */
  callback?: (proc: Process) => void;
}

/** What {@link waitProcs} resolves to. */
export interface WaitProcsResult {
  /** The processes that ended, in the order they ended, each with `returncode`. */
  gone: Process[];
  /** Those still running when the time ran out. */
  alive: Process[];
}

/**
 * Waits for several processes at once, for at most `timeout` seconds.
 * Ended processes get `returncode` (their exit code when they were children
 * of this process, else `null`) and are passed to `callback`.
 *
 * @example
 * ```ts
 * import { Popen, waitProcs } from "@x/psutil";
 * const procs = [new Popen(["sleep", "0.1"]), new Popen(["sleep", "0.2"])];
 * const { gone, alive } = await waitProcs(procs, { timeout: 5 });
 * console.log(gone.map((p) => p.returncode), alive.length);
 * ```
 */
export async function waitProcs(procs: Iterable<Process>, options?: WaitProcsOptions): Promise<WaitProcsResult> {
  const o = optionsObject("waitProcs", options, ["timeout", "callback"], "waitProcs(procs, ");
  const timeout = secondsOption("waitProcs", o, "timeout");
  const callback = o.callback;
  if (callback !== undefined && typeof callback !== "function") {
    throw new TypeError("waitProcs: callback must be a function");
  }
  if (procs === null || typeof (procs as Iterable<Process>)[Symbol.iterator] !== "function") {
    throw new TypeError("waitProcs: procs must be an iterable of Process objects");
  }
  const list = [...procs];
  for (const p of list) if (!(p instanceof Process)) throw new TypeError("waitProcs: every element must be a Process");
  const gone: Process[] = [];
  const alive = new Set(list);
  await Promise.all(list.map(async (p) => {
    try {
      p.returncode = await p.wait({ timeout });
    } catch (e) {
      if (e instanceof TimeoutExpired) return;
      throw e;
    }
    gone.push(p);
    alive.delete(p);
    (callback as ((p: Process) => void) | undefined)?.(p);
  }));
  return { gone, alive: [...alive] };
}
