/**
 * The types of the API: what the compiler knows of each answer. The `deno
 * check` gate compiles this file, so every `Expect<Equal<...>>` must hold
 * and every `@ts-expect-error` line must fail to compile; the tests then
 * show at run time (under both runtimes) that the values have the shapes
 * the types claim. The compile-only lines sit in functions that never run.
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import process from "node:process";
import * as psutil from "../mod.ts";

/** `true` only when `A` and `B` are the same type. */
type Equal<A, B> = (<T>() => T extends A ? 1 : 2) extends (<T>() => T extends B ? 1 : 2) ? true : false;
/** Compiles only for `true`. */
type Expect<T extends true> = T;

// --- asDict ------------------------------------------------------------------

/** The attributes whose method has one signature: the record's types must be the methods' return types. */
type Plain = Exclude<psutil.ProcessAttr, "pid" | "nice" | "ionice" | "cpuPercent" | "cpuAffinity" | "connections">;
type _attrTypes = Expect<
  Equal<{ [K in Plain]: ReturnType<psutil.Process[K]> }, { [K in Plain]: psutil.ProcessAttrTypes[K] }>
>;
type _attrOverloads = Expect<
  Equal<
    [ReturnType<typeof overloaded>[number]],
    [number | psutil.ProcessIonice | number[] | psutil.InetConnection[]]
  >
>;
function overloaded(p: psutil.Process) {
  return [p.nice(), p.ionice(), p.cpuPercent(), p.cpuAffinity(), p.connections()];
}

type Picked = ReturnType<typeof pickNameMemory>;
function pickNameMemory(p: psutil.Process) {
  return p.asDict({ attrs: ["name", "memoryInfo"] });
}
type _asDictPicked = Expect<Equal<Picked, { name: string | null; memoryInfo: psutil.ProcessMemoryInfo | null }>>;

function withAdValue(p: psutil.Process) {
  return p.asDict({ attrs: ["pid", "cmdline", "exe"], adValue: "denied" });
}
type _asDictAdValue = Expect<
  Equal<ReturnType<typeof withAdValue>, { pid: number; cmdline: string[] | string; exe: string | string }>
>;

function full(p: psutil.Process) {
  return p.asDict();
}
type _asDictFullRequired = Expect<Equal<ReturnType<typeof full>["name"], string | null>>;
type _asDictFullOptional = Expect<Equal<ReturnType<typeof full>["numHandles"], number | null | undefined>>;
type _asDictEmptyIsFull = Expect<Equal<ReturnType<typeof emptyList>, ReturnType<typeof full>>>;
function emptyList(p: psutil.Process) {
  return p.asDict({ attrs: [] });
}

function dynamicList(p: psutil.Process, attrs: psutil.ProcessAttr[]) {
  return p.asDict({ attrs });
}
type _asDictDynamic = Expect<Equal<ReturnType<typeof dynamicList>["cwd"], string | null | undefined>>;

/** Lines that must not compile. */
export function _asDictRejects(p: psutil.Process): void {
  // @ts-expect-error: not an attribute name
  p.asDict({ attrs: ["nmae"] });
  const d = p.asDict({ attrs: ["name", "memoryInfo"] });
  // @ts-expect-error: a denied read gives null, which the compiler makes the reader handle
  d.memoryInfo.rss;
  // @ts-expect-error: not asked for
  d.exe;
  // @ts-expect-error: an unknown option key
  p.asDict({ atrs: ["name"] });
}

test("asDict: the picked record has exactly the listed keys, with the types' shapes", () => {
  const d = pickNameMemory(new psutil.Process());
  assert.deepEqual(Object.keys(d).sort(), ["memoryInfo", "name"]);
  assert.equal(typeof d.name, "string");
  const rss: number | undefined = d.memoryInfo?.rss;
  assert.ok(rss !== undefined && rss > 0);
  const w = withAdValue(new psutil.Process());
  assert.equal(w.pid, new psutil.Process().pid);
  assert.ok(Array.isArray(w.cmdline));
});

// --- processIter ---------------------------------------------------------------

function iterInfo() {
  for (const p of psutil.processIter({ attrs: ["pid", "name", "memoryInfo"] })) return p.info;
  return undefined;
}
type _iterInfo = Expect<
  Equal<
    NonNullable<ReturnType<typeof iterInfo>>,
    { pid: number; name: string | null; memoryInfo: psutil.ProcessMemoryInfo | null }
  >
>;

function iterPlain() {
  for (const p of psutil.processIter()) return p;
  return undefined;
}
type _iterPlain = Expect<Equal<NonNullable<ReturnType<typeof iterPlain>>, psutil.Process>>;

