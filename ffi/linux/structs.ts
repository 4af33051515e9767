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
