/**
 * errno as the library's errors: one translation point for the POSIX
 * backends (as windows/errors.ts is for Win32 codes and NTSTATUS).
 *
 * @module
 */
import { OsError } from "../../errors.ts";
import { errnoName } from "../../ffi/posix/errno.ts";
import { lastErrno } from "../../ffi/posix/libc.ts";

/** An errno value from call `call` (on `path`) as an `OsError` with its name. */
export function errnoError(errno: number, call: string, path: string | null = null): OsError {
  return new OsError(errno, errnoName(errno), call, path);
}

/** The `OsError` of the call that just failed: read `errno` in the statement right after it. */
export function lastOsError(call: string, path: string | null = null): OsError {
  return errnoError(lastErrno(), call, path);
}
