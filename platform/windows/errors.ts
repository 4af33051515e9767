/**
 * Win32 error codes as the library's errors: one translation point.
 *
 * @module
 */
import { AccessDenied, NoSuchProcess, OsError } from "../../errors.ts";

/** The Win32 codes the library acts on (winerror.h). */
export const WinError = {
  ERROR_INVALID_FUNCTION: 1,
  ERROR_FILE_NOT_FOUND: 2,
  ERROR_PATH_NOT_FOUND: 3,
  ERROR_ACCESS_DENIED: 5,
  ERROR_INVALID_HANDLE: 6,
  ERROR_NOT_READY: 21,
  ERROR_NOT_SUPPORTED: 50,
  ERROR_INVALID_PARAMETER: 87,
  ERROR_INSUFFICIENT_BUFFER: 122,
  ERROR_PARTIAL_COPY: 299,
} as const;

const NAMES = new Map<number, string>(Object.entries(WinError).map(([k, v]) => [v, k]));

/** A failed Win32 call that is not about a process, as an `OsError` keeping the code. */
export function win32Error(code: number, call: string, path: string | null = null): OsError {
  return new OsError(code, NAMES.get(code) ?? `WIN32_${code}`, call, path);
}

/** A failed NT call's NTSTATUS (as the unsigned number NT headers spell) as an `OsError`. */
export function ntstatusError(status: number, call: string, path: string | null = null): OsError {
  return new OsError(status >>> 0, "NTSTATUS", call, path);
}

/** A failed Win32 call about process `pid`: `AccessDenied`, `NoSuchProcess` or an `OsError`. */
export function processError(code: number, call: string, pid: number, name: string | null = null): Error {
  if (code === WinError.ERROR_ACCESS_DENIED) return new AccessDenied(pid, name);
  // OpenProcess says "invalid parameter" for a pid that does not exist.
  if (code === WinError.ERROR_INVALID_PARAMETER) return new NoSuchProcess(pid, name);
  return win32Error(code, call);
}
