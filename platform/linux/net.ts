/**
 * Linux network: counters from `/proc/net/dev`, sockets from
 * `/proc/net/{tcp,tcp6,udp,udp6,unix}` with their owners found through
 * `/proc/PID/fd`, and interface stats through `ioctl(2)` (flags, MTU and the
 * ethtool speed and duplex).
 *
 * @module
 */
import { errnoError, lastOsError } from "../posix/errors.ts";
import {
  AF_INET,
  AF_INET6,
  AF_UNIX,
  CONN_NONE,
  NIC_DUPLEX_FULL,
  NIC_DUPLEX_HALF,
  NIC_DUPLEX_UNKNOWN,
  SOCK_DGRAM,
  SOCK_STREAM,
} from "../../constants.ts";
import { addressOf } from "../../ffi/mod.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { linuxLibc } from "../../ffi/linux/libc.ts";
import { ethtool_cmd, ifreq, ifreq_int, ifreq_short } from "../../ffi/linux/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import type { NetConnection, NetIfStats, NetIoCounters } from "../../types.ts";
import { formatIPv4, formatIPv6 } from "../inet.ts";
import { getProcfsPath, isMissing, numericEntries, readProc, withFileBytes } from "./procfs.ts";
import { inetDiag, type InetSocket, tcpDiagBothFamilies } from "./sockdiag.ts";
import { decimal } from "./parsers.ts";

export type { InetSocket } from "./sockdiag.ts";

/** Parses `/proc/net/dev` into counters per interface, in file order. */
export function parseNetDev(text: string): Map<string, NetIoCounters> {
  const out = new Map<string, NetIoCounters>();
  for (const line of text.split("\n").slice(2)) {
    const colon = line.lastIndexOf(":");
    if (colon < 0) continue;
    const name = line.slice(0, colon).trim();
    const f = line.slice(colon + 1).trim().split(/\s+/).map(decimal);
    if (f.length < 16 || f.some(Number.isNaN)) continue; // not in the kernel's format
    out.set(name, {
      bytesSent: f[8],
      bytesRecv: f[0],
      packetsSent: f[9],
      packetsRecv: f[1],
      errin: f[2],
      errout: f[10],
      dropin: f[3],
      dropout: f[11],
    });
  }
  return out;
}

/** Counters per interface of this process's network namespace. */
export function netIoCounters(): Map<string, NetIoCounters> {
  return parseNetDev(readProc("net/dev"));
}

// --- connections ---------------------------------------------------------------

/** The kernel's TCP states (include/net/tcp_states.h) as psutil names them. */
const TCP_STATES: Record<string, string> = {
  "01": "ESTABLISHED",
  "02": "SYN_SENT",
  "03": "SYN_RECV",
  "04": "FIN_WAIT1",
  "05": "FIN_WAIT2",
  "06": "TIME_WAIT",
  "07": "CLOSE",
  "08": "CLOSE_WAIT",
  "09": "LAST_ACK",
  "0A": "LISTEN",
  "0B": "CLOSING",
};

/** The files behind each `kind`, as `[file, family, type]`. */
const KIND_FILES: Record<string, ReadonlyArray<readonly [string, NetConnection["family"], number]>> = (() => {
  const tcp4 = ["tcp", AF_INET, SOCK_STREAM] as const;
  const tcp6 = ["tcp6", AF_INET6, SOCK_STREAM] as const;
  const udp4 = ["udp", AF_INET, SOCK_DGRAM] as const;
  const udp6 = ["udp6", AF_INET6, SOCK_DGRAM] as const;
  const unix = ["unix", AF_UNIX, 0] as const;
  return {
    all: [tcp4, tcp6, udp4, udp6, unix],
    tcp: [tcp4, tcp6],
    tcp4: [tcp4],
    tcp6: [tcp6],
    udp: [udp4, udp6],
    udp4: [udp4],
    udp6: [udp6],
    inet: [tcp4, tcp6, udp4, udp6],
    inet4: [tcp4, udp4],
    inet6: [tcp6, udp6],
    unix: [unix],
  };
})();

