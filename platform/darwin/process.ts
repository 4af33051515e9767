/**
 * macOS processes, as psutil 5.9 reads them: the process table and each
 * process's identity from `kinfo_proc` (`{CTL_KERN, KERN_PROC, ...}`), times,
 * memory, threads and context switches from `proc_pidinfo(PROC_PIDTASKINFO)`
 * (Mach absolute units scaled by `mach_timebase_info`), the executable from
 * `proc_pidpath`, arguments and environment from `KERN_PROCARGS2`, the
 * working directory from `PROC_PIDVNODEPATHINFO`; signals and priorities
 * through libc.
 *
 * @module
 */
import type { ExitWatch, ProcessBackend } from "../backend.ts";
import type {
  ProcessConnection,
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessOpenFile,
  ProcessThread,
  Rlimit,
} from "../../types.ts";
import { allocStruct, type Struct } from "../../ffi/struct.ts";
import { cStringFromBytes, readCString } from "../../ffi/mod.ts";
import { libSystem, MACH } from "../../ffi/darwin/libsystem.ts";
import {
  eproc,
  extern_proc,
  in4in6_addr,
  kevent,
  kinfo_proc,
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
  timespec,
  timeval,
  ucred,
  vnode_fdinfowithpath,
} from "../../ffi/darwin/structs.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { AccessDenied, NoSuchProcess, NotImplementedError, OsError, ZombieProcess } from "../../errors.ts";
import { selfPid } from "../../ffi/runtime.ts";
import { rlimit } from "../../ffi/posix/structs.ts";
import {
  AF_INET6,
  CONN_NONE,
  STATUS_IDLE,
  STATUS_RUNNING,
  STATUS_SLEEPING,
  STATUS_STOPPED,
  STATUS_ZOMBIE,
} from "../../constants.ts";
import { checkThenAct, ProcessHandle } from "../common.ts";
import { pidExists } from "../posix/bsd_process.ts";
import { fromRlim, toRlim } from "../posix/rlimit.ts";
import { KINDS, TCP_STATES } from "../posix/bsd_sockets.ts";
import { kqueueExitWatch } from "../posix/kqueue.ts";
import { formatIPv4, formatIPv6 } from "../inet.ts";
import { uidToName } from "../posix/users.ts";
import { errnoError } from "../posix/errors.ts";
import { machError, sysctlMib } from "./sysctl.ts";

const PROC = kinfo_proc.offset("kp_proc");
const EPROC = kinfo_proc.offset("kp_eproc");
const PCRED = EPROC + eproc.offset("e_pcred");
const UCRED = EPROC + eproc.offset("e_ucred");

/** `p_stat` as psutil names it. */
const STATUS: Record<number, string> = {
  [MACH.SIDL]: STATUS_IDLE,
  [MACH.SRUN]: STATUS_RUNNING,
  [MACH.SSLEEP]: STATUS_SLEEPING,
  [MACH.SSTOP]: STATUS_STOPPED,
  [MACH.SZOMB]: STATUS_ZOMBIE,
};

/** Every process's `kinfo_proc`: `{CTL_KERN, KERN_PROC, KERN_PROC_ALL}`. */
function allKinfo(): DataView[] {
  const b = sysctlMib([MACH.CTL_KERN, MACH.KERN_PROC, MACH.KERN_PROC_ALL, 0], "kern.proc.all");
  const out: DataView[] = [];
  for (let off = 0; off + kinfo_proc.size <= b.length; off += kinfo_proc.size) {
    out.push(new DataView(b.buffer, b.byteOffset + off, kinfo_proc.size));
  }
  return out;
}

const pidOf = (v: DataView) => extern_proc.num(v, "p_pid", PROC);
const ppidOf = (v: DataView) => eproc.num(v, "e_ppid", EPROC);

/** Every pid, sorted. */
export function pids(): number[] {
  return allKinfo().map(pidOf).sort((a, b) => a - b);
}

/** The parent of every process. */
export function ppidMap(): Map<number, number> {
  return new Map(allKinfo().map((v) => [pidOf(v), ppidOf(v)]));
}

let timebase: [number, number] | undefined;

