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

/** FreeBSD's entries of the per-OS POSIX layouts. */
export const freebsdStructs: OsStructs = {
  passwd,
  statvfs,
  sockaddrs: { sockaddr, sockaddr_in, sockaddr_in6, link: sockaddr_dl },
  utmpx: null, // declared with the FreeBSD backend
};