/**
 * Decodes an address of `/proc/net/tcp*`: hex bytes of the address as the
 * kernel holds it in 32-bit words of host order (little-endian here), a
 * colon, the port in hex. A zero port is no address (`null`), as in psutil.
 */
export function decodeProcAddress(text: string, family: number): { ip: string; port: number } | null {
  const [hex, portHex] = text.split(":");
  const port = parseInt(portHex, 16);
  if (!port) return null;
  const bytes: number[] = [];
  for (let w = 0; w < hex.length; w += 8) {
    // Each word is printed as a host-order u32: reverse its bytes on a little-endian CPU.
    for (let i = 3; i >= 0; i--) bytes.push(parseInt(hex.slice(w + 2 * i, w + 2 * i + 2), 16));
  }
  return { ip: family === AF_INET ? formatIPv4(bytes) : formatIPv6(bytes), port };
}

/** Parses `/proc/net/tcp`, `tcp6`, `udp` or `udp6`. */
export function parseProcNetInet(text: string, family: number, type: number): InetSocket[] {
  const out: InetSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const f = line.trim().split(/\s+/);
    // A line not in the kernel's format (addresses not hex of the family's size, a non-numeric inode) is left out.
    const addr = family === AF_INET ? /^[0-9A-Fa-f]{8}:[0-9A-Fa-f]{4}$/ : /^[0-9A-Fa-f]{32}:[0-9A-Fa-f]{4}$/;
    if (f.length < 10 || !addr.test(f[1]) || !addr.test(f[2]) || !/^\d+$/.test(f[9])) continue;
    out.push({
      inode: f[9],
      laddr: decodeProcAddress(f[1], family),
      raddr: decodeProcAddress(f[2], family),
      status: type === SOCK_STREAM ? TCP_STATES[f[3]] ?? CONN_NONE : CONN_NONE,
    });
  }
  return out;
}

/** A socket of `/proc/net/unix`. */
export interface UnixSocket {
  /** Socket inode. */
  inode: string;
  /** `SOCK_STREAM`, `SOCK_DGRAM` or `SOCK_SEQPACKET`. */
  type: number;
  /** The bound path, `@name` for an abstract socket, `""` when unbound. */
  path: string;
}

/**
 * Parses `/proc/net/unix`. The path is everything after the inode, so paths
 * with spaces survive (psutil 5.9 keeps only the last word).
 */
export function parseProcNetUnix(text: string): UnixSocket[] {
  const out: UnixSocket[] = [];
  for (const line of text.split("\n").slice(1)) {
    const m = /^\s*\S+:\s+\S+\s+\S+\s+\S+\s+([0-9A-Fa-f]+)\s+\S+\s+(\d+)(?: (.*))?$/.exec(line);
    if (!m) continue;
    out.push({ inode: m[2], type: parseInt(m[1], 16), path: m[3] ?? "" });
  }
  return out;
}

const linkBuf = new Uint8Array(64);
const SOCKET_PREFIX = new TextEncoder().encode("socket:[");

/** The inode of a `socket:[N]` link target in `b[0..n)`, or -1 when it is not a socket. */
function socketInode(b: Uint8Array, n: number): number {
  if (n < SOCKET_PREFIX.length + 2 || b[n - 1] !== 93 /* ] */) return -1;
  for (let i = 0; i < SOCKET_PREFIX.length; i++) if (b[i] !== SOCKET_PREFIX[i]) return -1;
  let v = 0;
  for (let i = SOCKET_PREFIX.length; i < n - 1; i++) v = v * 10 + b[i] - 48;
  return v;
}

/** Owners of socket inodes: the first `[pid, fd]` of each, and the others of a socket shared between several. */
export class SocketOwners {
  /** inode -> pid * 2^31 + fd of its first owner (lowest pid, then lowest fd). */
  readonly #first = new Map<number, number>();
  /** inode -> its other owners, packed the same way (only sockets with several). */
  readonly #more = new Map<number, number[]>();

