/**
 * Windows network: sockets with their owners (GetExtendedTcpTable,
 * GetExtendedUdpTable, IPv4 and IPv6), interface counters and stats
 * (GetIfTable2) and addresses (GetAdaptersAddresses).
 *
 * @module
 */
import { AF_INET, AF_INET6, AF_LINK, CONN_NONE, NIC_DUPLEX_UNKNOWN, SOCK_DGRAM, SOCK_STREAM } from "../../constants.ts";
import { addressOf, dwordOut, ffi, pointerOut } from "../../ffi/mod.ts";
import type { Struct } from "../../ffi/struct.ts";
import { iphlpapi, readWstr } from "../../ffi/windows/libs.ts";
import {
  IP_ADAPTER_ADDRESSES,
  IP_ADAPTER_UNICAST_ADDRESS,
  MIB_IF_ROW2,
  MIB_TABLE_HEAD,
  MIB_TCP6ROW_OWNER_PID,
  MIB_TCPROW_OWNER_PID,
  MIB_UDP6ROW_OWNER_PID,
  MIB_UDPROW_OWNER_PID,
  SOCKADDR_IN,
  SOCKADDR_IN6,
} from "../../ffi/windows/structs.ts";
import type { InetNetConnection, NetConnection, NetIfAddr, NetIfStats, NetIoCounters } from "../../types.ts";
import { formatIPv4, formatIPv6, formatMac } from "../inet.ts";
import { win32Error, WinError } from "./errors.ts";

const TCP_TABLE_OWNER_PID_ALL = 5;
const UDP_TABLE_OWNER_PID = 1;

/** MIB_TCP_STATE (tcpmib.h) by number, as psutil names them. */
const TCP_STATES = [
  "",
  "CLOSE",
  "LISTEN",
  "SYN_SENT",
  "SYN_RECV",
  "ESTABLISHED",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "CLOSE_WAIT",
  "CLOSING",
  "LAST_ACK",
  "TIME_WAIT",
  "DELETE_TCB",
];

/** The kinds and what each reads: [family, tcp]. */
const KINDS: Record<string, ReadonlyArray<readonly [InetNetConnection["family"], boolean]>> = {
  all: [[AF_INET, true], [AF_INET6, true], [AF_INET, false], [AF_INET6, false]],
  inet: [[AF_INET, true], [AF_INET6, true], [AF_INET, false], [AF_INET6, false]],
  inet4: [[AF_INET, true], [AF_INET, false]],
  inet6: [[AF_INET6, true], [AF_INET6, false]],
  tcp: [[AF_INET, true], [AF_INET6, true]],
  tcp4: [[AF_INET, true]],
  tcp6: [[AF_INET6, true]],
  udp: [[AF_INET, false], [AF_INET6, false]],
  udp4: [[AF_INET, false]],
  udp6: [[AF_INET6, false]],
  unix: [],
};

/** A table from GetExtended{Tcp,Udp}Table, grown until it fits. */
function table(tcp: boolean, family: number): Uint8Array {
  const i = iphlpapi.symbols;
  const size = new Uint8Array(4);
  for (let n = 16 * 1024;;) {
    const buf = new Uint8Array(n);
    new DataView(size.buffer).setUint32(0, n, true);
    const rc = tcp
      ? i.GetExtendedTcpTable(buf, size, 0, family, TCP_TABLE_OWNER_PID_ALL, 0)
      : i.GetExtendedUdpTable(buf, size, 0, family, UDP_TABLE_OWNER_PID, 0);
    if (rc === 0) return buf;
    if (rc !== WinError.ERROR_INSUFFICIENT_BUFFER) {
      throw win32Error(rc, tcp ? "GetExtendedTcpTable" : "GetExtendedUdpTable");
    }
    n = Math.max(n * 2, dwordOut(size) + 1024);
  }
}

/** A port in network order in the low 16 bits of a DWORD. */
const port = (b: Uint8Array) => (b[0] << 8) | b[1];

