/**
 * POSIX struct layouts shared by the backends, with their C field names:
 * those every POSIX system lays out alike, and the current OS's entry of
 * the per-OS tables for those that differ.
 *
 * @module
 */
import { currentOs } from "../runtime.ts";
import { defineStruct, type Struct } from "../struct.ts";
import { linuxStructs } from "../linux/structs.ts";
import { darwinStructs } from "../darwin/structs.ts";
import { freebsdStructs } from "../freebsd/structs.ts";

/** The layouts that differ between the POSIX systems, one table per OS (`ffi/<os>/structs.ts`). */
export interface OsStructs {
  /** `struct passwd`. */
  readonly passwd: Struct;
  /** `struct statvfs`. */
  readonly statvfs: Struct;
  /** The socket addresses `getifaddrs` gives. */
  readonly sockaddrs: Sockaddrs;
  /** `struct utmpx`, for `getutxent`; `null` where this OS's layout is not declared. */
  readonly utmpx: Struct | null;
}

/**
 * Socket address layouts. Linux's start with a 16-bit family; the BSDs'
 * with a length byte and an 8-bit family. The link-layer address is a
 * `sockaddr_ll` on Linux (`AF_PACKET`), a `sockaddr_dl` on the BSDs.
 */
export interface Sockaddrs {
  /** `struct sockaddr`: its `sa_family` field. */
  readonly sockaddr: Struct;
  /** `struct sockaddr_in`: `sin_addr`. */
  readonly sockaddr_in: Struct;
  /** `struct sockaddr_in6`: `sin6_addr`, `sin6_scope_id`. */
  readonly sockaddr_in6: Struct;
  /** The link-layer address: `sockaddr_ll` (`sll_ifindex`, `sll_halen`, `sll_addr`) or `sockaddr_dl` (`sdl_nlen`, `sdl_alen`, `sdl_data`). */
  readonly link: Struct;
}

const BY_OS: Readonly<Record<string, OsStructs>> = {
  linux: linuxStructs,
  darwin: darwinStructs,
  freebsd: freebsdStructs,
};
/** The current OS's layouts (Linux's where the OS has no POSIX C library: they are never used there). */
const OS: OsStructs = BY_OS[currentOs] ?? linuxStructs;

/** `struct passwd` (pwd.h) of the current OS: 48 bytes on Linux, 72 on macOS and FreeBSD. */
export const passwd: Struct = OS.passwd;

/** `struct statvfs` (sys/statvfs.h) of the current OS: 112 bytes on Linux, 64 on macOS, 88 on FreeBSD. */
export const statvfs: Struct = OS.statvfs;

/** `struct utmpx` (utmpx.h) of the current OS: 384 bytes on Linux (glibc), 640 on macOS, 280 on FreeBSD. */
export const utmpx: Struct | null = OS.utmpx;

/** The sockaddr layouts of the current OS (`getifaddrs` answers). */
export const sockaddrs: Sockaddrs = OS.sockaddrs;

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