  /** Notes that `pid` holds socket `inode` as descriptor `fd`. */
  add(inode: number, pid: number, fd: number): void {
    const packed = pid * 2 ** 31 + fd;
    const first = this.#first.get(inode);
    if (first === undefined) this.#first.set(inode, packed);
    else {
      const list = this.#more.get(inode);
      if (list) list.push(packed);
      else this.#more.set(inode, [packed]);
    }
  }

  /** How many sockets have an owner. */
  get size(): number {
    return this.#first.size;
  }

  /** Whether socket `inode` has an owner. */
  has(inode: number): boolean {
    return this.#first.has(inode);
  }

  /** The first owner's pid (`null` for none). */
  pid(inode: number): number | null {
    const p = this.#first.get(inode);
    return p === undefined ? null : Math.floor(p / 2 ** 31);
  }

  /** The first owner's descriptor (-1 for none). */
  fd(inode: number): number {
    const p = this.#first.get(inode);
    return p === undefined ? -1 : p % 2 ** 31;
  }

  /** Every owner, as `[pid, fd]`, the first first. */
  all(inode: number): Array<[number, number]> {
    const p = this.#first.get(inode);
    if (p === undefined) return [];
    return [p, ...(this.#more.get(inode) ?? [])].map((v) => [Math.floor(v / 2 ** 31), v % 2 ** 31]);
  }
}

const pathEncoder = new TextEncoder();
let fdPath = new Uint8Array(256);

/** Writes the decimal digits of `v` (>= 0) into `b` at `at`; returns the end. */
function writeDecimal(b: Uint8Array, at: number, v: number): number {
  let end = at, x = v;
  do end++, x = Math.floor(x / 10); while (x > 0);
  for (let k = end - 1, y = v; k >= at; k--, y = Math.floor(y / 10)) b[k] = 48 + (y % 10);
  return end;
}

/**
 * The owners of every socket, from `/proc/PID/fd` (unreadable processes
 * skipped): directories listed with getdents64, and each link read with
 * readlink(2) from one path buffer (the process's prefix written once,
 * then each fd's digits) into one link buffer: no string per descriptor,
 * inodes kept as numbers.
 */
export function socketOwners(onlyPid?: number, proc: string = getProcfsPath()): SocketOwners {
  const owners = new SocketOwners();
  const readlink = libc.symbols.readlink;
  const linkLen = BigInt(linkBuf.length);
  // Sorted, so that the first owner of a shared socket is the lowest pid on every runtime.
  const pids = onlyPid !== undefined ? [onlyPid] : numericEntries(proc).sort((a, b) => a - b);
  for (const pid of pids) {
    let fds: number[];
    const dir = `${proc}/${pid}/fd`;
    try {
      fds = numericEntries(dir).sort((a, b) => a - b);
    } catch (e) {
      if (onlyPid !== undefined) throw e;
      continue; // gone, or not ours to read
    }
    if (fds.length === 0) continue;
    if (dir.length * 3 + 16 > fdPath.length) fdPath = new Uint8Array(dir.length * 3 + 16);
    const prefix = pathEncoder.encodeInto(`${dir}/`, fdPath).written;
    for (const fd of fds) {
      fdPath[writeDecimal(fdPath, prefix, fd)] = 0;
      const n = Number(readlink(fdPath, linkBuf, linkLen));
      if (n <= 0) continue; // closed meanwhile
      const inode = socketInode(linkBuf, n);
      if (inode >= 0) owners.add(inode, pid, fd);
    }
  }
  return owners;
}

/**
 * Sockets of `kind`. With `pid`, only that process's sockets; without,
 * every socket, with the owning pid and fd where this process may see them,
 * else `null` and -1.
 */
export function netConnections(kind: string, pid?: number): NetConnection[] {
  const files = KIND_FILES[kind];
  const out: NetConnection[] = [];
  // The owners first, as psutil: a process's sockets are among its descriptors,
  // and with none there is nothing to dump.
  const owners = socketOwners(pid);
  if (pid !== undefined && owners.size === 0) return out;
  const seenInet = new Set<number>();
  const seenUnix = new Set<string>();
  // TCP and UDP from sock_diag when the procfs root is the real one (not a fixture tree); both TCP families from
  // one dump when the kind has both.
  const live = getProcfsPath() === "/proc";
  const tcpFamilies = files.filter(([, f, t]) => t === SOCK_STREAM && f !== AF_UNIX).length;
  const bothTcp = live && tcpFamilies === 2 ? tcpDiagBothFamilies() : null;
  for (const [file, family, type] of files) {
    let text = "";
    const tcp = type === SOCK_STREAM;
    const diag = family === AF_UNIX || !live
      ? null
      : tcp && bothTcp
      ? bothTcp[family === AF_INET ? 0 : 1]
      : inetDiag(family, tcp);
    if (diag === null) {
      try {
        text = readProc(`net/${file}`);
      } catch (e) {
        if (isMissing(e) && family === AF_INET6) continue; // no IPv6 in this kernel
        throw e;
      }
    }
    if (family === AF_UNIX) {
      // A UNIX socket gives one entry per owner.
      for (const s of parseProcNetUnix(text)) {
        const inode = Number(s.inode);
        const pairs: Array<readonly [number | null, number]> = owners.has(inode)
          ? owners.all(inode)
          : pid === undefined
          ? [[null, -1]]
          : [];
        for (const [owner, fd] of pairs) {
          const key = `${s.inode}/${owner}/${fd}`;
          if (seenUnix.has(key)) continue;
          seenUnix.add(key);
          // The kernel does not say the peer of a UNIX socket here: "" as in psutil.
          out.push({ fd, family, type: s.type, laddr: s.path, raddr: "", status: CONN_NONE, pid: owner });
        }
      }
      continue;
    }
    for (const s of diag ?? parseProcNetInet(text, family, type)) {
      const inode = Number(s.inode);
      if (pid !== undefined && !owners.has(inode)) continue;
      // A socket listed twice (a table changing while it is read) is given once; inode 0 (TIME_WAIT) is many.
      if (inode !== 0) {
        if (seenInet.has(inode)) continue;
        seenInet.add(inode);
      }
      out.push({
        fd: owners.fd(inode),
        family,
        type,
        laddr: s.laddr,
        raddr: s.raddr,
        status: s.status,
        pid: owners.pid(inode),
      });
    }
  }
  return out;
}

// --- interface stats ---------------------------------------------------------------

/** `ioctl` requests (linux/sockios.h). */
const SIOCGIFFLAGS = 0x8913;
const SIOCGIFMTU = 0x8921;
const SIOCETHTOOL = 0x8946;
/** ETHTOOL_GSET (linux/ethtool.h). */
const ETHTOOL_GSET = 0x00000001;
const DUPLEX_HALF = 0;
const DUPLEX_FULL = 1;

/** The interface flags psutil names, in its order (linux/if.h values). */
const IFF_NAMES: ReadonlyArray<readonly [number, string]> = [
  [0x1, "up"],
  [0x2, "broadcast"],
  [0x4, "debug"],
  [0x8, "loopback"],
  [0x10, "pointopoint"],
  [0x20, "notrailers"],
  [0x40, "running"],
  [0x80, "noarp"],
  [0x100, "promisc"],
  [0x200, "allmulti"],
  [0x400, "master"],
  [0x800, "slave"],
  [0x1000, "multicast"],
  [0x2000, "portsel"],
  [0x4000, "automedia"],
  [0x8000, "dynamic"],
];

/** The names of the set flags, comma-separated, in psutil's order. */
export function ifFlagNames(flags: number): string {
  return IFF_NAMES.filter(([bit]) => flags & bit).map(([, name]) => name).join(",");
}

/** Maps ethtool's duplex to psutil's `NIC_DUPLEX_*`. */
export function duplexFromEthtool(duplex: number): number {
  return duplex === DUPLEX_FULL ? NIC_DUPLEX_FULL : duplex === DUPLEX_HALF ? NIC_DUPLEX_HALF : NIC_DUPLEX_UNKNOWN;
}

/**
 * The interface names of `/proc/net/dev` as the kernel wrote them, with the
 * text {@link netIoCounters} uses for each (invalid UTF-8 as U+FFFD): an
 * ioctl needs the real bytes, which the text may no longer encode.
 */
export function netDevNames(): Array<[name: string, bytes: Uint8Array]> {
  const decoder = new TextDecoder();
  return withFileBytes(`${getProcfsPath()}/net/dev`, (b) => {
    const out: Array<[string, Uint8Array]> = [];
    let line = 0;
    for (let start = 0; start < b.length; line++) {
      let end = b.indexOf(10, start);
      if (end < 0) end = b.length;
      const colon = b.subarray(start, end).lastIndexOf(58);
      if (line >= 2 && colon >= 0) {
        let s = start, e = start + colon;
        while (s < e && b[s] === 32) s++;
        while (e > s && b[e - 1] === 32) e--;
        const bytes = b.slice(s, e);
        out.push([decoder.decode(bytes), bytes]);
      }
      start = end + 1;
    }
    return out;
  });
}

/** Stats of one interface through a datagram socket's ioctls; `null` when it vanished (ENODEV). */
function ifStats(sock: number, name: string, nameBytes: Uint8Array): NetIfStats | null {
  const c = linuxLibc.symbols;
  const req = allocStruct(ifreq);
  if (nameBytes.length >= ifreq.sizeOf("ifr_name")) return null;
  req.buf.set(nameBytes, ifreq.offset("ifr_name"));
  const call = (request: number, what: string): boolean => {
    if (c.ioctl(sock, BigInt(request), req.buf) === 0) return true;
    const errno = lastErrno();
    if (errno === Errno.ENODEV || errno === Errno.ENXIO) return false;
    throw errnoError(errno, `ioctl(${what})`, name);
  };
  if (!call(SIOCGIFFLAGS, "SIOCGIFFLAGS")) return null;
  const flags = ifreq_short.num(req.view, "ifr_flags") & 0xffff;
  if (!call(SIOCGIFMTU, "SIOCGIFMTU")) return null;
  const mtu = ifreq_int.num(req.view, "ifr_mtu");
  const cmd = allocStruct(ethtool_cmd);
  ethtool_cmd.set(cmd.view, "cmd", ETHTOOL_GSET);
  ifreq.set(req.view, "ifr_data", addressOf(cmd.buf));
  let duplex = NIC_DUPLEX_UNKNOWN;
  let speed = 0;
  if (c.ioctl(sock, BigInt(SIOCETHTOOL), req.buf) === 0) {
    duplex = duplexFromEthtool(ethtool_cmd.num(cmd.view, "duplex"));
    const s = (ethtool_cmd.num(cmd.view, "speed_hi") << 16 | ethtool_cmd.num(cmd.view, "speed")) >>> 0;
    speed = s === 0xffffffff ? 0 : s; // SPEED_UNKNOWN
  } else {
    const errno = lastErrno();
    if (errno === Errno.ENODEV) return null;
    // EOPNOTSUPP / EINVAL (no ethtool support), EPERM in some containers: unknown.
  }
  // psutil calls an interface up when it is running.
  return { isup: (flags & 0x40) !== 0, duplex, speed, mtu, flags: ifFlagNames(flags) };
}

/** Stats of every interface of `/proc/net/dev`. */
export function netIfStats(): Map<string, NetIfStats> {
  const c = libc.symbols;
  const sock = c.socket(AF_INET, SOCK_DGRAM, 0);
  if (sock < 0) {
    throw lastOsError("socket");
  }
  const out = new Map<string, NetIfStats>();
  try {
    for (const [name, bytes] of netDevNames()) {
      const st = ifStats(sock, name, bytes);
      if (st) out.set(name, st);
    }
  } finally {
    c.close(sock);
  }
  return out;
}
