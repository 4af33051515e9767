/**
 * Everything about one process, like psutil's `procinfo.py`.
 *
 * Usage: `deno run -A scripts/procinfo.ts [PID]` (default: this process).
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, dateTime, fit, intArg, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "procinfo",
  summary: "Every attribute of process PID (default: this one), denied ones marked.",
  args: "[PID]",
};

/** The attributes whose numbers are all sizes in bytes, shown in one style (`9.1M`, `0.0B`). */
const SIZES = new Set(["memoryInfo", "memoryFullInfo"]);
/** The byte counts among the I/O counters (the others count calls). */
const IO_BYTES = new Set(["readBytes", "writeBytes", "readChars", "writeChars", "otherBytes"]);
/** The attributes that are percentages, shown with one decimal. */
const PERCENTS = new Set(["cpuPercent", "memoryPercent"]);

/** One attribute's value as text: sizes human-readable, percentages rounded, `-` for none. */
function show(v: unknown, attr = ""): string {
  if (v === null || v === undefined) return "-";
  if (typeof v === "number" && PERCENTS.has(attr)) return `${v.toFixed(1)}%`;
  if (Array.isArray(v)) {
    return v.length === 0
      ? "[]"
      : v.map((x) => show(x)).join(v.every((x) => typeof x !== "object") ? " " : "\n" + " ".repeat(18));
  }
  if (typeof v === "object") {
    const size = (k: string, x: unknown) =>
      typeof x === "number" && (SIZES.has(attr) || (attr === "ioCounters" && IO_BYTES.has(k)));
    return Object.entries(v).map(([k, x]) => `${k}=${size(k, x) ? psutil.bytes2human(x as number) : x}`)
      .join(", ");
  }
  return String(v);
}

/** Prints every attribute. */
export function main(cli: Cli): void {
  const p = new psutil.Process(cli.args[0] === undefined ? undefined : intArg(cli.args[0], "PID"));
  const info = p.asDict({ adValue: "ACCESS DENIED" });
  const line = (k: string, v: string) => console.log(fit(`${k.padEnd(16)}  ${v}`));
  line("pid", String(p.pid));
  line("name", show(info.name));
  line("exe", show(info.exe));
  line("cmdline", show(info.cmdline));
  line("started", typeof info.createTime === "number" ? dateTime(info.createTime) : show(info.createTime));
  line(
    "parent",
    (() => {
      const parent = p.parent();
      return parent ? `${parent.pid} (${parent.name()})` : "-";
    })(),
  );
  line("children", show(p.children().map((c) => c.pid)));
  for (const k of (Object.keys(info) as (keyof typeof info)[]).sort()) {
    if (
      ["name", "exe", "cmdline", "createTime", "pid", "environ", "memoryMaps", "openFiles", "connections", "threads"]
        .includes(k)
    ) continue;
    line(k, show(info[k], k));
  }
  const files = info.openFiles;
  line(
    "openFiles",
    Array.isArray(files)
      ? String(files.length) +
        (files.length ? ": " + files.map((f: psutil.ProcessOpenFile) => f.path).slice(0, 5).join(", ") : "")
      : show(files),
  );
  const conns = info.connections;
  line("connections", Array.isArray(conns) ? String(conns.length) : show(conns));
  const threads = info.threads;
  line("threads", Array.isArray(threads) ? String(threads.length) : show(threads));
  const maps = info.memoryMaps;
  line("memoryMaps", Array.isArray(maps) ? String(maps.length) : show(maps));
  const env = info.environ;
  line("environ", env && typeof env === "object" ? `${Object.keys(env).length} variables` : show(env));
}

if (import.meta.main) await run(SPEC, main);
