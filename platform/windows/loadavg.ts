/**
 * `getloadavg` on Windows, which has no load average: emulated as psutil
 * does. The first call starts a sampler that reads the instantaneous load
 * every 5 seconds and folds it into the 1, 5 and 15 minute averages with
 * the kernel's exponential decay; until the first sample the averages are
 * 0. The sampler's timer does not keep the program alive.
 *
 * The instantaneous load is psutil's, the PDH counter
 * `\System\Processor Queue Length` (threads ready to run). Where the system
 * has no such counter (Wine's PDH lacks it), it is the number of busy CPUs
 * over the last 5 seconds, from GetSystemTimes: it follows the running
 * threads, but cannot see threads that wait for a CPU.
 *
 * @module
 */
import { type Pointer, pointerOut } from "../../ffi/mod.ts";
import { unrefInterval } from "../../ffi/runtime.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { pdh, wstr } from "../../ffi/windows/libs.ts";
import { PDH_FMT_COUNTERVALUE } from "../../ffi/windows/structs.ts";
import { cpuCountLogical, systemTimes } from "./cpu.ts";

/** Milliseconds between two samples, as psutil's `SAMPLING_INTERVAL`. */
export const SAMPLE_MS = 5000;

/** How much of the old average one 5-second sample keeps: exp(-5/60), exp(-5/300), exp(-5/900). */
export const LOAD_FACTORS: readonly [number, number, number] = [
  Math.exp(-5 / 60),
  Math.exp(-5 / 300),
  Math.exp(-5 / 900),
];

/** The 1, 5 and 15 minute averages after one more sample of `current`. */
export function decayLoads(loads: readonly number[], current: number): [number, number, number] {
  return [0, 1, 2].map((i) => loads[i] * LOAD_FACTORS[i] + current * (1 - LOAD_FACTORS[i])) as [
    number,
    number,
    number,
  ];
}

/** Where the instantaneous load comes from. */
export type LoadSource = "processor-queue-length" | "busy-cpus";

/** A reader of the instantaneous load. */
interface Sampler {
  readonly source: LoadSource;
  read(): number;
}

const PDH_FMT_DOUBLE = 0x00000200;

/** psutil's source: PDH's `\System\Processor Queue Length`, or `null` when the system lacks it. */
function queueLengthSampler(): Sampler | null {
  let p;
  try {
    p = pdh.symbols;
  } catch {
    return null; // no pdh.dll
  }
  const out = new Uint8Array(8);
  if (p.PdhOpenQueryW(null, 0, out) !== 0) return null;
  const query = pointerOut(out) as Pointer;
  const counterOut = new Uint8Array(8);
  if (
    p.PdhAddEnglishCounterW(query, wstr("\\System\\Processor Queue Length"), 0, counterOut) !== 0 ||
    p.PdhCollectQueryData(query) !== 0
  ) {
    p.PdhCloseQuery(query);
    return null;
  }
  const counter = pointerOut(counterOut) as Pointer;
  const value = allocStruct(PDH_FMT_COUNTERVALUE);
  return {
    source: "processor-queue-length",
    read() {
      if (p.PdhCollectQueryData(query) !== 0) return NaN;
      if (p.PdhGetFormattedCounterValue(counter, PDH_FMT_DOUBLE, null, value.buf) !== 0) return NaN;
      return PDH_FMT_COUNTERVALUE.num(value.view, "doubleValue");
    },
  };
}

/** The fallback: how many CPUs were busy since the last sample (GetSystemTimes sums every CPU). */
function busyCpuSampler(): Sampler {
  const cpus = cpuCountLogical() ?? 1;
  let last = systemTimes();
  return {
    source: "busy-cpus",
    read() {
      const now = systemTimes();
      const total = now.kernel + now.user - last.kernel - last.user;
      const idle = now.idle - last.idle;
      last = now;
      return total > 0 ? Math.max(0, Math.min(1, 1 - idle / total)) * cpus : NaN;
    },
  };
}

let sampler: Sampler | null = null;
let loads: [number, number, number] = [0, 0, 0];

/** Starts the sampler on first use; returns it. */
function start(): Sampler {
  if (sampler) return sampler;
  sampler = queueLengthSampler() ?? busyCpuSampler();
  unrefInterval(sampleLoad, SAMPLE_MS);
  return sampler;
}

/**
 * Takes one sample now (the timer calls this every 5 seconds; tests call it
 * to advance). A failed reading is skipped: it never throws from the timer.
 */
export function sampleLoad(): void {
  try {
    const current = start().read();
    if (Number.isFinite(current)) loads = decayLoads(loads, current);
  } catch {
    // One missed sample; the next one counts.
  }
}

/** The source the sampler reads, starting it if needed. */
export function loadSource(): LoadSource {
  return start().source;
}

/** The 1, 5 and 15 minute load averages, rounded to 2 decimals as psutil does. */
export function getloadavg(): [number, number, number] {
  start();
  return loads.map((l) => Math.round(l * 100) / 100) as [number, number, number];
}
