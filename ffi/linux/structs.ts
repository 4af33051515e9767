/**
 * Linux-only struct layouts, with their C field names.
 *
 * @module
 */
import { defineStruct, type Struct } from "../struct.ts";
import type { OsStructs } from "../posix/structs.ts";
import { currentArch } from "../runtime.ts";

const ARM64 = currentArch === "aarch64" || currentArch === "arm64";

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

/**
 * The kernel's `struct stat` as `newfstatat(2)` fills it (glibc's own
 * `struct stat` has the same layout): x86_64 has its own, 144 bytes
 * (arch/x86/include/uapi/asm/stat.h); aarch64 the generic one, 128 bytes
 * (include/uapi/asm-generic/stat.h). Only the fields up to `st_size` are
 * named; the rest is padding here.
 */
export const kernel_stat: Struct = ARM64
  ? defineStruct("stat", [
    ["st_dev", "u64"],
    ["st_ino", "u64"],
    ["st_mode", "u32"],
    ["st_nlink", "u32"],
    ["st_uid", "u32"],
    ["st_gid", "u32"],
    ["st_rdev", "u64"],
    ["__pad1", "u64"],
    ["st_size", "i64"],
    ["__rest", { bytes: 72 }],
  ])
  : defineStruct("stat", [
    ["st_dev", "u64"],
    ["st_ino", "u64"],
    ["st_nlink", "u64"],
    ["st_mode", "u32"],
    ["st_uid", "u32"],
    ["st_gid", "u32"],
    ["__pad0", "i32"],
    ["st_rdev", "u64"],
    ["st_size", "i64"],
    ["__rest", { bytes: 88 }],
  ]);

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

/**
 * `struct inet_diag_req` (linux/inet_diag.h): the request of the older
 * TCPDIAG_GETSOCK interface, 60 bytes. It alone takes AF_UNSPEC as the
 * family: both TCP families from one walk of the kernel's tables.
 */
export const inet_diag_req: Struct = defineStruct("inet_diag_req", [
  ["idiag_family", "u8"],
  ["idiag_src_len", "u8"],
  ["idiag_dst_len", "u8"],
  ["idiag_ext", "u8"],
  ["id", { struct: inet_diag_sockid }],
  ["idiag_states", "u32"],
  ["idiag_dbs", "u32"],
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

/** `struct passwd` (pwd.h), glibc and musl: 48 bytes. */
const passwd: Struct = defineStruct("passwd", [
  ["pw_name", "pointer"],
  ["pw_passwd", "pointer"],
  ["pw_uid", "u32"],
  ["pw_gid", "u32"],
  ["pw_gecos", "pointer"],
  ["pw_dir", "pointer"],
  ["pw_shell", "pointer"],
]);

/** `struct statvfs` (sys/statvfs.h), glibc and musl on x86_64 and aarch64: 112 bytes. */
const statvfs: Struct = defineStruct("statvfs", [
  ["f_bsize", "u64"],
  ["f_frsize", "u64"],
  ["f_blocks", "u64"],
  ["f_bfree", "u64"],
  ["f_bavail", "u64"],
  ["f_files", "u64"],
  ["f_ffree", "u64"],
  ["f_favail", "u64"],
  ["f_fsid", "u64"],
  ["f_flag", "u64"],
  ["f_namemax", "u64"],
  ["__f_spare", { array: "i32", length: 6 }],
]);

/** `struct sockaddr` (bits/socket.h): a 16-bit family first. */
export const sockaddr: Struct = defineStruct("sockaddr", [
  ["sa_family", "u16"],
  ["sa_data", { bytes: 14 }],
]);

/** `struct sockaddr_in` (netinet/in.h): 16 bytes; port and address in network order. */
export const sockaddr_in: Struct = defineStruct("sockaddr_in", [
  ["sin_family", "u16"],
  ["sin_port", { bytes: 2 }],
  ["sin_addr", { bytes: 4 }],
  ["sin_zero", { bytes: 8 }],
]);

/** `struct sockaddr_in6` (netinet/in.h): 28 bytes. */
export const sockaddr_in6: Struct = defineStruct("sockaddr_in6", [
  ["sin6_family", "u16"],
  ["sin6_port", { bytes: 2 }],
  ["sin6_flowinfo", "u32"],
  ["sin6_addr", { bytes: 16, align: 4 }],
  ["sin6_scope_id", "u32"],
]);

/** `struct sockaddr_ll` (netpacket/packet.h): the `AF_PACKET` link-layer address, 20 bytes. */
export const sockaddr_ll: Struct = defineStruct("sockaddr_ll", [
  ["sll_family", "u16"],
  ["sll_protocol", "u16"],
  ["sll_ifindex", "i32"],
  ["sll_hatype", "u16"],
  ["sll_pkttype", "u8"],
  ["sll_halen", "u8"],
  ["sll_addr", { bytes: 8 }],
]);

/** Linux's entries of the per-OS POSIX layouts. */
/**
 * `struct utmpx` (utmpx.h), glibc on x86_64 and aarch64: 384 bytes, with
 * 32-bit `ut_tv` fields (`__WORDSIZE_TIME64_COMPAT32`). musl's `getutxent`
 * always returns NULL, so its layout never matters.
 */
export const utmpx: Struct = defineStruct("utmpx", [
  ["ut_type", "i16"],
  ["ut_pid", "i32"],
  ["ut_line", { bytes: 32 }],
  ["ut_id", { bytes: 4 }],
  ["ut_user", { bytes: 32 }],
  ["ut_host", { bytes: 256 }],
  ["e_termination", "i16"],
  ["e_exit", "i16"],
  ["ut_session", "i32"],
  ["tv_sec", "i32"],
  ["tv_usec", "i32"],
  ["ut_addr_v6", { array: "i32", length: 4 }],
  ["__glibc_reserved", { bytes: 20 }],
]);

export const linuxStructs: OsStructs = {
  passwd,
  statvfs,
  sockaddrs: { sockaddr, sockaddr_in, sockaddr_in6, link: sockaddr_ll },
  utmpx,
};
