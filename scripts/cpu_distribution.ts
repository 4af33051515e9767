/**
 * CPU use per core and which processes run on each, live, like psutil's `cpu_distribution.py`.
 *
 * Usage: `deno run -A scripts/cpu_distribution.ts [--interval S] [--iterations N]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { bar, type Cli, type CliSpec, live, run, termWidth } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "cpu_distribution",
  summary: "Each CPU's load and the processes that last ran on it, refreshed.",
  live: true,
};

/** Runs the live view. */
export async function main(cli: Cli): Promise<void> {
  using monitor = new psutil.Monitor({ attrs: ["pid", "name", "cpuNum", "cpuPercent"] });
  psutil.cpuPercent({ percpu: true });
  monitor.sample();
  await live(cli, async () => {
    await new Promise((r) => setTimeout(r, Math.min(cli.interval, 0.5) * 1000));
    const cpus = psutil.cpuPercent({ percpu: true });
    const procs = monitor.sample();
    const lines: string[] = [];
    cpus.forEach((pct, i) => {
      const here = procs.filter((p) => p.cpuNum === i).sort((a, b) =>
        (b.cpuPercent as number) - (a.cpuPercent as number)
      );
      lines.push(
        `CPU ${String(i).padEnd(3)} [${bar(pct, 20)}] ${pct.toFixed(1).padStart(5)}%  ${here.length} processes`,
      );
      lines.push(`        ${here.slice(0, 8).map((p) => p.name).join(", ")}`.slice(0, termWidth()));
    });
    return lines.join("\n");
  });
}

if (import.meta.main) await run(SPEC, main);
