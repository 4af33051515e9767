/**
 * FreeBSD network interfaces: counters, MTU, flags and speed from the
 * routing sysctl's interface list (`NET_RT_IFLIST`: an `if_msghdr` per
 * interface), and addresses through `getifaddrs` as on every POSIX system.
 *
 * @module
 */
import type { NetIfAddr, NetIfStats, NetIoCounters } from "../../types.ts";
import { FREEBSD, IFF_NAMES } from "../../ffi/freebsd/libc.ts";
import { freebsdStructs, if_data, if_msghdr } from "../../ffi/freebsd/structs.ts";
import { groupIfAddrs, rawIfAddrs } from "../posix/ifaddrs.ts";
import { countersOf, type IfInfo, parseIfList, statsOf } from "../posix/iflist.ts";
import { sysctlMib } from "../posix/sysctl.ts";

const LAYOUT = { header: if_msghdr, data: if_data, type: FREEBSD.RTM_IFINFO, link: freebsdStructs.sockaddrs.link };

/**
 * The interfaces of `sysctl {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST, 0}`,
 * without the USB buses (`usbus*`), which `ifconfig -a` does not show either
 * (as psutil).
 */
function ifList(): IfInfo[] {
  const b = sysctlMib([FREEBSD.CTL_NET, FREEBSD.PF_ROUTE, 0, 0, FREEBSD.NET_RT_IFLIST, 0], "net.route.iflist");
  return parseIfList(b, LAYOUT).filter((i) => !i.name.startsWith("usbus"));
}

/** Counters per interface, outgoing drops included. */
export function netIoCounters(): Map<string, NetIoCounters> {
  return countersOf(ifList(), true);
}

/** Stats per interface from the same list (see {@link statsOf}). */
export function netIfStats(): Map<string, NetIfStats> {
  return statsOf(ifList(), FREEBSD.IFF_RUNNING, IFF_NAMES);
}

/** Addresses per interface: `getifaddrs`, grouped as psutil groups them. */
export function netIfAddrs(): Map<string, NetIfAddr[]> {
  return groupIfAddrs(rawIfAddrs());
}
