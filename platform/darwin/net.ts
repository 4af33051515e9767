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
import { sysctlMib } from "./sysctl.ts";

const DATA = if_msghdr2.offset("ifm_data");
const utf8 = new TextDecoder();

/** One interface of the dump: its name, flags and counters. */
export interface IfInfo {
  /** The name, from the `sockaddr_dl` after the header. */
  name: string;
  /** `ifm_flags`. */
  flags: number;
  /** The `if_data64` counters, read by field name. */
  data: (field: string) => number;
}

/**
 * The `RTM_IFINFO2` messages of a `NET_RT_IFLIST2` dump, walked by
 * `ifm_msglen`; other messages (multicast addresses) are skipped, and a
 * message that runs past the end, or is shorter than its header, ends the walk.
 */
export function parseIfList2(b: Uint8Array): IfInfo[] {
  const out: IfInfo[] = [];
  const dl = darwinStructs.sockaddrs.link;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let off = 0; off + 4 <= b.length;) {
    const len = if_msghdr2.num(v, "ifm_msglen", off);
    if (len < 4 || off + len > b.length) break;
    if (if_msghdr2.num(v, "ifm_type", off) === MACH.RTM_IFINFO2 && len >= if_msghdr2.size + dl.offset("sdl_data")) {
      const sdl = off + if_msghdr2.size;
      const nlen = Math.min(dl.num(v, "sdl_nlen", sdl), len - if_msghdr2.size - dl.offset("sdl_data"));
      const start = sdl + dl.offset("sdl_data");
      const base = off + DATA;
      out.push({
        name: utf8.decode(b.subarray(start, start + nlen)),
        flags: if_msghdr2.num(v, "ifm_flags", off),
        data: (field) => if_data64.num(v, field, base),
      });
    }
    off += len;
  }
  return out;
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

/** The names of the set `IFF_*` flags, in psutil's order. */
export function ifFlagNames(flags: number): string {
  return IFF_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name).join(",");
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
      flags: ifFlagNames(i.flags),
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
