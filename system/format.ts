/**
 * Human-readable sizes, by psutil's `bytes2human` rules.
 *
 * @module
 */

const SYMBOLS = ["B", "K", "M", "G", "T", "P", "E", "Z", "Y"] as const;

/** Options of {@link bytes2human}. */
export interface Bytes2HumanOptions {
  /** Digits after the decimal point (default 1). */
  precision?: number;
}

/**
 * A byte count in binary units with one decimal, as psutil's example
 * scripts print it: `1023` → `"1023.0B"`, `1024` → `"1.0K"`,
 * `10_000_000` → `"9.5M"`.
 *
 * @example
 * ```ts
 * import { bytes2human } from "@x/psutil";
 * console.log(bytes2human(100 * 1024 ** 3)); // "100.0G"
 * ```
 */
export function bytes2human(n: number, options: Bytes2HumanOptions = {}): string {
  if (typeof n !== "number" || Number.isNaN(n)) throw new TypeError(`bytes2human: expected a number, got ${n}`);
  const precision = options.precision ?? 1;
  if (!Number.isInteger(precision) || precision < 0 || precision > 20) {
    throw new RangeError(`bytes2human: precision must be an integer from 0 to 20, got ${precision}`);
  }
  for (let i = SYMBOLS.length - 1; i >= 1; i--) {
    const unit = 2 ** (i * 10);
    if (Math.abs(n) >= unit) return `${(n / unit).toFixed(precision)}${SYMBOLS[i]}`;
  }
  return `${n.toFixed(precision)}B`;
}
