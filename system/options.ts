/**
 * Checks of the options objects that public functions take, so that a
 * wrong argument is a `TypeError` or `RangeError` naming the function and
 * the option.
 *
 * @module
 */

/** `options` itself: `undefined` or a plain object. */
export function optionsObject(fn: string, options: unknown): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    throw new TypeError(`${fn}: options must be an object, got ${options === null ? "null" : typeof options}`);
  }
  return options as Record<string, unknown>;
}

/** A boolean option, `fallback` when absent. */
export function boolOption(fn: string, options: Record<string, unknown>, name: string, fallback: boolean): boolean {
  const v = options[name] ?? fallback;
  if (typeof v !== "boolean") throw new TypeError(`${fn}: ${name} must be a boolean, got ${typeof v}`);
  return v;
}

/** A non-negative finite number of seconds, `undefined` when absent (or `null`). */
export function secondsOption(fn: string, options: Record<string, unknown>, name: string): number | undefined {
  const v = options[name];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== "number" || Number.isNaN(v)) throw new TypeError(`${fn}: ${name} must be a number, got ${typeof v}`);
  if (v < 0 || !Number.isFinite(v)) throw new RangeError(`${fn}: ${name} must be a finite number >= 0, got ${v}`);
  return v;
}

/** Resolves after `seconds`. */
export function sleep(seconds: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, seconds * 1000));
}
