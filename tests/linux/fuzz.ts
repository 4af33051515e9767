/**
 * The parser fuzzer: every pure parser of the Linux backend, fed random and
 * mutated inputs grown from real procfs files and the fixtures, with a fixed
 * seed. The only allowed outcomes are a value with no `NaN` or infinite
 * number in it, or a library error (`PsutilError`). Used by the bounded test
 * (tests/parsers_fuzz_test.ts) and the longer run (bench/fuzz.ts).
 *
 * @module
 */
import { existsSync, readFileSync } from "node:fs";
import { PsutilError } from "../../errors.ts";
import {
  memoryFromStatus,
  parseCmdline,
  parseEnviron,
  parseIds,
  parseIo,
  parseSmaps,
  parseSmapsTotals,
  parseStat,
  parseStatm,
  StatusView,
} from "../../platform/linux/parsers.ts";
import { parseMeminfo, parseVmstatSwap, virtualMemoryFrom } from "../../platform/linux/memory.ts";
import { parseDiskstats, parseFilesystems, parseMounts } from "../../platform/linux/disk.ts";
import { parseNetDev, parseProcNetInet, parseProcNetUnix } from "../../platform/linux/net.ts";
import { parseDiagBatch } from "../../platform/linux/sockdiag.ts";
import {
  countCpuinfoCores,
  countCpuinfoProcessors,
  cpuTimesFromTicks,
  parseCpuinfoMhz,
  parseLoadavg,
  parseProcStat,
} from "../../platform/linux/cpu.ts";
import { userFromUtmpx } from "../../platform/posix/utmp.ts";
import { utmpx } from "../../ffi/linux/structs.ts";
import { inet_diag_msg, nlmsghdr } from "../../ffi/linux/structs.ts";
import { AF_INET, AF_INET6, SOCK_DGRAM, SOCK_STREAM } from "../../constants.ts";

/** A parser under test: bytes in, anything out. */
export interface Target {
  /** The parser's name. */
  name: string;
  /** Real inputs to mutate. */
  seeds: Uint8Array[];
  /** Runs the parser. */
  run(input: Uint8Array): unknown;
}

const FIXTURES = new URL("../fixtures/linux/", import.meta.url).pathname;
const enc = new TextEncoder();
const dec = new TextDecoder();
const text = (b: Uint8Array) => dec.decode(b);

/** The files that exist among `paths`, read whole. */
function files(...paths: string[]): Uint8Array[] {
  const out: Uint8Array[] = [];
  for (const p of paths) {
    try {
      if (existsSync(p)) out.push(new Uint8Array(readFileSync(p)));
    } catch { /* unreadable: not a seed */ }
  }
  return out;
}

/** A sock_diag dump batch: `count` TCP sockets, then NLMSG_DONE. */
function diagBatch(count: number): Uint8Array {
  const rec = nlmsghdr.size + inet_diag_msg.size;
  const b = new Uint8Array(rec * count + nlmsghdr.size);
  const v = new DataView(b.buffer);
  for (let i = 0; i < count; i++) {
    const off = i * rec;
    nlmsghdr.set(v, "nlmsg_len", rec, off);
    nlmsghdr.set(v, "nlmsg_type", 20, off);
    inet_diag_msg.set(v, "idiag_family", i % 2 ? AF_INET6 : AF_INET, off + nlmsghdr.size);
    inet_diag_msg.set(v, "idiag_state", 1 + (i % 12), off + nlmsghdr.size);
    inet_diag_msg.set(v, "idiag_inode", 1000 + i, off + nlmsghdr.size);
    b[off + nlmsghdr.size + inet_diag_msg.offset("id") + 1] = 80; // source port 80
  }
  nlmsghdr.set(v, "nlmsg_len", nlmsghdr.size, rec * count);
  nlmsghdr.set(v, "nlmsg_type", 3, rec * count);
  return b;
}

