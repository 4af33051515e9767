/**
 * Sockets and their owners, like `netstat -antp`.
 *
 * Usage: `deno run -A scripts/netstat.ts [--kind inet|tcp|udp|unix|all|...]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, run, UsageError } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "netstat",
  summary: "Every socket: protocol, local and remote address, status, pid and program, like netstat -antp.",
  options: { "--kind": `which sockets: ${psutil.CONNECTION_KINDS.join(", ")} (default inet)` },
};

const addr = (a: psutil.Address | string | null) =>
  a === null ? "" : typeof a === "string" ? a : a.ip.includes(":") ? `[${a.ip}]:${a.port}` : `${a.ip}:${a.port}`;

/** Prints the table. */
export function main(cli: Cli): void {
  const kind = cli.options["--kind"] ?? "inet";
  if (!psutil.CONNECTION_KINDS.includes(kind as psutil.ConnectionKind)) throw new UsageError(`unknown kind ${kind}`);
  const names = new Map<number, string>();
  const proto = (c: psutil.NetConnection) =>
    (c.family === psutil.AF_UNIX ? "unix" : c.type === psutil.SOCK_STREAM ? "tcp" : "udp") +
    (c.family === psutil.AF_INET6 ? "6" : "");
  console.log(
    `${"Proto".padEnd(6)} ${"Local address".padEnd(28)} ${"Remote address".padEnd(28)} ${"Status".padEnd(12)} ${
      "PID".padStart(7)
    } Program name`,
  );
  for (const c of psutil.netConnections({ kind: kind as psutil.ConnectionKind })) {
    let name = "";
    if (c.pid !== null) {
      if (!names.has(c.pid)) {
        try {
          names.set(c.pid, new psutil.Process(c.pid).name());
        } catch {
          names.set(c.pid, "?");
        }
      }
      name = names.get(c.pid)!;
    }
    console.log(
      `${proto(c).padEnd(6)} ${addr(c.laddr).padEnd(28)} ${addr(c.raddr).padEnd(28)} ${c.status.padEnd(12)} ${
        String(c.pid ?? "").padStart(7)
      } ${name}`,
    );
  }
}

if (import.meta.main) await run(SPEC, main);
