/**
 * Checks of the options objects that public functions take, so that a
 * wrong argument is a `TypeError` or `RangeError` naming the function and
 * the option.
 *
 * @module
 */

/**
 * `options` itself: `undefined` or a plain object whose keys are among
 * `keys` (listed in psutil's positional order). A value passed where the
 * object goes, as psutil's positional arguments are (`cpuPercent(0.5)`,
 * `cpuTimes(true)`), is a `TypeError` that says how to write it; an unknown
 * key is a `TypeError` naming it and the accepted ones. `call` is how the
 * call is written in the hint (`"waitProcs(procs, "` for a second argument).
 */
export function optionsObject(
  fn: string,
  options: unknown,
  keys: readonly string[],
  call = `${fn}(`,
): Record<string, unknown> {
  if (options === undefined) return {};
  if (options === null || typeof options !== "object" || Array.isArray(options)) {
    const got = options === null ? "null" : Array.isArray(options) ? "an array" : typeof options;
    const hint = keys.length > 0 && options !== null && typeof options !== "function"
      ? `: write ${call}{ ${keys[0]}: ${JSON.stringify(options) ?? String(options)} })`
      : "";
    throw new TypeError(`${fn}: options must be an object, got ${got}${hint}`);
  }
  for (const k of Object.keys(options)) {
    if (!keys.includes(k)) {
      const accepted = keys.length ? `accepted: ${keys.join(", ")}` : "it takes none";
      throw new TypeError(`${fn}: unknown option ${JSON.stringify(k)} (${accepted})`);
    }
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
