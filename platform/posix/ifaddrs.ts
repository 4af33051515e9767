/**
 * Interface addresses through `getifaddrs(3)`: IPv4, IPv6 and the link-layer
 * address (`AF_PACKET` on Linux, `AF_LINK` on macOS and the BSDs).
 *
 * @module
 */
import { lastOsError } from "./errors.ts";
import { AF_INET, AF_INET6, AF_LINK } from "../../constants.ts";
import { ffi, type Pointer, pointerOut, readCString } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { ifaddrs, sockaddrs } from "../../ffi/posix/structs.ts";
import type { NetIfAddr } from "../../types.ts";
import { formatIPv4, formatIPv6, formatMac } from "../inet.ts";

const IFF_BROADCAST = 0x2;
const IFF_POINTOPOINT = 0x10;
const { sockaddr, sockaddr_in, sockaddr_in6, link } = sockaddrs;
/** Whether link-layer addresses are `sockaddr_dl` (the BSDs) rather than `sockaddr_ll` (Linux). */
const LINK_DL = link.fields.includes("sdl_alen");

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

/** A copy of the first `n` bytes of the sockaddr at `p`, with a view on them. */
function copyOf(p: Pointer, n: number): { b: Uint8Array; v: DataView } {
  const b = ffi().copy(p, 0, n);
  return { b, v: new DataView(b.buffer, b.byteOffset, b.byteLength) };
}

/** The family of the sockaddr at `p`. */
function familyOf(p: Pointer): number {
  return sockaddr.num(copyOf(p, sockaddr.size).v, "sa_family");
}

/**
 * A sockaddr as text: `getnameinfo(NI_NUMERICHOST)` form for IP (a scoped
 * IPv6 address gets `%ifname`), lowercase hex pairs for link-layer. `null`
 * for other families and empty link-layer addresses.
 */
function sockaddrText(p: Pointer | null, family: number, scopeNames: Map<number, string>): string | null {
  if (p === null) return null;
  if (family === AF_INET) return formatIPv4(copyOf(p, sockaddr_in.size).b, sockaddr_in.offset("sin_addr"));
  if (family === AF_INET6) {
    const { b, v } = copyOf(p, sockaddr_in6.size);
    const at = sockaddr_in6.offset("sin6_addr");
    let scope = sockaddr_in6.num(v, "sin6_scope_id");
    // The BSDs (KAME) give a link-local address with its scope in the second 16-bit word and may leave
    // sin6_scope_id 0: getnameinfo moves it out, and so do we (fe80:4::1 is fe80::1%<interface 4>).
    if (LINK_DL && b[at] === 0xfe && (b[at + 1] & 0xc0) === 0x80 && (b[at + 2] | b[at + 3]) !== 0) {
      if (scope === 0) scope = (b[at + 2] << 8) | b[at + 3];
      b[at + 2] = b[at + 3] = 0;
    }
    const ip = formatIPv6(b, at);
    return scope === 0 ? ip : `${ip}%${scopeNames.get(scope) ?? scope}`;
  }
  if (family === AF_LINK) {
    if (LINK_DL) {
      // The name (sdl_nlen bytes), then the address (sdl_alen) in sdl_data.
      const { v } = copyOf(p, link.offset("sdl_data"));
      const nlen = link.num(v, "sdl_nlen"), alen = link.num(v, "sdl_alen");
      if (alen === 0) return null;
      return formatMac(ffi().copy(p, link.offset("sdl_data") + nlen, alen), 0, alen);
    }
    const { b, v } = copyOf(p, link.size);
    const halen = Math.min(link.num(v, "sll_halen"), link.sizeOf("sll_addr"));
    return halen > 0 ? formatMac(b, link.offset("sll_addr"), halen) : null;
  }
  return null;
}

/** The interface index of a link-layer address (`sll_ifindex`, `sdl_index`). */
function linkIndex(p: Pointer): number {
  return link.num(copyOf(p, link.size).v, LINK_DL ? "sdl_index" : "sll_ifindex");
}

/** Every address of every interface, in `getifaddrs` order. */
export function rawIfAddrs(): RawIfAddr[] {
  const c = libc.symbols;
  const a = ffi();
  const head = new Uint8Array(8);
  if (c.getifaddrs(head) !== 0) {
    throw lastOsError("getifaddrs");
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
    for (const n of nodes) if (n.addr && familyOf(n.addr) === AF_LINK) scopeNames.set(linkIndex(n.addr), n.name);
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
