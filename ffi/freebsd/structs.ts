/**
 * FreeBSD's struct layouts (amd64, FreeBSD 14 headers) that differ from
 * the other POSIX systems', with their C field names.
 *
 * @module
 */
import { defineStruct, type Struct } from "../struct.ts";
import type { OsStructs } from "../posix/structs.ts";

/** `struct passwd` (pwd.h): 80 bytes, with `pw_change`, `pw_class`, `pw_expire` and `pw_fields`. */
const passwd: Struct = defineStruct("passwd", [
  ["pw_name", "pointer"],
  ["pw_passwd", "pointer"],
  ["pw_uid", "u32"],
  ["pw_gid", "u32"],
  ["pw_change", "i64"],
  ["pw_class", "pointer"],
  ["pw_gecos", "pointer"],
  ["pw_dir", "pointer"],
  ["pw_shell", "pointer"],
  ["pw_expire", "i64"],
  ["pw_fields", "i32"],
]);

/** `struct statvfs` (sys/statvfs.h): 88 bytes, the counts first. */
const statvfs: Struct = defineStruct("statvfs", [
  ["f_bavail", "u64"],
  ["f_bfree", "u64"],
  ["f_blocks", "u64"],
  ["f_favail", "u64"],
  ["f_ffree", "u64"],
  ["f_files", "u64"],
  ["f_bsize", "u64"],
  ["f_flag", "u64"],
  ["f_frsize", "u64"],
  ["f_fsid", "u64"],
  ["f_namemax", "u64"],
]);

/** `struct sockaddr` (sys/socket.h): a length byte, then an 8-bit family. */
export const sockaddr: Struct = defineStruct("sockaddr", [
  ["sa_len", "u8"],
  ["sa_family", "u8"],
  ["sa_data", { bytes: 14 }],
]);

/** `struct sockaddr_in` (netinet/in.h): 16 bytes; port and address in network order. */
export const sockaddr_in: Struct = defineStruct("sockaddr_in", [
  ["sin_len", "u8"],
  ["sin_family", "u8"],
  ["sin_port", { bytes: 2 }],
  ["sin_addr", { bytes: 4 }],
  ["sin_zero", { bytes: 8 }],
]);

/** `struct sockaddr_in6` (netinet6/in6.h): 28 bytes. */
export const sockaddr_in6: Struct = defineStruct("sockaddr_in6", [
  ["sin6_len", "u8"],
  ["sin6_family", "u8"],
  ["sin6_port", { bytes: 2 }],
  ["sin6_flowinfo", "u32"],
  ["sin6_addr", { bytes: 16, align: 4 }],
  ["sin6_scope_id", "u32"],
]);

/**
 * `struct sockaddr_dl` (net/if_dl.h): the `AF_LINK` address. `sdl_data`
 * holds the name (`sdl_nlen` bytes), then the address (`sdl_alen`); this
 * layout names its first 12 bytes (macOS declares 12, FreeBSD 46: the
 * record's own length is `sdl_len`).
 */
export const sockaddr_dl: Struct = defineStruct("sockaddr_dl", [
  ["sdl_len", "u8"],
  ["sdl_family", "u8"],
  ["sdl_index", "u16"],
  ["sdl_type", "u8"],
  ["sdl_nlen", "u8"],
  ["sdl_alen", "u8"],
  ["sdl_slen", "u8"],
  ["sdl_data", { bytes: 12 }],
]);

/** `struct timeval` (sys/_timeval.h): 16 bytes, a 64-bit `suseconds_t` on amd64. */
export const timeval: Struct = defineStruct("timeval", [
  ["tv_sec", "i64"],
  ["tv_usec", "i64"],
]);

/**
 * `struct rusage` (sys/resource.h): 144 bytes; the fields psutil reads, as
 * `kinfo_proc` embeds it (`ki_rusage`, `ki_rusage_ch`).
 */
export const rusage: Struct = defineStruct("rusage", [
  ["ru_utime", { struct: timeval }],
  ["ru_stime", { struct: timeval }],
  ["ru_maxrss", "i64"],
  ["_ru_ixrss_to_isrss", { bytes: 24 }],
  ["ru_minflt", "i64"],
  ["ru_majflt", "i64"],
  ["_ru_nswap", { bytes: 8 }],
  ["ru_inblock", "i64"],
  ["ru_oublock", "i64"],
  ["_ru_msgsnd_to_nsignals", { bytes: 24 }],
  ["ru_nvcsw", "i64"],
  ["ru_nivcsw", "i64"],
]);

