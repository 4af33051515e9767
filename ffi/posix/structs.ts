/**
 * POSIX struct layouts shared by the backends, with their C field names.
 *
 * @module
 */
import { currentOs } from "../runtime.ts";
import { defineStruct, type Struct } from "../struct.ts";

/**
 * `struct passwd` (pwd.h). Linux (glibc, musl): 48 bytes. macOS and FreeBSD
 * add `pw_change`, `pw_class` and `pw_expire`: 72 bytes.
 */
export const passwd: Struct = currentOs === "linux"
  ? defineStruct("passwd", [
    ["pw_name", "pointer"],
    ["pw_passwd", "pointer"],
    ["pw_uid", "u32"],
    ["pw_gid", "u32"],
    ["pw_gecos", "pointer"],
    ["pw_dir", "pointer"],
    ["pw_shell", "pointer"],
  ])
  : defineStruct(
    "passwd",
    [
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
    ].concat(currentOs === "freebsd" ? [["pw_fields", "i32"]] : []) as [string, "pointer"][],
  );

/**
 * `struct statvfs` (sys/statvfs.h). Linux x86_64/aarch64 (glibc, musl):
 * 112 bytes; macOS: 64 bytes (32-bit block and file counts); FreeBSD: 88
 * bytes (counts first).
 */
export const statvfs: Struct = currentOs === "darwin"
  ? defineStruct("statvfs", [
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
  ])
  : currentOs === "freebsd"
  ? defineStruct("statvfs", [
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
  ])
  : defineStruct("statvfs", [
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

/**
 * `struct ifaddrs` (ifaddrs.h): the same on Linux, macOS and FreeBSD (56
 * bytes); `ifa_ifu` is `ifa_broadaddr` / `ifa_dstaddr`.
 */
export const ifaddrs: Struct = defineStruct("ifaddrs", [
  ["ifa_next", "pointer"],
  ["ifa_name", "pointer"],
  ["ifa_flags", "u32"],
  ["ifa_addr", "pointer"],
  ["ifa_netmask", "pointer"],
  ["ifa_ifu", "pointer"],
  ["ifa_data", "pointer"],
]);

/** `struct pollfd` (poll.h): 8 bytes everywhere. */
export const pollfd: Struct = defineStruct("pollfd", [
  ["fd", "i32"],
  ["events", "i16"],
  ["revents", "i16"],
]);

/** `struct rlimit` (sys/resource.h): two 64-bit limits on every 64-bit OS. */
export const rlimit: Struct = defineStruct("rlimit", [
  ["rlim_cur", "u64"],
  ["rlim_max", "u64"],
]);
