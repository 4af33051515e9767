/**
 * The result types: psutil's named tuples as plain objects with camelCase
 * fields. Fields that only some platforms have are optional in the type and
 * always present on the platforms that have them.
 *
 * @module
 */
import type { MonitorAttr, ProcessAttr } from "./attrs.ts";

/** `cpuTimes()`: seconds spent by the CPU in each mode. */
export interface CpuTimes {
  /** Normal processes in user mode (on Linux guest time included). */
  user: number;
  /** Kernel mode. */
  system: number;
  /** Doing nothing. */
  idle: number;
  /** Niced processes in user mode (UNIX). */
  nice?: number;
  /** Waiting for I/O (Linux). */
  iowait?: number;
  /** Hardware interrupts (Linux, BSD). */
  irq?: number;
  /** Software interrupts (Linux). */
  softirq?: number;
  /** Stolen by other virtual machines (Linux 2.6.11+). */
  steal?: number;
  /** Running a guest's virtual CPU (Linux 2.6.24+). */
  guest?: number;
  /** Running a niced guest (Linux 3.2.0+). */
  guestNice?: number;
  /** Hardware interrupts (Windows). */
  interrupt?: number;
  /** Deferred procedure calls (Windows). */
  dpc?: number;
}

/** `cpuStats()`. */
export interface CpuStats {
  /** Context switches since boot. */
  ctxSwitches: number;
  /** Interrupts since boot. */
  interrupts: number;
  /** Software interrupts since boot (0 on Windows). */
  softInterrupts: number;
  /** System calls since boot (0 on Linux). */
  syscalls: number;
}

/** `cpuFreq()`, in MHz. */
export interface CpuFreq {
  /** Current frequency. */
  current: number;
  /** 0.0 when unknown. */
  min: number;
  /** 0.0 when unknown. */
  max: number;
}

/** `virtualMemory()`, in bytes. */
export interface VirtualMemory {
  /** Total physical memory. */
  total: number;
  /** Memory that can be given to processes without swapping. */
  available: number;
  /** `(total - available) / total * 100`. */
  percent: number;
  /** Memory used (computed differently per platform). */
  used: number;
  /** Memory not used at all. */
  free: number;
  /** Recently used memory (UNIX). */
  active?: number;
  /** Memory not recently used (UNIX). */
  inactive?: number;
  /** File system metadata cache (Linux, BSD). */
  buffers?: number;
  /** Page cache (Linux, BSD). */
  cached?: number;
  /** Shared memory (Linux, BSD). */
  shared?: number;
  /** Kernel data structures cache (Linux). */
  slab?: number;
  /** Memory marked as always in RAM (macOS, BSD). */
  wired?: number;
}

/** `swapMemory()`, in bytes (sin/sout cumulative). */
export interface SwapMemory {
  /** Total swap space. */
  total: number;
  /** Swap in use. */
  used: number;
  /** Swap not in use. */
  free: number;
  /** `used / total * 100`. */
  percent: number;
  /** Bytes swapped in from disk (0 on Windows). */
  sin: number;
  /** Bytes swapped out to disk (0 on Windows). */
  sout: number;
}

/** One `diskPartitions()` entry. */
export interface DiskPartition {
  /** The device path (`/dev/sda1`), or the file system's name for virtual ones. */
  device: string;
  /** Where it is mounted (a drive letter on Windows). */
  mountpoint: string;
  /** The file system type (`ext4`, `NTFS`, ...). */
  fstype: string;
  /** Comma-separated mount options. */
  opts: string;
  /** Longest file name the file system allows (`pathconf` `NAME_MAX`), `null` when unknown. */
  maxfile: number | null;
  /** Longest path the file system allows (`pathconf` `PATH_MAX`), `null` when unknown. */
  maxpath: number | null;
}

/** `diskUsage(path)`, in bytes. */
export interface DiskUsage {
  /** Total size in bytes. */
  total: number;
  /** Bytes in use. */
  used: number;
  /** Bytes free for a normal user. */
  free: number;
  /** Percent of what a normal user can use. */
  percent: number;
}