/** Lines that must not compile. */
export function _iterRejects(): void {
  for (const p of psutil.processIter({ attrs: ["name"] })) {
    // @ts-expect-error: not asked for
    p.info.exe;
  }
  for (const p of psutil.processIter()) {
    // @ts-expect-error: without attrs there is no typed info
    p.info.name;
  }
}

test("processIter: info holds the listed attributes, the memory as the type says", () => {
  let seen = 0;
  for (const p of psutil.processIter({ attrs: ["pid", "name", "memoryInfo"] })) {
    assert.equal(p.info.pid, p.pid);
    assert.deepEqual(Object.keys(p.info).sort(), ["memoryInfo", "name", "pid"]);
    const rss: number | undefined = p.info.memoryInfo?.rss;
    assert.ok(rss === undefined || rss >= 0);
    seen++;
  }
  assert.ok(seen > 1);
});

// --- Monitor -----------------------------------------------------------------

function monitorRecord(m: psutil.Monitor<"pid" | "cpuPercent" | "memoryInfo">) {
  return m.sample()[0];
}
type _monitorRecord = Expect<
  Equal<
    ReturnType<typeof monitorRecord>,
    { pid: number; cpuPercent: number | null; memoryInfo: { rss: number; vms: number } | null }
  >
>;

function defaultMonitor() {
  return new psutil.Monitor().sample()[0];
}
type _monitorDefault = Expect<Equal<keyof ReturnType<typeof defaultMonitor>, psutil.DefaultMonitorAttr>>;

/** Lines that must not compile. */
export function _monitorRejects(): void {
  // @ts-expect-error: a Monitor does not read open files
  new psutil.Monitor({ attrs: ["openFiles"] });
  const m = new psutil.Monitor({ attrs: ["pid", "cpuPercent"] });
  // @ts-expect-error: not asked for
  m.sample()[0].name;
}

test("Monitor: records hold what the type says, inferred from attrs", () => {
  using m = new psutil.Monitor({ attrs: ["pid", "cpuPercent", "memoryInfo"] });
  const rows = m.sample();
  const me = rows.find((r) => r.pid === new psutil.Process().pid);
  assert.ok(me);
  assert.deepEqual(Object.keys(me).sort(), ["cpuPercent", "memoryInfo", "pid"]);
  assert.equal(typeof me.cpuPercent?.toFixed(1), "string");
  assert.ok((me.memoryInfo?.rss ?? 0) > 0 && (me.memoryInfo?.vms ?? 0) >= (me.memoryInfo?.rss ?? 0));
});

// --- connections ---------------------------------------------------------------

type _tcp = Expect<Equal<ReturnType<typeof tcp>, psutil.InetNetConnection[]>>;
function tcp() {
  return psutil.netConnections({ kind: "tcp" });
}
type _default = Expect<Equal<ReturnType<typeof defaultKind>, psutil.InetNetConnection[]>>;
function defaultKind() {
  return psutil.netConnections();
}
type _unix = Expect<Equal<ReturnType<typeof unix>, psutil.UnixNetConnection[]>>;
function unix() {
  return psutil.netConnections({ kind: "unix" });
}
type _all = Expect<Equal<ReturnType<typeof all>, psutil.NetConnection[]>>;
function all() {
  return psutil.netConnections({ kind: "all" });
}
type _procUdp = Expect<Equal<ReturnType<typeof procUdp>, psutil.InetConnection[]>>;
function procUdp(p: psutil.Process) {
  return p.connections({ kind: "udp" });
}
type _procDynamic = Expect<Equal<ReturnType<typeof procDynamic>, psutil.ProcessConnection[]>>;
function procDynamic(p: psutil.Process, kind: psutil.ConnectionKind) {
  return p.connections({ kind });
}

/** Narrowing on `family` gives each shape without a cast. */
function describeConnection(c: psutil.NetConnection): string {
  if (c.family === psutil.AF_UNIX) {
    const path: string = c.laddr;
    return `unix ${path || "-"}`;
  }
  const port: number | undefined = c.laddr?.port;
  return `inet ${c.laddr?.ip}:${port}`;
}

/** Lines that must not compile. */
export function _connectionRejects(): void {
  const [c] = psutil.netConnections({ kind: "tcp" });
  // @ts-expect-error: an inet address may be null (unbound)
  c.laddr.port;
  const [u] = psutil.netConnections({ kind: "unix" });
  // @ts-expect-error: a UNIX socket's address is a path
  u.laddr.port;
  // @ts-expect-error: not a kind
  psutil.netConnections({ kind: "tcp5" });
}

