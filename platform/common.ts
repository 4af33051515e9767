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
