/**
 * macOS's struct layouts (x86_64 and arm64, macOS 13 SDK) that differ from
 * the other POSIX systems', with their C field names. The socket addresses
 * are 4.4BSD's, as FreeBSD's.
 *
 * @module
 */
import { defineStruct, type Struct } from "../struct.ts";
import type { OsStructs } from "../posix/structs.ts";
import { sockaddr, sockaddr_dl, sockaddr_in, sockaddr_in6 } from "../freebsd/structs.ts";

/** `struct passwd` (pwd.h): 72 bytes, with `pw_change`, `pw_class` and `pw_expire`. */
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
]);

/** `struct statvfs` (sys/statvfs.h): 64 bytes, 32-bit block and file counts. */
const statvfs: Struct = defineStruct("statvfs", [
  ["f_bsize", "u64"],
  ["f_frsize", "u64"],
  ["f_blocks", "u32"],
  ["f_bfree", "u32"],
  ["f_bavail", "u32"],
  ["f_files", "u32"],
  ["f_ffree", "u32"],
  ["f_favail", "u32"],
  ["f_fsid", "u64"],
  ["f_flag", "u64"],
  ["f_namemax", "u64"],
]);

/**
 * `struct utmpx` (utmpx.h): 640 bytes, the user name first; `tv_sec` and
 * `tv_usec` are `ut_tv`'s (a 64-bit `timeval`).
 */
const utmpx: Struct = defineStruct("utmpx", [
  ["ut_user", { bytes: 256 }],
  ["ut_id", { bytes: 4 }],
  ["ut_line", { bytes: 32 }],
  ["ut_pid", "i32"],
  ["ut_type", "i16"],
  ["tv_sec", "i64"],
  ["tv_usec", "i32"],
  ["_ut_tv_pad", { bytes: 4 }],
  ["ut_host", { bytes: 256 }],
  ["ut_pad", { array: "u32", length: 16 }],
]);

/** macOS's entries of the per-OS POSIX layouts. */
export const darwinStructs: OsStructs = {
  passwd,
  statvfs,
  sockaddrs: { sockaddr, sockaddr_in, sockaddr_in6, link: sockaddr_dl },
  utmpx,
};

/** `struct timeval` (sys/_types/_timeval.h): 16 bytes, `tv_usec` a 32-bit `suseconds_t`. `kern.boottime` answers one. */
export const timeval: Struct = defineStruct("timeval", [
  ["tv_sec", "i64"],
  ["tv_usec", "i32"],
]);

/** `struct loadavg` (sys/sysctl.h): `vm.loadavg`, three `fixpt_t` scaled by `fscale`. */
export const loadavg: Struct = defineStruct("loadavg", [
  ["ldavg", { array: "u32", length: 3 }],
  ["fscale", "i64"],
]);

/** `struct xsw_usage` (sys/sysctl.h): `vm.swapusage`, in bytes. */
export const xsw_usage: Struct = defineStruct("xsw_usage", [
  ["xsu_total", "u64"],
  ["xsu_avail", "u64"],
  ["xsu_used", "u64"],
  ["xsu_pagesize", "u32"],
  ["xsu_encrypted", "u32"],
]);

/**
 * `vm_statistics_data_t` (mach/vm_statistics.h): what `host_statistics(HOST_VM_INFO)`
 * fills, counts of pages as 32-bit `natural_t`s (psutil 5.9 reads this one, not the 64-bit flavor).
 */
export const vm_statistics: Struct = defineStruct("vm_statistics", [
  ["free_count", "u32"],
  ["active_count", "u32"],
  ["inactive_count", "u32"],
  ["wire_count", "u32"],
  ["zero_fill_count", "u32"],
  ["reactivations", "u32"],
  ["pageins", "u32"],
  ["pageouts", "u32"],
  ["faults", "u32"],
  ["cow_faults", "u32"],
  ["lookups", "u32"],
  ["hits", "u32"],
  ["purgeable_count", "u32"],
  ["purges", "u32"],
  ["speculative_count", "u32"],
]);

/**
 * `host_cpu_load_info_data_t` (mach/host_info.h) and, with the same layout,
 * `processor_cpu_load_info_data_t` (mach/processor_info.h): clock ticks per
 * `CPU_STATE_*` (user, system, idle, nice).
 */
export const cpu_load_info: Struct = defineStruct("cpu_load_info", [
  ["cpu_ticks", { array: "u32", length: 4 }],
]);