/** `diskIoCounters()`. */
export interface DiskIoCounters {
  /** Number of reads. */
  readCount: number;
  /** Number of writes. */
  writeCount: number;
  /** Bytes read. */
  readBytes: number;
  /** Bytes written. */
  writeBytes: number;
  /** Milliseconds spent reading (not on NetBSD/OpenBSD). */
  readTime?: number;
  /** Milliseconds spent writing. */
  writeTime?: number;
  /** Merged reads (Linux). */
  readMergedCount?: number;
  /** Merged writes (Linux). */
  writeMergedCount?: number;
  /** Milliseconds spent doing actual I/O (Linux, FreeBSD). */
  busyTime?: number;
}

/** `netIoCounters()`. */
export interface NetIoCounters {
  /** Bytes sent. */
  bytesSent: number;
  /** Bytes received. */
  bytesRecv: number;
  /** Packets sent. */
  packetsSent: number;
  /** Packets received. */
  packetsRecv: number;
  /** Errors while receiving. */
  errin: number;
  /** Errors while sending. */
  errout: number;
  /** Incoming packets dropped. */
  dropin: number;
  /** Outgoing packets dropped (always 0 on macOS and BSD). */
  dropout: number;
}

/** An address and port; psutil's `addr` named tuple. */
export interface Address {
  /** The IP address as text. */
  ip: string;
  /** The port number. */
  port: number;
}

/** `AF_INET6` on each OS: 10 on Linux, 23 on Windows, 28 on FreeBSD, 30 on macOS. */
export type AfInet6 = 10 | 23 | 28 | 30;

/**
 * A TCP or UDP socket of `Process.connections()`. `family` tells it from a
 * {@link UnixConnection}: `c.family === AF_UNIX` narrows a connection to
 * that, anything else to this.
 */
export interface InetConnection {
  /** The socket's file descriptor in its process, -1 when unknown. */
  fd: number;
  /** `AF_INET` or `AF_INET6`. */
  family: 2 | AfInet6;
  /** `SOCK_STREAM` (TCP) or `SOCK_DGRAM` (UDP). */
  type: number;
  /** The local address and port, `null` when unbound (psutil's empty tuple). */
  laddr: Address | null;
  /** The remote address and port, `null` when not connected. */
  raddr: Address | null;
  /** A `CONN_*` constant (`CONN_NONE` for UDP). */
  status: string;
}

/** A UNIX domain socket of `Process.connections()`. */
export interface UnixConnection {
  /** The socket's file descriptor in its process, -1 when unknown. */
  fd: number;
  /** `AF_UNIX`. */
  family: 1;
  /** `SOCK_STREAM`, `SOCK_DGRAM` or `SOCK_SEQPACKET`. */
  type: number;
  /** The socket's path, `""` when it has none (unnamed or abstract without a name). */
  laddr: string;
  /** The peer's path, `""` when unknown (as psutil: Linux does not say it). */
  raddr: string;
  /** `CONN_NONE`. */
  status: string;
}

/** One `Process.connections()` entry: a TCP/UDP socket or a UNIX socket, told apart by `family`. */
export type ProcessConnection = InetConnection | UnixConnection;

/** A TCP or UDP socket of `netConnections()`: an {@link InetConnection} and its process. */
export interface InetNetConnection extends InetConnection {
  /** The owning process, `null` when it cannot be known. */
  pid: number | null;
}

/** A UNIX socket of `netConnections()`: a {@link UnixConnection} and its process. */
export interface UnixNetConnection extends UnixConnection {
  /** The owning process, `null` when it cannot be known. */
  pid: number | null;
}

/** One `netConnections()` entry: a TCP/UDP socket or a UNIX socket, told apart by `family`. */
export type NetConnection = InetNetConnection | UnixNetConnection;

/** The kinds of sockets `netConnections` and `Process.connections` list (psutil's `kind`). */
export type ConnectionKind =
  | "inet"
  | "inet4"
  | "inet6"
  | "tcp"
  | "tcp4"
  | "tcp6"
  | "udp"
  | "udp4"
  | "udp6"
  | "unix"
  | "all";

