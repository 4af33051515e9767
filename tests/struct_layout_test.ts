// Struct layouts against the C compiler: sizes pinned from the headers, and
// on Linux every size and offset compared with what gcc says of the same
// struct. (macOS and FreeBSD layouts are pinned by size from their headers.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { currentArch, currentOs } from "../ffi/runtime.ts";
import { ifaddrs, passwd, pollfd, rlimit, statvfs } from "../ffi/posix/structs.ts";
import {
  ethtool_cmd,
  ifreq,
  ifreq_int,
  ifreq_short,
  inet_diag_msg,
  inet_diag_req,
  inet_diag_req_v2,
  kernel_stat,
  linux_dirent64,
  nlmsghdr,
  siginfo_t,
  sockaddr,
  sockaddr_in,
  sockaddr_in6,
  sockaddr_ll,
  sockaddr_nl,
  sysinfo,
  utmpx,
} from "../ffi/linux/structs.ts";
import {
  io_cqring_offsets,
  io_sqring_offsets,
  io_uring_cqe,
  io_uring_params,
  io_uring_sqe,
} from "../ffi/linux/uring.ts";
import type { Struct } from "../ffi/struct.ts";
import { darwinStructs } from "../ffi/darwin/structs.ts";
import { darwinAbi } from "../ffi/darwin/abi.ts";
import { have, run } from "./helpers.ts";

const LINUX = currentOs === "linux";

test("struct sizes are those of the headers", () => {
  const expected: Record<string, [Struct, Record<string, number>]> = {
    statvfs: [statvfs, { linux: 112, darwin: 64, freebsd: 88 }],
    ifaddrs: [ifaddrs, { linux: 56, darwin: 56, freebsd: 56 }],
  };
  for (const [name, [s, sizes]] of Object.entries(expected)) {
    if (currentOs in sizes) assert.equal(s.size, sizes[currentOs], name);
  }
  assert.equal(utmpx.size, 384);
  assert.equal(ifreq.size, 40);
  assert.equal(ethtool_cmd.size, 44);
  assert.equal(pollfd.size, 8);
  assert.equal(rlimit.size, 16);
  assert.equal(siginfo_t.size, 128);
  assert.equal(sysinfo.size, 112);
  assert.equal(kernel_stat.size, ["x86_64", "x64"].includes(currentArch) ? 144 : 128);
});

/** The Linux structs, with the C expression for each and the headers they need. */
const LINUX_STRUCTS: Array<[Struct, string]> = [
  [passwd, "struct passwd"],
  [statvfs, "struct statvfs"],
  [utmpx, "struct utmpx"],
  [ifaddrs, "struct ifaddrs"],
  [ifreq, "struct ifreq"],
  [ethtool_cmd, "struct ethtool_cmd"],
  [pollfd, "struct pollfd"],
  [rlimit, "struct rlimit"],
  [siginfo_t, "siginfo_t"],
  [nlmsghdr, "struct nlmsghdr"],
  [sockaddr_nl, "struct sockaddr_nl"],
  [inet_diag_req_v2, "struct inet_diag_req_v2"],
  [inet_diag_req, "struct inet_diag_req"],
  [inet_diag_msg, "struct inet_diag_msg"],
  [sysinfo, "struct sysinfo"],
  [sockaddr, "struct sockaddr"],
  [sockaddr_in, "struct sockaddr_in"],
  [sockaddr_in6, "struct sockaddr_in6"],
  [sockaddr_ll, "struct sockaddr_ll"],
  [kernel_stat, "struct stat"],
  [io_sqring_offsets, "struct io_sqring_offsets"],
  [io_cqring_offsets, "struct io_cqring_offsets"],
  [io_uring_params, "struct io_uring_params"],
  [io_uring_sqe, "struct io_uring_sqe"],
  [io_uring_cqe, "struct io_uring_cqe"],
];

/** Field names of our layouts that C spells otherwise (unions, nested members). */
const C_FIELD: Record<string, string> = {
  "struct utmpx.e_termination": "ut_exit.e_termination",
  "struct utmpx.e_exit": "ut_exit.e_exit",
  "struct utmpx.tv_sec": "ut_tv.tv_sec",
  "struct utmpx.tv_usec": "ut_tv.tv_usec",
  "struct ifaddrs.ifa_ifu": "ifa_ifu",
  "struct ifreq.ifr_pad": "",
  "struct ifreq.ifr_data": "ifr_ifru.ifru_data",
  "struct utmpx.__glibc_reserved": "__glibc_reserved",
  "siginfo_t.__pad0": "",
  "siginfo_t.__rest": "",
  "struct stat.__pad0": "",
  "struct stat.__pad1": "",
  "struct stat.__rest": "",
  // resv2 is user_addr in headers of Linux 6.5 and later: the size pins it.
  "struct io_sqring_offsets.resv2": "",
  "struct io_cqring_offsets.resv2": "",
};

