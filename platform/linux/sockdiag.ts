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
import { inet_diag_msg, inet_diag_req_v2, inet_diag_sockid, nlmsghdr, sockaddr_nl } from "../../ffi/linux/structs.ts";
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
  const c = libc.symbols;
  const fd = c.socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (fd < 0) return null;
  try {
    const msg = new Uint8Array(HDR + inet_diag_req_v2.size);
    const v = new DataView(msg.buffer);
    nlmsghdr.set(v, "nlmsg_len", msg.length);
    nlmsghdr.set(v, "nlmsg_type", SOCK_DIAG_BY_FAMILY);
    nlmsghdr.set(v, "nlmsg_flags", NLM_F_REQUEST | NLM_F_DUMP);
    nlmsghdr.set(v, "nlmsg_seq", 1);
    inet_diag_req_v2.set(v, "sdiag_family", family, HDR);
    inet_diag_req_v2.set(v, "sdiag_protocol", tcp ? IPPROTO_TCP : IPPROTO_UDP, HDR);
    inet_diag_req_v2.set(v, "idiag_states", LISTED_STATES, HDR);
    const kernel = allocStruct(sockaddr_nl);
    sockaddr_nl.set(kernel.view, "nl_family", AF_NETLINK);
    if (Number(c.sendto(fd, msg, BigInt(msg.length), 0, kernel.buf, sockaddr_nl.size)) < 0) return null;
    const out: InetSocket[] = [];
    for (;;) {
      const n = Number(c.recv(fd, recvBuf, BigInt(recvBuf.length), 0));
      if (n < 0) return null;
      if (n === 0) return out;
      let end: DiagBatchEnd;
      try {
        end = parseDiagBatch(recvBuf.subarray(0, n), tcp, out);
      } catch {
        return null; // not in the kernel's format: read /proc/net instead
      }
      if (end === "done") return out;
      if (end === "error") return null;
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
 * Parses one `recv` of a sock_diag dump: netlink messages, each 4-byte
 * aligned, appending each socket to `out`. A message whose length runs past
 * the batch or is too short for its `inet_diag_msg` is a malformed-answer
 * `OsError` (the caller falls back to `/proc/net`), never a partial read.
 */
export function parseDiagBatch(b: Uint8Array, tcp: boolean, out: InetSocket[]): DiagBatchEnd {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let off = 0; off + HDR <= b.length;) {
    const len = nlmsghdr.num(view, "nlmsg_len", off);
    const type = nlmsghdr.num(view, "nlmsg_type", off);
    if (len < HDR || off + len > b.length) throw malformed("sock_diag", `message length ${len} at ${off}`);
    if (type === NLMSG_DONE) return "done";
    if (type === NLMSG_ERROR) return "error";
    if (type === SOCK_DIAG_BY_FAMILY) {
      if (len < HDR + inet_diag_msg.size) throw malformed("sock_diag", `inet_diag_msg of ${len - HDR} bytes`);
      out.push(decodeInetDiagMsg(b, off + HDR, tcp));
    }
    off += (len + 3) & ~3;
  }
  return "more";
}
