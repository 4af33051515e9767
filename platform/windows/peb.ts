/**
 * Reading another process's own memory: its PEB and the
 * `RTL_USER_PROCESS_PARAMETERS` it points at (command line, working
 * directory, environment), through NtQueryInformationProcess and
 * ReadProcessMemory on a handle the caller opened.
 *
 * @module
 */
import { AccessDenied } from "../../errors.ts";
import type { Pointer } from "../../ffi/mod.ts";
import { u64Out } from "../../ffi/mod.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { kernel32, lastError, ntdll } from "../../ffi/windows/libs.ts";
import {
  PEB,
  PROCESS_BASIC_INFORMATION,
  RTL_USER_PROCESS_PARAMETERS,
  UNICODE_STRING,
} from "../../ffi/windows/structs.ts";
import { ntstatusError, processError, WinError } from "./errors.ts";

const ERROR_NOACCESS = 998;
const ProcessBasicInformation = 0;

/** Reads `size` bytes at `addr` of the memory of process `pid` (open as `h`). */
export function readMemory(h: Pointer, addr: bigint, size: number, pid: number, name: string | null): Uint8Array {
  const buf = new Uint8Array(size), got = new Uint8Array(8);
  if (!kernel32.symbols.ReadProcessMemory(h, addr, buf, BigInt(size), got)) {
    const code = lastError();
    // Memory not (yet) readable, as in a process still starting: refused, as psutil says.
    if (code === WinError.ERROR_PARTIAL_COPY || code === ERROR_NOACCESS) {
      throw new AccessDenied(pid, name);
    }
    throw processError(code, "ReadProcessMemory", pid, name);
  }
  return buf.subarray(0, Number(u64Out(got)));
}

/** The `RTL_USER_PROCESS_PARAMETERS` of process `pid` (open as `h`), read from its PEB. */
export function processParameters(h: Pointer, pid: number, name: string | null): DataView {
  const pbi = allocStruct(PROCESS_BASIC_INFORMATION);
  const status = ntdll.symbols.NtQueryInformationProcess(h, ProcessBasicInformation, pbi.buf, pbi.buf.length, null);
  if (status !== 0) throw ntstatusError(status, "NtQueryInformationProcess");
  const peb = readMemory(h, PROCESS_BASIC_INFORMATION.big(pbi.view, "PebBaseAddress"), PEB.size, pid, name);
  const params = PEB.big(new DataView(peb.buffer, peb.byteOffset), "ProcessParameters");
  const p = readMemory(h, params, RTL_USER_PROCESS_PARAMETERS.size, pid, name);
  if (p.length < RTL_USER_PROCESS_PARAMETERS.size) throw new AccessDenied(pid, name);
  return new DataView(p.buffer, p.byteOffset, p.byteLength);
}

/** A `UNICODE_STRING` member of the process parameters, read from process `pid` (open as `h`). */
export function parameterString(h: Pointer, params: DataView, field: string, pid: number, name: string | null): string {
  const base = RTL_USER_PROCESS_PARAMETERS.offset(field);
  const len = UNICODE_STRING.num(params, "Length", base);
  const addr = UNICODE_STRING.big(params, "Buffer", base);
  if (len === 0 || addr === 0n) return "";
  return new TextDecoder("utf-16le").decode(readMemory(h, addr, len, pid, name));
}
