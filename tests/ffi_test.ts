import { test } from "node:test";
import assert from "node:assert/strict";
import { cString, cStringFromBytes, ffi, readCString } from "../ffi/mod.ts";
import { Errno } from "../ffi/posix/errno.ts";
import { lastErrno, libc } from "../ffi/posix/libc.ts";
import { passwd } from "../ffi/posix/structs.ts";
import { defineStruct } from "../ffi/struct.ts";
import { currentOs } from "../ffi/runtime.ts";

const POSIX = currentOs !== "windows";

test("errno is captured: opening a missing file gives ENOENT", { skip: !POSIX }, () => {
  const fd = libc.symbols.open(cString("/nonexistent/psutil-test"), 0);
  const errno = lastErrno();
  assert.equal(fd, -1);
  assert.equal(errno, Errno.ENOENT);
});

test("errno is captured: kill(2**22, 0) gives ESRCH", { skip: !POSIX }, () => {
  // 2**22 is above the largest pid_max Linux allows, so no such process can exist.
  const rc = libc.symbols.kill(2 ** 22, 0);
  const errno = lastErrno();
  assert.equal(rc, -1);
  assert.equal(errno, Errno.ESRCH);
});

test("errno capture distinguishes consecutive failures", { skip: !POSIX }, () => {
  libc.symbols.kill(2 ** 22, 0);
  assert.equal(lastErrno(), Errno.ESRCH);
  libc.symbols.open(cString("/nonexistent"), 0);
  assert.equal(lastErrno(), Errno.ENOENT);
});

test("64-bit results come back as bigint", { skip: !POSIX }, () => {
  const ticks = libc.symbols.sysconf(2);
  assert.equal(typeof ticks, "bigint");
  assert.equal(ticks, 100n);
});

test("read() into a subarray writes at the subarray's offset", { skip: !POSIX }, () => {
  const buf = new Uint8Array(64).fill(0xaa);
  const fd = libc.symbols.open(cString("/proc/self/stat"), 0);
  assert.ok(fd >= 0);
  const n = Number(libc.symbols.read(fd, buf.subarray(10), 20n));
  libc.symbols.close(fd);
  assert.equal(n, 20);
  assert.equal(buf[9], 0xaa);
  assert.equal(buf[30], 0xaa);
  assert.match(new TextDecoder().decode(buf.subarray(10, 30)), /^\d+ \(/);
});

test("readCString reads a C string from native memory and stops at max", { skip: !POSIX }, () => {
  const s = libc.symbols.strerror(Errno.ENOENT);
  assert.equal(readCString(s), "No such file or directory");
  assert.equal(readCString(s, 0, 2), "No");
  assert.equal(readCString(null), "");
});

test("pointers round-trip through addresses; copy reads our own buffer", () => {
  const buf = new Uint8Array([1, 2, 3, 4, 5, 0]);
  const p = ffi().pointerOf(buf);
  const addr = ffi().address(p);
  assert.ok(addr > 0n);
  const back = ffi().fromAddress(addr)!;
  assert.deepEqual([...ffi().copy(back, 1, 3)], [2, 3, 4]);
  assert.equal(ffi().cStringLength(back, 0, 100), 5);
  assert.equal(ffi().fromAddress(0n), null);
});

test("cString refuses NUL bytes and terminates with one", () => {
  assert.throws(() => cString("a\0b"), TypeError);
  const b = cString("héllo");
  assert.equal(b[b.length - 1], 0);
  assert.equal(cStringFromBytes(b), "héllo");
});

test("struct layout: natural alignment, padding and packing", () => {
  // struct { char c; int64 x; short s; } is 24 bytes with x at 8, s at 16.
  const s = defineStruct("t", [["c", "u8"], ["x", "i64"], ["s", "i16"]]);
  assert.equal(s.size, 24);
  assert.equal(s.offset("x"), 8);
  assert.equal(s.offset("s"), 16);
  const packed = defineStruct("p", [["c", "u8"], ["x", "i64"]], { pack: 1 });
  assert.equal(packed.size, 9);
  assert.throws(() => s.offset("nope"), /no field nope/);
  const arr = defineStruct("a", [["n", "u16"], ["v", { array: "u32", length: 3 }], ["b", { bytes: 5 }]]);
  assert.equal(arr.offset("v"), 4);
  assert.equal(arr.offset("b"), 16);
  assert.equal(arr.size, 24);
  const buf = new Uint8Array(arr.size);
  const view = new DataView(buf.buffer);
  view.setUint32(8, 77, true);
  assert.equal(arr.at(view, "v", 1), 77);
  assert.throws(() => arr.at(view, "v", 3), RangeError);
});

test("struct passwd has the size of pwd.h", () => {
  // glibc/musl x86_64: 48; macOS: 72; FreeBSD: 80 (pw_fields, padded)
  const expected = currentOs === "linux" ? 48 : currentOs === "freebsd" ? 80 : 72;
  assert.equal(passwd.size, expected);
});
