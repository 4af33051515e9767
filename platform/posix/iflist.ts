/**
 * The BSDs' routing-sysctl interface list (`NET_RT_IFLIST` on FreeBSD,
 * `NET_RT_IFLIST2` on macOS): one interface message per interface, its
 * counters in an `if_data` inside the header, named by the `sockaddr_dl`
 * right after it; other messages (addresses, multicast groups) are skipped.
 *
 * @module
 */
import type { Struct } from "../../ffi/struct.ts";
import type { NetIfStats, NetIoCounters } from "../../types.ts";
import { NIC_DUPLEX_UNKNOWN } from "../../constants.ts";

/** One interface of the list: its name, flags and counters. */
export interface IfInfo {
  /** The name, from the `sockaddr_dl` after the header. */
  name: string;
  /** `ifm_flags`. */
  flags: number;
  /** The `if_data` counters, read by field name. */
  data: (field: string) => number;
}

/** How an OS lays out its interface messages. */
export interface IfListLayout {
  /** The interface message header (`if_msghdr`, `if_msghdr2`), with `ifm_msglen`, `ifm_type`, `ifm_flags`, `ifm_data`. */
  readonly header: Struct;
  /** The counters inside it (`if_data`, `if_data64`). */
  readonly data: Struct;
  /** `ifm_type` of an interface message (`RTM_IFINFO`, `RTM_IFINFO2`). */
  readonly type: number;
  /** The `sockaddr_dl` layout. */
  readonly link: Struct;
}

const utf8 = new TextDecoder();

/**
 * The interface messages of a dump, walked by `ifm_msglen`; a message that
 * runs past the end, or is shorter than 4 bytes, ends the walk.
 */
export function parseIfList(b: Uint8Array, l: IfListLayout): IfInfo[] {
  const out: IfInfo[] = [];
  const { header: h, link: dl } = l;
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let off = 0; off + 4 <= b.length;) {
    const len = h.num(v, "ifm_msglen", off);
    if (len < 4 || off + len > b.length) break;
    if (h.num(v, "ifm_type", off) === l.type && len >= h.size + dl.offset("sdl_data")) {
      const sdl = off + h.size;
      const nlen = Math.min(dl.num(v, "sdl_nlen", sdl), len - h.size - dl.offset("sdl_data"));
      const start = sdl + dl.offset("sdl_data");
      const base = off + h.offset("ifm_data");
      out.push({
        name: utf8.decode(b.subarray(start, start + nlen)),
        flags: h.num(v, "ifm_flags", off),
        data: (field) => l.data.num(v, field, base),
      });
    }
    off += len;
  }
  return out;
}

/** The names of the set flags in `names` (psutil's order), comma-separated. */
export function flagNames(flags: number, names: ReadonlyArray<readonly [number, string, ...unknown[]]>): string {
  return names.filter(([bit]) => flags & bit).map(([, name]) => name).join(",");
}

/** Counters per interface from its `if_data`; `dropout` from `ifi_oqdrops` where the OS counts it, else 0. */
export function countersOf(list: readonly IfInfo[], oqdrops: boolean): Map<string, NetIoCounters> {
  const out = new Map<string, NetIoCounters>();
  for (const i of list) {
    out.set(i.name, {
      bytesSent: i.data("ifi_obytes"),
      bytesRecv: i.data("ifi_ibytes"),
      packetsSent: i.data("ifi_opackets"),
      packetsRecv: i.data("ifi_ipackets"),
      errin: i.data("ifi_ierrors"),
      errout: i.data("ifi_oerrors"),
      dropin: i.data("ifi_iqdrops"),
      dropout: oqdrops ? i.data("ifi_oqdrops") : 0,
    });
  }
  return out;
}

/**
 * Stats per interface from the same list: up when running (`running` is the
 * OS's `IFF_RUNNING`, as psutil), the MTU, the flags named by `names`, and
 * the speed the driver reports (`ifi_baudrate`, in Mbit/s). The duplex stays
 * unknown: only the media ioctl tells it.
 */
export function statsOf(
  list: readonly IfInfo[],
  running: number,
  names: ReadonlyArray<readonly [number, string, ...unknown[]]>,
): Map<string, NetIfStats> {
  const out = new Map<string, NetIfStats>();
  for (const i of list) {
    out.set(i.name, {
      isup: (i.flags & running) !== 0,
      duplex: NIC_DUPLEX_UNKNOWN,
      speed: Math.round(i.data("ifi_baudrate") / 1e6),
      mtu: i.data("ifi_mtu"),
      flags: flagNames(i.flags, names),
    });
  }
  return out;
}
