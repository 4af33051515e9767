/**
 * Disk usage as bars, per partition or for one path, like psutil's `disk_usage.py`.
 *
 * Usage: `deno run -A scripts/disk_usage.ts [PATH]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { bar, type Cli, type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "disk_usage",
  summary: "Usage of every physical partition, or of the file system holding PATH, as bars.",
  args: "[PATH]",
};

/** Prints one bar per file system. */
export function main(cli: Cli): void {
  const paths = cli.args.length ? cli.args : psutil.diskPartitions().map((p) => p.mountpoint);
  const h = psutil.bytes2human;
  for (const path of paths) {
    const u = psutil.diskUsage(path);
    console.log(
      `${path.padEnd(24)} [${bar(u.percent, 30)}] ${u.percent.toFixed(1).padStart(5)}%  ${h(u.used)} used of ${
        h(u.total)
      }, ${h(u.free)} free`,
    );
  }
}

if (import.meta.main) await run(SPEC, main);
