/**
 * A live overview of the system and its processes, like `top`: CPU bars per
 * core, memory and swap, load average, uptime, and the busiest processes.
 *
 * Usage: `deno run -A scripts/top.ts [--interval S] [--iterations N]`,
 * or `bun scripts/top.ts`. Ctrl-C leaves and restores the terminal.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { bar, type Cli, type CliSpec, duration, live, printable, run, termWidth, UsageError } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "top",
  summary: "A live overview: CPU per core, memory, swap, load, uptime and the busiest processes.",
  live: true,
  options: { "--sort": "order processes by cpu (default) or mem", "--lines": "processes to show (default: fit)" },
};

/** What each row of the process table reads. */
const ATTRS = ["pid", "name", "username", "status", "cpuPercent", "memoryInfo", "memoryPercent", "cmdline"] as const;

/** The monitor `top` samples. */
export type TopMonitor = psutil.Monitor<typeof ATTRS[number]>;

/** Renders one frame. */
export function frame(monitor: TopMonitor, sort: "cpu" | "mem", lines: number | null): string {
  const width = termWidth();
  const out: string[] = [];
  const cpus = psutil.cpuPercent({ percpu: true });
  const barWidth = Math.max(10, Math.floor((width - 20) / 2) - 10);
  for (let i = 0; i < cpus.length; i += 2) {
    const one = (j: number) =>
      `CPU${String(j).padEnd(3)}[${bar(cpus[j], barWidth)}] ${cpus[j].toFixed(1).padStart(5)}%`;
    out.push(i + 1 < cpus.length ? `${one(i)}   ${one(i + 1)}` : one(i));
  }
  const vm = psutil.virtualMemory();
  const sw = psutil.swapMemory();
  const h = psutil.bytes2human;
  out.push(
    `Mem    [${bar(vm.percent, barWidth)}] ${vm.percent.toFixed(1).padStart(5)}%  ${h(vm.used)} / ${h(vm.total)}`,
  );
  out.push(
    `Swap   [${bar(sw.percent, barWidth)}] ${sw.percent.toFixed(1).padStart(5)}%  ${h(sw.used)} / ${h(sw.total)}`,
  );
  const procs = monitor.sample();
  const counts = new Map<string, number>();
  for (const p of procs) counts.set(p.status ?? "?", (counts.get(p.status ?? "?") ?? 0) + 1);
  const [l1, l5, l15] = psutil.getloadavg();
  const load = `Load average: ${l1.toFixed(2)} ${l5.toFixed(2)} ${l15.toFixed(2)}`;
  const uptime = `Uptime: ${duration(Date.now() / 1000 - psutil.bootTime())}`;
  const tasks = `Processes: ${procs.length} (${[...counts].map(([s, n]) => `${n} ${s}`).join(", ")})`;
  // One line where the width allows, else one line each, never wrapped by the terminal.
  const summary = `${tasks}   ${load}   ${uptime}`;
  if (summary.length <= width) out.push(summary);
  else out.push(tasks, `${load}   ${uptime}`);
  out.push("");
  out.push(
    `${"PID".padStart(7)} ${"USER".padEnd(10)} ${"%CPU".padStart(6)} ${"%MEM".padStart(5)} ${"RSS".padStart(7)} ${
      "S".padEnd(9)
    } COMMAND`,
  );
  const key = sort === "cpu" ? "cpuPercent" : "memoryPercent";
  procs.sort((a, b) => (b[key] ?? 0) - (a[key] ?? 0) || a.pid - b.pid);
  const room = lines ??
    Math.max(
      5,
      ((globalThis as { process?: { stdout?: { rows?: number } } }).process?.stdout?.rows ?? 24) - out.length - 2,
    );
  for (const p of procs.slice(0, room)) {
    const rss = p.memoryInfo?.rss;
    const cmd = printable(p.cmdline?.join(" ") || (p.name ?? ""));
    out.push(
      `${String(p.pid).padStart(7)} ${String(p.username ?? "").slice(0, 10).padEnd(10)} ${
        (p.cpuPercent ?? 0).toFixed(1).padStart(6)
      } ${(p.memoryPercent ?? 0).toFixed(1).padStart(5)} ${(rss === undefined ? "" : h(rss)).padStart(7)} ${
        String(p.status).slice(0, 9).padEnd(9)
      } ${cmd}`.slice(0, width),
    );
  }
  return out.join("\n");
}

/** Runs the live overview. */
export async function main(cli: Cli): Promise<void> {
  const sort = cli.options["--sort"] ?? "cpu";
  if (sort !== "cpu" && sort !== "mem") throw new UsageError(`--sort must be cpu or mem`);
  const lines = cli.options["--lines"] === undefined ? null : Number(cli.options["--lines"]);
  if (lines !== null && !(Number.isInteger(lines) && lines > 0)) {
    throw new UsageError(`--lines must be a positive integer`);
  }
  using monitor: TopMonitor = new psutil.Monitor({ attrs: ATTRS });
  psutil.cpuPercent({ percpu: true });
  monitor.sample();
  await new Promise((r) => setTimeout(r, Math.min(cli.interval, 0.5) * 1000));
  await live(cli, () => frame(monitor, sort, lines));
}

if (import.meta.main) await run(SPEC, main);