/** `struct _pcred` (sys/sysctl.h): the real and saved ids of `kinfo_proc`'s `eproc`, after a 72-byte lock. */
export const pcred: Struct = defineStruct("_pcred", [
  ["_pc_lock", { bytes: 72, align: 8 }],
  ["_pc_ucred", "pointer"],
  ["p_ruid", "u32"],
  ["p_svuid", "u32"],
  ["p_rgid", "u32"],
  ["p_svgid", "u32"],
  ["p_refcnt", "i32"],
]);

/** `struct _ucred` (sys/sysctl.h): the effective uid and the groups (the first is the effective gid). */
export const ucred: Struct = defineStruct("_ucred", [
  ["cr_ref", "i32"],
  ["cr_uid", "u32"],
  ["cr_ngroups", "i16"],
  ["cr_groups", { array: "u32", length: 16 }],
]);

/** `struct extern_proc` (sys/proc.h): `kinfo_proc.kp_proc`; the fields psutil reads, the rest as padding. */
export const extern_proc: Struct = defineStruct("extern_proc", [
  ["p_starttime", { struct: timeval }],
  ["_p_vmspace_sigacts", { bytes: 16 }],
  ["p_flag", "i32"],
  ["p_stat", "u8"],
  ["p_pid", "i32"],
  ["_p_oppid_to_p_pctcpu", { bytes: 196 }],
  ["p_priority", "u8"],
  ["p_usrpri", "u8"],
  ["p_nice", "i8"],
  ["p_comm", { bytes: 17 }],
  ["_p_pgrp_to_p_ru", { bytes: 36 }],
]);

/** `struct eproc` (sys/sysctl.h): `kinfo_proc.kp_eproc`: credentials, parent, process group and terminal. */
export const eproc: Struct = defineStruct("eproc", [
  ["_e_paddr_sess", { bytes: 16, align: 8 }],
  ["e_pcred", { struct: pcred }],
  ["e_ucred", { struct: ucred }],
  ["_e_vm", { bytes: 68 }],
  ["e_ppid", "i32"],
  ["e_pgid", "i32"],
  ["e_jobc", "i16"],
  ["e_tdev", "i32"],
  ["e_tpgid", "i32"],
  ["_e_tsess_to_e_spare", { bytes: 68 }],
]);

/** `struct kinfo_proc` (sys/sysctl.h): 648 bytes, what `{CTL_KERN, KERN_PROC, ...}` answers per process. */
export const kinfo_proc: Struct = defineStruct("kinfo_proc", [
  ["kp_proc", { struct: extern_proc }],
  ["kp_eproc", { struct: eproc }],
]);

/** `struct proc_taskinfo` (sys/proc_info.h): `proc_pidinfo(PROC_PIDTASKINFO)`; times in Mach absolute units. */
export const proc_taskinfo: Struct = defineStruct("proc_taskinfo", [
  ["pti_virtual_size", "u64"],
  ["pti_resident_size", "u64"],
  ["pti_total_user", "u64"],
  ["pti_total_system", "u64"],
  ["pti_threads_user", "u64"],
  ["pti_threads_system", "u64"],
  ["pti_policy", "i32"],
  ["pti_faults", "i32"],
  ["pti_pageins", "i32"],
  ["pti_cow_faults", "i32"],
  ["pti_messages_sent", "i32"],
  ["pti_messages_received", "i32"],
  ["pti_syscalls_mach", "i32"],
  ["pti_syscalls_unix", "i32"],
  ["pti_csw", "i32"],
  ["pti_threadnum", "i32"],
  ["pti_numrunning", "i32"],
  ["pti_priority", "i32"],
]);

/** `struct mach_timebase_info` (mach/mach_time.h): Mach absolute time units times numer / denom are nanoseconds. */
export const mach_timebase_info: Struct = defineStruct("mach_timebase_info", [
  ["numer", "u32"],
  ["denom", "u32"],
]);

/**
 * `struct proc_vnodepathinfo` (sys/proc_info.h): `proc_pidinfo(PROC_PIDVNODEPATHINFO)`, the current and root
 * directories; `pvi_cdir_path` is `pvi_cdir.vip_path` (`MAXPATHLEN` bytes after the 152-byte `vnode_info`).
 */
