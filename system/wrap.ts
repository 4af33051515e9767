/**
 * psutil's `wrap_numbers`: counters that the kernel keeps in 32 bits (some
 * NIC drivers, old disk stats) wrap around to 0; this remembers what each
 * counter had reached and adds it back, so the results only ever grow.
 *
 * @module
 */

type Counters = Record<string, number>;

interface Memory {
  last: Map<string, Counters>;
  /** `device\0field` -> what to add. */
  reminders: Map<string, number>;
}

const memories = new Map<string, Memory>();

/**
 * Corrects `input` (counters per device) for wrap-arounds seen since the
 * last call with the same `name`. The first call returns `input` as it is;
 * a device that disappears is forgotten.
 */
export function wrapNumbers<T extends object>(input: Map<string, T>, name: string): Map<string, T> {
  const mem = memories.get(name);
  const raw = input as unknown as Map<string, Counters>;
  if (!mem) {
    memories.set(name, { last: raw, reminders: new Map() });
    return input;
  }
  for (const key of mem.reminders.keys()) {
    if (!raw.has(key.slice(0, key.indexOf("\0")))) mem.reminders.delete(key);
  }
  const out = new Map<string, T>();
  for (const [device, now] of raw) {
    const old = mem.last.get(device);
    if (!old) {
      out.set(device, now as unknown as T);
      continue;
    }
    const fixed: Counters = {};
    for (const [field, value] of Object.entries(now)) {
      const key = `${device}\0${field}`;
      let add = mem.reminders.get(key) ?? 0;
      if (value < old[field]) mem.reminders.set(key, add += old[field]);
      fixed[field] = value + add;
    }
    out.set(device, fixed as unknown as T);
  }
  mem.last = raw;
  return out;
}

/**
 * Forgets what {@link wrapNumbers} remembered, for one counter family
 * (`"netIoCounters"`, `"diskIoCounters"`) or all. psutil's
 * `net_io_counters.cache_clear()` and `disk_io_counters.cache_clear()`.
 *
 * @example
 * ```ts
 * import { netIoCounters, wrapNumbersCacheClear } from "@x/psutil";
 * netIoCounters();
 * wrapNumbersCacheClear("netIoCounters"); // the next call starts counting wraps afresh
 * console.log(netIoCounters()?.bytesRecv);
 * ```
 */
export function wrapNumbersCacheClear(name?: string): void {
  if (name === undefined) memories.clear();
  else memories.delete(name);
}

/** Sums counters of several devices field by field; `null` when there are none. */
export function sumCounters<T extends object>(devices: Iterable<T>): T | null {
  let total: Counters | null = null;
  for (const d of devices) {
    if (total === null) total = { ...(d as unknown as Counters) };
    else for (const [k, v] of Object.entries(d)) total[k] += v;
  }
  return total as T | null;
}
