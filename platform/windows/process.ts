/**
 * Windows processes: EnumProcesses, one SystemProcessInformation snapshot
 * (name, parent, threads, context switches, status, private working set),
 * OpenProcess with the least access each call needs, GetProcessTimes,
 * GetProcessMemoryInfo, QueryFullProcessImageNameW, and the PEB for the
 * command line, working directory and environment.
 *
 * @module
 */
import { AccessDenied, NoSuchProcess, NotImplementedError } from "../../errors.ts";
import { addressOf, dwordOut, type Pointer, pointerOut, u64Out } from "../../ffi/mod.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { advapi32, kernel32, lastError, ntdll, psapi, readWstr } from "../../ffi/windows/libs.ts";
import { netConnections } from "./net.ts";
import { handlesOf, openFilesOf } from "./handles.ts";
import {
  IO_COUNTERS,
  MEMORY_BASIC_INFORMATION,
  PROCESS_MEMORY_COUNTERS_EX,
  RTL_USER_PROCESS_PARAMETERS,
  UNICODE_STRING,
} from "../../ffi/windows/structs.ts";
import {
  ABOVE_NORMAL_PRIORITY_CLASS,
  BELOW_NORMAL_PRIORITY_CLASS,
  HIGH_PRIORITY_CLASS,
  IDLE_PRIORITY_CLASS,
  IOPRIO_HIGH,
  IOPRIO_VERYLOW,
  NORMAL_PRIORITY_CLASS,
  REALTIME_PRIORITY_CLASS,
  SIGCONT,
  SIGKILL,
  SIGSTOP,
  SIGTERM,
} from "../../constants.ts";
import type {
  ProcessConnection,
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIoCounters,
  ProcessIonice,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessThread,
} from "../../types.ts";
import type { ExitWatch, ProcessBackend } from "../backend.ts";
import { checkInt, checkThenAct, ProcessHandle } from "../common.ts";
import { ntstatusError, processError, WinError } from "./errors.ts";
import { bootTime } from "./cpu.ts";
import { FILETIME_UNIX_EPOCH, filetimeSeconds } from "./nt.ts";
import { snapshot, type SnapshotEntry } from "./snapshot.ts";
import { parseEnvironBlock, protectionString, splitCommandLine } from "./parsers.ts";
import { dosPath } from "./paths.ts";
import { parameterString, processParameters, readMemory } from "./peb.ts";

export { ppidMap } from "./snapshot.ts";

const PROCESS_TERMINATE = 0x0001;
const PROCESS_DUP_HANDLE = 0x0040;
const PROCESS_VM_READ = 0x0010;
const PROCESS_SET_INFORMATION = 0x0200;
const PROCESS_QUERY_INFORMATION = 0x0400;
const PROCESS_SUSPEND_RESUME = 0x0800;
const PROCESS_QUERY_LIMITED_INFORMATION = 0x1000;
const SYNCHRONIZE = 0x00100000;
const WAIT_OBJECT_0 = 0;
const STILL_ACTIVE = 259;
const TOKEN_QUERY = 0x0008;
const TokenUser = 1;
const ProcessCommandLineInformation = 60;
const ProcessIoPriority = 33;
const STATUS_NOT_IMPLEMENTED = 0xc0000002;
const STATUS_INVALID_INFO_CLASS = 0xc0000003;
const STATUS_ACCESS_DENIED = 0xc0000022;
const STATUS_PRIVILEGE_NOT_HELD = 0xc0000061;
const STATUS_NOT_SUPPORTED = 0xc00000bb;

/** Every pid (EnumProcesses), sorted. */
export function pids(): number[] {
  for (let n = 1024;; n *= 2) {
    const buf = new Uint8Array(n * 4);
    const needed = new Uint8Array(4);
    if (!psapi.symbols.EnumProcesses(buf, buf.length, needed)) throw processError(lastError(), "EnumProcesses", 0);
    const got = dwordOut(needed);
    if (got < buf.length) {
      const v = new DataView(buf.buffer);
      const out: number[] = [];
      for (let i = 0; i < got; i += 4) out.push(v.getUint32(i, true));
      return out.sort((a, b) => a - b);
    }
  }
}

