/**
 * A process table like `python -m psutil`: user, pid, memory, cpu time and
 * the command line of every process.
 *
 * Usage: `deno run -A scripts/ps.ts` or `bun scripts/ps.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { bytes2human } from "../system/format.ts";

function pad(s: string, width: number, right = false): string {
  if (s.length >= width) return s;
  return right ? s.padStart(width) : s.padEnd(width);
}

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

/** One row of the table, or `null` for a process that went away. */
export function processRow(pid: number, total: number): string[] | null {
  let p: psutil.Process;
  try {
    p = new psutil.Process(pid);
  } catch (e) {
    if (e instanceof psutil.NoSuchProcess) return null;
    throw e;
  }
  let info: Record<string, unknown>;
  try {
    info = p.asDict({
      attrs: ["username", "memoryInfo", "nice", "status", "createTime", "cpuTimes", "cmdline", "name"],
    });
  } catch (e) {
    if (e instanceof psutil.NoSuchProcess) return null;
    throw e;
  }
  const mem = info.memoryInfo as psutil.ProcessMemoryInfo | null;
  const cpu = info.cpuTimes as psutil.ProcessCpuTimes | null;
  const cmdline = info.cmdline as string[] | null;
  const user = String(info.username ?? "").slice(0, 9);
  return [
    user,
    String(pid),
    mem ? (mem.rss / total * 100).toFixed(1) : "",
    mem ? bytes2human(mem.vms) : "",
    mem ? bytes2human(mem.rss) : "",
    info.nice === null ? "" : String(info.nice),
    String(info.status ?? "").slice(0, 8),
    info.createTime === null ? "" : startColumn(info.createTime as number),
    cpu ? cpuClock(cpu.user + cpu.system) : "",
    cmdline && cmdline.length ? cmdline.join(" ") : String(info.name ?? ""),
  ];
}

/** Prints the table to stdout. */
export function main(): void {
  const total = psutil.virtualMemory().total;
  const widths = [10, 7, 5, 7, 7, 5, 8, 6, 6];
  const header = ["USER", "PID", "%MEM", "VSZ", "RSS", "NICE", "STATUS", "START", "TIME", "CMDLINE"];
  const columns = (globalThis as { process?: { stdout?: { columns?: number } } }).process?.stdout?.columns ?? 120;
  const line = (cells: string[]) => {
    const fixed = cells.slice(0, 9).map((c, i) => pad(c, widths[i], i > 0 && i < 6)).join(" ");
    return `${fixed}  ${cells[9]}`.slice(0, Math.max(columns, 80));
  };
  const out = [line(header)];
  for (const pid of psutil.pids()) {
    const row = processRow(pid, total);
    if (row) out.push(line(row));
  }
  console.log(out.join("\n"));
}

if (import.meta.main) main();