/**
 * `struct kinfo_proc` (sys/user.h): `KINFO_PROC_SIZE` (1088) bytes per
 * process of `{CTL_KERN, KERN_PROC, ...}`, `ki_structsize` first: the fields
 * psutil reads, pinned to the FreeBSD 14 offsets, the rest as padding.
 */
export const kinfo_proc: Struct = defineStruct("kinfo_proc", [
  ["ki_structsize", "i32"],
  ["_ki_layout_to_ki_wchan", { bytes: 68 }],
  ["ki_pid", "i32"],
  ["ki_ppid", "i32"],
  ["ki_pgid", "i32"],
  ["ki_tpgid", "i32"],
  ["ki_sid", "i32"],
  ["_ki_tsid_to_ki_tdev_freebsd11", { bytes: 8 }],
  ["ki_tdev_freebsd11", "u32"],
  ["_ki_siglist_to_ki_cred", { bytes: 64 }],
  ["ki_uid", "u32"],
  ["ki_ruid", "u32"],
  ["ki_svuid", "u32"],
  ["ki_rgid", "u32"],
  ["ki_svgid", "u32"],
  ["_ki_ngroups_pad", { bytes: 4 }],
  ["ki_groups", { array: "u32", length: 16 }],
  ["ki_size", "u64"],
  ["ki_rssize", "i64"],
  ["_ki_swrss", { bytes: 8 }],
  ["ki_tsize", "i64"],
  ["ki_dsize", "i64"],
  ["ki_ssize", "i64"],
  ["_ki_xstat_acflag", { bytes: 4 }],
  ["ki_pctcpu", "u32"],
  ["_ki_estcpu_slptime_swtime_cow", { bytes: 16 }],
  ["ki_runtime", "u64"],
  ["ki_start", { struct: timeval }],
  ["ki_childtime", { struct: timeval }],
  ["ki_flag", "i64"],
  ["_ki_kiflag_to_ki_acflag", { bytes: 12 }],
  ["ki_stat", "u8"],
  ["ki_nice", "i8"],
  ["_ki_lock_rqindex_oncpu_lastcpu_old", { bytes: 4 }],
  ["ki_tdname", { bytes: 17 }],
  ["_ki_wmesg_to_ki_emul", { bytes: 36 }],
  ["ki_comm", { bytes: 20 }],
  ["_ki_emul_to_ki_loginclass", { bytes: 35 }],
  ["ki_moretdname", { bytes: 4 }],
  ["_ki_sparestrings_to_ki_tdev", { bytes: 54 }],
  ["ki_tdev", "u64"],
  ["ki_oncpu", "i32"],
  ["ki_lastcpu", "i32"],
  ["_ki_tracer_to_ki_jid", { bytes: 16 }],
  ["ki_jid", "i32"],
  ["ki_numthreads", "i32"],
  ["ki_tid", "i32"],
  ["ki_pri", "u32"],
  ["ki_rusage", { struct: rusage }],
  ["ki_rusage_ch", { struct: rusage }],
  ["_ki_pcb_to_ki_spareptrs", { bytes: 176 }],
  ["ki_sflag", "i64"],
  ["ki_tdflags", "i64"],
]);

/** `struct kvm_swap` (kvm.h): 52 bytes, swap totals in pages from `kvm_getswapinfo`. */
export const kvm_swap: Struct = defineStruct("kvm_swap", [
  ["ksw_devname", { bytes: 32 }],
  ["ksw_used", "u32"],
  ["ksw_total", "u32"],
  ["ksw_flags", "i32"],
  ["ksw_reserved1", "i32"],
  ["ksw_reserved2", "i32"],
]);

/**
 * `struct vmtotal` (sys/vmmeter.h, 64-bit counters since FreeBSD 12): `vm.vmtotal`, 88 bytes; psutil's shared
 * memory is `t_vmshr + t_rmshr` pages.
 */
export const vmtotal: Struct = defineStruct("vmtotal", [
  ["t_vm", "u64"],
  ["t_avm", "u64"],
  ["t_rm", "u64"],
  ["t_arm", "u64"],
  ["t_vmshr", "u64"],
  ["t_avmshr", "u64"],
  ["t_rmshr", "u64"],
  ["t_armshr", "u64"],
  ["t_free", "u64"],
  ["t_rq", "i16"],
  ["t_dw", "i16"],
  ["t_pw", "i16"],
  ["t_sl", "i16"],
  ["t_sw", "i16"],
  ["t_pad", { array: "u16", length: 3 }],
]);

