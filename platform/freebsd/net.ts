/**
 * FreeBSD network interfaces: counters, MTU, flags and speed from the
 * routing sysctl's interface list (`NET_RT_IFLIST`: an `if_msghdr` per
 * interface), and addresses through `getifaddrs` as on every POSIX system.
 *
 * @module
 */
import type { NetIfAddr, NetIfStats, NetIoCounters } from "../../types.ts";
import { NIC_DUPLEX_UNKNOWN } from "../../constants.ts";
import { FREEBSD, IFF_NAMES } from "../../ffi/freebsd/libc.ts";
import { freebsdStructs, if_data, if_msghdr } from "../../ffi/freebsd/structs.ts";
import { groupIfAddrs, rawIfAddrs } from "../posix/ifaddrs.ts";
import { flagNames, type IfInfo, parseIfList } from "../posix/iflist.ts";
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

/** Counters per interface. */
export function netIoCounters(): Map<string, NetIoCounters> {
  const out = new Map<string, NetIoCounters>();
  for (const i of ifList()) {
    out.set(i.name, {
      bytesSent: i.data("ifi_obytes"),
      bytesRecv: i.data("ifi_ibytes"),
      packetsSent: i.data("ifi_opackets"),
      packetsRecv: i.data("ifi_ipackets"),
      errin: i.data("ifi_ierrors"),
      errout: i.data("ifi_oerrors"),
      dropin: i.data("ifi_iqdrops"),
      dropout: i.data("ifi_oqdrops"),
    });
  }
  return out;
}

/**
 * Stats per interface from the same list: up when running (as psutil), the
 * MTU, the flags, and the speed the driver reports (`ifi_baudrate`, in
 * Mbit/s). The duplex stays unknown (only the media ioctl tells it).
 */
export function netIfStats(): Map<string, NetIfStats> {
  const out = new Map<string, NetIfStats>();
  for (const i of ifList()) {
    out.set(i.name, {
      isup: (i.flags & FREEBSD.IFF_RUNNING) !== 0,
      duplex: NIC_DUPLEX_UNKNOWN,
      speed: Math.round(i.data("ifi_baudrate") / 1e6),
      mtu: i.data("ifi_mtu"),
      flags: flagNames(i.flags, IFF_NAMES),
    });
  }
  return out;
}

/** Addresses per interface: `getifaddrs`, grouped as psutil groups them. */
export function netIfAddrs(): Map<string, NetIfAddr[]> {
  return groupIfAddrs(rawIfAddrs());
}
