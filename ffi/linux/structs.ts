/**
 * Linux-only struct layouts, with their C field names.
 *
 * @module
 */
import { defineStruct, type Struct } from "../struct.ts";

/**
 * `struct ifreq` (net/if.h), 40 bytes: the interface name, then a 24-byte
 * union. This layout names the union member `ifr_data` (a pointer, for
 * SIOCETHTOOL); {@link ifreq_short} and {@link ifreq_int} read the same
 * union as `ifr_flags` and `ifr_mtu`.
 */
export const ifreq: Struct = defineStruct("ifreq", [
  ["ifr_name", { bytes: 16 }],
  ["ifr_data", "pointer"],
  ["ifr_pad", { bytes: 16 }],
]);

/** `struct ifreq` read as `ifr_flags` (SIOCGIFFLAGS). */
export const ifreq_short: Struct = defineStruct("ifreq", [
  ["ifr_name", { bytes: 16 }],
  ["ifr_flags", "i16"],
]);

/** `struct ifreq` read as `ifr_mtu` (SIOCGIFMTU). */
export const ifreq_int: Struct = defineStruct("ifreq", [
  ["ifr_name", { bytes: 16 }],
  ["ifr_mtu", "i32"],
]);

/** `struct ethtool_cmd` (linux/ethtool.h), 44 bytes: the legacy ETHTOOL_GSET answer. */
export const ethtool_cmd: Struct = defineStruct("ethtool_cmd", [
  ["cmd", "u32"],
  ["supported", "u32"],
  ["advertising", "u32"],
  ["speed", "u16"],
  ["duplex", "u8"],
  ["port", "u8"],
  ["phy_address", "u8"],
  ["transceiver", "u8"],
  ["autoneg", "u8"],
  ["mdio_support", "u8"],
  ["maxtxpkt", "u32"],
  ["maxrxpkt", "u32"],
  ["speed_hi", "u16"],
  ["eth_tp_mdix", "u8"],
  ["eth_tp_mdix_ctrl", "u8"],
  ["lp_advertising", "u32"],
  ["reserved", { array: "u32", length: 2 }],
]);

/**
 * `siginfo_t` (signal.h) as `waitid` fills it for SIGCHLD on 64-bit Linux:
 * 128 bytes; the child fields sit in the union after 4 bytes of padding.
 */
export const siginfo_t: Struct = defineStruct("siginfo_t", [
  ["si_signo", "i32"],
  ["si_errno", "i32"],
  ["si_code", "i32"],
  ["__pad0", "i32"],
  ["si_pid", "i32"],
  ["si_uid", "u32"],
  ["si_status", "i32"],
  ["__rest", { bytes: 100 }],
]);

/**
 * `struct linux_dirent64` (the getdents64(2) record): a fixed head of 19
 * bytes, then the NUL-terminated name; `d_reclen` is the record's length.
 */
export const linux_dirent64: Struct = defineStruct("linux_dirent64", [
  ["d_ino", "u64"],
  ["d_off", "i64"],
  ["d_reclen", "u16"],
  ["d_type", "u8"],
], { pack: 1 });

/** `struct nlmsghdr` (linux/netlink.h): 16 bytes before every netlink message. */
export const nlmsghdr: Struct = defineStruct("nlmsghdr", [
  ["nlmsg_len", "u32"],
  ["nlmsg_type", "u16"],
  ["nlmsg_flags", "u16"],
  ["nlmsg_seq", "u32"],
  ["nlmsg_pid", "u32"],
]);

/** `struct sockaddr_nl` (linux/netlink.h): 12 bytes. */
export const sockaddr_nl: Struct = defineStruct("sockaddr_nl", [
  ["nl_family", "u16"],
  ["nl_pad", "u16"],
  ["nl_pid", "u32"],
  ["nl_groups", "u32"],
]);

/**
 * `struct inet_diag_sockid` (linux/inet_diag.h): 48 bytes. Ports and
 * addresses are in network byte order (read them as bytes).
 */
export const inet_diag_sockid: Struct = defineStruct("inet_diag_sockid", [
  ["idiag_sport", { bytes: 2 }],
  ["idiag_dport", { bytes: 2 }],
  ["idiag_src", { bytes: 16, align: 4 }],
  ["idiag_dst", { bytes: 16, align: 4 }],
  ["idiag_if", "u32"],
  ["idiag_cookie", { array: "u32", length: 2 }],
]);

/** `struct inet_diag_req_v2` (linux/inet_diag.h): the SOCK_DIAG_BY_FAMILY request, 56 bytes. */
export const inet_diag_req_v2: Struct = defineStruct("inet_diag_req_v2", [
  ["sdiag_family", "u8"],
  ["sdiag_protocol", "u8"],
  ["idiag_ext", "u8"],
  ["pad", "u8"],
  ["idiag_states", "u32"],
  ["id", { struct: inet_diag_sockid }],
]);

/** `struct inet_diag_msg` (linux/inet_diag.h): one socket of the answer, 72 bytes. */
export const inet_diag_msg: Struct = defineStruct("inet_diag_msg", [
  ["idiag_family", "u8"],
  ["idiag_state", "u8"],
  ["idiag_timer", "u8"],
  ["idiag_retrans", "u8"],
  ["id", { struct: inet_diag_sockid }],
  ["idiag_expires", "u32"],
  ["idiag_rqueue", "u32"],
  ["idiag_wqueue", "u32"],
  ["idiag_uid", "u32"],
  ["idiag_inode", "u32"],
]);

/**
 * `struct sysinfo` (sys/sysinfo.h, sysinfo(2)): 112 bytes on 64-bit Linux;
 * the memory fields count units of `mem_unit` bytes.
 */
export const sysinfo: Struct = defineStruct("sysinfo", [
  ["uptime", "i64"],
  ["loads", { array: "u64", length: 3 }],
  ["totalram", "u64"],
  ["freeram", "u64"],
  ["sharedram", "u64"],
  ["bufferram", "u64"],
  ["totalswap", "u64"],
  ["freeswap", "u64"],
  ["procs", "u16"],
  ["pad", "u16"],
  ["totalhigh", "u64"],
  ["freehigh", "u64"],
  ["mem_unit", "u32"],
  ["_f", { bytes: 4 }],
]);
