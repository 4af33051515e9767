/**
 * TCP and UDP sockets through the kernel's `sock_diag` netlink interface
 * (`NETLINK_SOCK_DIAG`, `SOCK_DIAG_BY_FAMILY`), the source `ss` uses: the
 * kernel sends the sockets themselves instead of walking its whole hash
 * tables into the text of `/proc/net/tcp`, which is far slower on machines
 * with large tables. `null` when the kernel refuses (old kernels, some
 * sandboxes): the caller then reads `/proc/net`.
 *
 * @module
 */
import { AF_INET, CONN_NONE } from "../../constants.ts";
import { libc } from "../../ffi/posix/libc.ts";
import {
  inet_diag_msg,
  inet_diag_req,
  inet_diag_req_v2,
  inet_diag_sockid,
  nlmsghdr,
  sockaddr_nl,
} from "../../ffi/linux/structs.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { formatIPv4, formatIPv6 } from "../inet.ts";
import { malformed } from "./procfs.ts";

/** A TCP or UDP socket, from sock_diag or `/proc/net/tcp*` / `udp*` (net.ts), before its owner is known. */
export interface InetSocket {
  /** Socket inode. */
  inode: string;
  /** Local address, `null` when unbound. */
  laddr: { ip: string; port: number } | null;
  /** Remote address, `null` when not connected. */
  raddr: { ip: string; port: number } | null;
  /** A `CONN_*` name. */
  status: string;
}

const AF_NETLINK = 16;
const SOCK_DGRAM = 2;
const SOCK_CLOEXEC = 0o2000000;
const NETLINK_SOCK_DIAG = 4;
const SOCK_DIAG_BY_FAMILY = 20;
/** The older inet_diag request (linux/inet_diag.h), for TCP. */
const TCPDIAG_GETSOCK = 18;
const AF_UNSPEC = 0;
const NLM_F_REQUEST = 0x1;
const NLM_F_DUMP = 0x300;
const NLMSG_ERROR = 2;
const NLMSG_DONE = 3;
const IPPROTO_TCP = 6;
const IPPROTO_UDP = 17;

/** TCP states by number (include/net/tcp_states.h) as psutil names them. */
const TCP_STATES = [
  "",
  "ESTABLISHED",
  "SYN_SENT",
  "SYN_RECV",
  "FIN_WAIT1",
  "FIN_WAIT2",
  "TIME_WAIT",
  "CLOSE",
  "CLOSE_WAIT",
  "LAST_ACK",
  "LISTEN",
  "CLOSING",
  "SYN_RECV", // TCP_NEW_SYN_RECV: a request socket, shown as SYN_RECV in /proc/net/tcp
];

/**
 * The states asked for: those /proc/net/tcp lists, ESTABLISHED (1) to
 * TCP_NEW_SYN_RECV (12). Not TCP_BOUND_INACTIVE (13, Linux 6.7+): a socket
 * that is only bound is no connection for psutil, and asking for them makes
 * the kernel walk the whole bind hash too (about 0.6 ms here, per family).
 */
const LISTED_STATES = 0x1ffe;

const HDR = nlmsghdr.size;
const ID = inet_diag_msg.offset("id");
let recvBuf = new Uint8Array(64 * 1024);

/** Decodes one `inet_diag_msg` at `off` of `b`. */
export function decodeInetDiagMsg(b: Uint8Array, off: number, tcp: boolean): InetSocket {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const family = b[off + inet_diag_msg.offset("idiag_family")];
  const state = b[off + inet_diag_msg.offset("idiag_state")];
  const addr = (field: string, portField: string) => {
    const p = off + ID + inet_diag_sockid.offset(portField);
    const port = (b[p] << 8) | b[p + 1];
    if (!port) return null;
    const a = off + ID + inet_diag_sockid.offset(field);
    return { ip: family === AF_INET ? formatIPv4(b, a) : formatIPv6(b, a), port };
  };
  return {
    inode: String(inet_diag_msg.num(view, "idiag_inode", off)),
    laddr: addr("idiag_src", "idiag_sport"),
    raddr: addr("idiag_dst", "idiag_dport"),
    status: tcp ? TCP_STATES[state] ?? CONN_NONE : CONN_NONE,
  };
}

/** Every TCP (`tcp: true`) or UDP socket of `family` (AF_INET / AF_INET6), or `null` when netlink is refused. */
export function inetDiag(family: number, tcp: boolean): InetSocket[] | null {
  const msg = new Uint8Array(HDR + inet_diag_req_v2.size);
  const v = new DataView(msg.buffer);
  inet_diag_req_v2.set(v, "sdiag_family", family, HDR);
  inet_diag_req_v2.set(v, "sdiag_protocol", tcp ? IPPROTO_TCP : IPPROTO_UDP, HDR);
  inet_diag_req_v2.set(v, "idiag_states", LISTED_STATES, HDR);
  const out: InetSocket[] = [];
  return dump(msg, SOCK_DIAG_BY_FAMILY, tcp, out, out) ? out : null;
}

