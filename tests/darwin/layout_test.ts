// The macOS backend's struct layouts and numbers against the macOS 13 SDK headers, for both architectures: every
// size, every offset and every constant it declares, as zig's clang compiles them for x86_64-macos and
// aarch64-macos. A struct right in size but wrong in one offset fails.
import { test } from "node:test";
import assert from "node:assert/strict";
import type { Struct } from "../../ffi/struct.ts";
import { darwinAbi, darwinPosixAbi } from "../../ffi/darwin/abi.ts";
import {
  cpu_load_info,
  darwinStructs,
  eproc,
  extern_proc,
  if_data64,
  if_msghdr2,
  in4in6_addr,
  kevent,
  kinfo_proc,
  loadavg,
  mach_timebase_info,
  pcred,
  proc_fdinfo,
  proc_taskinfo,
  proc_threadinfo,
  proc_vnodepathinfo,
  rusage_info_v2,
  siginfo_t,
  socket_fdinfo,
  socket_fdinfo_un,
  statfs,
  timespec,
  timeval,
  ucred,
  vm_statistics,
  vnode_fdinfowithpath,
  xsw_usage,
} from "../../ffi/darwin/structs.ts";
import { IFF_NAMES, MACH, MOUNT_OPTIONS } from "../../ffi/darwin/libsystem.ts";
import { MNT_RDONLY } from "../../platform/posix/fsstat.ts";
import { ifaddrs } from "../../ffi/posix/structs.ts";
import { KQ } from "../../platform/posix/kqueue.ts";
import { AF_INET, AF_UNIX, SOCK_DGRAM, SOCK_STREAM } from "../../platform/posix/bsd_sockets.ts";
import { KERN_NAMES } from "../../platform/darwin/sysctl.ts";
import { DARWIN_TARGETS, probe, zigMissing } from "./target.ts";

const HEADERS = [
  "sys/types.h",
  "sys/sysctl.h",
  "sys/socket.h",
  "sys/statvfs.h",
  "sys/resource.h",
  "sys/signal.h",
  "sys/errno.h",
  "unistd.h",
  "time.h",
  "dlfcn.h",
  "pwd.h",
  "net/if_dl.h",
  "netinet/in.h",
  "mach/mach.h",
  "mach/host_info.h",
  "mach/processor_info.h",
  "mach/vm_statistics.h",
  "mach/kern_return.h",
  "mach/mach_time.h",
  "sys/proc.h",
  "sys/proc_info.h",
  "sys/wait.h",
  "libproc.h",
  "sys/mount.h",
  "utmpx.h",
  "net/if.h",
  "net/route.h",
  "ifaddrs.h",
  "sys/event.h",
  "sys/stat.h",
];

/**
 * Every struct the backend declares, with its C type, and the C member of each field whose name is not C's.
 * Fields named `_...` are padding over members the backend does not read: the size and the next field pin them.
 */
const STRUCTS: Array<[Struct, string, Record<string, string>?]> = [
  [darwinStructs.passwd, "struct passwd"],
  [darwinStructs.statvfs, "struct statvfs"],
  [darwinStructs.sockaddrs.sockaddr, "struct sockaddr"],
  [darwinStructs.sockaddrs.sockaddr_in, "struct sockaddr_in"],
  [darwinStructs.sockaddrs.sockaddr_in6, "struct sockaddr_in6"],
  [darwinStructs.sockaddrs.link, "struct sockaddr_dl"],
  [timeval, "struct timeval"],
  [loadavg, "struct loadavg"],
  [xsw_usage, "struct xsw_usage"],
  [vm_statistics, "vm_statistics_data_t"],
  [cpu_load_info, "host_cpu_load_info_data_t"],
  [cpu_load_info, "processor_cpu_load_info_data_t"],
  [pcred, "struct _pcred"],
  [ucred, "struct _ucred"],
  [extern_proc, "struct extern_proc"],
  [eproc, "struct eproc"],
  [kinfo_proc, "struct kinfo_proc"],
  [proc_taskinfo, "struct proc_taskinfo"],
  [mach_timebase_info, "struct mach_timebase_info"],
  [proc_vnodepathinfo, "struct proc_vnodepathinfo", { pvi_cdir_path: "pvi_cdir.vip_path" }],
  [siginfo_t, "siginfo_t"],
  [statfs, "struct statfs"],
  [if_data64, "struct if_data64"],
  [if_msghdr2, "struct if_msghdr2"],
  [ifaddrs, "struct ifaddrs", { ifa_ifu: "ifa_dstaddr" }],
  [proc_fdinfo, "struct proc_fdinfo"],
  [vnode_fdinfowithpath, "struct vnode_fdinfowithpath", { vip_path: "pvip.vip_path" }],
  [socket_fdinfo, "struct socket_fdinfo", {
    soi_type: "psi.soi_type",
    soi_protocol: "psi.soi_protocol",
    soi_family: "psi.soi_family",
    soi_kind: "psi.soi_kind",
    insi_fport: "psi.soi_proto.pri_tcp.tcpsi_ini.insi_fport",
    insi_lport: "psi.soi_proto.pri_tcp.tcpsi_ini.insi_lport",
    insi_vflag: "psi.soi_proto.pri_tcp.tcpsi_ini.insi_vflag",
    insi_faddr: "psi.soi_proto.pri_tcp.tcpsi_ini.insi_faddr",
    insi_laddr: "psi.soi_proto.pri_tcp.tcpsi_ini.insi_laddr",
    tcpsi_state: "psi.soi_proto.pri_tcp.tcpsi_state",
  }],
  [socket_fdinfo_un, "struct socket_fdinfo", {
    unsi_addr_path: "psi.soi_proto.pri_un.unsi_addr.ua_sun.sun_path",
    unsi_caddr_path: "psi.soi_proto.pri_un.unsi_caddr.ua_sun.sun_path",
  }],
  [in4in6_addr, "struct in4in6_addr"],
  [proc_threadinfo, "struct proc_threadinfo"],
  [rusage_info_v2, "struct rusage_info_v2"],
  [kevent, "struct kevent"],
  [timespec, "struct timespec"],
  [darwinStructs.utmpx!, "struct utmpx", { tv_sec: "ut_tv.tv_sec", tv_usec: "ut_tv.tv_usec" }],
];

