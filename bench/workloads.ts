/**
 * The benchmark workloads, written once: `deno bench` (bench/psutil_bench.ts),
 * the cross-runtime runner (bench/run.ts, also under Bun) and the comparison
 * with psutil (bench/compare.ts) all run these.
 *
 * @module
 */
import { readFileSync } from "node:fs";
import * as psutil from "../mod.ts";
import { lazyLibrary } from "../ffi/mod.ts";
import { LIBC_NAMES } from "../ffi/posix/libc.ts";
import { setUringReads } from "../platform/linux/uring_reads.ts";

/** The attributes a process table reads, as psutil's benchmarks and `top` do. */
export const COMMON_ATTRS = [
  "pid",
  "name",
  "ppid",
  "status",
  "cpuTimes",
  "memoryInfo",
  "username",
  "createTime",
  "cmdline",
] as const satisfies readonly psutil.MonitorAttr[];

/** The same attributes in psutil's spelling, for the Python side. */
export const COMMON_ATTRS_PY: string[] = COMMON_ATTRS.map((a) => a.replace(/[A-Z]/g, (c) => "_" + c.toLowerCase()));

/** One workload: a name and how many times one timing round runs it. */
export interface Workload {
  /** Short name, also the key of the Python side. */
  name: string;
  /** The call. */
  run: () => unknown;
  /** Repetitions per timing round (more for fast calls). */
  reps: number;
  /** Whether the time is also shown per process of the table. */
  perProcess?: boolean;
}

/**
 * Reads every field of a result, as a user printing it would: lazy values
 * (a connection's `pid` and `fd`) are resolved, nested objects walked.
 * Returns how many numbers it saw, so the work cannot be optimized away.
 */
export function consume(v: unknown): number {
  if (v === null || typeof v !== "object") return typeof v === "number" ? 1 : 0;
  let n = 0;
  if (Array.isArray(v)) { for (const x of v) n += consume(x); }
  else for (const k in v) n += consume((v as Record<string, unknown>)[k]);
  return n;
}

const me = new psutil.Process();
let monitor: psutil.Monitor<typeof COMMON_ATTRS[number]> | undefined;
let sleeper: psutil.Popen | undefined;

/** The `sleep` child whose every attribute `asDictAll` reads (started on first use; see {@link stopWorkloads}). */
export function sleeperPid(): number {
  sleeper ??= new psutil.Popen(["sleep", "600"]);
  return sleeper.pid;
}

/** Ends what the workloads started (the `sleep` child, the monitor's descriptors). */
export function stopWorkloads(): void {
  sleeper?.kill();
  monitor?.close();
}

/** Every workload, in table order. `perProcess`: its time is also shown per process of the table. */
export const WORKLOADS: Workload[] = [
  { name: "pids", run: () => psutil.pids().length, reps: 200 },
  {
    name: "processIter",
    run: () => {
      let n = 0;
      for (const p of psutil.processIter({ attrs: COMMON_ATTRS })) n += consume(p.info);
      return n;
    },
    reps: 5,
    perProcess: true,
  },
  {
    // The same pass with the helper thread reading ahead instead of io_uring (where io_uring serves, it is the default).
    name: "processIterThread",
    run: () => {
      setUringReads(false);
      try {
        let n = 0;
        for (const p of psutil.processIter({ attrs: COMMON_ATTRS })) n += consume(p.info);
        return n;
      } finally {
        setUringReads(true);
      }
    },
    reps: 5,
    perProcess: true,
  },
  { name: "oneshot", run: () => consume(me.asDict({ attrs: COMMON_ATTRS })), reps: 500 },
  { name: "asDictAll", run: () => consume(new psutil.Process(sleeperPid()).asDict()), reps: 50 },
  { name: "virtualMemory", run: () => consume(psutil.virtualMemory()), reps: 500 },
  { name: "cpuTimesPercpu", run: () => consume(psutil.cpuTimes({ percpu: true })), reps: 500 },
  { name: "netIoCounters", run: () => consume(psutil.netIoCounters({ pernic: true })), reps: 500 },
  { name: "diskIoCounters", run: () => consume(psutil.diskIoCounters({ perdisk: true })), reps: 500 },
  { name: "bootTime", run: () => psutil.bootTime(), reps: 500 },
  { name: "netConnections", run: () => consume(psutil.netConnections({ kind: "inet" })), reps: 20 },
  {
    name: "monitor",
    run: () => consume((monitor ??= new psutil.Monitor({ attrs: COMMON_ATTRS })).sample()),
    reps: 5,
    perProcess: true,
  },
];