/** What a connection of `kind` K is: UNIX sockets for `"unix"`, both for `"all"`, TCP/UDP for the rest. */
export type ConnectionOf<K extends ConnectionKind, C extends ProcessConnection = ProcessConnection> = K extends "unix"
  ? Extract<C, { family: 1 }>
  : K extends "all" ? C
  : Exclude<C, { family: 1 }>;

/** One `netIfAddrs()` address. */
export interface NetIfAddr {
  /** `AF_INET`, `AF_INET6` or `AF_LINK` (the MAC address). */
  family: number;
  /** The address as text. */
  address: string;
  /** The netmask, `null` when there is none. */
  netmask: string | null;
  /** The broadcast address, `null` when there is none. */
  broadcast: string | null;
  /** Destination of a point-to-point interface. */
  ptp: string | null;
}

/** `netIfStats()` entry. */
export interface NetIfStats {
  /** Whether the interface is up and running. */
  isup: boolean;
  /** A `NIC_DUPLEX_*` constant. */
  duplex: number;
  /** Mbit/s, 0 when unknown. */
  speed: number;
  /** Maximum transmission unit, in bytes. */
  mtu: number;
  /** Comma-separated interface flags (`"up,broadcast,running,multicast"`). */
  flags: string;
}

/** One `sensorsTemperatures()` reading. */
export interface SensorTemperature {
  /** The sensor's label, `""` when it has none. */
  label: string;
  /** Degrees Celsius. */
  current: number;
  /** The high threshold, `null` when unknown. */
  high: number | null;
  /** The critical threshold, `null` when unknown. */
  critical: number | null;
}

/** One `sensorsFans()` reading, in RPM. */
export interface SensorFan {
  /** The fan's label, `""` when it has none. */
  label: string;
  /** Speed in RPM. */
  current: number;
}

/** `sensorsBattery()`. */
export interface SensorBattery {
  /** Charge left, in percent. */
  percent: number;
  /** Seconds left, or `POWER_TIME_UNLIMITED` / `POWER_TIME_UNKNOWN`. */
  secsleft: number;
  /** `null` when unknown. */
  powerPlugged: boolean | null;
}

/** One `users()` entry. */
export interface User {
  /** The user's name. */
  name: string;
  /** The tty or pseudo-tty, `null` when unknown. */
  terminal: string | null;
  /** The remote host name, `null` when local or unknown. */
  host: string | null;
  /** Login time, seconds since the epoch. */
  started: number;
  /** The login process (`null` where unknown). */
  pid: number | null;
}

// --- Process ---------------------------------------------------------------

/** `Process.uids()` / `Process.gids()`. */
export interface ProcessIds {
  /** The real id. */
  real: number;
  /** The effective id. */
  effective: number;
  /** The saved id (equal to real on Windows). */
  saved: number;
}

/** `Process.cpuTimes()`, seconds. */
export interface ProcessCpuTimes {
  /** Seconds in user mode. */
  user: number;
  /** Seconds in kernel mode. */
  system: number;
  /** User time of waited-for children (0 on macOS and Windows). */
  childrenUser: number;
  /** System time of waited-for children (0 on macOS and Windows). */
  childrenSystem: number;
  /** Waiting for block I/O (Linux). */
  iowait?: number;
}

/** `Process.memoryInfo()`, bytes. */
export interface ProcessMemoryInfo {
  /** Resident set size: non-swapped physical memory (`wset` on Windows). */
  rss: number;
  /** Virtual memory size (`pagefile` on Windows). */
  vms: number;
  /** Linux. */
  shared?: number;
  /** Linux, BSD. */
  text?: number;
  /** Linux (always 0 since 2.6). */
  lib?: number;
  /** Linux, BSD. */
  data?: number;
  /** Linux (always 0 since 2.6). */
  dirty?: number;
  /** BSD. */
  stack?: number;
  /** macOS. */
  pfaults?: number;
  /** macOS. */
  pageins?: number;
  /** Page faults (Windows). */
  numPageFaults?: number;
  /** Peak working set (Windows). */
  peakWset?: number;
  /** Working set (Windows). */
  wset?: number;
  /** Peak paged pool usage (Windows). */
  peakPagedPool?: number;
  /** Paged pool usage (Windows). */
  pagedPool?: number;
  /** Peak non-paged pool usage (Windows). */
  peakNonpagedPool?: number;
  /** Non-paged pool usage (Windows). */
  nonpagedPool?: number;
  /** Page file usage (Windows). */
  pagefile?: number;
  /** Peak page file usage (Windows). */
  peakPagefile?: number;
  /** Private bytes (Windows). */
  private?: number;
}

