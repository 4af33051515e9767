/**
 * Small arithmetic shared by every backend, as psutil's `_common` does it.
 *
 * @module
 */

/** Rounds to one decimal, as psutil's `round(x, 1)`. */
export function round1(x: number): number {
  return Math.round(x * 10) / 10;
}

/** psutil's `usage_percent`: `used / total * 100` rounded to one decimal, 0 when total is 0. */
export function usagePercent(used: number, total: number): number {
  if (total <= 0) return 0;
  return round1((used / total) * 100);
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
