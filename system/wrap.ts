/**
 * psutil's `wrap_numbers`: counters that the kernel keeps in 32 bits (some
 * NIC drivers, old disk stats) wrap around to 0; this remembers what each
 * counter had reached and adds it back, so the results only ever grow.
 *
 * @module
 */

type Counters = Record<string, number>;

interface Memory {
  /** The counters of the last call, per device (copies: what the caller got may be changed by it). */
  last: Map<string, Counters>;
  /** Per device, what to add to each field that has wrapped. */
  reminders: Map<string, Counters>;
}

const memories = new Map<string, Memory>();

/**
 * Corrects `input` (counters per device) for wrap-arounds seen since the
 * last call with the same `name`, in place: the backends make fresh objects
 * at every call, and the raw values are kept apart. The first call returns `input` as it is;
 * a device that disappears is forgotten. A device none of whose counters
 * ever went back costs one comparison per field, and no string.
 */
export function wrapNumbers<T extends object>(input: Map<string, T>, name: string): Map<string, T> {
  const raw = input as unknown as Map<string, Counters>;
  const last = new Map<string, Counters>();
  for (const [device, now] of raw) last.set(device, { ...now });
  const mem = memories.get(name);
  if (!mem) {
    memories.set(name, { last, reminders: new Map() });
    return input;
  }
  for (const device of mem.reminders.keys()) if (!raw.has(device)) mem.reminders.delete(device);
  for (const [device, now] of raw) {
    const old = mem.last.get(device);
    if (!old) continue;
    let rem = mem.reminders.get(device);
    for (const field in now) {
      const value = now[field];
      if (value < old[field]) {
        if (rem === undefined) mem.reminders.set(device, rem = {});
        rem[field] = (rem[field] ?? 0) + old[field];
      }
    }
    if (rem !== undefined) { for (const field in rem) if (field in now) now[field] += rem[field]; }
  }
  mem.last = last;
  return input;
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