/** Mach absolute time units as seconds: `units * numer / denom` nanoseconds (1/1 on Intel, 125/3 on Apple silicon). */
function unitsToSeconds(units: bigint): number {
  if (timebase === undefined) {
    const tb = allocStruct(mach_timebase_info);
    const kr = libSystem.symbols.mach_timebase_info(tb.buf);
    if (kr !== MACH.KERN_SUCCESS) throw machError("mach_timebase_info", kr);
    timebase = [mach_timebase_info.num(tb.view, "numer"), mach_timebase_info.num(tb.view, "denom")];
  }
  return Number(units) * timebase[0] / timebase[1] / 1e9;
}

/** A macOS process. */
export class DarwinProcess extends ProcessHandle implements ProcessBackend {
  /** A failed call on this process as psutil reports it: gone, refused, or the OS's error. */
  #error(call: string, errno = lastErrno()): Error {
    if (errno === Errno.ESRCH || (errno === 0 && !pidExists(this.pid))) {
      // A zombie is still in the table but has no task left: ZombieProcess, as psutil says.
      if (this.#isZombie()) return new ZombieProcess(this.pid, this.knownName, this.ppid());
      return new NoSuchProcess(this.pid, this.knownName);
    }
    if (errno === Errno.EPERM || errno === Errno.EACCES || errno === 0) {
      return new AccessDenied(this.pid, this.knownName, `${call} was refused`);
    }
    return errnoError(errno, call, String(this.pid));
  }

