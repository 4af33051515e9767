/**
 * The memory maps of a process, like `pmap -x PID`.
 *
 * Usage: `deno run -A scripts/pmap.ts PID`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, fit, intArg, printable, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "pmap",
  summary: "Every memory mapping of process PID: address, RSS, mode, path.",
  args: "PID",
};

/** Prints the maps and their total. */
export function main(cli: Cli): void {
  const p = new psutil.Process(intArg(cli.args[0], "PID"));
  const maps = p.memoryMaps({ grouped: false });
  console.log(fit(`${p.pid}: ${printable(p.cmdline().join(" ") || p.name())}`));
  console.log(`${"Address".padEnd(34)} ${"RSS".padStart(8)} ${"Mode".padEnd(5)} Mapping`);
  let total = 0;
  for (const m of maps) {
    total += m.rss;
    // Cut to the terminal only on a terminal: piped, every path stays whole.
    console.log(
      fit(
        `${(m.addr ?? "").padEnd(34)} ${psutil.bytes2human(m.rss).padStart(8)} ${(m.perms ?? "").padEnd(5)} ${
          printable(m.path)
        }`,
      ),
    );
  }
  console.log(`${"Total".padEnd(34)} ${psutil.bytes2human(total).padStart(8)}`);
}

if (import.meta.main) await run(SPEC, main);
