/**
 * `sysconf` values, read once, by the names of the current OS's table
 * (`ffi/<os>/abi.ts`).
 *
 * @module
 */
import { libc } from "../../ffi/posix/libc.ts";
import { POSIX_ABI, type PosixAbi } from "../../ffi/abi.ts";

/** `sysconf` names used by the library, for the current OS. */
export const SC: PosixAbi["sc"] = POSIX_ABI.sc;

/** `sysconf(name)` as a number; -1 when the system does not know it. */
export function sysconf(name: number): number {
  return Number(libc.symbols.sysconf(name));
}

let ticks: number | undefined;
let page: number | undefined;

/** Clock ticks per second (`CLK_TCK`); fixed for the system's life, so read once. */
export function clockTicks(): number {
  return ticks ??= sysconf(SC.CLK_TCK);
}

/** The page size in bytes, read once. */
export function pageSize(): number {
  return page ??= sysconf(SC.PAGESIZE);
}
