/**
 * `deno bench -A bench/`: every workload of bench/workloads.ts as a Deno
 * benchmark. Under Bun, `bun bench/run.ts` times the same workloads.
 *
 * @module
 */
import { WORKLOADS } from "./workloads.ts";

for (const w of WORKLOADS) {
  Deno.bench(w.name, () => {
    w.run();
  });
}
