/**
 * Times every workload under the runtime that runs it and prints a table:
 * `deno run -A bench/run.ts` or `bun bench/run.ts`. The same workloads as
 * `deno bench` (bench/psutil_bench.ts); bench/compare.ts adds psutil.
 *
 * @module
 */
import { stopWorkloads, timeWorkload, WORKLOADS } from "./workloads.ts";
import { pids } from "../mod.ts";
import { runtimeName } from "../ffi/runtime.ts";

export { runtimeName };

/** Formats microseconds for the table. */
export function fmtTime(us: number): string {
  return us >= 1000 ? `${(us / 1000).toFixed(2)} ms` : `${us.toFixed(1)} µs`;
}

if (import.meta.main) {
  const only = (globalThis as { process?: { argv: string[] } }).process?.argv.slice(2) ?? [];
  console.log(`${runtimeName()}, ${pids().length} processes`);
  console.log("| workload | time per call | CPU time per call | of the main thread |");
  console.log("| --- | ---: | ---: | ---: |");
  for (const w of WORKLOADS) {
    if (only.length && !only.includes(w.name)) continue;
    const t = timeWorkload(w, 5);
    console.log(`| ${w.name} | ${fmtTime(t.wall)} | ${fmtTime(t.cpu)} | ${fmtTime(t.thread)} |`);
  }
  stopWorkloads();
}