/** `Process.memoryFullInfo()`: `memoryInfo` plus uss (and pss, swap on Linux). */
export interface ProcessMemoryFullInfo extends ProcessMemoryInfo {
  /** Unique set size: memory freed if the process ended now. */
  uss: number;
  /** Proportional set size: shared memory split among its sharers (Linux). */
  pss?: number;
  /** Memory swapped out (Linux). */
  swap?: number;
}

/** Memory pressure (PSI, cgroup v2): the share of time tasks stalled on memory, averaged, and the total stall. */
export interface CgroupPressureLine {
  /** Percent of the last 10 seconds. */
  avg10: number;
  /** Percent of the last 60 seconds. */
  avg60: number;
  /** Percent of the last 300 seconds. */
  avg300: number;
  /** Microseconds stalled since the cgroup was made. */
  total: number;
}

/** `memory.pressure`: some tasks stalled, and all of them (`full`, `null` where the kernel has no such line). */
export interface CgroupPressure {
  /** At least one task stalled. */
  some: CgroupPressureLine;
  /** Every task stalled at once. */
  full: CgroupPressureLine | null;
}

/**
 * `Process.cgroup()` (Linux): the process's cgroup and the limits that apply
 * to it, the lowest of its own and its ancestors'. `null` where there is no
 * limit, or the controller is not there.
 */
export interface CgroupInfo {
  /** 2 on the unified hierarchy, 1 where the memory controller is on a v1 hierarchy. */
  version: 1 | 2;
  /** The cgroup path, as `/proc/PID/cgroup` gives it (the memory controller's on v1). */
  path: string;
  /** Memory: the limit and the use in bytes, and the pressure (v2 only). */
  memory: { limit: number | null; current: number | null; pressure: CgroupPressure | null };
  /** CPU: the tightest quota and its period (µs), and the CPUs they amount to (`quota / period`). */
  cpu: { quota: number | null; period: number | null; cpus: number | null };
  /** Tasks: the limit and how many there are. */
  pids: { limit: number | null; current: number | null };
}

/** `Process.ioCounters()`. */
export interface ProcessIoCounters {
  /** Read calls (Linux: `syscr`). */
  readCount: number;
  /** Write calls (Linux: `syscw`). */
  writeCount: number;
  /** Bytes read from storage. */
  readBytes: number;
  /** Bytes written to storage. */
  writeBytes: number;
  /** Bytes read through any syscall, cache hits included (Linux). */
  readChars?: number;
  /** Bytes written through any syscall (Linux). */
  writeChars?: number;
  /** Windows. */
  otherCount?: number;
  /** Bytes moved by other I/O operations (Windows). */
  otherBytes?: number;
}

/** `Process.numCtxSwitches()`. */
export interface ProcessCtxSwitches {
  /** Switches the process asked for (waiting). */
  voluntary: number;
  /** Switches forced by the scheduler. */
  involuntary: number;
}

/** One `Process.threads()` entry. */
export interface ProcessThread {
  /** The thread id. */
  id: number;
  /** Seconds in user mode. */
  userTime: number;
  /** Seconds in kernel mode. */
  systemTime: number;
}

/** `Process.ionice()` on Linux. */
export interface ProcessIonice {
  /** An `IOPRIO_CLASS_*` constant. */
  ioclass: number;
  /** Priority within the class, 0 (highest) to 7. */
  value: number;
}

