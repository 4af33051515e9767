/**
 * The benchmark workloads, written once: `deno bench` (bench/psutil_bench.ts),
 * the cross-runtime runner (bench/run.ts, also under Bun) and the comparison
 * with psutil (bench/compare.ts) all run these.
 *
 * @module
 */
import * as psutil from "../mod.ts";

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
}

const me = new psutil.Process();
let monitor: psutil.Monitor<typeof COMMON_ATTRS[number]> | undefined;

/** Every workload, in table order. */
export const WORKLOADS: Workload[] = [
  { name: "pids", run: () => psutil.pids(), reps: 200 },
  {
    name: "processIter",
    run: () => {
      let n = 0;
      for (const p of psutil.processIter({ attrs: COMMON_ATTRS })) if (p.info) n++;
      return n;
    },
    reps: 5,
  },
  { name: "oneshot", run: () => me.asDict({ attrs: COMMON_ATTRS }), reps: 500 },
  { name: "virtualMemory", run: () => psutil.virtualMemory(), reps: 500 },
  { name: "cpuTimesPercpu", run: () => psutil.cpuTimes({ percpu: true }), reps: 500 },
  { name: "netIoCounters", run: () => psutil.netIoCounters({ pernic: true }), reps: 500 },
  { name: "diskIoCounters", run: () => psutil.diskIoCounters({ perdisk: true }), reps: 500 },
  { name: "netConnections", run: () => psutil.netConnections({ kind: "inet" }), reps: 20 },
  { name: "monitor", run: () => (monitor ??= new psutil.Monitor({ attrs: COMMON_ATTRS })).sample(), reps: 5 },
];

/** The Python program that times the same workloads with psutil and prints `{name: microseconds}`. */
export function pythonBench(names: readonly string[], rounds: number): string {
  return `
import psutil, time, json
ATTRS = ${JSON.stringify(COMMON_ATTRS_PY)}
me = psutil.Process()
W = {
  "pids": (psutil.pids, 200),
  "processIter": (lambda: [p.info for p in psutil.process_iter(ATTRS)], 5),
  "oneshot": (lambda: me.as_dict(ATTRS), 500),
  "virtualMemory": (psutil.virtual_memory, 500),
  "cpuTimesPercpu": (lambda: psutil.cpu_times(percpu=True), 500),
  "netIoCounters": (lambda: psutil.net_io_counters(pernic=True), 500),
  "diskIoCounters": (lambda: psutil.disk_io_counters(perdisk=True), 500),
  "netConnections": (lambda: psutil.net_connections("inet"), 20),
  "monitor": (lambda: [p.info for p in psutil.process_iter(ATTRS)], 5),
}
out = {}
for name in ${JSON.stringify(names)}:
    fn, reps = W[name]
    fn()
    best = float("inf")
    for _ in range(${rounds}):
        s = time.perf_counter()
        for _ in range(reps): fn()
        best = min(best, (time.perf_counter() - s) / reps)
    out[name] = best * 1e6
print(json.dumps(out))
`;
}

/** Times `w`: the best of `rounds` rounds, in microseconds per call. */
export function timeWorkload(w: Workload, rounds: number): number {
  w.run();
  let best = Infinity;
  for (let r = 0; r < rounds; r++) {
    const t0 = performance.now();
    for (let i = 0; i < w.reps; i++) w.run();
    best = Math.min(best, (performance.now() - t0) / w.reps);
  }
  return best * 1000;
}
