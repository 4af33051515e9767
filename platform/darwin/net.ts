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
import { IFF_NAMES, MACH } from "../../ffi/darwin/libsystem.ts";
import { darwinStructs, if_data64, if_msghdr2 } from "../../ffi/darwin/structs.ts";
import { groupIfAddrs, rawIfAddrs } from "../posix/ifaddrs.ts";
import { countersOf, type IfInfo, parseIfList, statsOf } from "../posix/iflist.ts";
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
  return countersOf(ifList(), false);
}

/**
 * Stats per interface from the same list (see {@link statsOf}); the duplex stays unknown as ioctl is
 * variadic, which FFI cannot call on Apple's arm64.
 */
export function netIfStats(): Map<string, NetIfStats> {
  return statsOf(ifList(), MACH.IFF_RUNNING, IFF_NAMES);
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
