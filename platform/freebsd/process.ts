/**
 * FreeBSD processes, as psutil 5.9 reads them: the process table and each
 * process's identity, times, memory and counters from `kinfo_proc`
 * (`{CTL_KERN, KERN_PROC, ...}`, every record checked to be
 * `KINFO_PROC_SIZE` bytes), the executable and arguments from
 * `KERN_PROC_PATHNAME` and `KERN_PROC_ARGS`; signals, priorities and a
 * child's exit through libc. In progress: what is not here yet throws
 * `NotImplementedError` naming the call.
 *
 * @module
 */
import type { ExitWatch, ProcessBackend } from "../backend.ts";
import type {
  ProcessConnection,
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
  ProcessIoCounters,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessThread,
  Rlimit,
} from "../../types.ts";
import { cStringFromBytes } from "../../ffi/mod.ts";
import { FREEBSD, freebsdLibc, KVME_TYPE_NAMES, libutil } from "../../ffi/freebsd/libc.ts";
import {
  freebsdStructs,
  kevent,
  kinfo_file,
  kinfo_file_sock,
  kinfo_proc,
  kinfo_vmentry,
  rusage,
  timespec,
  timeval,
  xinpgen,
  xtcpcb,
} from "../../ffi/freebsd/structs.ts";
import { ffi, type Pointer, readCString } from "../../ffi/mod.ts";
import { allocStruct, type Struct } from "../../ffi/struct.ts";
import { rlimit } from "../../ffi/posix/structs.ts";
import { lastErrno, libc } from "../../ffi/posix/libc.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { AccessDenied, NoSuchProcess, OsError, ZombieProcess } from "../../errors.ts";
import {
  AF_INET6,
  CONN_NONE,
  STATUS_IDLE,
  STATUS_LOCKED,
  STATUS_RUNNING,
  STATUS_SLEEPING,
  STATUS_STOPPED,
  STATUS_WAITING,
  STATUS_ZOMBIE,
} from "../../constants.ts";
import { checkThenAct, ProcessHandle } from "../common.ts";
import { pageSize, pidExists } from "../posix/bsd_process.ts";
import { fromRlim, toRlim } from "../posix/rlimit.ts";
import { errnoError } from "../posix/errors.ts";
import { uidToName } from "../posix/users.ts";
import { sysctlBytes, sysctlMib } from "../posix/sysctl.ts";
import { AF_INET, AF_UNIX, KINDS, SOCK_STREAM, TCP_STATES } from "../posix/bsd_sockets.ts";
import { formatIPv4, formatIPv6 } from "../inet.ts";
import { kqueueExitWatch } from "../posix/kqueue.ts";

/** `ki_stat` as psutil names it. */
const STATUS: Record<number, string> = {
  [FREEBSD.SIDL]: STATUS_IDLE,
  [FREEBSD.SRUN]: STATUS_RUNNING,
  [FREEBSD.SSLEEP]: STATUS_SLEEPING,
  [FREEBSD.SSTOP]: STATUS_STOPPED,
  [FREEBSD.SZOMB]: STATUS_ZOMBIE,
  [FREEBSD.SWAIT]: STATUS_WAITING,
  [FREEBSD.SLOCK]: STATUS_LOCKED,
};

/**
 * The `kinfo_proc` records of a sysctl answer; a record whose
 * `ki_structsize` is not `KINFO_PROC_SIZE` (another kernel's layout) is an
 * error, never read as garbage.
 */
export function kinfoRecords(b: Uint8Array): DataView[] {
  const out: DataView[] = [];
  for (let off = 0; off + 4 <= b.length; off += FREEBSD.KINFO_PROC_SIZE) {
    const v = new DataView(b.buffer, b.byteOffset + off, Math.min(FREEBSD.KINFO_PROC_SIZE, b.length - off));
    const size = v.getInt32(0, true);
    if (size !== FREEBSD.KINFO_PROC_SIZE || v.byteLength < size) {
      throw new OsError(
        Errno.EINVAL,
        "EINVAL",
        "sysctl",
        "kern.proc",
        `a kinfo_proc of ${size} bytes (this library reads FreeBSD's ${FREEBSD.KINFO_PROC_SIZE})`,
      );
    }
    out.push(v);
  }
  return out;
}