  /** This process's `kinfo_proc`: `{CTL_KERN, KERN_PROC, KERN_PROC_PID, pid}`; an empty answer is a gone pid. */
  #kinfo(): DataView {
    return this.cache.get("kinfo", () => {
      const b = sysctlMib([MACH.CTL_KERN, MACH.KERN_PROC, MACH.KERN_PROC_PID, this.pid], "kern.proc.pid");
      if (b.length < kinfo_proc.size) throw new NoSuchProcess(this.pid, this.knownName);
      return new DataView(b.buffer, b.byteOffset, kinfo_proc.size);
    });
  }

  /** `proc_pidinfo(flavor)` into `s`; a short answer is an error, as in psutil. */
  #pidinfo(flavor: number, s: Struct, key: string): DataView {
    return this.cache.get(key, () => {
      const { buf, view } = allocStruct(s);
      const n = libSystem.symbols.proc_pidinfo(this.pid, flavor, 0n, buf, s.size);
      if (n <= 0) {
        // A zombie has no task: psutil says ZombieProcess there.
        const errno = lastErrno();
        if (this.#isZombie()) throw new ZombieProcess(this.pid, this.knownName, this.ppid());
        throw this.#error("proc_pidinfo", errno);
      }
      if (n < s.size) throw this.#error("proc_pidinfo", 0);
      return view;
    });
  }

  #taskinfo(): DataView {
    return this.#pidinfo(MACH.PROC_PIDTASKINFO, proc_taskinfo, "taskinfo");
  }

  #isZombie(): boolean {
    try {
      return extern_proc.num(this.#kinfo(), "p_stat", PROC) === MACH.SZOMB;
    } catch {
      return false;
    }
  }

  /** The raw `KERN_PROCARGS2` block: argc, the exec path, then the arguments and the environment. */
  #procargs(): Uint8Array {
    return this.cache.get("procargs", () => {
      try {
        return sysctlMib([MACH.CTL_KERN, MACH.KERN_PROCARGS2, this.pid], "kern.procargs2", argmax());
      } catch (e) {
        if (!(e instanceof OsError)) throw e;
        if (!pidExists(this.pid)) throw new NoSuchProcess(this.pid, this.knownName);
        // EINVAL (or EIO) for a zombie or a process the kernel protects, as psutil decides.
        if (this.#isZombie()) throw new ZombieProcess(this.pid, this.knownName, this.ppid());
        if (e.errno === Errno.EINVAL || e.errno === Errno.EIO || e.errno === Errno.EPERM) {
          throw new AccessDenied(this.pid, this.knownName, `sysctl(KERN_PROCARGS2) failed: ${e.code}`);
        }
        throw e;
      }
    });
  }

  name(): string {
    const v = this.#kinfo();
    return cStringFromBytes(new Uint8Array(v.buffer, v.byteOffset + PROC + extern_proc.offset("p_comm"), 17));
  }

  exe(): string {
    if (this.pid === 0) throw new AccessDenied(this.pid, this.knownName, "the kernel task has no executable");
    const buf = new Uint8Array(MACH.PROC_PIDPATHINFO_MAXSIZE);
    const n = libSystem.symbols.proc_pidpath(this.pid, buf, buf.length);
    if (n <= 0) throw this.#error("proc_pidpath");
    return cStringFromBytes(buf, 0, n);
  }

  cmdline(): string[] {
    return parseProcargs(this.#procargs()).argv;
  }

  environ(): Record<string, string> {
    return parseProcargs(this.#procargs()).env;
  }

  ppid(): number {
    return ppidOf(this.#kinfo());
  }

  status(): string {
    const stat = extern_proc.num(this.#kinfo(), "p_stat", PROC);
    return STATUS[stat] ?? String(stat);
  }

  createTime(): number {
    const base = PROC + extern_proc.offset("p_starttime");
    const v = this.#kinfo();
    return timeval.num(v, "tv_sec", base) + timeval.num(v, "tv_usec", base) / 1e6;
  }

  cwd(): string {
    const v = this.#pidinfo(MACH.PROC_PIDVNODEPATHINFO, proc_vnodepathinfo, "vnodepath");
    return cStringFromBytes(new Uint8Array(v.buffer, v.byteOffset + proc_vnodepathinfo.offset("pvi_cdir_path"), 1024));
  }

  uids(): ProcessIds {
    const v = this.#kinfo();
    return {
      real: pcred.num(v, "p_ruid", PCRED),
      effective: ucred.num(v, "cr_uid", UCRED),
      saved: pcred.num(v, "p_svuid", PCRED),
    };
  }

  gids(): ProcessIds {
    const v = this.#kinfo();
    return {
      real: pcred.num(v, "p_rgid", PCRED),
      effective: ucred.at(v, "cr_groups", 0, UCRED),
      saved: pcred.num(v, "p_svgid", PCRED),
    };
  }

  username(): string {
    return uidToName(this.uids().real);
  }

  nice(): number {
    return extern_proc.num(this.#kinfo(), "p_nice", PROC);
  }

  setNice(value: number): void {
    if (libc.symbols.setpriority(0, /* PRIO_PROCESS */ this.pid, value) !== 0) throw this.#error("setpriority");
  }

  numCtxSwitches(): ProcessCtxSwitches {
    // macOS counts every switch together: psutil gives them as voluntary.
    return { voluntary: proc_taskinfo.num(this.#taskinfo(), "pti_csw"), involuntary: 0 };
  }

  numThreads(): number {
    return proc_taskinfo.num(this.#taskinfo(), "pti_threadnum");
  }

  /**
   * Each thread's times: the handles of `PROC_PIDLISTTHREADS`, then
   * `PROC_PIDTHREADINFO` of each (nanoseconds); a thread that ended between
   * the two is left out. macOS has no thread id there: as psutil, the id is
   * the thread's place in the list, from 1.
   */
  threads(): ProcessThread[] {
    const sym = libSystem.symbols;
    let room = this.numThreads() + 16;
    for (let attempt = 0;; attempt++) {
      const handles = new BigUint64Array(room);
      const bytes = new Uint8Array(handles.buffer);
      const n = sym.proc_pidinfo(this.pid, MACH.PROC_PIDLISTTHREADS, 0n, bytes, bytes.length);
      if (n <= 0) throw this.#fdError("proc_pidinfo(PROC_PIDLISTTHREADS)");
      if (n >= bytes.length && attempt < 8) {
        room *= 2;
        continue;
      }
      const out: ProcessThread[] = [];
      const { buf, view } = allocStruct(proc_threadinfo);
      for (let i = 0; i < Math.floor(n / 8); i++) {
        if (sym.proc_pidinfo(this.pid, MACH.PROC_PIDTHREADINFO, handles[i], buf, buf.length) < proc_threadinfo.size) {
          continue;
        }
        out.push({
          id: i + 1,
          userTime: Number(proc_threadinfo.big(view, "pth_user_time")) / 1e9,
          systemTime: Number(proc_threadinfo.big(view, "pth_system_time")) / 1e9,
        });
      }
      return out;
    }
  }

  memoryInfo(): ProcessMemoryInfo {
    const v = this.#taskinfo();
    return {
      rss: proc_taskinfo.num(v, "pti_resident_size"),
      vms: proc_taskinfo.num(v, "pti_virtual_size"),
      pfaults: proc_taskinfo.num(v, "pti_faults"),
      pageins: proc_taskinfo.num(v, "pti_pageins"),
    };
  }

  /**
   * `memoryInfo` and `uss`: the physical footprint the kernel accounts to
   * the process (`proc_pid_rusage(RUSAGE_INFO_V2)` `ri_phys_footprint`, its
   * private memory, what Activity Monitor shows), readable without root.
   */
  memoryFullInfo(): ProcessMemoryFullInfo {
    const { buf, view } = allocStruct(rusage_info_v2);
    if (libSystem.symbols.proc_pid_rusage(this.pid, MACH.RUSAGE_INFO_V2, buf) !== 0) {
      throw this.#fdError("proc_pid_rusage");
    }
    return { ...this.memoryInfo(), uss: rusage_info_v2.num(view, "ri_phys_footprint") };
  }

  /** The controlling terminal: `devname` of `e_tdev` (as `/dev/...`), `null` without one. */
  terminal(): string | null {
    const tdev = eproc.num(this.#kinfo(), "e_tdev", EPROC);
    if (tdev === MACH.NODEV) return null;
    const p = libSystem.symbols.devname(tdev, MACH.S_IFCHR);
    const name = p === null ? "" : readCString(p, 0, 256);
    return name === "" || name === "??" ? null : `/dev/${name}`;
  }

  cpuTimes(): ProcessCpuTimes {
    const v = this.#taskinfo();
    return {
      user: unitsToSeconds(proc_taskinfo.big(v, "pti_total_user")),
      system: unitsToSeconds(proc_taskinfo.big(v, "pti_total_system")),
      childrenUser: 0,
      childrenSystem: 0,
    };
  }

  /**
   * The descriptors: `proc_pidinfo(PROC_PIDLISTFDS)`, sized with a NULL
   * buffer, read with room for more and again while they filled it (bounded).
   */
  #fds(): Array<{ fd: number; type: number }> {
    return this.cache.get("fds", () => {
      const sym = libSystem.symbols;
      let size = sym.proc_pidinfo(this.pid, MACH.PROC_PIDLISTFDS, 0n, null, 0);
      if (size <= 0) throw this.#fdError("proc_pidinfo(PROC_PIDLISTFDS)");
      for (let attempt = 0;; attempt++) {
        const buf = new Uint8Array(size + 32 * proc_fdinfo.size);
        const n = sym.proc_pidinfo(this.pid, MACH.PROC_PIDLISTFDS, 0n, buf, buf.length);
        if (n <= 0) throw this.#fdError("proc_pidinfo(PROC_PIDLISTFDS)");
        if (n + proc_fdinfo.size <= buf.length || attempt === 8) {
          const v = new DataView(buf.buffer);
          return Array.from({ length: Math.floor(n / proc_fdinfo.size) }, (_, i) => ({
            fd: proc_fdinfo.num(v, "proc_fd", i * proc_fdinfo.size),
            type: proc_fdinfo.num(v, "proc_fdtype", i * proc_fdinfo.size),
          }));
        }
        size = buf.length * 2;
      }
    });
  }

  /** A failed descriptor call: ZombieProcess for a zombie (it has none left), else as {@link DarwinProcess.#error}. */
  #fdError(call: string): Error {
    const errno = lastErrno();
    if (this.#isZombie()) return new ZombieProcess(this.pid, this.knownName, this.ppid());
    return this.#error(call, errno);
  }

  /** `proc_pidfdinfo(fd, flavor)` into `s`; `null` when the descriptor was closed meanwhile (EBADF). */
  #fdinfo(fd: number, flavor: number, s: Struct): DataView | null {
    const { buf, view } = allocStruct(s);
    const n = libSystem.symbols.proc_pidfdinfo(this.pid, fd, flavor, buf, s.size);
    if (n > 0 && n >= s.size) return view;
    if (lastErrno() === Errno.EBADF) return null;
    throw this.#fdError("proc_pidfdinfo");
  }

  numFds(): number {
    return this.#fds().length;
  }

  /** Every vnode descriptor with its path, as psutil lists them on macOS. */
  openFiles(): ProcessOpenFile[] {
    const out: ProcessOpenFile[] = [];
    for (const { fd, type } of this.#fds()) {
      if (type !== MACH.PROX_FDTYPE_VNODE) continue;
      const v = this.#fdinfo(fd, MACH.PROC_PIDFDVNODEPATHINFO, vnode_fdinfowithpath);
      if (v === null) continue;
      const path = cStringFromBytes(
        new Uint8Array(v.buffer, vnode_fdinfowithpath.offset("vip_path"), vnode_fdinfowithpath.sizeOf("vip_path")),
      );
      if (path) out.push({ path, fd });
    }
    return out;
  }

  /** The sockets of a valid `kind`: each socket descriptor's `PROC_PIDFDSOCKETINFO`, as psutil decodes it. */
  connections(kind: string): ProcessConnection[] {
    const [families, types] = KINDS[kind] ?? [[], []];
    const out: ProcessConnection[] = [];
    for (const { fd, type } of this.#fds()) {
      if (type !== MACH.PROX_FDTYPE_SOCKET) continue;
      const v = this.#fdinfo(fd, MACH.PROC_PIDFDSOCKETINFO, socket_fdinfo);
      if (v === null) continue;
      const family = socket_fdinfo.num(v, "soi_family");
      const sockType = socket_fdinfo.num(v, "soi_type");
      if (!families.includes(family) || !types.includes(sockType)) continue;
      out.push(decodeSocket(fd, v, family, sockType));
    }
    return out;
  }

  guard<T>(createTime: number | null, act: () => T): T {
    // A fresh read: the oneshot cache may predate a reuse of the pid.
    return checkThenAct(this.pid, this.knownName, createTime, () => new DarwinProcess(this.pid).createTime(), act);
  }

  sendSignal(sig: number): void {
    if (this.pid === 0) throw new AccessDenied(this.pid, this.knownName, "the kernel task takes no signal");
    if (libc.symbols.kill(this.pid, sig) !== 0) throw this.#error("kill");
  }

  /**
   * A resource limit, and with `set` a new one (returning the old): macOS
   * has no `prlimit`, so only this process's own limits can be read or set;
   * another process's are `NotImplementedError`. RLIM_INFINITY is
   * `0x7fffffffffffffff` there, the `RLIM_INFINITY` constant.
   */
  rlimit(resource: number, set?: Rlimit): Rlimit {
    if (this.pid !== selfPid()) {
      throw new NotImplementedError(
        "rlimit",
        "darwin",
        "macOS reads and sets the resource limits of the calling process only",
      );
    }
    const old = allocStruct(rlimit);
    if (libc.symbols.getrlimit(resource, old.buf) !== 0) {
      if (lastErrno() === Errno.EINVAL) throw new RangeError(`rlimit: invalid resource ${resource}`);
      throw this.#error("getrlimit");
    }
    const out: Rlimit = [fromRlim(rlimit.big(old.view, "rlim_cur")), fromRlim(rlimit.big(old.view, "rlim_max"))];
    if (set) {
      const n = allocStruct(rlimit);
      rlimit.set(n.view, "rlim_cur", toRlim(set[0]));
      rlimit.set(n.view, "rlim_max", toRlim(set[1]));
      if (libSystem.symbols.setrlimit(resource, n.buf) !== 0) {
        if (lastErrno() === Errno.EINVAL) {
          throw new RangeError(`rlimit: invalid limits ${JSON.stringify(set.map(String))}`);
        }
        throw this.#error("setrlimit");
      }
    }
    return out;
  }

  /** For a child of this process, its exit code once it has exited (waitid without reaping it). */
  childExitCode(): number | null | undefined {
    const info = allocStruct(siginfo_t);
    const rc = libc.symbols.waitid(MACH.P_PID, this.pid, info.buf, MACH.WEXITED | MACH.WNOHANG | MACH.WNOWAIT);
    if (rc !== 0) return null;
    if (siginfo_t.num(info.view, "si_pid") === 0) return undefined;
    const status = siginfo_t.num(info.view, "si_status");
    return siginfo_t.num(info.view, "si_code") === MACH.CLD_EXITED ? status : -status;
  }

  /**
   * A kqueue watching the process's exit (`EVFILT_PROC`, `NOTE_EXIT`); `null`
   * when none can be made (the process is gone, no descriptor free): `wait`
   * then polls.
   */
  watchExit(): ExitWatch | null {
    return kqueueExitWatch(this.pid, libSystem.symbols, kevent, timespec);
  }
}

/**
 * One socket as psutil gives it on macOS: for TCP and UDP the local address
 * always, the remote one when it has a port, the TCP state (NONE for UDP);
 * for a UNIX socket its own path and its peer's.
 */
export function decodeSocket(fd: number, v: DataView, family: number, type: number): ProcessConnection {
  const bytes = new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
  if (family === MACH.AF_UNIX) {
    const path = (f: string) => cStringFromBytes(socket_fdinfo_un.bytes(bytes, f));
    return { fd, family: 1, type, laddr: path("unsi_addr_path"), raddr: path("unsi_caddr_path"), status: CONN_NONE };
  }
  const ip = (f: string) => {
    const at = socket_fdinfo.offset(f);
    return family === MACH.AF_INET ? formatIPv4(bytes, at + in4in6_addr.offset("i46a_addr4")) : formatIPv6(bytes, at);
  };
  // The ports are in network order in the low 16 bits.
  const port = (f: string) => {
    const at = socket_fdinfo.offset(f);
    return (bytes[at] << 8) | bytes[at + 1];
  };
  const rport = port("insi_fport");
  return {
    fd,
    family: family === MACH.AF_INET ? 2 : AF_INET6,
    type,
    laddr: { ip: ip("insi_laddr"), port: port("insi_lport") },
    raddr: rport === 0 ? null : { ip: ip("insi_faddr"), port: rport },
    status: type === MACH.SOCK_STREAM ? TCP_STATES[socket_fdinfo.num(v, "tcpsi_state")] ?? CONN_NONE : CONN_NONE,
  };
}

let argmaxBytes: number | undefined;

/** The largest `KERN_PROCARGS2` block: `kern.argmax`. */
function argmax(): number {
  if (argmaxBytes === undefined) {
    const b = sysctlMib([MACH.CTL_KERN, MACH.KERN_ARGMAX], "kern.argmax");
    argmaxBytes = new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(0, true);
  }
  return argmaxBytes;
}

const utf8 = new TextDecoder();

/**
 * A `KERN_PROCARGS2` block: a 32-bit argc, the executable's path and the
 * NULs padding it, `argc` NUL-terminated arguments, then the environment's
 * `KEY=VALUE` strings up to an empty one (or the end). A block cut short
 * gives what it holds.
 */
export function parseProcargs(b: Uint8Array): { argv: string[]; env: Record<string, string> } {
  if (b.length < 4) return { argv: [], env: {} };
  const argc = new DataView(b.buffer, b.byteOffset, b.byteLength).getInt32(0, true);
  let i = 4;
  while (i < b.length && b[i] !== 0) i++; // the exec path
  while (i < b.length && b[i] === 0) i++; // its padding
  const next = (): string | null => {
    if (i >= b.length) return null;
    let end = i;
    while (end < b.length && b[end] !== 0) end++;
    const s = utf8.decode(b.subarray(i, end));
    i = end + 1;
    return s;
  };
  const argv: string[] = [];
  for (let n = 0; n < argc; n++) {
    const s = next();
    if (s === null) break;
    argv.push(s);
  }
  const env: Record<string, string> = {};
  for (let s = next(); s !== null && s !== ""; s = next()) {
    const eq = s.indexOf("=");
    if (eq > 0) env[s.slice(0, eq)] = s.slice(eq + 1);
  }
  return { argv, env };
}