/**
 * The Python program that times the same workloads with psutil, reading
 * every field as {@link consume} does, and prints `{name: [wall µs, CPU µs]}`.
 */
export function pythonBench(names: readonly string[], rounds: number, sleeper: number): string {
  return `
import psutil, time, json
ATTRS = ${JSON.stringify(COMMON_ATTRS_PY)}
me = psutil.Process()
def consume(v):
    if isinstance(v, (int, float)) and not isinstance(v, bool): return 1
    if isinstance(v, dict): return sum(consume(x) for x in v.values())
    if isinstance(v, (list, tuple)): return sum(consume(x) for x in v)
    return 0
W = {
  "pids": (lambda: len(psutil.pids()), 200),
  "processIter": (lambda: sum(consume(p.info) for p in psutil.process_iter(ATTRS)), 5),
  "processIterThread": (lambda: sum(consume(p.info) for p in psutil.process_iter(ATTRS)), 5),
  "oneshot": (lambda: consume(me.as_dict(ATTRS)), 500),
  "asDictAll": (lambda: consume(psutil.Process(${sleeper}).as_dict()), 50),
  "virtualMemory": (lambda: consume(psutil.virtual_memory()), 500),
  "cpuTimesPercpu": (lambda: consume(psutil.cpu_times(percpu=True)), 500),
  "netIoCounters": (lambda: consume(psutil.net_io_counters(pernic=True)), 500),
  "diskIoCounters": (lambda: consume(psutil.disk_io_counters(perdisk=True)), 500),
  "bootTime": (psutil.boot_time, 500),
  "netConnections": (lambda: consume(psutil.net_connections("inet")), 20),
  "monitor": (lambda: sum(consume(p.info) for p in psutil.process_iter(ATTRS)), 5),
}
out = {}
for name in ${JSON.stringify(names)}:
    fn, reps = W[name]
    fn()
    best, cpu = float("inf"), 0.0
    for _ in range(${rounds}):
        s, c = time.perf_counter(), time.process_time()
        for _ in range(reps): fn()
        t = (time.perf_counter() - s) / reps
        if t < best: best, cpu = t, (time.process_time() - c) / reps
    out[name] = [best * 1e6, cpu * 1e6]
print(json.dumps(out))
`;
}

/** The CPU time this process has used, in microseconds (every thread: the helper's, the runtime's own). */
function cpuNow(): number {
  const u = (globalThis as { process?: { cpuUsage(): { user: number; system: number } } }).process?.cpuUsage();
  return u ? u.user + u.system : 0;
}

/** clock_gettime(2), for the calling thread's CPU time (Linux). */
const clock = lazyLibrary(
  LIBC_NAMES,
  {
    clock_gettime: { parameters: ["i32", "buffer"], result: "i32" },
  } as const,
);
const CLOCK_THREAD_CPUTIME_ID = 3;
const timespec = new BigInt64Array(2);

/** The CPU time of this thread alone, in microseconds (`NaN` where the clock cannot be read). */
function threadCpuNow(): number {
  try {
    if (clock.symbols.clock_gettime(CLOCK_THREAD_CPUTIME_ID, new Uint8Array(timespec.buffer)) !== 0) return NaN;
  } catch {
    return NaN;
  }
  return Number(timespec[0]) * 1e6 + Number(timespec[1]) / 1e3;
}

/**
 * Times `w`: the best of `rounds` rounds in microseconds per call, wall
 * clock, and the CPU time per call of that round: of every thread of the
 * process (the helper thread's reads count) and of the calling thread alone.
 */
export function timeWorkload(w: Workload, rounds: number): { wall: number; cpu: number; thread: number } {
  w.run();
  let best = Infinity, cpu = 0, thread = 0;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now(), c0 = cpuNow(), h0 = threadCpuNow();
    for (let i = 0; i < w.reps; i++) w.run();
    const t = (performance.now() - t0) / w.reps;
    if (t < best) [best, cpu, thread] = [t, (cpuNow() - c0) / w.reps, (threadCpuNow() - h0) / w.reps];
  }
  return { wall: best * 1000, cpu, thread };
}

/** A `kB` line of this process's `/proc/self/status` (`VmRSS`, `VmHWM`), in KiB; 0 where there is none. */
export function statusKiB(field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) : 0;
}
