/**
 * Logged-in users from the utmp database through `getutxent(3)`.
 *
 * @module
 */
import { cString, cStringFromBytes, ffi } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { utmpx } from "../../ffi/posix/structs.ts";
import type { User } from "../../types.ts";
import type { Struct } from "../../ffi/struct.ts";
import { NotImplementedError } from "../../errors.ts";
import { currentOs } from "../../ffi/runtime.ts";
import { POSIX_ABI } from "../../ffi/abi.ts";

/** This OS's `struct utmpx`; `users` says NotImplementedError where it is not declared. */
function layout(): Struct {
  if (utmpx === null) throw new NotImplementedError("users", currentOs);
  return utmpx;
}

/** `ut_type` of a user's login (utmpx.h; 7 on Linux and macOS, 4 on FreeBSD). */
const USER_PROCESS = POSIX_ABI.USER_PROCESS;

/** One `struct utmpx` record turned into a `User`, or `null` when it is not a user's login. */
export function userFromUtmpx(bytes: Uint8Array): User | null {
  const u = layout();
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (u.num(view, "ut_type") !== USER_PROCESS) return null;
  const text = (f: string) => cStringFromBytes(u.bytes(bytes, f));
  let host = text("ut_host");
  if (host === ":0" || host === ":0.0") host = "localhost";
  return {
    name: text("ut_user"),
    terminal: text("ut_line") || null,
    host,
    started: u.num(view, "tv_sec"),
    pid: u.num(view, "ut_pid"),
  };
}

/**
 * Users logged in now: the `USER_PROCESS` records of utmp. `file` reads
 * another utmp file (glibc's `utmpxname`), for tests.
 */
export function users(file?: string): User[] {
  const size = layout().size;
  const c = libc.symbols;
  if (file !== undefined) {
    if (!c.utmpxname) throw new Error("This C library cannot read another utmp file");
    c.utmpxname(cString(file));
  }
  const out: User[] = [];
  c.setutxent();
  try {
    for (;;) {
      const p = c.getutxent();
      if (p === null) break;
      const u = userFromUtmpx(ffi().copy(p, 0, size));
      if (u) out.push(u);
    }
  } finally {
    c.endutxent();
    if (file !== undefined) c.utmpxname!(cString("/var/run/utmp"));
  }
  return out;
}