/**
 * `struct statfs` (sys/mount.h, 64-bit inodes since FreeBSD 12): 2344 bytes, what `getfsstat` and `statfs` fill;
 * the fields psutil reads, pinned to the FreeBSD 14 offsets.
 */
export const statfs: Struct = defineStruct("statfs", [
  ["_f_version_type", { bytes: 8, align: 8 }],
  ["f_flags", "u64"],
  ["f_bsize", "u64"],
  ["_f_iosize", { bytes: 8 }],
  ["f_blocks", "u64"],
  ["f_bfree", "u64"],
  ["f_bavail", "i64"],
  ["f_files", "u64"],
  ["f_ffree", "i64"],
  ["_f_io_counts_spare", { bytes: 112 }],
  ["f_namemax", "u32"],
  ["f_owner", "u32"],
  ["_f_fsid_charspare", { bytes: 88 }],
  ["f_fstypename", { bytes: 16 }],
  ["f_mntfromname", { bytes: 1024 }],
  ["f_mntonname", { bytes: 1024 }],
]);

/**
 * `struct kinfo_file` (sys/user.h): `KINFO_FILE_SIZE` (1392) bytes per descriptor of `kinfo_getfile`; the fields
 * psutil reads for vnodes (`kf_vnode_type` is `kf_un.kf_file.kf_file_type`), pinned to the FreeBSD 14 offsets.
 */
export const kinfo_file: Struct = defineStruct("kinfo_file", [
  ["kf_structsize", "i32"],
  ["kf_type", "i32"],
  ["kf_fd", "i32"],
  ["_kf_ref_count_to_kf_un", { bytes: 20 }],
  ["kf_vnode_type", "i32"],
  ["_kf_un_rest", { bytes: 300 }],
  ["kf_status", "u16"],
  ["_kf_pad1_to_kf_path", { bytes: 30 }],
  ["kf_path", { bytes: 1024 }],
]);

/** `struct if_data` (net/if.h): 152 bytes, an interface's counters in its `if_msghdr`. */
export const if_data: Struct = defineStruct("if_data", [
  ["ifi_type", "u8"],
  ["ifi_physical", "u8"],
  ["ifi_addrlen", "u8"],
  ["ifi_hdrlen", "u8"],
  ["ifi_link_state", "u8"],
  ["ifi_vhid", "u8"],
  ["ifi_datalen", "u16"],
  ["ifi_mtu", "u32"],
  ["ifi_metric", "u32"],
  ["ifi_baudrate", "u64"],
  ["ifi_ipackets", "u64"],
  ["ifi_ierrors", "u64"],
  ["ifi_opackets", "u64"],
  ["ifi_oerrors", "u64"],
  ["ifi_collisions", "u64"],
  ["ifi_ibytes", "u64"],
  ["ifi_obytes", "u64"],
  ["ifi_imcasts", "u64"],
  ["ifi_omcasts", "u64"],
  ["ifi_iqdrops", "u64"],
  ["ifi_oqdrops", "u64"],
  ["ifi_noproto", "u64"],
  ["ifi_hwassist", "u64"],
  ["_ifi_epoch_lastchange", { bytes: 24 }],
]);

/** `struct if_msghdr` (net/if.h): 168 bytes, an `RTM_IFINFO` message of `NET_RT_IFLIST`, a `sockaddr_dl` after it. */
export const if_msghdr: Struct = defineStruct("if_msghdr", [
  ["ifm_msglen", "u16"],
  ["ifm_version", "u8"],
  ["ifm_type", "u8"],
  ["ifm_addrs", "i32"],
  ["ifm_flags", "i32"],
  ["ifm_index", "u16"],
  ["_ifm_spare1", { bytes: 2 }],
  ["ifm_data", { struct: if_data }],
]);

/**
 * `struct kinfo_vmentry` (sys/user.h): `KINFO_VMENTRY_SIZE` (1160) bytes per mapping of `kinfo_getvmmap`; the fields
 * psutil reads, pinned to the FreeBSD 14 offsets (`kve_type` follows `kve_structsize`).
 */
