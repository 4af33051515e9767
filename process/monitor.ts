/**
 * `Monitor`: repeated snapshots of every process for tools that refresh
 * every second or so. Beyond psutil.
 *
 * @module
 */
import { MONITOR_ATTRS, type MonitorAttr, PROCESS_ATTRS, type ProcessAttr } from "../attrs.ts";
import { backend, type MonitorBackend } from "../platform/mod.ts";
import { optionsObject } from "../system/options.ts";
import type { MonitorRecord } from "../types.ts";
import { processIter } from "./iter.ts";

/** The attributes a {@link Monitor} reads. */
export type { MonitorAttr } from "../attrs.ts";

/** The attributes of a {@link Monitor} made without `attrs`. */
export type DefaultMonitorAttr = "pid" | "name" | "username" | "status" | "cpuPercent" | "memoryInfo" | "cmdline";

/** Options of {@link Monitor}: `A` is the attributes its records hold. */
export interface MonitorOptions<A extends MonitorAttr = MonitorAttr> {
  /** What each record holds (default: pid, name, username, status, cpuPercent, memoryInfo, cmdline). */
  attrs?: readonly A[];
  /** The most descriptors the monitor may keep open (default 1024); processes beyond are read the usual way. */
  maxOpen?: number;
}

const DEFAULT_ATTRS: DefaultMonitorAttr[] = [
  "pid",
  "name",
  "username",
  "status",
  "cpuPercent",
  "memoryInfo",
  "cmdline",
];
const ALL: readonly string[] = MONITOR_ATTRS;

/**
 * Snapshots of every process, cheaper than {@link processIter} when taken
 * again and again. On Linux it keeps each process's `stat` open and re-reads
 * it with `pread`, tells a reused pid by its start time, and closes the
 * descriptors of processes that exit; the command line and owner are read
 * once per process, and `memoryInfo` holds `rss` and `vms` only. Elsewhere it uses `processIter`. `cpuPercent`
 * compares with the previous snapshot (0 for a process first seen). Call
 * {@link Monitor.close} (or use `using`) to release the descriptors.
 *
 * @example
 * ```ts
 * import { Monitor } from "@x/psutil";
 * const m = new Monitor({ attrs: ["pid", "name", "cpuPercent"] });
 * m.sample();
 * await new Promise((r) => setTimeout(r, 100));
 * const busiest = m.sample().sort((a, b) => (b.cpuPercent ?? 0) - (a.cpuPercent ?? 0)).slice(0, 5);
 * for (const r of busiest) console.log(r.pid, r.name, r.cpuPercent?.toFixed(1));
 * m.close();
 * ```
 */
export class Monitor<A extends MonitorAttr = DefaultMonitorAttr> {
  #attrs: readonly string[];
  #impl: MonitorBackend | null;
  #closed = false;

  /** Opens a monitor; nothing is read until {@link Monitor.sample}. */
  constructor(options?: MonitorOptions<A>) {
    const o = optionsObject("Monitor", options, ["attrs", "maxOpen"], "new Monitor(");
    const attrs = (o.attrs ?? DEFAULT_ATTRS) as readonly string[];
    if (!Array.isArray(attrs)) throw new TypeError("Monitor: attrs must be an array of attribute names");
    for (const a of attrs) {
      if (typeof a !== "string" || !ALL.includes(a)) {
        throw new TypeError(`Monitor: unsupported attribute ${JSON.stringify(a)} (supported: ${ALL.join(", ")})`);
      }
    }
    const maxOpen = o.maxOpen ?? 1024;
    if (typeof maxOpen !== "number" || !Number.isInteger(maxOpen) || maxOpen < 0) {
      throw new RangeError(`Monitor: maxOpen must be an integer >= 0, got ${String(maxOpen)}`);
    }
    this.#attrs = attrs;
    this.#impl = backend.openMonitor && attrs.every((a) => backend.monitorAttrs.includes(a))
      ? backend.openMonitor(attrs, maxOpen)
      : null;
  }

  /**
   * One record per running process, sorted by pid, with the chosen attributes (`null` where denied).
   *
   * @example
   * ```ts
   * import { Monitor } from "@x/psutil";
   * const m = new Monitor({ attrs: ["pid", "name", "memoryInfo"] });
   * for (const r of m.sample().slice(0, 3)) console.log(r.pid, r.name, r.memoryInfo?.rss);
   * m.close();
   * ```
   */
  sample(): MonitorRecord<A>[] {
    if (this.#closed) throw new TypeError("Monitor: sample() after close()");
    if (this.#impl) return this.#impl.sample() as MonitorRecord<A>[];
    const out: MonitorRecord<A>[] = [];
    const attrs = this.#attrs.filter((a): a is ProcessAttr => (PROCESS_ATTRS as readonly string[]).includes(a));
    for (const p of processIter({ attrs })) out.push(p.info as MonitorRecord<A>);
    return out;
  }

  /**
   * Descriptors held now (0 where the OS has no monitor mode).
   *
   * @example
   * ```ts
   * import { Monitor } from "@x/psutil";
   * const m = new Monitor({ attrs: ["pid", "cpuTimes"] });
   * m.sample();
   * console.log(m.openDescriptors); // one per process on Linux, 0 elsewhere
   * m.close();
   * ```
   */
  get openDescriptors(): number {
    return this.#impl?.openDescriptors ?? 0;
  }

  /**
   * Closes every descriptor; the monitor cannot sample after.
   *
   * @example
   * ```ts
   * import { Monitor } from "@x/psutil";
   * const m = new Monitor();
   * m.sample();
   * m.close();
   * console.log(m.openDescriptors); // 0
   * ```
   */
  close(): void {
    this.#impl?.close();
    this.#closed = true;
  }

  /**
   * For `using m = new Monitor()`: closes it when the block ends.
   *
   * @example
   * ```ts
   * import { Monitor } from "@x/psutil";
   * {
   *   using m = new Monitor({ attrs: ["pid", "name"] });
   *   console.log(m.sample().length);
   * } // closed here
   * ```
   */
  [Symbol.dispose](): void {
    this.close();
  }
}
