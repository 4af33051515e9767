/**
 * Windows users: the sessions of the Terminal Services API (wtsapi32).
 *
 * @module
 */
import { dwordOut, ffi, pointerOut } from "../../ffi/mod.ts";
import { lastError, readWstr, wtsapi32 } from "../../ffi/windows/libs.ts";
import { WTS_CLIENT_ADDRESS, WTS_SESSION_INFOW, WTSINFOW } from "../../ffi/windows/structs.ts";
import type { User } from "../../types.ts";
import { win32Error } from "./errors.ts";
import { FILETIME_UNIX_EPOCH, HUNDRED_NS } from "./nt.ts";

const WTSUserName = 5;
const WTSClientAddress = 14;
const WTSSessionInfo = 24;

/** Users with a session (WTS): name, remote host (IPv4), login time; no terminal or pid on Windows, as psutil. */
export function users(): User[] {
  const w = wtsapi32.symbols;
  const a = ffi();
  const out = new Uint8Array(8), count = new Uint8Array(4);
  if (!w.WTSEnumerateSessionsW(null, 0, 1, out, count)) throw win32Error(lastError(), "WTSEnumerateSessionsW");
  const list = pointerOut(out);
  const n = dwordOut(count);
  const result: User[] = [];
  if (list === null) return result;
  try {
    const sessions = a.copy(list, 0, n * WTS_SESSION_INFOW.size);
    const sv = new DataView(sessions.buffer);
    for (let i = 0; i < n; i++) {
      const id = WTS_SESSION_INFOW.num(sv, "SessionId", i * WTS_SESSION_INFOW.size);
      const info = (cls: number): Uint8Array | null => {
        const p = new Uint8Array(8), bytes = new Uint8Array(4);
        if (!w.WTSQuerySessionInformationW(null, id, cls, p, bytes)) return null;
        const ptr = pointerOut(p);
        if (ptr === null) return null;
        try {
          return a.copy(ptr, 0, dwordOut(bytes));
        } finally {
          w.WTSFreeMemory(ptr);
        }
      };
      const nameBytes = info(WTSUserName);
      const name = nameBytes ? readWstr(nameBytes) : "";
      if (!name) continue;
      let host: string | null = null;
      const addr = info(WTSClientAddress);
      if (addr && addr.length >= WTS_CLIENT_ADDRESS.size) {
        const av = new DataView(addr.buffer, addr.byteOffset);
        if (WTS_CLIENT_ADDRESS.num(av, "AddressFamily") === 2 /* AF_INET */) {
          const b = WTS_CLIENT_ADDRESS.bytes(addr, "Address");
          host = `${b[2]}.${b[3]}.${b[4]}.${b[5]}`;
        }
      }
      const si = info(WTSSessionInfo);
      let started = 0;
      if (si && si.length >= WTSINFOW.size) {
        const t = WTSINFOW.num(new DataView(si.buffer, si.byteOffset), "LogonTime");
        started = t > 0 ? t / HUNDRED_NS - FILETIME_UNIX_EPOCH : 0;
      }
      result.push({ name, terminal: null, host, started, pid: null });
    }
  } finally {
    w.WTSFreeMemory(list);
  }
  return result;
}
