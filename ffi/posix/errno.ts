/**
 * errno numbers and names, for the current OS.
 *
 * @module
 */
import { type ErrnoTable, POSIX_ABI } from "../abi.ts";

/** The errno values the library acts on, for the current OS (its table in `ffi/<os>/abi.ts`). */
export const Errno: ErrnoTable = POSIX_ABI.errno;

const NAMES = new Map<number, string>(Object.entries(Errno).map(([k, v]) => [v, k]));

/** The symbolic name of an errno value (`"ENOENT"`), or `"E<n>"` when unknown. */
export function errnoName(errno: number): string {
  return NAMES.get(errno) ?? `E${errno}`;
}