/**
 * Every TCP socket of both families, `[IPv4, IPv6]`, from one dump of the
 * older TCPDIAG_GETSOCK interface with AF_UNSPEC: the kernel walks its TCP
 * tables once instead of once per family (that walk is most of the time of
 * a dump, about 1.5 ms for 262,144 hash buckets, however few sockets there
 * are). `null` when the kernel refuses it.
 */
export function tcpDiagBothFamilies(): [InetSocket[], InetSocket[]] | null {
  const msg = new Uint8Array(HDR + inet_diag_req.size);
  const v = new DataView(msg.buffer);
  inet_diag_req.set(v, "idiag_family", AF_UNSPEC, HDR);
  inet_diag_req.set(v, "idiag_states", LISTED_STATES, HDR);
  const v4: InetSocket[] = [], v6: InetSocket[] = [];
  return dump(msg, TCPDIAG_GETSOCK, true, v4, v6) ? [v4, v6] : null;
}

/**
 * Sends the dump request `msg` (its netlink header is filled here with
 * `type`) and reads the answer into `v4` and `v6` by each socket's family;
 * false when the kernel refuses it or answers outside its format.
 */
function dump(msg: Uint8Array, type: number, tcp: boolean, v4: InetSocket[], v6: InetSocket[]): boolean {
  const c = libc.symbols;
  const fd = c.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return false;
  try {
    const v = new DataView(msg.buffer);
    nlmsghdr.set(v, "nlmsg_len", msg.length);
    nlmsghdr.set(v, "nlmsg_type", type);
    nlmsghdr.set(v, "nlmsg_flags", NLM_F_REQUEST | NLM_F_DUMP);
    nlmsghdr.set(v, "nlmsg_seq", 1);
    const kernel = allocStruct(sockaddr_nl);
    sockaddr_nl.set(kernel.view, "nl_family", AF_NETLINK);
    if (Number(c.sendto(fd, msg, BigInt(msg.length), 0, kernel.buf, sockaddr_nl.size)) < 0) return false;
    for (;;) {
      const n = Number(c.recv(fd, recvBuf, BigInt(recvBuf.length), 0));
      if (n < 0) return false;
      if (n === 0) return true;
      let end: DiagBatchEnd;
      try {
        end = parseDiagBatch(recvBuf.subarray(0, n), tcp, v4, type, v6);
      } catch {
        return false; // not in the kernel's format: read /proc/net instead
      }
      if (end === "done") return true;
      if (end === "error") return false;
      // Grow for the next batch if the kernel filled the buffer.
      if (n === recvBuf.length) recvBuf = new Uint8Array(recvBuf.length * 2);
    }
  } finally {
    c.close(fd);
  }
}

/** How a batch of a sock_diag dump ended: more to come, the dump's end, or the kernel's error. */
export type DiagBatchEnd = "more" | "done" | "error";

/**
 * Parses one `recv` of a sock_diag dump: netlink messages of `type`, each
 * 4-byte aligned, appending each socket to `out` (or, with `out6`, the IPv6
 * ones there). A message whose length runs past the batch or is too short
 * for its `inet_diag_msg` is a malformed-answer `OsError` (the caller falls
 * back to `/proc/net`), never a partial read.
 */
export function parseDiagBatch(
  b: Uint8Array,
  tcp: boolean,
  out: InetSocket[],
  type = SOCK_DIAG_BY_FAMILY,
  out6: InetSocket[] = out,
): DiagBatchEnd {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const familyAt = HDR + inet_diag_msg.offset("idiag_family");
  for (let off = 0; off + HDR <= b.length;) {
    const len = nlmsghdr.num(view, "nlmsg_len", off);
    const t = nlmsghdr.num(view, "nlmsg_type", off);
    if (len < HDR || off + len > b.length) throw malformed("sock_diag", `message length ${len} at ${off}`);
    if (t === NLMSG_DONE) return "done";
    if (t === NLMSG_ERROR) return "error";
    if (t === type) {
      if (len < HDR + inet_diag_msg.size) throw malformed("sock_diag", `inet_diag_msg of ${len - HDR} bytes`);
      (b[off + familyAt] === AF_INET ? out : out6).push(decodeInetDiagMsg(b, off + HDR, tcp));
    }
    off += (len + 3) & ~3;
  }
  return "more";
}
