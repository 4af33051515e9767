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
