/**
 * Network interfaces like `ifconfig`: state, speed, MTU, traffic and addresses.
 *
 * Usage: `deno run -A scripts/ifconfig.ts` or `bun scripts/ifconfig.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "ifconfig",
  summary: "Every network interface: stats, traffic and addresses, like ifconfig(8).",
};

const FAMILY: Record<number, string> = { [psutil.AF_INET]: "IPv4", [psutil.AF_INET6]: "IPv6", [psutil.AF_LINK]: "MAC" };
const DUPLEX: Record<number, string> = {
  [psutil.NIC_DUPLEX_FULL]: "full",
  [psutil.NIC_DUPLEX_HALF]: "half",
  [psutil.NIC_DUPLEX_UNKNOWN]: "?",
};

/** Prints every interface. */
export function main(): void {
  const stats = psutil.netIfStats();
  const io = psutil.netIoCounters({ pernic: true });
  const addrs = psutil.netIfAddrs();
  const h = psutil.bytes2human;
  const names = [...new Set([...Object.keys(stats), ...Object.keys(addrs)])];
  for (const nic of names) {
    console.log(`${nic}:`);
    const s = stats[nic];
    if (s) {
      console.log(
        `    stats          : speed=${s.speed}MB, duplex=${DUPLEX[s.duplex]}, mtu=${s.mtu}, up=${
          s.isup ? "yes" : "no"
        }`,
      );
      if (s.flags) console.log(`    flags          : ${s.flags}`);
    }
    const c = io[nic];
    if (c) {
      console.log(
        `    incoming       : bytes=${h(c.bytesRecv)}, pkts=${c.packetsRecv}, errs=${c.errin}, drops=${c.dropin}`,
      );
      console.log(
        `    outgoing       : bytes=${h(c.bytesSent)}, pkts=${c.packetsSent}, errs=${c.errout}, drops=${c.dropout}`,
      );
    }
    for (const a of addrs[nic] ?? []) {
      console.log(`    ${(FAMILY[a.family] ?? String(a.family)).padEnd(15)}: ${a.address}`);
      if (a.broadcast) console.log(`         broadcast : ${a.broadcast}`);
      if (a.netmask) console.log(`         netmask   : ${a.netmask}`);
      if (a.ptp) console.log(`      p2p       : ${a.ptp}`);
    }
    console.log("");
  }
}

if (import.meta.main) await run(SPEC, main);
