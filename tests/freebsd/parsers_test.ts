// The FreeBSD parsers on known and hostile input: the scheduler's topology XML, KERN_PROC_ARGS blocks, and
// kinfo_proc answers whose records have another size.
import { test } from "node:test";
import assert from "node:assert/strict";
import { countCoreCpus } from "../../platform/freebsd/cpu.ts";
import { kinfoRecords, parseArgs, parseTcpList } from "../../platform/freebsd/process.ts";
import { xinpgen, xtcpcb } from "../../ffi/freebsd/structs.ts";
import { OsError } from "../../errors.ts";

test("topology_spec: the cpu elements two levels down, as psutil counts cores; junk after </groups> ignored", () => {
  const two = `<groups>
 <group level="1" cache-level="0">
  <cpu count="4" mask="f">0, 1, 2, 3</cpu>
  <children>
   <group level="2" cache-level="2"><cpu count="2" mask="3">0, 1</cpu>
    <flags><flag name="SMT">SMT group</flag></flags></group>
   <group level="2" cache-level="2"><cpu count="2" mask="c">2, 3</cpu></group>
  </children>
 </group>
</groups>\0\0<cpu/>`;
  assert.equal(countCoreCpus(two), 2);
  // One level only (a single core, or a flat machine): no cores found there.
  assert.equal(countCoreCpus(`<groups><group level="1"><cpu count="1" mask="1">0</cpu></group></groups>`), 0);
  assert.equal(countCoreCpus(""), 0);
  assert.equal(countCoreCpus("<groups><group><children><group><cpu>"), 0); // no </groups>: nothing
  for (let n = 0; n < two.length; n += 7) assert.ok(countCoreCpus(two.slice(0, n)) <= 2);
});

test("KERN_PROC_ARGS: NUL-separated, a missing last NUL tolerated, empty is none", () => {
  const enc = new TextEncoder();
  assert.deepEqual(parseArgs(enc.encode("/bin/sh\0-c\0echo hi\0")), ["/bin/sh", "-c", "echo hi"]);
  assert.deepEqual(parseArgs(enc.encode("/bin/sh\0-c")), ["/bin/sh", "-c"]);
  assert.deepEqual(parseArgs(enc.encode("a\0\0b\0")), ["a", "", "b"]);
  assert.deepEqual(parseArgs(new Uint8Array(0)), []);
});

test("kinfo_proc answers: records of KINFO_PROC_SIZE are read, any other size is an OsError, empty is none", () => {
  const record = (size: number) => {
    const b = new Uint8Array(1088);
    new DataView(b.buffer).setInt32(0, size, true);
    return b;
  };
  const two = new Uint8Array([...record(1088), ...record(1088)]);
  assert.equal(kinfoRecords(two).length, 2);
  assert.deepEqual(kinfoRecords(new Uint8Array(0)), []);
  assert.throws(() => kinfoRecords(record(1096)), OsError);
  assert.throws(() => kinfoRecords(two.subarray(0, 1500)), OsError, "a record cut short");
});

test("net.inet.tcp.pcblist: xinpgen, records, xinpgen; any record or header of another size is an OsError", () => {
  const gen = (len = xinpgen.size) => {
    const b = new Uint8Array(xinpgen.size);
    new DataView(b.buffer).setBigUint64(0, BigInt(len), true);
    return b;
  };
  const rec = (state: number, len = xtcpcb.size) => {
    const b = new Uint8Array(xtcpcb.size);
    const v = new DataView(b.buffer);
    xtcpcb.set(v, "xt_len", len);
    xtcpcb.set(v, "inp_vflag", 1);
    xtcpcb.set(v, "t_state", state);
    b.set([0x1f, 0x90], xtcpcb.offset("ie_lport"));
    return b;
  };
  const list = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((p) => [...p]));
  const two = parseTcpList(list(gen(), rec(1), rec(4), gen()));
  assert.deepEqual(two.map((e) => [e.v6, e.state, e.local]), [[false, 1, "00000000:1f90"], [
    false,
    4,
    "00000000:1f90",
  ]]);
  assert.deepEqual(parseTcpList(list(gen(), gen())), []);
  assert.throws(() => parseTcpList(list(gen(), rec(1, 700), gen())), OsError);
  assert.throws(() => parseTcpList(list(gen(72), gen())), OsError);
  assert.throws(() => parseTcpList(new Uint8Array(10)), OsError);
});