/** One `Process.openFiles()` entry. */
export interface ProcessOpenFile {
  /** The absolute path. */
  path: string;
  /** The file descriptor (-1 on Windows and where unknown). */
  fd: number;
  /** Linux. */
  position?: number;
  /** Linux: `"r"`, `"w"`, `"a"`, `"r+"`, `"a+"`. */
  mode?: string;
  /** Linux: the `open()` flags. */
  flags?: number;
}

/** One `Process.memoryMaps()` entry. */
export interface ProcessMemoryMap {
  /** The mapped file, or a pseudo path (`[heap]`, `[stack]`, `[anon]`). */
  path: string;
  /** `grouped: false` only. */
  addr?: string;
  /** `grouped: false` only. */
  perms?: string;
  /** Resident bytes. */
  rss: number;
  /** Mapped bytes (Linux). */
  size?: number;
  /** Proportional set size (Linux). */
  pss?: number;
  /** Shared clean bytes (Linux). */
  sharedClean?: number;
  /** Shared dirty bytes (Linux). */
  sharedDirty?: number;
  /** Private clean bytes (Linux). */
  privateClean?: number;
  /** Private dirty bytes (Linux). */
  privateDirty?: number;
  /** Bytes marked referenced (Linux). */
  referenced?: number;
  /** Anonymous bytes (Linux). */
  anonymous?: number;
  /** Swapped-out bytes (Linux). */
  swap?: number;
  /** Resident bytes private to the process (FreeBSD). */
  private?: number;
  /** References to the mapping's VM object (FreeBSD). */
  refCount?: number;
  /** Shadow objects of the mapping's VM object (FreeBSD). */
  shadowCount?: number;
}

/**
 * One resource limit value: a number, `RLIM_INFINITY` (-1 on Linux) for no
 * limit, or a `bigint` for a finite limit above `Number.MAX_SAFE_INTEGER`
 * (2^53 - 1), which a number could not hold exactly, so that any value read
 * can be written back unchanged.
 */
export type RlimitValue = number | bigint;

/** `Process.rlimit()`: `[soft, hard]`. */
export type Rlimit = [soft: RlimitValue, hard: RlimitValue];

// --- Attribute records -----------------------------------------------------

/** What each attribute of `asDict` and `processIter` holds: what the `Process` method of that name returns. */
export interface ProcessAttrTypes {
  /** {@link ProcessAttr} `"cmdline"`. */
  cmdline: string[];
  /** {@link ProcessAttr} `"connections"` (kind `"inet"`). */
  connections: InetConnection[];
  /** {@link ProcessAttr} `"cpuAffinity"`. */
  cpuAffinity: number[];
  /** {@link ProcessAttr} `"cpuNum"`. */
  cpuNum: number;
  /** {@link ProcessAttr} `"cpuPercent"`. */
  cpuPercent: number;
  /** {@link ProcessAttr} `"cpuTimes"`. */
  cpuTimes: ProcessCpuTimes;
  /** {@link ProcessAttr} `"createTime"`. */
  createTime: number;
  /** {@link ProcessAttr} `"cwd"`. */
  cwd: string;
  /** {@link ProcessAttr} `"environ"`. */
  environ: Record<string, string>;
  /** {@link ProcessAttr} `"exe"`. */
  exe: string;
  /** {@link ProcessAttr} `"gids"`. */
  gids: ProcessIds;
  /** {@link ProcessAttr} `"ioCounters"`. */
  ioCounters: ProcessIoCounters;
  /** {@link ProcessAttr} `"ionice"`. */
  ionice: ProcessIonice;
  /** {@link ProcessAttr} `"memoryFullInfo"`. */
  memoryFullInfo: ProcessMemoryFullInfo;
  /** {@link ProcessAttr} `"memoryInfo"`. */
  memoryInfo: ProcessMemoryInfo;
  /** {@link ProcessAttr} `"memoryMaps"` (grouped). */
  memoryMaps: ProcessMemoryMap[];
  /** {@link ProcessAttr} `"memoryPercent"`. */
  memoryPercent: number;
  /** {@link ProcessAttr} `"name"`. */
  name: string;
  /** {@link ProcessAttr} `"nice"`. */
  nice: number;
  /** {@link ProcessAttr} `"numCtxSwitches"`. */
  numCtxSwitches: ProcessCtxSwitches;
  /** {@link ProcessAttr} `"numFds"`. */
  numFds: number;
  /** {@link ProcessAttr} `"numHandles"`. */
  numHandles: number;
  /** {@link ProcessAttr} `"numThreads"`. */
  numThreads: number;
  /** {@link ProcessAttr} `"openFiles"`. */
  openFiles: ProcessOpenFile[];
  /** {@link ProcessAttr} `"pid"`. */
  pid: number;
  /** {@link ProcessAttr} `"ppid"`. */
  ppid: number;
  /** {@link ProcessAttr} `"status"`. */
  status: string;
  /** {@link ProcessAttr} `"terminal"`. */
  terminal: string | null;
  /** {@link ProcessAttr} `"threads"`. */
  threads: ProcessThread[];
  /** {@link ProcessAttr} `"uids"`. */
  uids: ProcessIds;
  /** {@link ProcessAttr} `"username"`. */
  username: string;
}

