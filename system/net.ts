/**
 * Network functions: counters, connections, interface addresses and stats.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { ConnectionKind, ConnectionOf, NetConnection, NetIfAddr, NetIfStats, NetIoCounters } from "../types.ts";
import { boolOption, optionsObject } from "./options.ts";
import { sumCounters, wrapNumbers } from "./wrap.ts";

/** Options of {@link netIoCounters}. */
export interface NetIoCountersOptions {
  /** `true`: an object keyed by interface name. */
  pernic?: boolean;
  /** `true` (default): correct counters that wrapped around (see {@link wrapNumbersCacheClear}). */
  nowrap?: boolean;
}

/**
 * Network I/O counters since boot: the sum over interfaces, or per
 * interface with `pernic`. `null` (or `{}`) when there are no interfaces.
 *
 * @example
 * ```ts
 * import { netIoCounters } from "@x/psutil";
 * console.log(netIoCounters()?.bytesRecv, Object.keys(netIoCounters({ pernic: true })));
 * ```
 */
export function netIoCounters(options?: { pernic?: false; nowrap?: boolean }): NetIoCounters | null;
/** Counters keyed by interface name. */
export function netIoCounters(options: { pernic: true; nowrap?: boolean }): Record<string, NetIoCounters>;
/** Either form, when `pernic` is only known at run time. */
export function netIoCounters(options?: NetIoCountersOptions): NetIoCounters | Record<string, NetIoCounters> | null;
export function netIoCounters(options?: NetIoCountersOptions): NetIoCounters | Record<string, NetIoCounters> | null {
  const o = optionsObject("netIoCounters", options, ["pernic", "nowrap"]);
  const pernic = boolOption("netIoCounters", o, "pernic", false);
  const nowrap = boolOption("netIoCounters", o, "nowrap", true);
  let raw = backend.netIoCounters();
  if (nowrap) raw = wrapNumbers(raw, "netIoCounters");
  return pernic ? Object.fromEntries(raw) : sumCounters(raw.values());
}

/** The `kind` values of {@link netConnections}, as psutil accepts them. */
export const CONNECTION_KINDS: readonly ConnectionKind[] = [
  "inet",
  "inet4",
  "inet6",
  "tcp",
  "tcp4",
  "tcp6",
  "udp",
  "udp4",
  "udp6",
  "unix",
  "all",
];

/** Checks a `kind` option; `"inet"` when absent. */
export function connectionKind(fn: string, options: Record<string, unknown>): ConnectionKind {
  const kind = options.kind ?? "inet";
  if (typeof kind !== "string" || !(CONNECTION_KINDS as readonly string[]).includes(kind)) {
    throw new TypeError(`${fn}: invalid kind ${JSON.stringify(kind)}; use one of ${CONNECTION_KINDS.join(", ")}`);
  }
  return kind as ConnectionKind;
}

/** Options of {@link netConnections}. */
export interface NetConnectionsOptions<K extends ConnectionKind = ConnectionKind> {
  /** Which sockets (default `"inet"`: TCP and UDP over IPv4 and IPv6). */
  kind?: K;
}

/**
 * Every socket of the system of `kind`, with the owning pid and fd where
 * they can be known (other users' processes need root), else `null` and -1.
 * The type follows `kind`: TCP/UDP sockets (`laddr` an {@link Address} or
 * `null`) for the inet kinds, UNIX sockets (`laddr` a path) for `"unix"`,
 * both for `"all"`, where `family` tells them apart.
 *
 * @example
 * ```ts
 * import { AF_UNIX, CONN_LISTEN, netConnections } from "@x/psutil";
 * const listening = netConnections({ kind: "tcp" }).filter((c) => c.status === CONN_LISTEN);
 * console.log(listening.map((c) => `${c.laddr?.ip}:${c.laddr?.port}`));
 *
 * for (const c of netConnections({ kind: "all" })) {
 *   if (c.family === AF_UNIX) console.log("unix", c.laddr || "(unnamed)");
 *   else console.log("inet", c.laddr?.port, c.raddr?.ip ?? "-");
 * }
 * ```
 */
export function netConnections<K extends ConnectionKind = "inet">(
  options?: NetConnectionsOptions<K>,
): ConnectionOf<K, NetConnection>[] {
  const kind = connectionKind("netConnections", optionsObject("netConnections", options, ["kind"]));
  return backend.netConnections(kind) as ConnectionOf<K, NetConnection>[];
}

/**
 * The addresses of every interface: IPv4, IPv6 and the link-layer address
 * (family `AF_LINK`), with netmask, broadcast and point-to-point address.
 *
 * @example
 * ```ts
 * import { AF_INET, netIfAddrs } from "@x/psutil";
 * for (const [nic, addrs] of Object.entries(netIfAddrs())) {
 *   console.log(nic, addrs.filter((a) => a.family === AF_INET).map((a) => a.address));
 * }
 * ```
 */
export function netIfAddrs(): Record<string, NetIfAddr[]> {
  return Object.fromEntries(backend.netIfAddrs());
}

/**
 * Per interface: whether it is up (running), duplex, speed in Mbit/s (0 when
 * unknown), MTU and flags.
 *
 * @example
 * ```ts
 * import { netIfStats } from "@x/psutil";
 * for (const [nic, s] of Object.entries(netIfStats())) console.log(nic, s.isup, s.mtu, s.flags);
 * ```
 */
export function netIfStats(): Record<string, NetIfStats> {
  return Object.fromEntries(backend.netIfStats());
}
