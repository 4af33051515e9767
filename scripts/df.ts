/**
 * Mounted file systems and their usage, like `df -h`.
 *
 * Usage: `deno run -A scripts/df.ts [--all] [--bytes]` or `bun scripts/df.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "df",
  summary: "Every mounted file system: size, used, free, use% and type, like df(1).",
  flags: { "--all": "include pseudo file systems", "--bytes": "print bytes instead of human-readable sizes" },
};

/** Prints the table. */
export function main(cli: Cli): void {
  const fmt = (n: number) => cli.flags.has("--bytes") ? String(n) : psutil.bytes2human(n);
  const rows = [["Device", "Total", "Used", "Free", "Use%", "Type", "Mount"]];
  for (const p of psutil.diskPartitions({ all: cli.flags.has("--all") })) {
    let u: psutil.DiskUsage;
    try {
      u = psutil.diskUsage(p.mountpoint);
    } catch (e) {
      if (e instanceof psutil.OsError) continue; // not ours to stat, or gone
      throw e;
    }
    rows.push([
      p.device || "none",
      fmt(u.total),
      fmt(u.used),
      fmt(u.free),
      `${Math.round(u.percent)}%`,
      p.fstype,
      p.mountpoint,
    ]);
  }
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => r[i].length)));
  for (const r of rows) {
    console.log(r.map((c, i) => i >= 1 && i <= 4 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join("  ").trimEnd());
  }
}

if (import.meta.main) await run(SPEC, main);
