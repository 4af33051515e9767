/**
 * A process table like `python -m psutil`: user, pid, memory, status, start
 * and cpu time, and the command line of every process.
 *
 * Usage: `deno run -A scripts/ps.ts` or `bun scripts/ps.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, isTty, printable, run, termWidth } from "./_cli.ts";

const SPEC: CliSpec = { name: "ps", summary: "Every process: user, pid, memory, status, start, cpu time, command." };

function cpuClock(seconds: number): string {
  const m = Math.floor(seconds / 60);
  const s = Math.floor(seconds % 60);
  return `${String(m).padStart(2, "0")}:${String(s).padStart(2, "0")}`;
}

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

function startColumn(createTime: number): string {
  const d = new Date(createTime * 1000);
  if (d.toDateString() === new Date().toDateString()) {
    return `${String(d.getHours()).padStart(2, "0")}:${String(d.getMinutes()).padStart(2, "0")}`;
  }
  return `${MONTHS[d.getMonth()]}${String(d.getDate()).padStart(2, "0")}`;
}

const ATTRS: psutil.ProcessAttr[] = [
  "username",
  "memoryInfo",
  "nice",
  "status",
  "createTime",
  "cpuTimes",
  "cmdline",
  "name",
];

/** One row of the table for `info` (a process's `asDict` of ATTRS). */
export function processRow(pid: number, info: Record<string, unknown>, total: number): string[] {
  const mem = info.memoryInfo as psutil.ProcessMemoryInfo | null;
  const cpu = info.cpuTimes as psutil.ProcessCpuTimes | null;
  const cmdline = info.cmdline as string[] | null;
  return [
    String(info.username ?? "").slice(0, 9),
    String(pid),
    mem ? (mem.rss / total * 100).toFixed(1) : "",
    mem ? psutil.bytes2human(mem.vms) : "",
    mem ? psutil.bytes2human(mem.rss) : "",
    info.nice === null ? "" : String(info.nice),
    String(info.status ?? "").slice(0, 8),
    info.createTime === null ? "" : startColumn(info.createTime as number),
    cpu ? cpuClock(cpu.user + cpu.system) : "",
    printable(cmdline && cmdline.length ? cmdline.join(" ") : String(info.name ?? "")),
  ];
}

/** Prints the table to stdout. */
export function main(): void {
  const total = psutil.virtualMemory().total;
  const widths = [10, 7, 5, 7, 7, 5, 8, 6, 6];
  const header = ["USER", "PID", "%MEM", "VSZ", "RSS", "NICE", "STATUS", "START", "TIME", "CMDLINE"];
  // Cut to the terminal's width; piped output keeps whole command lines, as ps(1) does.
  const columns = isTty() ? Math.max(termWidth(), 80) : Infinity;
  const line = (cells: string[]) => {
    const fixed = cells.slice(0, 9).map((c, i) => i > 0 && i < 6 ? c.padStart(widths[i]) : c.padEnd(widths[i])).join(
      " ",
    );
    return `${fixed}  ${cells[9]}`.slice(0, columns);
  };
  const out = [line(header)];
  for (const p of psutil.processIter({ attrs: ATTRS })) out.push(line(processRow(p.pid, p.info!, total)));
  console.log(out.join("\n"));
}

if (import.meta.main) await run(SPEC, main);
