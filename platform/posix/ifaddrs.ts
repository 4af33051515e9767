/**
 * Interface addresses through `getifaddrs(3)`: IPv4, IPv6 and the link-layer
 * address (`AF_PACKET` on Linux, `AF_LINK` on macOS and the BSDs).
 *
 * @module
 */
import { AF_INET, AF_INET6, AF_LINK } from "../../constants.ts";
import { ffi, type Pointer, pointerOut, readCString } from "../../ffi/mod.ts";
import { errnoName } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { ifaddrs } from "../../ffi/posix/structs.ts";
import { currentOs } from "../../ffi/runtime.ts";
import { OsError } from "../../errors.ts";
import type { NetIfAddr } from "../../types.ts";
import { formatIPv4, formatIPv6, formatMac } from "../inet.ts";

/** BSD sockaddrs start with a length byte; Linux's with a 16-bit family. */
const BSD_SOCKADDR = currentOs !== "linux";
const IFF_BROADCAST = 0x2;
const IFF_POINTOPOINT = 0x10;

/** One raw `getifaddrs` entry, the addresses already text. */
export interface RawIfAddr {
  /** Interface name. */
  name: string;
  /** Address family. */
  family: number;
  /** The address; entries without one are left out. */
  address: string;
  /** Netmask or `null`. */
  netmask: string | null;
  /** Broadcast address or `null`. */
  broadcast: string | null;
  /** Point-to-point destination or `null`. */
  ptp: string | null;
}

/** The family of the sockaddr at `p`. */
function familyOf(p: Pointer): number {
  const a = ffi();
  return BSD_SOCKADDR ? a.byteAt(p, 1) : a.byteAt(p, 0) | (a.byteAt(p, 1) << 8);
}

/**
 * A sockaddr as text: `getnameinfo(NI_NUMERICHOST)` form for IP (a scoped
 * IPv6 address gets `%ifname`), lowercase hex pairs for link-layer. `null`
 * for other families and empty link-layer addresses.
 */
function sockaddrText(p: Pointer | null, family: number, scopeNames: Map<number, string>): string | null {
  if (p === null) return null;
  const a = ffi();
  if (family === AF_INET) return formatIPv4(a.copy(p, 4, 4));
  if (family === AF_INET6) {
    const b = a.copy(p, 0, 28);
    const ip = formatIPv6(b, 8);
    const scope = new DataView(b.buffer, b.byteOffset).getUint32(24, true);
    return scope === 0 ? ip : `${ip}%${scopeNames.get(scope) ?? scope}`;
  }
  if (family === AF_LINK) {
    if (BSD_SOCKADDR) {
      // struct sockaddr_dl: len, family, index (u16), type, nlen, alen, slen, data[]
      const head = a.copy(p, 0, 8);
      const nlen = head[5], alen = head[6];
      return alen > 0 ? formatMac(a.copy(p, 8 + nlen, alen), 0, alen) : null;
    }
    // struct sockaddr_ll: family, protocol, ifindex (i32), hatype, pkttype, halen, addr[8]
    const b = a.copy(p, 0, 20);
    const halen = Math.min(b[11], 8);
    return halen > 0 ? formatMac(b, 12, halen) : null;
  }
  return null;
}

/** The interface index of a Linux `sockaddr_ll`. */
function linkIndex(p: Pointer): number {
  return ffi().int32At(p, 4);
}

/** Every address of every interface, in `getifaddrs` order. */
export function rawIfAddrs(): RawIfAddr[] {
  const c = libc.symbols;
  const a = ffi();
  const head = new Uint8Array(8);
  if (c.getifaddrs(head) !== 0) {
    const errno = lastErrno();
    throw new OsError(errno, errnoName(errno), "getifaddrs");
  }
  const first = pointerOut(head);
  const out: RawIfAddr[] = [];
  try {
    const nodes: Array<
      { name: string; flags: number; addr: Pointer | null; mask: Pointer | null; ifu: Pointer | null }
    > = [];
    for (let p = first; p !== null;) {
      const b = a.copy(p, 0, ifaddrs.size);
      const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
      const ptr = (f: string) => a.fromAddress(ifaddrs.big(v, f));
      nodes.push({
        name: readCString(ptr("ifa_name"), 0, 256),
        flags: ifaddrs.num(v, "ifa_flags"),
        addr: ptr("ifa_addr"),
        mask: ptr("ifa_netmask"),
        ifu: ptr("ifa_ifu"),
      });
      p = ptr("ifa_next");
    }
    // Scope ids of link-local IPv6 addresses are interface indexes.
    const scopeNames = new Map<number, string>();
    if (!BSD_SOCKADDR) {
      for (const n of nodes) if (n.addr && familyOf(n.addr) === AF_LINK) scopeNames.set(linkIndex(n.addr), n.name);
    }
    for (const n of nodes) {
      if (n.addr === null) continue;
      const family = familyOf(n.addr);
      const address = sockaddrText(n.addr, family, scopeNames);
      if (address === null) continue;
      const text = (q: Pointer | null) => q === null ? null : sockaddrText(q, family, new Map());
      out.push({
        name: n.name,
        family,
        address,
        netmask: text(n.mask),
        broadcast: n.flags & IFF_BROADCAST ? text(n.ifu) : null,
        ptp: !(n.flags & IFF_BROADCAST) && n.flags & IFF_POINTOPOINT ? text(n.ifu) : null,
      });
    }
  } finally {
    c.freeifaddrs(first);
  }
  return out;
}

/**
 * psutil's `net_if_addrs()` grouping: entries sorted by family (stably), then
 * grouped by interface, so names come in the order of their first address
 * of the lowest family.
 */
export function groupIfAddrs(raw: readonly RawIfAddr[]): Map<string, NetIfAddr[]> {
  const sorted = raw.map((r, i) => [r, i] as const).sort((x, y) => x[0].family - y[0].family || x[1] - y[1]);
  const out = new Map<string, NetIfAddr[]>();
  for (const [r] of sorted) {
    let list = out.get(r.name);
    if (!list) out.set(r.name, list = []);
    list.push({ family: r.family, address: r.address, netmask: r.netmask, broadcast: r.broadcast, ptp: r.ptp });
  }
  return out;
}
