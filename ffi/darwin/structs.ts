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

/** macOS's entries of the per-OS POSIX layouts. */
export const darwinStructs: OsStructs = {
  passwd,
  statvfs,
  sockaddrs: { sockaddr, sockaddr_in, sockaddr_in6, link: sockaddr_dl },
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