/** Every fuzzed parser, with its seeds. */
export function targets(): Target[] {
  const utmp = files(`${FIXTURES}utmp`, "/var/run/utmp");
  const records = utmp.flatMap((f) =>
    Array.from({ length: Math.floor(f.length / utmpx.size) }, (_, i) => f.slice(i * utmpx.size, (i + 1) * utmpx.size))
  );
  const t = (name: string, seeds: Uint8Array[], run: (s: string) => unknown): Target => ({
    name,
    seeds: seeds.length ? seeds : [enc.encode("")],
    run: (b) => run(text(b)),
  });
  return [
    t("stat", files("/proc/self/stat", "/proc/1/stat", "/proc/2/stat"), (s) => parseStat(s, "/proc/X/stat")),
    t("status", files("/proc/self/status", "/proc/1/status"), (s) => {
      const st = new StatusView(s);
      return [memoryFromStatus(st), parseIds(st.get("Uid")), parseIds(st.get("Gid"), "status", "Gid")];
    }),
    t("statm", files("/proc/self/statm"), (s) => parseStatm(s)),
    t("io", files("/proc/self/io"), (s) => parseIo(s)),
    t("smaps", files("/proc/self/smaps_rollup", "/proc/self/smaps"), (s) => [parseSmaps(s), parseSmapsTotals(s)]),
    t("meminfo", files("/proc/meminfo", `${FIXTURES}meminfo`), (s) => virtualMemoryFrom(parseMeminfo(s), () => s)),
    t("vmstat", files("/proc/vmstat"), (s) => parseVmstatSwap(s)),
    t("mounts", files("/proc/self/mounts", `${FIXTURES}proc/self/mounts`), (s) => parseMounts(s)),
    t("filesystems", files("/proc/filesystems"), (s) => [...parseFilesystems(s)]),
    t("diskstats", files("/proc/diskstats", `${FIXTURES}proc/diskstats`), (s) => [...parseDiskstats(s)]),
    t("net/dev", files("/proc/net/dev", `${FIXTURES}proc/net/dev`), (s) => [...parseNetDev(s)]),
    t(
      "net/tcp",
      files("/proc/net/tcp", "/proc/net/tcp6", `${FIXTURES}proc/net/tcp`, `${FIXTURES}proc/net/tcp6`),
      (s) => {
        const out = [parseProcNetInet(s, AF_INET, SOCK_STREAM), parseProcNetInet(s, AF_INET6, SOCK_DGRAM)];
        for (const sock of out.flat()) {
          for (const a of [sock.laddr, sock.raddr]) {
            if (a && !/^(\d{1,3}\.){3}\d{1,3}$|^[0-9a-f:.]+$/.test(a.ip)) throw new Error(`bad address ${a.ip}`);
          }
        }
        return out;
      },
    ),
    t("net/unix", files("/proc/net/unix", `${FIXTURES}proc/net/unix`), (s) => parseProcNetUnix(s)),
    t("environ", files("/proc/self/environ"), (s) => parseEnviron(s)),
    t("cmdline", files("/proc/self/cmdline", "/proc/1/cmdline"), (s) => parseCmdline(s)),
    t("stat (system)", files("/proc/stat", `${FIXTURES}stat`), (s) => {
      const st = parseProcStat(s);
      return [st, cpuTimesFromTicks(st.total, 100), st.perCpu.map((c) => cpuTimesFromTicks(c, 100))];
    }),
    t("loadavg", files("/proc/loadavg"), (s) => parseLoadavg(s)),
    t("cpuinfo", files("/proc/cpuinfo", `${FIXTURES}cpuinfo`), (s) => [
      parseCpuinfoMhz(s),
      countCpuinfoCores(s),
      countCpuinfoProcessors(s),
    ]),
    {
      name: "utmp record",
      seeds: records.length ? records : [new Uint8Array(utmpx.size)],
      run: (b) => {
        const r = new Uint8Array(utmpx.size);
        r.set(b.subarray(0, utmpx.size));
        return userFromUtmpx(r);
      },
    },
    {
      name: "sock_diag batch",
      seeds: [diagBatch(1), diagBatch(5), diagBatch(0)],
      run: (b) => {
        const out: unknown[] = [];
        return [parseDiagBatch(b, true, out as never), out];
      },
    },
  ];
}

