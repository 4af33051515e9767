/**
 * `sysconf` values, read once. The names are glibc's and musl's numbering
 * on Linux (bits/confname.h), and the BSD `unistd.h` numbering elsewhere.
 *
 * @module
 */
import { libc } from "../../ffi/posix/libc.ts";
import { currentOs } from "../../ffi/runtime.ts";

const LINUX = currentOs === "linux";

/** `sysconf` names used by the library, for the current OS. */
export const SC = {
  CLK_TCK: LINUX ? 2 : 3,
  PAGESIZE: LINUX ? 30 : currentOs === "darwin" ? 29 : 47,
  NPROCESSORS_CONF: LINUX ? 83 : currentOs === "darwin" ? 57 : 57,
  NPROCESSORS_ONLN: LINUX ? 84 : currentOs === "darwin" ? 58 : 58,
} as const;

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