/** Whether `pid` runs: pid 0 always; otherwise a process that opens and has not exited, or that refuses us. */
export function pidExists(pid: number): boolean {
  if (pid === 0) return true;
  const k = kernel32.symbols;
  const h = k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION, 0, pid);
  if (h === null) return lastError() === WinError.ERROR_ACCESS_DENIED;
  try {
    const code = new Uint8Array(4);
    if (!k.GetExitCodeProcess(h, code)) return true;
    return dwordOut(code) === STILL_ACTIVE;
  } finally {
    k.CloseHandle(h);
  }
}

const PRIORITY_CLASSES = [
  IDLE_PRIORITY_CLASS,
  BELOW_NORMAL_PRIORITY_CLASS,
  NORMAL_PRIORITY_CLASS,
  ABOVE_NORMAL_PRIORITY_CLASS,
  HIGH_PRIORITY_CLASS,
  REALTIME_PRIORITY_CLASS,
];

/** A nice value on Windows: a priority class (`*_PRIORITY_CLASS`). */
export function checkNice(value: unknown): number {
  if (typeof value !== "number" || !PRIORITY_CLASSES.includes(value)) {
    throw new RangeError(`nice: on Windows the value is a priority class (*_PRIORITY_CLASS), got ${value}`);
  }
  return value;
}

/** An I/O priority on Windows: `IOPRIO_VERYLOW` to `IOPRIO_HIGH`, with no level within it. */
export function checkIonice(ioclass: unknown, value: unknown): [number, number] {
  if (value !== undefined) throw new TypeError("ionice: Windows takes no value, only the priority");
  return [checkInt("ionice", "priority", ioclass, IOPRIO_VERYLOW, IOPRIO_HIGH), 0];
}

/** The handle on one Windows process. */
export class WindowsProcess extends ProcessHandle implements ProcessBackend {
  #waitHandle: Pointer | null = null;