/** A small fast PRNG (mulberry32), so that a seed replays a run. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const TOKENS = [
  "0",
  "-1",
  "",
  " ",
  "\n",
  "\0",
  ":",
  "(",
  ")",
  "x",
  "NaN",
  "1e400",
  "0x1f",
  "18446744073709551616",
  "99999999999999999999999",
  "\t",
  "kB",
  "\u00ff",
  "\ufffd",
  "-",
  "+",
  ".",
  "/",
  "[",
  "]",
  "=",
].map((s) => enc.encode(s));

/** One mutation of `input` (a few, stacked). */
export function mutate(input: Uint8Array, rnd: () => number): Uint8Array {
  let b = input;
  const int = (n: number) => Math.floor(rnd() * n);
  for (let k = 1 + int(4); k > 0; k--) {
    const at = int(b.length + 1);
    switch (int(8)) {
      case 0: { // flip a byte
        if (b.length === 0) break;
        b = b.slice();
        b[int(b.length)] ^= 1 << int(8);
        break;
      }
      case 1: { // delete a range
        const end = Math.min(b.length, at + int(64));
        b = concat(b.subarray(0, at), b.subarray(end));
        break;
      }
      case 2: { // duplicate a range
        const end = Math.min(b.length, at + int(256));
        b = concat(b.subarray(0, end), b.subarray(at, end), b.subarray(end));
        break;
      }
      case 3: // insert a token
        b = concat(b.subarray(0, at), TOKENS[int(TOKENS.length)], b.subarray(at));
        break;
      case 4: // truncate
        b = b.subarray(0, at);
        break;
      case 5: { // replace a run of digits with a token
        let s = at;
        while (s < b.length && (b[s] < 48 || b[s] > 57)) s++;
        let e = s;
        while (e < b.length && b[e] >= 48 && b[e] <= 57) e++;
        b = concat(b.subarray(0, s), TOKENS[int(TOKENS.length)], b.subarray(e));
        break;
      }
      case 6: { // random bytes
        const r = new Uint8Array(int(32));
        for (let i = 0; i < r.length; i++) r[i] = int(256);
        b = concat(b.subarray(0, at), r, b.subarray(at));
        break;
      }
      default: { // swap two lines
        const lines = text(b).split("\n");
        if (lines.length < 2) break;
        const i = int(lines.length), j = int(lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        b = enc.encode(lines.join("\n"));
      }
    }
  }
  return b;
}

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** The path of a number in `v` that is `NaN` or infinite, or `null` when there is none. */
export function badNumber(v: unknown, path = "$", seen = new Set<unknown>()): string | null {
  if (typeof v === "number") return Number.isFinite(v) ? null : `${path} = ${v}`;
  if (v === null || typeof v !== "object" || seen.has(v)) return null;
  seen.add(v);
  const entries = v instanceof Map ? [...v.entries()] : Object.entries(v);
  for (const [k, x] of entries) {
    const bad = badNumber(x, `${path}.${String(k)}`, seen);
    if (bad) return bad;
  }
  return null;
}

/** A failure: the parser, the input, and what went wrong. */
export interface Finding {
  /** The parser. */
  target: string;
  /** The input that broke it. */
  input: Uint8Array;
  /** What it did. */
  problem: string;
}

/**
 * Fuzzes `target` for `ms` milliseconds (or `maxRuns` inputs) from `seed`:
 * the seeds themselves, then mutations of them and of earlier inputs, and
 * some wholly random ones. Returns the first finding, or `null`, and the
 * number of inputs tried.
 */
export function fuzz(
  target: Target,
  seed: number,
  ms: number,
  maxRuns = Infinity,
): { finding: Finding | null; runs: number } {
  const rnd = prng(seed);
  const pool = [...target.seeds];
  const deadline = performance.now() + ms;
  let runs = 0;
  const check = (input: Uint8Array): Finding | null => {
    runs++;
    let out: unknown;
    try {
      out = target.run(input);
    } catch (e) {
      if (e instanceof PsutilError) return null;
      return {
        target: target.name,
        input,
        problem: `threw ${(e as Error)?.constructor?.name}: ${(e as Error)?.message}`,
      };
    }
    const bad = badNumber(out);
    return bad ? { target: target.name, input, problem: `returned ${bad}` } : null;
  };
  for (const s of target.seeds) {
    const f = check(s);
    if (f) return { finding: f, runs };
  }
  while (performance.now() < deadline && runs < maxRuns) {
    let input: Uint8Array;
    if (rnd() < 0.05) {
      input = new Uint8Array(Math.floor(rnd() * 200));
      for (let i = 0; i < input.length; i++) input[i] = Math.floor(rnd() * 256);
    } else input = mutate(pool[Math.floor(rnd() * pool.length)], rnd);
    const f = check(input);
    if (f) return { finding: f, runs };
    if (pool.length < 64 && rnd() < 0.1) pool.push(input);
    else if (rnd() < 0.1) {
      pool[target.seeds.length + Math.floor(rnd() * Math.max(1, pool.length - target.seeds.length))] ??= input;
    }
  }
  return { finding: null, runs };
}