/** Decodes the rows of one table. */
export function decodeTable(buf: Uint8Array, family: InetNetConnection["family"], tcp: boolean): InetNetConnection[] {
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const count = MIB_TABLE_HEAD.num(view, "dwNumEntries");
  const row: Struct = family === AF_INET
    ? (tcp ? MIB_TCPROW_OWNER_PID : MIB_UDPROW_OWNER_PID)
    : (tcp ? MIB_TCP6ROW_OWNER_PID : MIB_UDP6ROW_OWNER_PID);
  const out: InetNetConnection[] = [];
  for (let i = 0; i < count; i++) {
    const base = MIB_TABLE_HEAD.size + i * row.size;
    const f = (name: string) => row.bytes(buf, name, base);
    const ip = (name: string) => family === AF_INET ? formatIPv4(f(name)) : formatIPv6(f(name));
    const laddr = { ip: ip(family === AF_INET ? "dwLocalAddr" : "ucLocalAddr"), port: port(f("dwLocalPort")) };
    let raddr: { ip: string; port: number } | null = null;
    let status = CONN_NONE;
    if (tcp) {
      const r = { ip: ip(family === AF_INET ? "dwRemoteAddr" : "ucRemoteAddr"), port: port(f("dwRemotePort")) };
      // A listening socket's remote end is all zeros: no address, as psutil.
      raddr = r.port === 0 && (r.ip === "0.0.0.0" || r.ip === "::") ? null : r;
      status = TCP_STATES[row.num(view, "dwState", base)] ?? CONN_NONE;
    }
    out.push({
      fd: -1,
      family,
      type: tcp ? SOCK_STREAM : SOCK_DGRAM,
      laddr,
      raddr,
      status,
      pid: row.num(view, "dwOwningPid", base),
    });
  }
  return out;
}

/** Sockets of `kind` (validated by the caller); with `pid`, that process's only. */
export function netConnections(kind: string, pid?: number): NetConnection[] {
  const out: NetConnection[] = [];
  for (const [family, tcp] of KINDS[kind] ?? []) {
    for (const c of decodeTable(table(tcp, family), family, tcp)) if (pid === undefined || c.pid === pid) out.push(c);
  }
  return out;
}

/** Every row of GetIfTable2, by alias (the name users see), in the table's order. */
function ifRows(): Array<{ name: string; view: DataView; base: number }> {
  const i = iphlpapi.symbols;
  const out = new Uint8Array(8);
  const rc = i.GetIfTable2(out);
  if (rc !== 0) throw win32Error(rc, "GetIfTable2");
  const a = ffi();
  const ptr = pointerOut(out);
  if (ptr === null) return [];
  try {
    const count = a.int32At(ptr, 0);
    // MIB_IF_TABLE2: NumEntries, then the rows aligned to 8.
    const bytes = a.copy(ptr, 0, 8 + count * MIB_IF_ROW2.size);
    const view = new DataView(bytes.buffer);
    const rows = [];
    for (let k = 0; k < count; k++) {
      const base = 8 + k * MIB_IF_ROW2.size;
      rows.push({ name: readWstr(MIB_IF_ROW2.bytes(bytes, "Alias", base)), view, base });
    }
    return rows;
  } finally {
    i.FreeMibTable(ptr);
  }
}

/** I/O counters per interface. */
export function netIoCounters(): Map<string, NetIoCounters> {
  const out = new Map<string, NetIoCounters>();
  for (const { name, view, base } of ifRows()) {
    const f = (k: string) => MIB_IF_ROW2.num(view, k, base);
    out.set(name, {
      bytesSent: f("OutOctets"),
      bytesRecv: f("InOctets"),
      packetsSent: f("OutUcastPkts") + f("OutNUcastPkts"),
      packetsRecv: f("InUcastPkts") + f("InNUcastPkts"),
      errin: f("InErrors"),
      errout: f("OutErrors"),
      dropin: f("InDiscards"),
      dropout: f("OutDiscards"),
    });
  }
  return out;
}

const IF_OPER_STATUS_UP = 1;

