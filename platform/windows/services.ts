/**
 * Windows services through the service control manager (advapi32):
 * EnumServicesStatusExW to list them, and per service OpenServiceW with
 * QueryServiceConfigW, QueryServiceConfig2W and QueryServiceStatusEx, asked
 * again on every call as psutil does.
 *
 * @module
 */
import { NoSuchProcess } from "../../errors.ts";
import { addressOf, dwordOut, type Pointer, u64Out } from "../../ffi/mod.ts";
import { advapi32, lastError, readWstr, wstr } from "../../ffi/windows/libs.ts";
import {
  ENUM_SERVICE_STATUS_PROCESSW,
  QUERY_SERVICE_CONFIGW,
  SERVICE_STATUS_PROCESS,
} from "../../ffi/windows/structs.ts";
import type { WindowsService } from "../../types.ts";
import { win32Error, WinError } from "./errors.ts";

const SC_MANAGER_CONNECT = 0x1;
const SC_MANAGER_ENUMERATE_SERVICE = 0x4;
const SERVICE_QUERY_CONFIG = 0x1;
const SERVICE_QUERY_STATUS = 0x4;
const SC_ENUM_PROCESS_INFO = 0;
const SC_STATUS_PROCESS_INFO = 0;
const SERVICE_WIN32 = 0x30;
const SERVICE_STATE_ALL = 3;
const SERVICE_CONFIG_DESCRIPTION = 1;
const ERROR_MORE_DATA = 234;
const ERROR_SERVICE_DOES_NOT_EXIST = 1060;

/** `dwCurrentState` as psutil names it. */
export const SERVICE_STATES: Record<number, string> = {
  1: "stopped",
  2: "start_pending",
  3: "stop_pending",
  4: "running",
  5: "continue_pending",
  6: "pause_pending",
  7: "paused",
};

/** `dwStartType` as psutil names it. */
export const START_TYPES: Record<number, string> = {
  0: "boot",
  1: "system",
  2: "automatic",
  3: "manual",
  4: "disabled",
};

function withScm<T>(access: number, fn: (scm: Pointer) => T): T {
  const a = advapi32.symbols;
  const scm = a.OpenSCManagerW(null, null, access);
  if (scm === null) throw win32Error(lastError(), "OpenSCManagerW");
  try {
    return fn(scm);
  } finally {
    a.CloseServiceHandle(scm);
  }
}

function withService<T>(name: string, fn: (h: Pointer) => T): T {
  return withScm(SC_MANAGER_CONNECT, (scm) => {
    const a = advapi32.symbols;
    const h = a.OpenServiceW(scm, wstr(name), SERVICE_QUERY_CONFIG | SERVICE_QUERY_STATUS);
    if (h === null) {
      const code = lastError();
      if (code === ERROR_SERVICE_DOES_NOT_EXIST) {
        throw new NoSuchProcess(0, name, `service ${JSON.stringify(name)} does not exist`);
      }
      throw win32Error(code, "OpenServiceW", name);
    }
    try {
      return fn(h);
    } finally {
      a.CloseServiceHandle(h);
    }
  });
}

/** Calls a Query* function that says how much room it needs, growing the buffer until it fits. */
function query(call: (buf: Uint8Array, needed: Uint8Array) => number, what: string): Uint8Array {
  for (let size = 1024;;) {
    const buf = new Uint8Array(size), needed = new Uint8Array(4);
    if (call(buf, needed)) return buf;
    const code = lastError();
    if (code !== WinError.ERROR_INSUFFICIENT_BUFFER && code !== ERROR_MORE_DATA) throw win32Error(code, what);
    size = Math.max(size * 2, dwordOut(needed));
  }
}

/** A string the service manager wrote into `buf` (its pointers point into it). */
function stringIn(buf: Uint8Array, field: bigint): string {
  if (field === 0n) return "";
  const off = Number(field - addressOf(buf));
  return off >= 0 && off < buf.length ? readWstr(buf, off) : "";
}

/** A service's QUERY_SERVICE_CONFIGW (its strings inside the same buffer). */
function serviceConfig(name: string): { view: DataView; buf: Uint8Array } {
  const buf = withService(
    name,
    (h) => query((b, n) => advapi32.symbols.QueryServiceConfigW(h, b, b.length, n), "QueryServiceConfigW"),
  );
  return { view: new DataView(buf.buffer), buf };
}

