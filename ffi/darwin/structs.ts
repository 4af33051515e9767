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
