/**
 * Network traffic per interface, live: bytes and packets per second.
 *
 * Usage: `deno run -A scripts/nettop.ts [--interval S] [--iterations N]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, live, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "nettop",
  summary: "Traffic of every network interface over each interval, and the totals.",
  live: true,
};

/** Runs the live view. */
export async function main(cli: Cli): Promise<void> {
  let before = psutil.netIoCounters({ pernic: true });
  let t0 = performance.now();
  const h = psutil.bytes2human;
  await live(cli, async () => {
    await new Promise((r) => setTimeout(r, Math.min(cli.interval, 1) * 1000));
    const now = psutil.netIoCounters({ pernic: true });
    const dt = (performance.now() - t0) / 1000;
    const lines = [
      `${"NIC".padEnd(16)} ${"SENT/s".padStart(10)} ${"RECV/s".padStart(10)} ${"PKTS OUT/s".padStart(11)} ${
        "PKTS IN/s".padStart(10)
      } ${"TOTAL SENT".padStart(11)} ${"TOTAL RECV".padStart(11)}`,
    ];
    for (const [nic, c] of Object.entries(now)) {
      const b = before[nic] ?? c;
      lines.push(
        `${nic.padEnd(16)} ${(h((c.bytesSent - b.bytesSent) / dt) + "/s").padStart(10)} ${
          (h((c.bytesRecv - b.bytesRecv) / dt) + "/s").padStart(10)
        } ${((c.packetsSent - b.packetsSent) / dt).toFixed(0).padStart(11)} ${
          ((c.packetsRecv - b.packetsRecv) / dt).toFixed(0).padStart(10)
        } ${h(c.bytesSent).padStart(11)} ${h(c.bytesRecv).padStart(11)}`,
      );
    }
    before = now;
    t0 = performance.now();
    return lines.join("\n");
  });
}

if (import.meta.main) await run(SPEC, main);