export const proc_vnodepathinfo: Struct = defineStruct("proc_vnodepathinfo", [
  ["_pvi_cdir_vip_vi", { bytes: 152, align: 8 }],
  ["pvi_cdir_path", { bytes: 1024 }],
  ["_pvi_rdir", { bytes: 1176 }],
]);

/** `siginfo_t` (sys/signal.h): 104 bytes; what `waitid` fills for a child. */
export const siginfo_t: Struct = defineStruct("siginfo_t", [
  ["si_signo", "i32"],
  ["si_errno", "i32"],
  ["si_code", "i32"],
  ["si_pid", "i32"],
  ["si_uid", "u32"],
  ["si_status", "i32"],
  ["_si_addr_to_pad", { bytes: 80, align: 8 }],
]);

/**
 * `struct statfs` (sys/mount.h), the 64-bit-inode one that `getfsstat`
 * fills (`getfsstat$INODE64` on x86_64): 2168 bytes.
 */
export const statfs: Struct = defineStruct("statfs", [
  ["f_bsize", "u32"],
  ["f_iosize", "i32"],
  ["f_blocks", "u64"],
  ["f_bfree", "u64"],
  ["f_bavail", "u64"],
  ["f_files", "u64"],
  ["f_ffree", "u64"],
  ["f_fsid", { array: "i32", length: 2 }],
  ["f_owner", "u32"],
  ["f_type", "u32"],
  ["f_flags", "u32"],
  ["f_fssubtype", "u32"],
  ["f_fstypename", { bytes: 16 }],
  ["f_mntonname", { bytes: 1024 }],
  ["f_mntfromname", { bytes: 1024 }],
  ["f_flags_ext", "u32"],
  ["f_reserved", { array: "u32", length: 7 }],
]);

/** `struct if_data64` (net/if_var.h): an interface's 64-bit counters, in `if_msghdr2`. */
export const if_data64: Struct = defineStruct("if_data64", [
  ["ifi_type", "u8"],
  ["ifi_typelen", "u8"],
  ["ifi_physical", "u8"],
  ["ifi_addrlen", "u8"],
  ["ifi_hdrlen", "u8"],
  ["ifi_recvquota", "u8"],
  ["ifi_xmitquota", "u8"],
  ["ifi_unused1", "u8"],
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
  ["ifi_noproto", "u64"],
  ["ifi_recvtiming", "u32"],
  ["ifi_xmittiming", "u32"],
  ["ifi_lastchange", { array: "i32", length: 2 }],
]);

/**
 * `struct if_msghdr2` (net/if.h): an `RTM_IFINFO2` message of the
 * `NET_RT_IFLIST2` dump, followed by the interface's `sockaddr_dl`.
 */
export const if_msghdr2: Struct = defineStruct("if_msghdr2", [
  ["ifm_msglen", "u16"],
  ["ifm_version", "u8"],
  ["ifm_type", "u8"],
  ["ifm_addrs", "i32"],
  ["ifm_flags", "i32"],
  ["ifm_index", "u16"],
  ["ifm_snd_len", "i32"],
  ["ifm_snd_maxlen", "i32"],
  ["ifm_snd_drops", "i32"],
  ["ifm_timer", "i32"],
  ["ifm_data", { struct: if_data64 }],
]);

/** `struct proc_fdinfo` (sys/proc_info.h): one descriptor of `proc_pidinfo(PROC_PIDLISTFDS)`. */
export const proc_fdinfo: Struct = defineStruct("proc_fdinfo", [
  ["proc_fd", "i32"],
  ["proc_fdtype", "u32"],
]);

/** `struct vnode_fdinfowithpath` (sys/proc_info.h): `proc_pidfdinfo(PROC_PIDFDVNODEPATHINFO)`; `vip_path` is `pvip.vip_path`. */
export const vnode_fdinfowithpath: Struct = defineStruct("vnode_fdinfowithpath", [
  ["_pfi_pvip_vi", { bytes: 176, align: 8 }],
  ["vip_path", { bytes: 1024 }],
]);

/**
 * `struct socket_fdinfo` (sys/proc_info.h): `proc_pidfdinfo(PROC_PIDFDSOCKETINFO)`, 792 bytes, read as a TCP/UDP
 * socket: `psi`'s type, protocol, family and kind, then `psi.soi_proto.pri_tcp`'s `tcpsi_ini` (an `in_sockinfo`,
 * at the same place for UDP's `pri_in`) and `tcpsi_state`. Ports are in network order in the low 16 bits.
 */
