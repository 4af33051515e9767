/**
 * The memory of a process table pass, for bench/compare.ts --memory: runs
 * 20 `processIter` passes over every process reading ahead with one engine
 * or none (the argument: `off`, `io_uring` or `thread`) and prints the RSS at
 * start and the peak, in KiB, as JSON. Run as its own process, so that each figure is one runtime's alone.
 *
 * @module
 */
import process from "node:process";
import { processIter } from "../mod.ts";
import { lastBatchEngine, lastBatchHelped, setParallelReads } from "../platform/linux/parallel_reads.ts";
import { setUringReads } from "../platform/linux/uring_reads.ts";
import { COMMON_ATTRS, consume, statusKiB } from "./workloads.ts";

const mode = process.argv.at(-1);
const start = statusKiB("VmRSS");
setParallelReads(mode !== "off", 1); // whatever the process count: the cost of the engine itself
setUringReads(mode === "io_uring");
let helped = 0;
for (let i = 0; i < 20; i++) {
  for (const p of processIter({ attrs: COMMON_ATTRS })) consume(p.info);
  helped = Math.max(helped, lastBatchHelped());
}
console.log(JSON.stringify({ mode, start, peak: statusKiB("VmHWM"), helped, engine: lastBatchEngine() }));