/** A service by name and display name, asking the service manager on each call. */
class Service implements WindowsService {
  #name: string;
  #display: string;

  constructor(name: string, display: string) {
    this.#name = name;
    this.#display = display;
  }

  name(): string {
    return this.#name;
  }

  displayName(): string {
    return this.#display;
  }

  #config(): { view: DataView; buf: Uint8Array } {
    return serviceConfig(this.#name);
  }

  #status(): DataView {
    const buf = withService(this.#name, (h) =>
      query(
        (b, n) => advapi32.symbols.QueryServiceStatusEx(h, SC_STATUS_PROCESS_INFO, b, b.length, n),
        "QueryServiceStatusEx",
      ));
    return new DataView(buf.buffer);
  }

  binpath(): string {
    const { view, buf } = this.#config();
    return stringIn(buf, QUERY_SERVICE_CONFIGW.big(view, "lpBinaryPathName"));
  }

  username(): string {
    const { view, buf } = this.#config();
    return stringIn(buf, QUERY_SERVICE_CONFIGW.big(view, "lpServiceStartName"));
  }

  startType(): string {
    const t = QUERY_SERVICE_CONFIGW.num(this.#config().view, "dwStartType");
    return START_TYPES[t] ?? String(t);
  }

  pid(): number | null {
    const pid = SERVICE_STATUS_PROCESS.num(this.#status(), "dwProcessId");
    return pid === 0 ? null : pid;
  }

  status(): string {
    const s = SERVICE_STATUS_PROCESS.num(this.#status(), "dwCurrentState");
    return SERVICE_STATES[s] ?? String(s);
  }

  description(): string {
    const buf = withService(this.#name, (h) =>
      query(
        (b, n) => advapi32.symbols.QueryServiceConfig2W(h, SERVICE_CONFIG_DESCRIPTION, b, b.length, n),
        "QueryServiceConfig2W",
      ));
    // SERVICE_DESCRIPTIONW: one pointer to the text, written after it in the same buffer.
    return stringIn(buf, u64Out(buf));
  }

  asDict(): Record<string, unknown> {
    return {
      name: this.name(),
      displayName: this.displayName(),
      binpath: this.binpath(),
      username: this.username(),
      startType: this.startType(),
      pid: this.pid(),
      status: this.status(),
      description: this.description(),
    };
  }

  toString(): string {
    return `<WindowsService(name='${this.#name}', display_name='${this.#display}')>`;
  }
}

/** Every Win32 service. */
export function winServiceIter(): WindowsService[] {
  return withScm(SC_MANAGER_ENUMERATE_SERVICE, (scm) => {
    const a = advapi32.symbols;
    const out: WindowsService[] = [];
    const resume = new Uint8Array(4);
    for (let size = 64 * 1024;;) {
      const buf = new Uint8Array(size), needed = new Uint8Array(4), count = new Uint8Array(4);
      const ok = a.EnumServicesStatusExW(
        scm,
        SC_ENUM_PROCESS_INFO,
        SERVICE_WIN32,
        SERVICE_STATE_ALL,
        buf,
        buf.length,
        needed,
        count,
        resume,
        null,
      );
      const code = ok ? 0 : lastError();
      if (!ok && code !== ERROR_MORE_DATA) throw win32Error(code, "EnumServicesStatusExW");
      const view = new DataView(buf.buffer);
      const n = dwordOut(count);
      for (let i = 0; i < n; i++) {
        const base = i * ENUM_SERVICE_STATUS_PROCESSW.size;
        out.push(
          new Service(
            stringIn(buf, ENUM_SERVICE_STATUS_PROCESSW.big(view, "lpServiceName", base)),
            stringIn(buf, ENUM_SERVICE_STATUS_PROCESSW.big(view, "lpDisplayName", base)),
          ),
        );
      }
      if (ok) return out;
      size = Math.max(size, dwordOut(needed) + 1024);
    }
  });
}

/** The service named `name`; `NoSuchProcess` when there is none. */
export function winServiceGet(name: string): WindowsService {
  // The service's own configuration names it for users, as psutil does: no
  // need to list every service.
  const { view, buf } = serviceConfig(name);
  return new Service(name, stringIn(buf, QUERY_SERVICE_CONFIGW.big(view, "lpDisplayName")));
}