export const socket_fdinfo: Struct = defineStruct("socket_fdinfo", [
  ["_pfi_to_soi_so", { bytes: 176, align: 8 }],
  ["soi_type", "i32"],
  ["soi_protocol", "i32"],
  ["soi_family", "i32"],
  ["_soi_options_to_soi_snd", { bytes: 68 }],
  ["soi_kind", "i32"],
  ["_soi_rfu_1", { bytes: 4 }],
  ["insi_fport", "i32"],
  ["insi_lport", "i32"],
  ["_insi_gencnt_to_insi_flow", { bytes: 16 }],
  ["insi_vflag", "u8"],
  ["_insi_ip_ttl_to_rfu", { bytes: 7 }],
  ["insi_faddr", { bytes: 16 }],
  ["insi_laddr", { bytes: 16 }],
  ["_insi_v4_v6", { bytes: 16 }],
  ["tcpsi_state", "i32"],
  ["_tcpsi_timer_to_end", { bytes: 444 }],
]);

/** `socket_fdinfo` read as a UNIX socket: `psi.soi_proto.pri_un`'s own and peer addresses' `sun_path`. */
export const socket_fdinfo_un: Struct = defineStruct("socket_fdinfo_un", [
  ["_pfi_to_unsi_addr_sun_family", { bytes: 282, align: 8 }],
  ["unsi_addr_path", { bytes: 104 }],
  ["_unsi_addr_rest", { bytes: 151 }],
  ["unsi_caddr_path", { bytes: 104 }],
  ["_unsi_caddr_rest", { bytes: 151 }],
]);

/** `union in4in6_addr` (sys/proc_info.h): an `in_sockinfo` address; IPv4 sits after 12 bytes of padding. */
export const in4in6_addr: Struct = defineStruct("in4in6_addr", [
  ["i46a_pad32", { array: "u32", length: 3 }],
  ["i46a_addr4", { bytes: 4 }],
]);

/** `struct proc_threadinfo` (sys/proc_info.h): `proc_pidinfo(PROC_PIDTHREADINFO)`; times in nanoseconds. */
export const proc_threadinfo: Struct = defineStruct("proc_threadinfo", [
  ["pth_user_time", "u64"],
  ["pth_system_time", "u64"],
  ["pth_cpu_usage", "i32"],
  ["pth_policy", "i32"],
  ["pth_run_state", "i32"],
  ["pth_flags", "i32"],
  ["pth_sleep_time", "i32"],
  ["pth_curpri", "i32"],
  ["pth_priority", "i32"],
  ["pth_maxpriority", "i32"],
  ["pth_name", { bytes: 64 }],
]);

/** `struct rusage_info_v2` (sys/resource.h): `proc_pid_rusage(RUSAGE_INFO_V2)`. */
export const rusage_info_v2: Struct = defineStruct("rusage_info_v2", [
  ["ri_uuid", { bytes: 16 }],
  ["ri_user_time", "u64"],
  ["ri_system_time", "u64"],
  ["ri_pkg_idle_wkups", "u64"],
  ["ri_interrupt_wkups", "u64"],
  ["ri_pageins", "u64"],
  ["ri_wired_size", "u64"],
  ["ri_resident_size", "u64"],
  ["ri_phys_footprint", "u64"],
  ["ri_proc_start_abstime", "u64"],
  ["ri_proc_exit_abstime", "u64"],
  ["ri_child_user_time", "u64"],
  ["ri_child_system_time", "u64"],
  ["ri_child_pkg_idle_wkups", "u64"],
  ["ri_child_interrupt_wkups", "u64"],
  ["ri_child_pageins", "u64"],
  ["ri_child_elapsed_abstime", "u64"],
  ["ri_diskio_bytesread", "u64"],
  ["ri_diskio_byteswritten", "u64"],
]);

/** `struct kevent` (sys/event.h): 32 bytes, a kqueue change or event. */
export const kevent: Struct = defineStruct("kevent", [
  ["ident", "u64"],
  ["filter", "i16"],
  ["flags", "u16"],
  ["fflags", "u32"],
  ["data", "i64"],
  ["udata", "pointer"],
]);

/** `struct timespec` (sys/_types/_timespec.h). */
export const timespec: Struct = defineStruct("timespec", [
  ["tv_sec", "i64"],
  ["tv_nsec", "i64"],
]);