export const kinfo_vmentry: Struct = defineStruct("kinfo_vmentry", [
  ["kve_structsize", "i32"],
  ["kve_type", "i32"],
  ["kve_start", "u64"],
  ["kve_end", "u64"],
  ["kve_offset", "u64"],
  ["_kve_vn_fileid_fsid", { bytes: 12 }],
  ["kve_flags", "i32"],
  ["kve_resident", "i32"],
  ["kve_private_resident", "i32"],
  ["kve_protection", "i32"],
  ["kve_ref_count", "i32"],
  ["kve_shadow_count", "i32"],
  ["_kve_vn_type_to_ispare", { bytes: 68 }],
  ["kve_path", { bytes: 1024 }],
]);

/** `struct kinfo_file` read as a socket (`kf_un.kf_sock`): domain, type, protocol, own and peer addresses. */
export const kinfo_file_sock: Struct = defineStruct("kinfo_file_sock", [
  ["kf_structsize", "i32"],
  ["kf_type", "i32"],
  ["kf_fd", "i32"],
  ["_kf_ref_count_to_kf_un", { bytes: 24 }],
  ["kf_sock_domain", "i32"],
  ["kf_sock_type", "i32"],
  ["kf_sock_protocol", "i32"],
  ["kf_sa_local", { bytes: 128, align: 8 }],
  ["kf_sa_peer", { bytes: 128 }],
  ["_kf_sock_rest_to_end", { bytes: 1088 }],
]);

/** `struct xinpgen` (netinet/in_pcb.h): 64 bytes, before and after the records of a pcblist; its length first. */
export const xinpgen: Struct = defineStruct("xinpgen", [
  ["xig_len", "u64"],
  ["xig_count", "u32"],
  ["_xig_spare32", { bytes: 4 }],
  ["xig_gen", "u64"],
  ["_xig_sogen_to_spare", { bytes: 40 }],
]);

/**
 * `struct xtcpcb` (netinet/tcp_var.h): 744 bytes per TCP socket of `net.inet.tcp.pcblist`, its length first; the
 * `xinpcb` at `xt_inp` holds the ports (network order) and addresses (`ie_dependfaddr`, `ie_dependladdr`: IPv4 in
 * their last 4 bytes), `inp_vflag` and, after it, the state.
 */
export const xtcpcb: Struct = defineStruct("xtcpcb", [
  ["xt_len", "u64"],
  ["_xi_len_to_inp_inc", { bytes: 248 }],
  ["_inc_flags_len_fibnum", { bytes: 4 }],
  ["ie_fport", { bytes: 2 }],
  ["ie_lport", { bytes: 2 }],
  ["ie_dependfaddr", { bytes: 16 }],
  ["ie_dependladdr", { bytes: 16 }],
  ["_inc6_zoneid_to_inp_vflag", { bytes: 104 }],
  ["inp_vflag", "u8"],
  ["_inp_ip_ttl_to_t_state", { bytes: 167 }],
  ["t_state", "i32"],
  ["_t_flags_to_end", { bytes: 172 }],
]);

/**
 * `struct kevent` (sys/event.h, FreeBSD 12+): 64 bytes, with `ext[4]`; transcribed from the header (not in the
 * measured table): its first 32 bytes are laid out as macOS's, which is probed.
 */
export const kevent: Struct = defineStruct("kevent", [
  ["ident", "u64"],
  ["filter", "i16"],
  ["flags", "u16"],
  ["fflags", "u32"],
  ["data", "i64"],
  ["udata", "pointer"],
  ["ext", { array: "u64", length: 4 }],
]);

/** `struct timespec` (sys/_timespec.h): 16 bytes. */
export const timespec: Struct = defineStruct("timespec", [
  ["tv_sec", "i64"],
  ["tv_nsec", "i64"],
]);

/**
 * `struct utmpx` (utmpx.h): 280 bytes, the type first; transcribed from the header (not in the measured table).
 * `tv_sec` and `tv_usec` are `ut_tv`'s.
 */
const utmpx: Struct = defineStruct("utmpx", [
  ["ut_type", "i16"],
  ["tv_sec", "i64"],
  ["tv_usec", "i64"],
  ["ut_id", { bytes: 8 }],
  ["ut_pid", "i32"],
  ["ut_user", { bytes: 32 }],
  ["ut_line", { bytes: 16 }],
  ["ut_host", { bytes: 128 }],
  ["__ut_spare", { bytes: 64 }],
]);

/** FreeBSD's entries of the per-OS POSIX layouts. */
export const freebsdStructs: OsStructs = {
  passwd,
  statvfs,
  sockaddrs: { sockaddr, sockaddr_in, sockaddr_in6, link: sockaddr_dl },
  utmpx,
};