/** The fields of `s` the compiler is asked about. */
const named = (s: Struct) => s.fields.filter((f) => !f.startsWith("_"));

/** Every number the backend declares, with the C expression that names it. */
function constants(): Record<string, [number, string]> {
  const out: Record<string, [number, string]> = {};
  const add = (key: string, value: number | bigint, expr = key) => out[key] = [Number(value), expr];
  for (const [k, v] of Object.entries(MACH)) add(k, v, `(long)(${k})`);
  for (const [k, v] of Object.entries(KERN_NAMES)) add(v, Number(k));
  add("MNT_RDONLY", MNT_RDONLY);
  for (const [flag, , c] of MOUNT_OPTIONS) add(c, flag);
  for (const [flag, , c] of IFF_NAMES) add(c, flag);
  for (const [k, v] of Object.entries(KQ)) add(k, v, `(long)(${k})`);
  Object.assign(out, { AF_INET_: [AF_INET, "AF_INET"], AF_UNIX_: [AF_UNIX, "AF_UNIX"] });
  Object.assign(out, { SOCK_STREAM_: [SOCK_STREAM, "SOCK_STREAM"], SOCK_DGRAM_: [SOCK_DGRAM, "SOCK_DGRAM"] });
  add("USER_PROCESS", darwinPosixAbi.USER_PROCESS);
  add("AF_INET6", darwinAbi.af.INET6);
  add("AF_LINK", darwinAbi.af.LINK);
  for (const [k, v] of Object.entries(darwinAbi.sig)) add(`SIG${k}`, v);
  for (const [k, v] of Object.entries(darwinAbi.rlimit)) add(`RLIMIT_${k}`, v);
  add("RLIM_INFINITY", darwinAbi.RLIM_INFINITY, "(long)RLIM_INFINITY");
  for (const [k, v] of Object.entries(darwinPosixAbi.errno)) add(k, v);
  for (const [k, v] of Object.entries(darwinPosixAbi.sc)) add(`_SC_${k}`, v);
  for (const [k, v] of Object.entries(darwinPosixAbi.pc)) add(`_PC_${k}`, v);
  return out;
}

for (const [arch, target] of Object.entries(DARWIN_TARGETS)) {
  test(`macOS ${arch}: every struct size and offset, and every constant, are the SDK's`, {
    skip: zigMissing(),
  }, () => {
    const exprs: Record<string, string> = {};
    for (const [s, c, cName = {}] of STRUCTS) {
      exprs[`S ${c}`] = `sizeof(${c})`;
      for (const f of named(s)) exprs[`O ${c}.${f}`] = `__builtin_offsetof(${c}, ${cName[f] ?? f})`;
    }
    const consts = constants();
    for (const [key, [, expr]] of Object.entries(consts)) exprs[`V ${key}`] = expr;
    const got = probe(HEADERS, exprs, target);
    assert.equal(got.size, Object.keys(exprs).length, "the compiler answered every probe");
    for (const [s, c] of STRUCTS) {
      assert.equal(s.size, got.get(`S ${c}`), `${arch} sizeof(${c})`);
      for (const f of named(s)) assert.equal(s.offset(f), got.get(`O ${c}.${f}`), `${arch} offsetof(${c}, ${f})`);
    }
    for (const [key, [value]] of Object.entries(consts)) assert.equal(value, got.get(`V ${key}`), `${arch} ${key}`);
  });
}
