/**
 * Processes by disk I/O, live, like `iotop`: read and write rates over each interval.
 *
 * Usage: `deno run -A scripts/iotop.ts [--interval S] [--iterations N]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, live, printable, run, termWidth } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "iotop",
  summary: "Processes sorted by disk I/O over each interval, with the system's totals, like iotop(8).",
  live: true,
};

type Io = { read: number; write: number };

/** I/O counters of every process this user may read. */
function snapshot(): Map<number, { io: Io; name: string; user: string }> {
  const out = new Map<number, { io: Io; name: string; user: string }>();
  for (const p of psutil.processIter({ attrs: ["ioCounters", "name", "username"] })) {
    const io = p.info!.ioCounters as psutil.ProcessIoCounters | null;
    if (io) {
      out.set(p.pid, {
        io: { read: io.readBytes, write: io.writeBytes },
        name: printable(String(p.info!.name)),
        user: String(p.info!.username ?? ""),
      });
    }
  }
  return out;
}

/** Runs the live view. */
export async function main(cli: Cli): Promise<void> {
  let before = snapshot();
  let disk = psutil.diskIoCounters();
  let t0 = performance.now();
  const h = psutil.bytes2human;
  await live(cli, async () => {
    await new Promise((r) => setTimeout(r, Math.min(cli.interval, 1) * 1000));
    const after = snapshot();
    const diskNow = psutil.diskIoCounters();
    const dt = (performance.now() - t0) / 1000;
    const rows = [...after].map(([pid, a]) => {
      const b = before.get(pid)?.io ?? a.io;
      return { pid, ...a, r: (a.io.read - b.read) / dt, w: (a.io.write - b.write) / dt };
    }).sort((x, y) => y.r + y.w - (x.r + x.w) || x.pid - y.pid);
    const lines = [
      `Total DISK READ: ${h(disk && diskNow ? (diskNow.readBytes - disk.readBytes) / dt : 0)}/s | Total DISK WRITE: ${
        h(disk && diskNow ? (diskNow.writeBytes - disk.writeBytes) / dt : 0)
      }/s`,
      "",
      `${"PID".padStart(7)} ${"USER".padEnd(10)} ${"DISK READ".padStart(11)} ${"DISK WRITE".padStart(11)} COMMAND`,
      ...rows.slice(0, 20).map((r) =>
        `${String(r.pid).padStart(7)} ${r.user.slice(0, 10).padEnd(10)} ${(h(r.r) + "/s").padStart(11)} ${
          (h(r.w) + "/s").padStart(11)
        } ${r.name}`.slice(0, termWidth())
      ),
    ];
    before = after;
    disk = diskNow;
    t0 = performance.now();
    return lines.join("\n");
  });
}

if (import.meta.main) await run(SPEC, main);