test("connections: each row has the shape its family says", () => {
  for (const c of all()) {
    const text = describeConnection(c);
    if (c.family === psutil.AF_UNIX) {
      assert.equal(typeof c.laddr, "string");
      assert.equal(typeof c.raddr, "string");
      assert.ok(text.startsWith("unix "));
    } else {
      assert.ok(c.family === psutil.AF_INET || c.family === psutil.AF_INET6);
      for (const a of [c.laddr, c.raddr]) {
        assert.ok(a === null || (typeof a.ip === "string" && Number.isInteger(a.port)), JSON.stringify(a));
      }
    }
  }
  for (const c of tcp()) assert.notEqual(c.family, psutil.AF_UNIX as number);
  for (const c of unix()) assert.equal(c.family, psutil.AF_UNIX);
});

// --- results of the overloads --------------------------------------------------

function percpu() {
  return psutil.cpuTimes({ percpu: true });
}
type _percpu = Expect<Equal<ReturnType<typeof percpu>, psutil.CpuTimes[]>>;
function interval() {
  return psutil.cpuPercent({ interval: 0.01 });
}
type _interval = Expect<Equal<ReturnType<typeof interval>, Promise<number>>>;
function noInterval() {
  return psutil.cpuPercent();
}
type _noInterval = Expect<Equal<ReturnType<typeof noInterval>, number>>;

/** Lines that must not compile. */
export function _overloadRejects(): void {
  // @ts-expect-error: psutil's positional habit; the options object is the way here
  psutil.cpuPercent(0.5);
  // @ts-expect-error: an unknown option key
  psutil.cpuCount({ bogus: true });
}

test("the overloads' answers have the shapes their types say", async () => {
  assert.ok(Array.isArray(percpu()) && percpu().length === psutil.cpuCount());
  const v = await interval();
  assert.ok(v >= 0 && v <= 100);
  assert.ok(noInterval() >= 0);
});

// --- Popen: streams and communicate typed from the options ---------------------

function pipedText() {
  return new psutil.Popen(["true"], { stdout: psutil.PIPE, text: true }).communicate();
}
type _pipedText = Expect<Equal<Awaited<ReturnType<typeof pipedText>>, { stdout: string; stderr: null }>>;
function pipedBytes() {
  return new psutil.Popen(["true"], { stdout: psutil.PIPE, stderr: "piped" }).communicate();
}
type _pipedBytes = Expect<Equal<Awaited<ReturnType<typeof pipedBytes>>, { stdout: Uint8Array; stderr: Uint8Array }>>;
function noOptions() {
  return new psutil.Popen(["true"]);
}
type _noOptionsResult = Expect<
  Equal<Awaited<ReturnType<ReturnType<typeof noOptions>["communicate"]>>, { stdout: null; stderr: null }>
>;
type _noOptionsStream = Expect<Equal<ReturnType<typeof noOptions>["stdout"], null>>;
function dropped() {
  return new psutil.Popen(["true"], { stdout: psutil.DEVNULL, stdin: psutil.PIPE });
}
type _droppedStreams = Expect<
  Equal<[ReturnType<typeof dropped>["stdout"], ReturnType<typeof dropped>["stdin"]], [null, WritableStream<Uint8Array>]>
>;
function unknownOptions(o: psutil.PopenOptions) {
  return new psutil.Popen(["true"], o).communicate();
}
type _unknownOptions = Expect<
  Equal<Awaited<ReturnType<typeof unknownOptions>>["stdout"], string | Uint8Array | null>
>;

/** Lines that must not compile. */
export async function _popenRejects(): Promise<void> {
  const { stdout } = await new psutil.Popen(["true"], { stdout: psutil.PIPE }).communicate();
  // @ts-expect-error: without text the output is bytes
  stdout.trim();
  const { stderr } = await new psutil.Popen(["true"], { stdout: psutil.PIPE }).communicate();
  // @ts-expect-error: stderr was not piped
  stderr.length;
  // @ts-expect-error: not a stdio mode
  new psutil.Popen(["true"], { stdout: "pipe" });
}

test("Popen's answers have the shapes their types say", { skip: process.platform === "win32" }, async () => {
  const text = await pipedText();
  assert.deepEqual(text, { stdout: "", stderr: null });
  const bytes = await new psutil.Popen(["sh", "-c", "printf ab; printf c >&2"], { stdout: "piped", stderr: "piped" })
    .communicate();
  assert.deepEqual([[...bytes.stdout], [...bytes.stderr]], [[97, 98], [99]]);
  const d = dropped();
  assert.ok(d.stdin instanceof WritableStream);
  assert.equal(d.stdout, null);
  await d.communicate();
});
