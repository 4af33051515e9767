/**
 * Memory and swap like `free`: total, used, free, shared, buff/cache, available.
 *
 * Usage: `deno run -A scripts/free.ts [--bytes]` or `bun scripts/free.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "free",
  summary: "Physical memory and swap, like free(1).",
  flags: { "--bytes": "print bytes instead of human-readable sizes" },
};

/** Prints the table. */
export function main(cli: Cli): void {
  const fmt = (n: number | undefined) =>
    n === undefined ? "" : cli.flags.has("--bytes") ? String(n) : psutil.bytes2human(n);
  const vm = psutil.virtualMemory();
  const sw = psutil.swapMemory();
  const row = (cells: Array<string>) => cells.map((c, i) => i === 0 ? c.padEnd(6) : c.padStart(14)).join("");
  console.log(row(["", "total", "used", "free", "shared", "buff/cache", "available"]));
  const cache = vm.buffers !== undefined && vm.cached !== undefined ? vm.buffers + vm.cached : undefined;
  console.log(row(["Mem:", fmt(vm.total), fmt(vm.used), fmt(vm.free), fmt(vm.shared), fmt(cache), fmt(vm.available)]));
  console.log(row(["Swap:", fmt(sw.total), fmt(sw.used), fmt(sw.free)]));
}

if (import.meta.main) await run(SPEC, main);