/**
 * The attributes some OS cannot answer (`NotImplementedError` there):
 * `asDict()` without `attrs` leaves them out on that OS.
 */
export type OptionalProcessAttr =
  | "cpuAffinity"
  | "cpuNum"
  | "gids"
  | "ioCounters"
  | "ionice"
  | "memoryMaps"
  | "numFds"
  | "numHandles"
  | "terminal"
  | "uids";

/**
 * The record of the attributes `A`, each holding its method's answer, or
 * `V` (the `adValue`, `null` by default) where the read was denied or the
 * process was a zombie. `pid` is always a number.
 */
export type ProcessInfo<A extends ProcessAttr = ProcessAttr, V = null> = {
  [K in A]: K extends "pid" ? number : ProcessAttrTypes[K] | V;
};

/** Every attribute: those of {@link OptionalProcessAttr} may be absent (not answered by this OS). */
export type FullProcessInfo<V = null> =
  & ProcessInfo<Exclude<ProcessAttr, OptionalProcessAttr>, V>
  & { [K in OptionalProcessAttr]?: ProcessAttrTypes[K] | V };

/**
 * What `asDict({ attrs })` gives for the list `A`: the listed attributes
 * when the list is written out; every attribute for an empty list (as
 * psutil); for a list known only at run time, the listed ones, each maybe
 * absent.
 */
export type AsDictResult<A extends readonly ProcessAttr[] | undefined, V = null> = A extends readonly [] | undefined
  ? FullProcessInfo<V>
  : A extends readonly ProcessAttr[] ? number extends A["length"] ? Partial<ProcessInfo<A[number], V>>
    : ProcessInfo<A[number], V>
  : never;

/** What each attribute of a `Monitor` record holds (`memoryInfo` has `rss` and `vms` on every OS). */
export type MonitorAttrTypes = Omit<Pick<ProcessAttrTypes, MonitorAttr>, "memoryInfo"> & {
  /** {@link MonitorAttr} `"memoryInfo"`: resident and virtual size in bytes. */
  memoryInfo: Pick<ProcessMemoryInfo, "rss" | "vms">;
};

/** A `Monitor` record of the attributes `A`: each holds its value, or `null` where the read was denied. */
export type MonitorRecord<A extends MonitorAttr = MonitorAttr> = {
  [K in A]: K extends "pid" ? number : MonitorAttrTypes[K] | null;
};

/** A Windows service, as psutil's `WindowsService`. */
export interface WindowsService {
  /** The service's key name. */
  name(): string;
  /** The name shown to users. */
  displayName(): string;
  /** The command line that starts it. */
  binpath(): string;
  /** The account it runs as. */
  username(): string;
  /** `"automatic"`, `"manual"` or `"disabled"`. */
  startType(): string;
  /** Its process id, `null` when it is not running. */
  pid(): number | null;
  /** `"running"`, `"paused"`, `"start_pending"`, `"pause_pending"`, `"continue_pending"`, `"stop_pending"` or `"stopped"`. */
  status(): string;
  /** Its description. */
  description(): string;
  /** Every field at once. */
  asDict(): Record<string, unknown>;
}
