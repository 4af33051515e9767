/**
 * Every field of `virtualMemory()` and `swapMemory()`, like psutil's `meminfo.py`.
 *
 * Usage: `deno run -A scripts/meminfo.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = { name: "meminfo", summary: "Every field of physical memory and swap, human-readable." };

function dump(title: string, o: object): void {
  console.log(title);
  for (const [k, v] of Object.entries(o)) {
    console.log(`  ${k.padEnd(10)} : ${k === "percent" ? `${v}%` : psutil.bytes2human(v as number)}`);
  }
}

/** Prints both. */
export function main(): void {
  dump("MEMORY", psutil.virtualMemory());
  console.log("");
  dump("SWAP", psutil.swapMemory());
}

if (import.meta.main) await run(SPEC, main);