test("every Linux struct's size and offsets are gcc's", { skip: !LINUX || !have("gcc") }, () => {
  const lines: string[] = [];
  for (const [s, c] of LINUX_STRUCTS) {
    lines.push(`printf("%s size %zu\\n", "${c}", sizeof(${c}));`);
    for (const f of s.fields) {
      const cf = C_FIELD[`${c}.${f}`] ?? f;
      if (cf === "") continue;
      lines.push(`printf("%s.%s %zu\\n", "${c}", "${f}", offsetof(${c}, ${cf}));`);
    }
  }
  lines.push(`printf("struct ifreq.ifr_flags %zu\\n", offsetof(struct ifreq, ifr_flags));`);
  lines.push(`printf("dirent name %zu\\n", offsetof(struct linux_dirent64, d_name));`);
  lines.push(`printf("struct ifreq.ifr_mtu %zu\\n", offsetof(struct ifreq, ifr_mtu));`);
  const src = `#define _GNU_SOURCE
#include <stdio.h>
#include <stddef.h>
#include <pwd.h>
#include <sys/statvfs.h>
#include <utmpx.h>
#include <ifaddrs.h>
#include <net/if.h>
#include <linux/ethtool.h>
#include <poll.h>
#include <signal.h>
#include <sys/resource.h>
#include <linux/netlink.h>
#include <linux/inet_diag.h>
#include <dirent.h>
#include <sys/sysinfo.h>
#include <sys/stat.h>
#include <netinet/in.h>
#include <netpacket/packet.h>
#include <linux/io_uring.h>
struct linux_dirent64 { unsigned long long d_ino; long long d_off; unsigned short d_reclen; unsigned char d_type; char d_name[]; };
int main(void) {
${lines.join("\n")}
return 0;
}
`;
  const dir = mkdtempSync(join(tmpdir(), "psutil-structs-"));
  try {
    writeFileSync(join(dir, "s.c"), src);
    run("gcc", ["-o", join(dir, "s"), join(dir, "s.c")]);
    const c = new Map(
      run(join(dir, "s")).trim().split("\n").map((l) => {
        const i = l.lastIndexOf(" ");
        return [l.slice(0, i), Number(l.slice(i + 1))] as const;
      }),
    );
    for (const [s, name] of LINUX_STRUCTS) {
      assert.equal(s.size, c.get(`${name} size`), `sizeof(${name})`);
      for (const f of s.fields) {
        if (C_FIELD[`${name}.${f}`] === "") continue;
        assert.equal(s.offset(f), c.get(`${name}.${f}`), `offsetof(${name}, ${f})`);
      }
    }
    assert.equal(ifreq_short.offset("ifr_flags"), c.get("struct ifreq.ifr_flags"));
    assert.equal(ifreq_int.offset("ifr_mtu"), c.get("struct ifreq.ifr_mtu"));
    assert.equal(linux_dirent64.size, c.get("dirent name"), "d_name follows the packed head");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});

/** The measured macOS layouts and constants (../shared/reference/layouts), when the checkout has them beside it. */
const LAYOUTS = new URL("../../shared/reference/layouts/", import.meta.url).pathname;

test("the macOS tables agree with the numbers measured from the macOS 13 SDK (both architectures)", {
  skip: !existsSync(`${LAYOUTS}darwin-x86_64.json`),
}, () => {
  for (const arch of ["x86_64", "aarch64"]) {
    const m: Record<string, number> = {
      ...JSON.parse(readFileSync(`${LAYOUTS}darwin-${arch}.json`, "utf8")),
      ...JSON.parse(readFileSync(`${LAYOUTS}darwin-extra-${arch}.json`, "utf8")),
    };
    const expect = (key: string, got: number) => {
      if (key in m) assert.equal(got, m[key], `${arch} ${key}`);
    };
    expect("S struct passwd", darwinStructs.passwd.size);
    expect("S struct statvfs", darwinStructs.statvfs.size);
    expect("S struct sockaddr_dl", darwinStructs.sockaddrs.link.size);
    expect("V AF_INET6", darwinAbi.af.INET6);
    expect("V AF_LINK", darwinAbi.af.LINK);
    assert.ok("S struct passwd" in m || "V AF_INET6" in m, `${arch}: nothing to compare`);
  }
});
