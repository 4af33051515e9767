/**
 * `deno bench -A bench/`: every workload of bench/workloads.ts as a Deno
 * benchmark. Under Bun, `bun bench/run.ts` times the same workloads.
 *
 * @module
 */
import { stopWorkloads, WORKLOADS } from "./workloads.ts";

for (const w of WORKLOADS) {
  Deno.bench(w.name, () => {
    w.run();
  });
}

// The asDictAll workload's sleep child ends with the benchmarks.
globalThis.addEventListener("unload", stopWorkloads);
