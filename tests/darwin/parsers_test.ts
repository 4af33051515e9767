// The macOS parsers on known and hostile input: a KERN_PROCARGS2 block as the kernel lays it out, every prefix of
// it, an argc larger than what follows, and random bytes: always what the block holds, never a throw.
import { test } from "node:test";
import assert from "node:assert/strict";
import { parseProcargs } from "../../platform/darwin/process.ts";
import { parseIfList2 } from "../../platform/darwin/net.ts";
import { if_data64, if_msghdr2 } from "../../ffi/darwin/structs.ts";

const enc = new TextEncoder();
/** A block: argc (32-bit little-endian), the exec path and its NUL padding, the strings. */
function block(argc: number, exec: string, pad: number, strings: string[]): Uint8Array {
  const head = new Uint8Array(4);
  new DataView(head.buffer).setInt32(0, argc, true);
  const body = enc.encode(`${exec}${"\0".repeat(pad)}${strings.map((s) => `${s}\0`).join("")}`);
  const out = new Uint8Array(4 + body.length);
  out.set(head);
  out.set(body, 4);
  return out;
}

test("KERN_PROCARGS2: arguments, then the environment up to an empty string", () => {
  const b = block(2, "/bin/zsh", 5, ["-zsh", "-l", "TERM=xterm", "EMPTY=", "A=b=c", "", "garbage=after"]);
  assert.deepEqual(parseProcargs(b), { argv: ["-zsh", "-l"], env: { TERM: "xterm", EMPTY: "", A: "b=c" } });
  // An argument may be empty; the environment may be missing.
  assert.deepEqual(parseProcargs(block(3, "/x", 1, ["x", "", "y"])), { argv: ["x", "", "y"], env: {} });
  assert.deepEqual(parseProcargs(block(0, "/x", 1, ["K=v"])), { argv: [], env: { K: "v" } });
});

test("KERN_PROCARGS2: a block cut anywhere, an argc past its end, random bytes: what it holds, no throw", () => {
  const b = block(2, "/usr/bin/python3", 3, ["python3", "-c", "HOME=/Users/me", "PATH=/bin"]);
  for (let n = 0; n <= b.length; n++) {
    const { argv, env } = parseProcargs(b.subarray(0, n));
    assert.ok(argv.length <= 2, `prefix ${n}`);
    for (const [i, a] of argv.entries()) assert.ok(["python3", "-c"][i].startsWith(a), `prefix ${n}: ${a}`);
    for (const k of Object.keys(env)) assert.ok(k === "HOME" || k === "PATH", `prefix ${n}: ${k}`);
  }
  assert.deepEqual(parseProcargs(block(1000, "/x", 1, ["a", "b"])).argv, ["a", "b"]);
  assert.deepEqual(parseProcargs(block(-5, "/x", 1, ["K=v"])), { argv: [], env: { K: "v" } });
  let seed = 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff;
  for (let i = 0; i < 2000; i++) {
    const bytes = Uint8Array.from({ length: Math.floor(rnd() * 64) }, () => rnd() < 0.3 ? 0 : Math.floor(rnd() * 256));
    const { argv, env } = parseProcargs(bytes);
    assert.ok(Array.isArray(argv) && typeof env === "object");
  }
});

/** One RTM_IFINFO2 message (type 18): the header with ibytes set, then a sockaddr_dl naming it. */
function ifinfo(name: string, ibytes: number, type = 18): Uint8Array {
  const len = if_msghdr2.size + 20;
  const b = new Uint8Array(len);
  const v = new DataView(b.buffer);
  if_msghdr2.set(v, "ifm_msglen", len);
  if_msghdr2.set(v, "ifm_type", type);
  if_data64.set(v, "ifi_ibytes", ibytes, if_msghdr2.offset("ifm_data"));
  b[if_msghdr2.size + 5] = name.length; // sdl_nlen
  b.set(enc.encode(name), if_msghdr2.size + 8); // sdl_data
  return b;
}

test("NET_RT_IFLIST2: interface messages walked by length, others skipped, a cut dump ends the walk", () => {
  const dump = new Uint8Array([...ifinfo("lo0", 7), ...ifinfo("x", 1, 15), ...ifinfo("en0", 9)]);
  assert.deepEqual(parseIfList2(dump).map((i) => [i.name, i.data("ifi_ibytes")]), [["lo0", 7], ["en0", 9]]);
  for (let n = 0; n <= dump.length; n++) {
    const names = parseIfList2(dump.subarray(0, n)).map((i) => i.name);
    assert.deepEqual(names, ["lo0", "en0"].slice(0, n >= dump.length ? 2 : n >= ifinfo("lo0", 7).length ? 1 : 0));
  }
  // A zero length ends the walk instead of looping.
  const zero = new Uint8Array(dump);
  zero[0] = zero[1] = 0;
  assert.deepEqual(parseIfList2(zero), []);
});
