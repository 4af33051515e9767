/**
 * Disk usage as bars, per partition or for one path, like psutil's `disk_usage.py`.
 *
 * Usage: `deno run -A scripts/disk_usage.ts [PATH]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { bar, type Cli, type CliSpec, printable, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "disk_usage",
  summary: "Usage of every physical partition, or of the file system holding PATH, as bars.",
  args: "[PATH...]",
};

/** Prints one bar per file system. */
export function main(cli: Cli): void {
  const paths = cli.args.length ? cli.args : psutil.diskPartitions().map((p) => p.mountpoint);
  const h = psutil.bytes2human;
  // Every path is read before any is printed, so the column fits the longest.
  const rows = paths.map((path) => ({ path: printable(path), u: psutil.diskUsage(path) }));
  const col = Math.max(4, ...rows.map((r) => r.path.length));
  for (const { path, u } of rows) {
    console.log(
      `${path.padEnd(col)} [${bar(u.percent, 30)}] ${u.percent.toFixed(1).padStart(5)}%  ${
        h(u.used).padStart(6)
      } used of ${h(u.total).padStart(6)}, ${h(u.free).padStart(6)} free`,
    );
  }
}

if (import.meta.main) await run(SPEC, main);