  /** Opens the process with `access` (trying `fallback` on a refusal), runs `fn`, closes it. */
  #with<T>(access: number, fn: (h: Pointer) => T, fallback?: number): T {
    const k = kernel32.symbols;
    // Query rights too, to see below whether the process has already exited.
    let h = k.OpenProcess(access | PROCESS_QUERY_LIMITED_INFORMATION, 0, this.pid);
    if (h === null && fallback !== undefined && lastError() === WinError.ERROR_ACCESS_DENIED) {
      h = k.OpenProcess(fallback, 0, this.pid);
    }
    if (h === null) throw processError(lastError(), "OpenProcess", this.pid, this.knownName);
    try {
      // An exited process stays openable while anyone holds a handle: it is gone all the same.
      const code = new Uint8Array(4);
      if (k.GetExitCodeProcess(h, code) && dwordOut(code) !== STILL_ACTIVE) {
        throw new NoSuchProcess(this.pid, this.knownName);
      }
      return fn(h);
    } finally {
      k.CloseHandle(h);
    }
  }

  #fail(call: string): never {
    throw processError(lastError(), call, this.pid, this.knownName);
  }

  #entry(): SnapshotEntry {
    const e = this.cache.get("snapshot", () => snapshot().get(this.pid));
    if (!e) throw new NoSuchProcess(this.pid, this.knownName);
    return e;
  }

  #times(): { creation: number; kernel: number; user: number } {
    return this.cache.get("times", () =>
      this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const c = new Uint8Array(8), x = new Uint8Array(8), kt = new Uint8Array(8), u = new Uint8Array(8);
        if (!kernel32.symbols.GetProcessTimes(h, c, x, kt, u)) this.#fail("GetProcessTimes");
        return {
          creation: filetimeSeconds(c) - FILETIME_UNIX_EPOCH,
          kernel: filetimeSeconds(kt),
          user: filetimeSeconds(u),
        };
      }, PROCESS_QUERY_INFORMATION));
  }

  #withParams<T>(fn: (h: Pointer, params: DataView) => T): T {
    if (this.pid === 0 || this.pid === 4) throw new AccessDenied(this.pid, this.knownName);
    return this.#with(
      PROCESS_QUERY_INFORMATION | PROCESS_VM_READ,
      (h) => fn(h, processParameters(h, this.pid, this.knownName)),
    );
  }

  /** Turns a ProcessIoPriority NTSTATUS into the library's errors. */
  #ioPriorityStatus(status: number, op: "Query" | "Set"): void {
    const s = status >>> 0;
    if (s === 0) return;
    if (s === STATUS_ACCESS_DENIED || s === STATUS_PRIVILEGE_NOT_HELD) throw new AccessDenied(this.pid, this.knownName);
    if (s === STATUS_INVALID_INFO_CLASS || s === STATUS_NOT_IMPLEMENTED || s === STATUS_NOT_SUPPORTED) {
      // Wine answers neither the query nor the change.
      throw new NotImplementedError("ionice", "this Windows: it does not implement ProcessIoPriority");
    }
    throw ntstatusError(s, `Nt${op}InformationProcess(ProcessIoPriority)`);
  }

  name(): string {
    if (this.pid === 0) return "System Idle Process";
    if (this.pid === 4) return "System";
    return this.#entry().name;
  }

  exe(): string {
    if (this.pid === 0 || this.pid === 4) throw new AccessDenied(this.pid, this.knownName);
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const buf = new Uint8Array(2 * 32768), size = new Uint8Array(4);
      new DataView(size.buffer).setUint32(0, 32768, true);
      if (!kernel32.symbols.QueryFullProcessImageNameW(h, 0, buf, size)) this.#fail("QueryFullProcessImageNameW");
      return readWstr(buf, 0, dwordOut(size));
    });
  }

  cmdline(): string[] {
    if (this.pid === 0 || this.pid === 4) return [];
    // Windows 8.1+ answers ProcessCommandLineInformation; older systems and Wine need the PEB.
    const direct = this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const n = ntdll.symbols;
      const len = new Uint8Array(4);
      n.NtQueryInformationProcess(h, ProcessCommandLineInformation, null, 0, len);
      const size = Math.max(dwordOut(len), UNICODE_STRING.size);
      const buf = new Uint8Array(size + 16);
      const base = addressOf(buf);
      if (n.NtQueryInformationProcess(h, ProcessCommandLineInformation, buf, buf.length, len) !== 0) return null;
      const view = new DataView(buf.buffer);
      const bytes = UNICODE_STRING.num(view, "Length");
      // The string follows the UNICODE_STRING in the same buffer: Buffer points into it.
      const off = Number(UNICODE_STRING.big(view, "Buffer") - base);
      if (bytes === 0 || off < 0 || off + bytes > buf.length) return "";
      return new TextDecoder("utf-16le").decode(buf.subarray(off, off + bytes));
    }, PROCESS_QUERY_INFORMATION);
    const text = direct ?? this.#withParams((h, p) => parameterString(h, p, "CommandLine", this.pid, this.knownName));
    return text === "" ? [] : splitCommandLine(text);
  }

  environ(): Record<string, string> {
    return this.#withParams((h, p) => {
      const addr = RTL_USER_PROCESS_PARAMETERS.big(p, "Environment");
      let size = Number(RTL_USER_PROCESS_PARAMETERS.big(p, "EnvironmentSize"));
      if (size <= 0 || size > 1 << 24) size = 32 * 1024;
      return parseEnvironBlock(new TextDecoder("utf-16le").decode(readMemory(h, addr, size, this.pid, this.knownName)));
    });
  }

  ppid(): number {
    // The idle process is its own parent; Wine's snapshot has no entry for it.
    if (this.pid === 0) return 0;
    return this.#entry().ppid;
  }

  status(): string {
    // psutil: stopped when every thread is suspended.
    const t = this.#entry().threads;
    return t.length > 0 && t.every((x) => x.suspended) ? "stopped" : "running";
  }

  createTime(): number {
    if (this.pid === 0 || this.pid === 4) return bootTime();
    return this.#times().creation;
  }

  cwd(): string {
    const path = this.#withParams((h, p) => parameterString(h, p, "CurrentDirectoryPath", this.pid, this.knownName));
    // Without the trailing backslash, except at a drive's root (psutil normalizes the same way).
    return /^[A-Za-z]:\\$/.test(path) ? path : path.replace(/\\+$/, "");
  }

  username(): string {
    if (this.pid === 0 || this.pid === 4) return "NT AUTHORITY\\SYSTEM";
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const a = advapi32.symbols;
      const tok = new Uint8Array(8);
      if (!a.OpenProcessToken(h, TOKEN_QUERY, tok)) this.#fail("OpenProcessToken");
      const token = pointerOut(tok)!;
      try {
        const len = new Uint8Array(4);
        a.GetTokenInformation(token, TokenUser, null, 0, len);
        const info = new Uint8Array(Math.max(dwordOut(len), 64));
        if (!a.GetTokenInformation(token, TokenUser, info, info.length, len)) this.#fail("GetTokenInformation");
        // TOKEN_USER starts with the SID's address (inside `info`).
        const sid = pointerOut(info);
        const name = new Uint8Array(2 * 256), dom = new Uint8Array(2 * 256);
        const nameLen = new Uint8Array(4), domLen = new Uint8Array(4), use = new Uint8Array(4);
        new DataView(nameLen.buffer).setUint32(0, 256, true);
        new DataView(domLen.buffer).setUint32(0, 256, true);
        if (!a.LookupAccountSidW(null, sid, name, nameLen, dom, domLen, use)) this.#fail("LookupAccountSidW");
        const d = readWstr(dom);
        return d ? `${d}\\${readWstr(name)}` : readWstr(name);
      } finally {
        kernel32.symbols.CloseHandle(token);
      }
    });
  }

  nice(): number {
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const c = kernel32.symbols.GetPriorityClass(h);
      if (c === 0) this.#fail("GetPriorityClass");
      return c;
    });
  }

  setNice(value: number): void {
    this.#with(PROCESS_SET_INFORMATION, (h) => {
      if (!kernel32.symbols.SetPriorityClass(h, value)) this.#fail("SetPriorityClass");
    });
  }

  /** The I/O priority (NtQueryInformationProcess ProcessIoPriority), psutil's `IOPRIO_*` value. */
  ionice(): ProcessIonice {
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const buf = new Uint8Array(4);
      this.#ioPriorityStatus(ntdll.symbols.NtQueryInformationProcess(h, ProcessIoPriority, buf, 4, null), "Query");
      return { ioclass: dwordOut(buf), value: 0 };
    });
  }

  setIonice(priority: number): void {
    this.#with(PROCESS_SET_INFORMATION, (h) => {
      const buf = new Uint8Array(4);
      new DataView(buf.buffer).setUint32(0, priority, true);
      this.#ioPriorityStatus(ntdll.symbols.NtSetInformationProcess(h, ProcessIoPriority, buf, 4), "Set");
    });
  }

  ioCounters(): ProcessIoCounters {
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const c = allocStruct(IO_COUNTERS);
      if (!kernel32.symbols.GetProcessIoCounters(h, c.buf)) this.#fail("GetProcessIoCounters");
      const f = (k: string) => IO_COUNTERS.num(c.view, k);
      return {
        readCount: f("ReadOperationCount"),
        writeCount: f("WriteOperationCount"),
        readBytes: f("ReadTransferCount"),
        writeBytes: f("WriteTransferCount"),
        otherCount: f("OtherOperationCount"),
        otherBytes: f("OtherTransferCount"),
      };
    }, PROCESS_QUERY_INFORMATION);
  }

  numCtxSwitches(): ProcessCtxSwitches {
    // Windows counts switches per thread without telling why: all voluntary, as psutil.
    return { voluntary: this.#entry().threads.reduce((s, t) => s + t.switches, 0), involuntary: 0 };
  }

  numThreads(): number {
    return this.#entry().threads.length;
  }

  threads(): ProcessThread[] {
    return this.#entry().threads.map((t) => ({ id: t.id, userTime: t.user, systemTime: t.system }));
  }

  memoryInfo(): ProcessMemoryInfo {
    return this.cache.get("memory", () =>
      this.#with(PROCESS_QUERY_LIMITED_INFORMATION | PROCESS_VM_READ, (h) => {
        const m = allocStruct(PROCESS_MEMORY_COUNTERS_EX);
        const s = PROCESS_MEMORY_COUNTERS_EX;
        s.set(m.view, "cb", s.size);
        if (!psapi.symbols.GetProcessMemoryInfo(h, m.buf, s.size)) this.#fail("GetProcessMemoryInfo");
        const f = (name: string) => s.num(m.view, name);
        return {
          rss: f("WorkingSetSize"),
          vms: f("PagefileUsage"),
          numPageFaults: f("PageFaultCount"),
          peakWset: f("PeakWorkingSetSize"),
          wset: f("WorkingSetSize"),
          peakPagedPool: f("QuotaPeakPagedPoolUsage"),
          pagedPool: f("QuotaPagedPoolUsage"),
          peakNonpagedPool: f("QuotaPeakNonPagedPoolUsage"),
          nonpagedPool: f("QuotaNonPagedPoolUsage"),
          pagefile: f("PagefileUsage"),
          peakPagefile: f("PeakPagefileUsage"),
          private: f("PrivateUsage"),
        };
      }, PROCESS_QUERY_INFORMATION | PROCESS_VM_READ));
  }

  memoryFullInfo(): ProcessMemoryFullInfo {
    // uss: the private working set (the pages only this process uses).
    return { ...this.memoryInfo(), uss: this.#entry().privateWorkingSet };
  }

  memoryMaps(): ProcessMemoryMap[] {
    if (this.pid === 0 || this.pid === 4) throw new AccessDenied(this.pid, this.knownName);
    return this.#with(PROCESS_QUERY_INFORMATION | PROCESS_VM_READ, (h) => {
      const k = kernel32.symbols;
      const info = allocStruct(MEMORY_BASIC_INFORMATION);
      const name = new Uint8Array(2 * 1024);
      const out: ProcessMemoryMap[] = [];
      const M = MEMORY_BASIC_INFORMATION;
      for (let addr = 0n;;) {
        if (Number(k.VirtualQueryEx(h, addr, info.buf, BigInt(M.size))) === 0) break;
        const size = M.big(info.view, "RegionSize");
        if (size === 0n) break;
        // Regions backed by a file (images and mapped views), as psutil lists them.
        const n = psapi.symbols.GetMappedFileNameW(h, addr, name, name.length / 2);
        if (n > 0) {
          out.push({
            addr: `0x${addr.toString(16)}`,
            perms: protectionString(M.num(info.view, "Protect")),
            path: dosPath(readWstr(name, 0, n)),
            rss: Number(size),
          });
        }
        addr += size;
      }
      return out;
    });
  }

  cpuTimes(): ProcessCpuTimes {
    const t = this.#times();
    return { user: t.user, system: t.kernel, childrenUser: 0, childrenSystem: 0 };
  }

  cpuAffinity(): number[] {
    return this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
      const proc = new Uint8Array(8), sys = new Uint8Array(8);
      if (!kernel32.symbols.GetProcessAffinityMask(h, proc, sys)) this.#fail("GetProcessAffinityMask");
      const mask = u64Out(proc);
      const out: number[] = [];
      for (let i = 0; i < 64; i++) if (mask & (1n << BigInt(i))) out.push(i);
      return out;
    }, PROCESS_QUERY_INFORMATION);
  }

  setCpuAffinity(cpus: readonly number[]): void {
    let mask = 0n;
    for (const c of cpus) mask |= 1n << BigInt(c);
    this.#with(PROCESS_SET_INFORMATION, (h) => {
      if (!kernel32.symbols.SetProcessAffinityMask(h, mask)) this.#fail("SetProcessAffinityMask");
    });
  }

  /** Regular files open: the process's File handles in the system's handle table (see handles.ts). */
  openFiles(): ProcessOpenFile[] {
    return this.#with(PROCESS_DUP_HANDLE, (h) => openFilesOf(h, this.pid));
  }

  connections(kind: string): ProcessConnection[] {
    return netConnections(kind, this.pid).map(({ pid: _pid, ...c }) => c);
  }

  guard<T>(createTime: number | null, act: () => T): T {
    // A fresh handle: the oneshot snapshot may predate a reuse of the pid.
    return checkThenAct(this.pid, this.knownName, createTime, () => new WindowsProcess(this.pid).createTime(), act);
  }

  sendSignal(sig: number): void {
    if (this.pid === 0 || this.pid === 4) throw new AccessDenied(this.pid, this.knownName);
    if (sig === SIGTERM || sig === SIGKILL) {
      this.#with(PROCESS_TERMINATE, (h) => {
        // psutil ends the process with the signal number as its exit code.
        if (!kernel32.symbols.TerminateProcess(h, sig)) this.#fail("TerminateProcess");
      });
    } else if (sig === SIGSTOP || sig === SIGCONT) {
      this.#with(PROCESS_SUSPEND_RESUME, (h) => {
        const n = ntdll.symbols;
        const status = sig === SIGSTOP ? n.NtSuspendProcess(h) : n.NtResumeProcess(h);
        if (status !== 0) {
          throw ntstatusError(status, sig === SIGSTOP ? "NtSuspendProcess" : "NtResumeProcess");
        }
      });
    } else {
      throw new RangeError(`sendSignal: Windows only takes SIGTERM, SIGKILL, SIGSTOP and SIGCONT, got ${sig}`);
    }
  }

  /** The exit code of any process once it exits (Windows keeps it while a handle is open; this one holds one). */
  childExitCode(): number | null | undefined {
    const k = kernel32.symbols;
    if (this.#waitHandle === null) {
      this.#waitHandle = k.OpenProcess(PROCESS_QUERY_LIMITED_INFORMATION | SYNCHRONIZE, 0, this.pid);
      if (this.#waitHandle === null) return null;
    }
    const code = new Uint8Array(4);
    if (!k.GetExitCodeProcess(this.#waitHandle, code)) return null;
    const c = dwordOut(code);
    if (c === STILL_ACTIVE) return undefined;
    k.CloseHandle(this.#waitHandle);
    this.#waitHandle = null;
    return c;
  }

  /** The process handle, waited on with no timeout: signalled once the process has exited. */
  watchExit(): ExitWatch | null {
    const k = kernel32.symbols;
    const h = k.OpenProcess(SYNCHRONIZE, 0, this.pid);
    if (h === null) return null;
    return {
      exited: () => k.WaitForSingleObject(h, 0) === WAIT_OBJECT_0,
      close: () => void k.CloseHandle(h),
    };
  }

  /**
   * GetProcessHandleCount; where that is refused, or says 0 (Wine's answer
   * for every process, which always holds some), the process's entries in
   * the system's handle table, which needs no access to the process. (The
   * SystemProcessInformation count psutil falls back to is, under Wine, the
   * size of the process's handle table, not the handles in it.)
   */
  numHandles(): number {
    let count = 0;
    try {
      count = this.#with(PROCESS_QUERY_LIMITED_INFORMATION, (h) => {
        const n = new Uint8Array(4);
        if (!kernel32.symbols.GetProcessHandleCount(h, n)) this.#fail("GetProcessHandleCount");
        return dwordOut(n);
      }, PROCESS_QUERY_INFORMATION);
    } catch (e) {
      if (!(e instanceof AccessDenied)) throw e;
    }
    if (count) return count;
    const n = handlesOf(this.pid).length;
    if (n === 0) this.#entry(); // none at all: NoSuchProcess if it is gone
    return n;
  }
}