/** Every process's `kinfo_proc`: `{CTL_KERN, KERN_PROC, KERN_PROC_PROC, 0}` (processes, not threads). */
function allKinfo(): DataView[] {
  return kinfoRecords(sysctlMib([FREEBSD.CTL_KERN, FREEBSD.KERN_PROC, FREEBSD.KERN_PROC_PROC, 0], "kern.proc.proc"));
}

/** Every pid, sorted. */
export function pids(): number[] {
  return allKinfo().map((v) => kinfo_proc.num(v, "ki_pid")).sort((a, b) => a - b);
}

/** The parent of every process. */
export function ppidMap(): Map<number, number> {
  return new Map(allKinfo().map((v) => [kinfo_proc.num(v, "ki_pid"), kinfo_proc.num(v, "ki_ppid")]));
}

/** A `timeval` at `base` in seconds. */
const seconds = (v: DataView, base: number) => timeval.num(v, "tv_sec", base) + timeval.num(v, "tv_usec", base) / 1e6;

/** A FreeBSD process. */
export class FreebsdProcess extends ProcessHandle implements ProcessBackend {
  /** A failed call as psutil reports it: gone (a zombie: ZombieProcess), refused, or the OS's error. */
  #error(call: string, errno = lastErrno()): Error {
    if (errno === Errno.ESRCH || (errno === 0 && !pidExists(this.pid))) {
      if (this.#isZombie()) return new ZombieProcess(this.pid, this.knownName, this.ppid());
      return new NoSuchProcess(this.pid, this.knownName);
    }
    if (errno === Errno.EPERM || errno === Errno.EACCES) {
      return new AccessDenied(this.pid, this.knownName, `${call} was refused`);
    }
    return errnoError(errno, call, String(this.pid));
  }

