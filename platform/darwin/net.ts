/**
 * macOS network interfaces: counters, MTU, flags and link speed from the
 * routing sysctl's interface list (`NET_RT_IFLIST2`: one `if_msghdr2` with
 * 64-bit counters per interface, named by the `sockaddr_dl` after it), and
 * addresses through `getifaddrs` as on every POSIX system.
 *
 * @module
 */
import type { NetConnection, NetIfAddr, NetIfStats, NetIoCounters } from "../../types.ts";
import { NoSuchProcess } from "../../errors.ts";
import { DarwinProcess, pids } from "./process.ts";
import { NIC_DUPLEX_UNKNOWN } from "../../constants.ts";
import { IFF_NAMES, MACH } from "../../ffi/darwin/libsystem.ts";
import { darwinStructs, if_data64, if_msghdr2 } from "../../ffi/darwin/structs.ts";
import { groupIfAddrs, rawIfAddrs } from "../posix/ifaddrs.ts";
import { flagNames, type IfInfo, parseIfList } from "../posix/iflist.ts";
import { sysctlMib } from "./sysctl.ts";

/** macOS's interface messages: `RTM_IFINFO2`, an `if_msghdr2` with 64-bit counters. */
const LAYOUT = { header: if_msghdr2, data: if_data64, type: MACH.RTM_IFINFO2, link: darwinStructs.sockaddrs.link };

/** The `RTM_IFINFO2` messages of a `NET_RT_IFLIST2` dump (see {@link parseIfList}). */
export function parseIfList2(b: Uint8Array): IfInfo[] {
  return parseIfList(b, LAYOUT);
}

/** The interface list: `sysctl {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0}`. */
function ifList(): IfInfo[] {
  return parseIfList2(sysctlMib([MACH.CTL_NET, MACH.PF_ROUTE, 0, 0, MACH.NET_RT_IFLIST2, 0], "net.route.iflist2"));
}

/** Counters per interface (psutil has no outgoing drop count on macOS: `dropout` is 0). */
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
      dropout: 0,
    });
  }
  return out;
}

/**
 * Stats per interface from the same list: up when running (as psutil), the
 * MTU, the flags, and the speed the driver reports (`ifi_baudrate`, in
 * Mbit/s). The duplex stays unknown: only the media ioctl tells it, and
 * ioctl is variadic, which FFI cannot call on Apple's arm64.
 */
export function netIfStats(): Map<string, NetIfStats> {
  const out = new Map<string, NetIfStats>();
  for (const i of ifList()) {
    out.set(i.name, {
      isup: (i.flags & MACH.IFF_RUNNING) !== 0,
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

/**
 * Sockets of a valid `kind` of every process (or of `pid`), from each one's
 * descriptors, as psutil does on macOS: a process gone meanwhile is skipped,
 * and another user's process is `AccessDenied` for the whole call (psutil's
 * rule there: only root sees every process's sockets).
 */
export function netConnections(kind: string, pid?: number): NetConnection[] {
  const out: NetConnection[] = [];
  for (const p of pid === undefined ? pids() : [pid]) {
    let cons;
    try {
      cons = new DarwinProcess(p).connections(kind);
    } catch (e) {
      if (e instanceof NoSuchProcess && pid === undefined) continue;
      throw e;
    }
    for (const c of cons) out.push({ ...c, pid: p });
  }
  return out;
}
