/**
 * The argument checks of `Process` and its neighbours: pids, attribute
 * lists, integers in a range. Each throws `TypeError` or `RangeError`
 * naming what was wrong.
 *
 * @module
 */
import { PROCESS_ATTRS, type ProcessAttr } from "../attrs.ts";

export { checkInt } from "../platform/common.ts";

/** The largest pid any OS hands out (`pid_t` is a signed 32-bit integer). */
export const PID_MAX = 0x7fffffff;

/** Throws unless `pid` is an integer: `TypeError` otherwise, `RangeError` when negative. */
export function checkPid(pid: unknown, what = "pid"): number {
  if (typeof pid !== "number" || !Number.isInteger(pid)) {
    throw new TypeError(`${what} must be an integer, got ${typeof pid === "number" ? pid : typeof pid}`);
  }
  if (pid < 0) throw new RangeError(`${what} must be >= 0, got ${pid}`);
  return pid;
}

const ATTR_SET = new Set<string>(PROCESS_ATTRS);

/** Checks an `attrs` list, throwing `TypeError` on an unknown name. */
export function checkAttrs(attrs: unknown): readonly ProcessAttr[] | undefined {
  if (attrs === undefined || attrs === null) return undefined;
  if (!Array.isArray(attrs)) throw new TypeError("attrs must be an array of attribute names");
  for (const a of attrs) {
    if (typeof a !== "string" || !ATTR_SET.has(a)) {
      throw new TypeError(`Unknown process attribute: ${JSON.stringify(a)} (valid: ${PROCESS_ATTRS.join(", ")})`);
    }
  }
  return attrs as ProcessAttr[];
}
