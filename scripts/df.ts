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

/**
 * As df(1): a device mounted in several places (bind mounts, a disk seen
 * from a container) is listed once, at its shortest mount point, unless
 * `--all` asks for every mount. Only real devices (a path) are merged:
 * two tmpfs mounts are two file systems.
 */
export function mountedOnce(parts: psutil.DiskPartition[], all: boolean): psutil.DiskPartition[] {
  if (all) return parts;
  const byDevice = new Map<string, psutil.DiskPartition>();
  const out: psutil.DiskPartition[] = [];
  for (const p of parts) {
    if (!p.device.startsWith("/")) {
      out.push(p);
      continue;
    }
    const seen = byDevice.get(p.device);
    if (seen === undefined) {
      byDevice.set(p.device, p);
      out.push(p);
    } else if (p.mountpoint.length < seen.mountpoint.length) {
      out[out.indexOf(seen)] = p;
      byDevice.set(p.device, p);
    }
  }
  return out;
}

/** Prints the table. */
export function main(cli: Cli): void {
  const fmt = (n: number) => cli.flags.has("--bytes") ? String(n) : psutil.bytes2human(n);
  const rows = [["Device", "Total", "Used", "Free", "Use%", "Type", "Mount"]];
  const all = cli.flags.has("--all");
  for (const p of mountedOnce(psutil.diskPartitions({ all }), all)) {
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
