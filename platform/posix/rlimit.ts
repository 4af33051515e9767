/**
 * `rlim_t` values on the BSDs (macOS, FreeBSD), where `RLIM_INFINITY` is
 * `2^63 - 1`: the library gives it as the `RLIM_INFINITY` constant (the same
 * number, as a double) and takes that or -1 for it.
 *
 * @module
 */
import { RLIM_INFINITY } from "../../constants.ts";

/** The BSDs' `RLIM_INFINITY` as the kernel stores it. */
const INFINITY_U64 = 0x7fffffffffffffffn;

/** A limit as the kernel takes it: `RLIM_INFINITY` (or -1) is infinity. */
export function toRlim(v: number | bigint): bigint {
  return v === -1 || v === RLIM_INFINITY ? INFINITY_U64 : BigInt(v);
}

/** An `rlim_t` as a number (infinity as the `RLIM_INFINITY` constant), a bigint where a number would round. */
export function fromRlim(v: bigint): number | bigint {
  if (v >= INFINITY_U64) return RLIM_INFINITY;
  return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : v;
}
