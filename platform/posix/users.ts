/**
 * User names from uids through `getpwuid_r` (so NSS sources such as LDAP
 * answer too), cached: names rarely change and processIter asks per process.
 *
 * @module
 */
import { addressOf, u64Out } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { passwd } from "../../ffi/posix/structs.ts";

const cache = new Map<number, string>();
const decoder = new TextDecoder();

/** The login name of `uid`, or the uid as a string when it has none (as psutil). */
export function uidToName(uid: number): string {
  const hit = cache.get(uid);
  if (hit !== undefined) return hit;
  const pw = new Uint8Array(passwd.size);
  const result = new Uint8Array(8);
  let size = 1024;
  for (;;) {
    const strings = new Uint8Array(size);
    // Taken before the call: under Bun this also pins the buffer, so the
    // address libc writes into is the one we subtract.
    const base = addressOf(strings);
    const rc = libc.symbols.getpwuid_r(uid, pw, strings, BigInt(size), result);
    if (rc === Errno.ERANGE && size < 1 << 20) {
      size *= 4;
      continue;
    }
    let name = String(uid);
    if (rc === 0 && u64Out(result) !== 0n) {
      // pw_name points into `strings`: turn the address into an offset there.
      const view = new DataView(pw.buffer);
      const off = Number(passwd.big(view, "pw_name") - base);
      if (off >= 0 && off < size) {
        let end = off;
        while (end < size && strings[end] !== 0) end++;
        name = decoder.decode(strings.subarray(off, end));
      }
    }
    cache.set(uid, name);
    return name;
  }
}