/** Stats per interface: up (operational status), speed in Mbit/s, MTU. Windows does not say the duplex. */
export function netIfStats(): Map<string, NetIfStats> {
  const out = new Map<string, NetIfStats>();
  for (const { name, view, base } of ifRows()) {
    const speed = MIB_IF_ROW2.num(view, "TransmitLinkSpeed", base);
    out.set(name, {
      isup: MIB_IF_ROW2.num(view, "OperStatus", base) === IF_OPER_STATUS_UP,
      duplex: NIC_DUPLEX_UNKNOWN,
      // An unknown speed is reported as all ones.
      speed: speed >= 2 ** 63 ? 0 : Math.floor(speed / 1e6),
      mtu: MIB_IF_ROW2.num(view, "Mtu", base) >>> 0 === 0xffffffff ? 0 : MIB_IF_ROW2.num(view, "Mtu", base),
      flags: "",
    });
  }
  return out;
}

const GAA_FLAG_SKIP_ANYCAST = 0x2;
const GAA_FLAG_SKIP_MULTICAST = 0x4;
const GAA_FLAG_SKIP_DNS_SERVER = 0x8;
const AF_UNSPEC = 0;

/** An IPv4 netmask of `bits` leading ones. */
export function ipv4Mask(bits: number): string {
  const m = bits <= 0 ? 0 : (0xffffffff << (32 - Math.min(bits, 32))) >>> 0;
  return [m >>> 24, (m >>> 16) & 255, (m >>> 8) & 255, m & 255].join(".");
}

/**
 * Addresses per adapter (GetAdaptersAddresses), by friendly name: the MAC
 * (family `AF_LINK`, written `AA-BB-CC-DD-EE-FF` as psutil does on Windows),
 * then IPv4 (with the netmask of its prefix) and IPv6 unicast addresses.
 */
export function netIfAddrs(): Map<string, NetIfAddr[]> {
  const i = iphlpapi.symbols;
  const size = new Uint8Array(4);
  let buf = new Uint8Array(16 * 1024);
  const flags = GAA_FLAG_SKIP_ANYCAST | GAA_FLAG_SKIP_MULTICAST | GAA_FLAG_SKIP_DNS_SERVER;
  for (;;) {
    new DataView(size.buffer).setUint32(0, buf.length, true);
    const rc = i.GetAdaptersAddresses(AF_UNSPEC, flags, null, buf, size);
    if (rc === 0) break;
    if (rc !== 111 /* ERROR_BUFFER_OVERFLOW */) throw win32Error(rc, "GetAdaptersAddresses");
    buf = new Uint8Array(dwordOut(size) + 1024);
  }
  // The adapters are linked through addresses inside `buf`.
  const base = addressOf(buf);
  const view = new DataView(buf.buffer);
  const at = (addr: bigint) => Number(addr - base);
  const wide = (addr: bigint) => addr === 0n ? "" : readWstr(buf, at(addr));
  const out = new Map<string, NetIfAddr[]>();
  const A = IP_ADAPTER_ADDRESSES, U = IP_ADAPTER_UNICAST_ADDRESS;
  for (let off = 0;;) {
    const name = wide(A.big(view, "FriendlyName", off));
    const list: NetIfAddr[] = [];
    const macLen = Math.min(A.num(view, "PhysicalAddressLength", off), 8);
    if (macLen > 0) {
      const mac = formatMac(A.bytes(buf, "PhysicalAddress", off), 0, macLen).toUpperCase().replaceAll(":", "-");
      list.push({ family: AF_LINK, address: mac, netmask: null, broadcast: null, ptp: null });
    }
    for (let u = A.big(view, "FirstUnicastAddress", off); u !== 0n; u = U.big(view, "Next", at(u))) {
      const sa = at(U.big(view, "lpSockaddr", at(u)));
      const family = SOCKADDR_IN.num(view, "sin_family", sa);
      const prefix = U.num(view, "OnLinkPrefixLength", at(u));
      if (family === AF_INET) {
        list.push({
          family,
          address: formatIPv4(buf, sa + SOCKADDR_IN.offset("sin_addr")),
          netmask: ipv4Mask(prefix),
          broadcast: null,
          ptp: null,
        });
      } else if (family === AF_INET6) {
        list.push({
          family,
          address: formatIPv6(buf, sa + SOCKADDR_IN6.offset("sin6_addr")),
          netmask: null,
          broadcast: null,
          ptp: null,
        });
      }
    }
    out.set(name, list);
    const next = A.big(view, "Next", off);
    if (next === 0n) break;
    off = at(next);
  }
  return out;
}