  /** This process's `kinfo_proc`; an empty answer is a gone pid. */
  #kinfo(): DataView {
    return this.cache.get("kinfo", () => {
      const b = sysctlMib([FREEBSD.CTL_KERN, FREEBSD.KERN_PROC, FREEBSD.KERN_PROC_PID, this.pid], "kern.proc.pid");
      const [v] = kinfoRecords(b);
      if (v === undefined) throw new NoSuchProcess(this.pid, this.knownName);
      return v;
    });
  }

  #isZombie(): boolean {
    try {
      return kinfo_proc.num(this.#kinfo(), "ki_stat") === FREEBSD.SZOMB;
    } catch {
      return false;
    }
  }

  /** A per-process sysctl (`KERN_PROC_*` of this pid), its errors as psutil's. */
  #procSysctl(which: number, what: string): Uint8Array {
    try {
      return sysctlMib([FREEBSD.CTL_KERN, FREEBSD.KERN_PROC, which, this.pid], what);
    } catch (e) {
      if (e instanceof OsError) throw this.#error(what, e.errno);
      throw e;
    }
  }

  name(): string {
    const v = this.#kinfo();
    return cStringFromBytes(kinfo_proc.bytes(new Uint8Array(v.buffer, v.byteOffset), "ki_comm"));
  }

  /** The executable: `KERN_PROC_PATHNAME`; `""` where the kernel has none (a zombie, as psutil). */
  exe(): string {
    let b: Uint8Array;
    try {
      b = this.#procSysctl(FREEBSD.KERN_PROC_PATHNAME, "kern.proc.pathname");
    } catch (e) {
      if (e instanceof ZombieProcess || (e instanceof OsError && e.errno === Errno.ENOENT)) return "";
      throw e;
    }
    const path = cStringFromBytes(b);
    if (path === "" && !pidExists(this.pid)) throw new NoSuchProcess(this.pid, this.knownName);
    return path;
  }

  /** The arguments: `KERN_PROC_ARGS`, NUL-separated. */
  cmdline(): string[] {
    const b = this.#procSysctl(FREEBSD.KERN_PROC_ARGS, "kern.proc.args");
    return parseArgs(b);
  }

  /** The environment: `KERN_PROC_ENV`, NUL-separated `KEY=VALUE` strings. */
  environ(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const kv of parseArgs(this.#procSysctl(FREEBSD.KERN_PROC_ENV, "kern.proc.env"))) {
      const eq = kv.indexOf("=");
      if (eq > 0) out[kv.slice(0, eq)] = kv.slice(eq + 1);
    }
    return out;
  }

  /**
   * The records a libutil `kinfo_get*(pid, &count)` call returns (malloc'd): copied out and freed, each checked to be
   * `size` bytes by its leading `*_structsize` (another kernel's layout is an error, never garbage).
   */
  #records(
    call: (pid: number, count: Uint8Array) => Pointer | null,
    what: string,
    s: Struct,
    size: number,
  ): Array<{ bytes: Uint8Array; v: DataView; base: number }> {
    const count = new Int32Array(1);
    const p = call(this.pid, new Uint8Array(count.buffer));
    if (p === null) throw this.#error(what);
    let bytes: Uint8Array;
    try {
      bytes = ffi().copy(p, 0, count[0] * size);
    } finally {
      freebsdLibc.symbols.free(p);
    }
    const v = new DataView(bytes.buffer);
    return Array.from({ length: count[0] }, (_, i) => {
      const base = i * size;
      const got = s.num(v, s.fields[0], base);
      if (got !== size) {
        throw new OsError(Errno.EINVAL, "EINVAL", what, String(this.pid), `a ${s.name} of ${got} bytes`);
      }
      return { bytes, v, base };
    });
  }

  /**
   * The process's descriptors and pseudo-descriptors (its directories): libutil's `kinfo_getfile`, copied out and
   * freed; each record checked to be `KINFO_FILE_SIZE` bytes.
   */
  #files(): Array<{ fd: number; type: number; vtype: number; path: string; rec: Uint8Array }> {
    return this.cache.get(
      "files",
      () =>
        this.#records(libutil.symbols.kinfo_getfile, "kinfo_getfile", kinfo_file, FREEBSD.KINFO_FILE_SIZE).map(
          ({ bytes, v, base }) => ({
            fd: kinfo_file.num(v, "kf_fd", base),
            type: kinfo_file.num(v, "kf_type", base),
            vtype: kinfo_file.num(v, "kf_vnode_type", base),
            path: cStringFromBytes(kinfo_file.bytes(bytes, "kf_path", base)),
            rec: bytes.subarray(base, base + FREEBSD.KINFO_FILE_SIZE),
          }),
        ),
    );
  }

  ppid(): number {
    return kinfo_proc.num(this.#kinfo(), "ki_ppid");
  }

  status(): string {
    const stat = kinfo_proc.num(this.#kinfo(), "ki_stat");
    return STATUS[stat] ?? String(stat);
  }

  createTime(): number {
    return seconds(this.#kinfo(), kinfo_proc.offset("ki_start"));
  }

  /** The working directory: the `KF_FD_TYPE_CWD` record's path; `""` when the kernel gives none (as psutil). */
  cwd(): string {
    return this.#files().find((f) => f.fd === FREEBSD.KF_FD_TYPE_CWD)?.path ?? "";
  }

  /** Open descriptors: the records with a real descriptor number (not the directories or the executable). */
  numFds(): number {
    return this.#files().filter((f) => f.fd >= 0).length;
  }

  uids(): ProcessIds {
    const v = this.#kinfo();
    return {
      real: kinfo_proc.num(v, "ki_ruid"),
      effective: kinfo_proc.num(v, "ki_uid"),
      saved: kinfo_proc.num(v, "ki_svuid"),
    };
  }

  gids(): ProcessIds {
    const v = this.#kinfo();
    return {
      real: kinfo_proc.num(v, "ki_rgid"),
      effective: kinfo_proc.at(v, "ki_groups", 0),
      saved: kinfo_proc.num(v, "ki_svgid"),
    };
  }

  username(): string {
    return uidToName(this.uids().real);
  }

  nice(): number {
    return kinfo_proc.num(this.#kinfo(), "ki_nice");
  }

  setNice(value: number): void {
    if (libc.symbols.setpriority(0, /* PRIO_PROCESS */ this.pid, value) !== 0) throw this.#error("setpriority");
  }

  /** Block reads and writes (`ru_inblock`, `ru_oublock`); FreeBSD counts no bytes: -1, as psutil. */
  ioCounters(): ProcessIoCounters {
    const v = this.#kinfo(), ru = kinfo_proc.offset("ki_rusage");
    return {
      readCount: rusage.num(v, "ru_inblock", ru),
      writeCount: rusage.num(v, "ru_oublock", ru),
      readBytes: -1,
      writeBytes: -1,
    };
  }

  numCtxSwitches(): ProcessCtxSwitches {
    const v = this.#kinfo(), ru = kinfo_proc.offset("ki_rusage");
    return { voluntary: rusage.num(v, "ru_nvcsw", ru), involuntary: rusage.num(v, "ru_nivcsw", ru) };
  }

  numThreads(): number {
    return kinfo_proc.num(this.#kinfo(), "ki_numthreads");
  }

  /** Each thread: `KERN_PROC_PID | KERN_PROC_INC_THREAD`, a `kinfo_proc` per thread with its id and times. */
  threads(): ProcessThread[] {
    const b = this.#procSysctl(FREEBSD.KERN_PROC_PID | FREEBSD.KERN_PROC_INC_THREAD, "kern.proc.pid.threads");
    const ru = kinfo_proc.offset("ki_rusage");
    return kinfoRecords(b).map((v) => ({
      id: kinfo_proc.num(v, "ki_tid"),
      userTime: seconds(v, ru + rusage.offset("ru_utime")),
      systemTime: seconds(v, ru + rusage.offset("ru_stime")),
    }));
  }

  /** rss, vms, and the text, data and stack sizes (`ki_*size`, pages but `ki_size`), in bytes. */
  memoryInfo(): ProcessMemoryInfo {
    const v = this.#kinfo(), page = pageSize();
    return {
      rss: kinfo_proc.num(v, "ki_rssize") * page,
      vms: kinfo_proc.num(v, "ki_size"),
      text: kinfo_proc.num(v, "ki_tsize") * page,
      data: kinfo_proc.num(v, "ki_dsize") * page,
      stack: kinfo_proc.num(v, "ki_ssize") * page,
    };
  }

  /**
   * `memoryInfo` and `uss`: the resident pages private to the process, summed over its mappings
   * (`kve_private_resident`). psutil 5.9 has no uss on FreeBSD; the kernel counts it there.
   */
  memoryFullInfo(): ProcessMemoryFullInfo {
    const page = pageSize();
    return { ...this.memoryInfo(), uss: this.#vmmap().reduce((n, m) => n + m.private, 0) * page };
  }

  /** The mappings: libutil's `kinfo_getvmmap`, copied out and freed; each record checked to be `KINFO_VMENTRY_SIZE`. */
  #vmmap(): Array<
    {
      start: bigint;
      end: bigint;
      prot: number;
      type: number;
      path: string;
      resident: number;
      private: number;
      ref: number;
      shadow: number;
    }
  > {
    return this.cache.get(
      "vmmap",
      () =>
        this.#records(libutil.symbols.kinfo_getvmmap, "kinfo_getvmmap", kinfo_vmentry, FREEBSD.KINFO_VMENTRY_SIZE).map(
          ({ bytes, v, base }) => ({
            start: kinfo_vmentry.big(v, "kve_start", base),
            end: kinfo_vmentry.big(v, "kve_end", base),
            prot: kinfo_vmentry.num(v, "kve_protection", base),
            type: kinfo_vmentry.num(v, "kve_type", base),
            path: cStringFromBytes(kinfo_vmentry.bytes(bytes, "kve_path", base)),
            resident: kinfo_vmentry.num(v, "kve_resident", base),
            private: kinfo_vmentry.num(v, "kve_private_resident", base),
            ref: kinfo_vmentry.num(v, "kve_ref_count", base),
            shadow: kinfo_vmentry.num(v, "kve_shadow_count", base),
          }),
        ),
    );
  }

  /**
   * Every mapping as psutil lists them on FreeBSD: `0xstart-0xend`, `rwx`
   * permissions, the path or a `[type]` name, resident and private bytes
   * (psutil gives pages), and the VM object's reference and shadow counts.
   */
  memoryMaps(): ProcessMemoryMap[] {
    const page = pageSize();
    const { KVME_PROT_READ: R, KVME_PROT_WRITE: W, KVME_PROT_EXEC: X } = FREEBSD;
    return this.#vmmap().map((m) => ({
      addr: `0x${m.start.toString(16)}-0x${m.end.toString(16)}`,
      perms: `${m.prot & R ? "r" : "-"}${m.prot & W ? "w" : "-"}${m.prot & X ? "x" : "-"}`,
      path: m.path || (KVME_TYPE_NAMES[m.type] ?? "[?]"),
      rss: m.resident * page,
      private: m.private * page,
      refCount: m.ref,
      shadowCount: m.shadow,
    }));
  }

  /** `ki_rusage` and, for the waited-for children, `ki_rusage_ch`. */
  cpuTimes(): ProcessCpuTimes {
    const v = this.#kinfo(), ru = kinfo_proc.offset("ki_rusage"), ch = kinfo_proc.offset("ki_rusage_ch");
    return {
      user: seconds(v, ru + rusage.offset("ru_utime")),
      system: seconds(v, ru + rusage.offset("ru_stime")),
      childrenUser: seconds(v, ch + rusage.offset("ru_utime")),
      childrenSystem: seconds(v, ch + rusage.offset("ru_stime")),
    };
  }

  /** The CPUs it may run on: `cpuset_getaffinity` of its own mask. */
  cpuAffinity(): number[] {
    const mask = new Uint8Array(FREEBSD.CPUSET_BYTES);
    const rc = freebsdLibc.symbols.cpuset_getaffinity(
      FREEBSD.CPU_LEVEL_WHICH,
      FREEBSD.CPU_WHICH_PID,
      BigInt(this.pid),
      BigInt(mask.length),
      mask,
    );
    if (rc !== 0) throw this.#error("cpuset_getaffinity");
    const out: number[] = [];
    for (let i = 0; i < mask.length * 8; i++) if (mask[i >> 3] & (1 << (i & 7))) out.push(i);
    return out;
  }

  /** Restricts it to `cpus`: `cpuset_setaffinity`. */
  setCpuAffinity(cpus: readonly number[]): void {
    const mask = new Uint8Array(FREEBSD.CPUSET_BYTES);
    for (const c of cpus) {
      if (c < 0 || c >= mask.length * 8) throw new RangeError(`cpuAffinity: invalid CPU ${c}`);
      mask[c >> 3] |= 1 << (c & 7);
    }
    const rc = freebsdLibc.symbols.cpuset_setaffinity(
      FREEBSD.CPU_LEVEL_WHICH,
      FREEBSD.CPU_WHICH_PID,
      BigInt(this.pid),
      BigInt(mask.length),
      mask,
    );
    if (rc !== 0) {
      if (lastErrno() === Errno.EINVAL) throw new RangeError(`cpuAffinity: invalid CPUs ${JSON.stringify(cpus)}`);
      throw this.#error("cpuset_setaffinity");
    }
  }

  /**
   * A resource limit, and with `set` a new one (returning the old): the
   * `KERN_PROC_RLIMIT` sysctl of the process, read and written.
   */
  rlimit(resource: number, set?: Rlimit): Rlimit {
    const mib = new Uint8Array(
      Int32Array.from([
        FREEBSD.CTL_KERN,
        FREEBSD.KERN_PROC,
        FREEBSD.KERN_PROC_RLIMIT,
        this.pid,
        resource,
      ]).buffer,
    );
    const old = allocStruct(rlimit);
    const len = new BigUint64Array([BigInt(rlimit.size)]);
    const { sysctl } = libc.symbols;
    if (!sysctl) throw new OsError(Errno.ENOSYS, "ENOSYS", "sysctl");
    if (sysctl(mib, 5, old.buf, new Uint8Array(len.buffer), null, 0n) !== 0) {
      if (lastErrno() === Errno.EINVAL) throw new RangeError(`rlimit: invalid resource ${resource}`);
      throw this.#error("sysctl(KERN_PROC_RLIMIT)");
    }
    const out: Rlimit = [fromRlim(rlimit.big(old.view, "rlim_cur")), fromRlim(rlimit.big(old.view, "rlim_max"))];
    if (set) {
      const n = allocStruct(rlimit);
      rlimit.set(n.view, "rlim_cur", toRlim(set[0]));
      rlimit.set(n.view, "rlim_max", toRlim(set[1]));
      const a = ffi();
      if (sysctl(mib, 5, null, null, a.pointerOf(n.buf), BigInt(rlimit.size)) !== 0) {
        if (lastErrno() === Errno.EINVAL) {
          throw new RangeError(`rlimit: invalid limits ${JSON.stringify(set.map(String))}`);
        }
        throw this.#error("sysctl(KERN_PROC_RLIMIT)");
      }
    }
    return out;
  }

  /** The controlling terminal: `devname` of `ki_tdev` (as `/dev/...`), `null` without one. */
  terminal(): string | null {
    const tdev = kinfo_proc.big(this.#kinfo(), "ki_tdev");
    if (tdev === FREEBSD.NODEV) return null;
    const p = freebsdLibc.symbols.devname(tdev, FREEBSD.S_IFCHR);
    const name = p === null ? "" : readCString(p, 0, 256);
    return name === "" || name.startsWith("#") ? null : `/dev/${name}`;
  }

  /** The CPU it last ran on: `ki_lastcpu`. */
  cpuNum(): number {
    return kinfo_proc.num(this.#kinfo(), "ki_lastcpu");
  }

  /** Regular files open on a descriptor, as psutil lists them (vnodes of type VREG). */
  openFiles(): ProcessOpenFile[] {
    return this.#files()
      .filter((f) => f.fd >= 0 && f.type === FREEBSD.KF_TYPE_VNODE && f.vtype === FREEBSD.KF_VTYPE_VREG && f.path)
      .map(({ path, fd }) => ({ path, fd }));
  }

  /**
   * The sockets of a valid `kind`, as psutil reads them on FreeBSD: each socket descriptor of `kinfo_getfile`
   * (family, type, own and peer address), the state of a TCP socket from the TCP pcblist entry with the same
   * addresses and ports.
   */
  connections(kind: string): ProcessConnection[] {
    const [families, types] = KINDS[kind] ?? [[], []];
    const out: ProcessConnection[] = [];
    let tcp: TcpEntry[] | undefined;
    for (const f of this.#files()) {
      if (f.type !== FREEBSD.KF_TYPE_SOCKET || f.fd < 0) continue;
      const v = new DataView(f.rec.buffer, f.rec.byteOffset, f.rec.byteLength);
      const family = kinfo_file_sock.num(v, "kf_sock_domain");
      const type = kinfo_file_sock.num(v, "kf_sock_type");
      if (!families.includes(family) || !types.includes(type)) continue;
      if (family === AF_UNIX) {
        out.push({
          fd: f.fd,
          family: 1,
          type,
          laddr: unixPath(kinfo_file_sock.bytes(f.rec, "kf_sa_local")),
          raddr: "",
          status: CONN_NONE,
        });
        continue;
      }
      const local = inetAddress(kinfo_file_sock.bytes(f.rec, "kf_sa_local"), family);
      const peer = inetAddress(kinfo_file_sock.bytes(f.rec, "kf_sa_peer"), family);
      let status = CONN_NONE;
      if (type === SOCK_STREAM) {
        tcp ??= tcpList();
        const e = tcp.find((t) => t.v6 === (family !== AF_INET) && t.local === local.key && t.peer === peer.key);
        status = e === undefined ? CONN_NONE : TCP_STATES[e.state] ?? CONN_NONE;
      }
      out.push({
        fd: f.fd,
        family: family === AF_INET ? 2 : AF_INET6,
        type,
        laddr: { ip: local.ip, port: local.port },
        raddr: peer.port === 0 ? null : { ip: peer.ip, port: peer.port },
        status,
      });
    }
    return out;
  }

  guard<T>(createTime: number | null, act: () => T): T {
    return checkThenAct(this.pid, this.knownName, createTime, () => new FreebsdProcess(this.pid).createTime(), act);
  }

  sendSignal(sig: number): void {
    if (this.pid === 0) throw new AccessDenied(this.pid, this.knownName, "the kernel takes no signal");
    if (libc.symbols.kill(this.pid, sig) !== 0) throw this.#error("kill");
  }

  /**
   * For a child of this process, its exit code once it has exited: `waitpid`
   * without waiting, as psutil's `wait` (which reaps it); `null` for a process
   * that is not this one's child.
   */
  childExitCode(): number | null | undefined {
    const status = new Int32Array(1);
    const rc = freebsdLibc.symbols.waitpid(this.pid, new Uint8Array(status.buffer), FREEBSD.WNOHANG);
    if (rc < 0) return null;
    if (rc === 0) return undefined;
    const s = status[0];
    // <sys/wait.h>: a normal exit has no signal in the low 7 bits, its code in the next 8.
    return (s & 0x7f) === 0 ? (s >> 8) & 0xff : -(s & 0x7f);
  }

  /** A kqueue watching the process's exit (`EVFILT_PROC`, `NOTE_EXIT`); `null` when none can be made. */
  watchExit(): ExitWatch | null {
    return kqueueExitWatch(this.pid, freebsdLibc.symbols, kevent, timespec);
  }
}

/** One TCP socket of the pcblist: its family, addresses and ports as comparable keys, and its state. */
interface TcpEntry {
  v6: boolean;
  local: string;
  peer: string;
  state: number;
}

/** The `INP_IPV6` bit of `inp_vflag` (netinet/in_pcb.h). */
const INP_IPV6 = 0x2;

/**
 * The TCP sockets of `net.inet.tcp.pcblist`: an `xinpgen`, `xtcpcb` records,
 * an `xinpgen` again; every length checked (a record of another size is an
 * error, as psutil's "struct xtcpcb size mismatch").
 */
export function parseTcpList(b: Uint8Array): TcpEntry[] {
  const v = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const gen = xinpgen.size;
  if (b.length < 2 * gen || xinpgen.num(v, "xig_len") !== gen || xinpgen.num(v, "xig_len", b.length - gen) !== gen) {
    throw new OsError(Errno.EINVAL, "EINVAL", "sysctl", "net.inet.tcp.pcblist", "struct xinpgen size mismatch");
  }
  const out: TcpEntry[] = [];
  const hex = (off: number, n: number) =>
    Array.from(b.subarray(off, off + n), (x) => x.toString(16).padStart(2, "0")).join("");
  for (let off = gen; off < b.length - gen; off += xtcpcb.size) {
    if (xtcpcb.num(v, "xt_len", off) !== xtcpcb.size || off + xtcpcb.size > b.length - gen) {
      throw new OsError(Errno.EINVAL, "EINVAL", "sysctl", "net.inet.tcp.pcblist", "struct xtcpcb size mismatch");
    }
    const v6 = (xtcpcb.num(v, "inp_vflag", off) & INP_IPV6) !== 0;
    // IPv4 addresses sit in the last 4 bytes of the 16.
    const addr = (f: string) => v6 ? hex(off + xtcpcb.offset(f), 16) : hex(off + xtcpcb.offset(f) + 12, 4);
    out.push({
      v6,
      local: `${addr("ie_dependladdr")}:${hex(off + xtcpcb.offset("ie_lport"), 2)}`,
      peer: `${addr("ie_dependfaddr")}:${hex(off + xtcpcb.offset("ie_fport"), 2)}`,
      state: xtcpcb.num(v, "t_state", off),
    });
  }
  return out;
}

function tcpList(): TcpEntry[] {
  return parseTcpList(sysctlBytes("net.inet.tcp.pcblist"));
}

/** A BSD `sockaddr_in`/`sockaddr_in6` (port at 2, address at 4 or 8): its text, port and pcblist key. */
function inetAddress(sa: Uint8Array, family: number): { ip: string; port: number; key: string } {
  const { sockaddr_in, sockaddr_in6 } = freebsdStructs.sockaddrs;
  const hex = (off: number, n: number) =>
    Array.from(sa.subarray(off, off + n), (x) => x.toString(16).padStart(2, "0")).join("");
  const portAt = family === AF_INET ? sockaddr_in.offset("sin_port") : sockaddr_in6.offset("sin6_port");
  const at = family === AF_INET ? sockaddr_in.offset("sin_addr") : sockaddr_in6.offset("sin6_addr");
  const n = family === AF_INET ? 4 : 16;
  return {
    ip: family === AF_INET ? formatIPv4(sa, at) : formatIPv6(sa, at),
    port: (sa[portAt] << 8) | sa[portAt + 1],
    key: `${hex(at, n)}:${hex(portAt, 2)}`,
  };
}

/** A `sockaddr_un`'s path: `sun_len` minus its 2-byte header, up to the first NUL. */
function unixPath(sa: Uint8Array): string {
  const len = Math.min(sa[0], sa.length) - 2;
  return len > 0 ? cStringFromBytes(sa, 2, len) : "";
}

const utf8 = new TextDecoder();

/** A `KERN_PROC_ARGS` answer: the arguments, each NUL-terminated (a last one without its NUL is kept). */
export function parseArgs(b: Uint8Array): string[] {
  const out: string[] = [];
  let start = 0;
  for (let i = 0; i < b.length; i++) {
    if (b[i] !== 0) continue;
    out.push(utf8.decode(b.subarray(start, i)));
    start = i + 1;
  }
  if (start < b.length) out.push(utf8.decode(b.subarray(start)));
  return out;
}
