/**
 * The result types: psutil's named tuples as plain objects with camelCase
 * fields. Fields that only some platforms have are optional in the type and
 * always present on the platforms that have them.
 *
 * @module
 */

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
  total: number;
  used: number;
  free: number;
  percent: number;
  /** Bytes swapped in from disk (0 on Windows). */
  sin: number;
  /** Bytes swapped out to disk (0 on Windows). */
  sout: number;
}

/** One `diskPartitions()` entry. */
export interface DiskPartition {
  device: string;
  mountpoint: string;
  fstype: string;
  /** Comma-separated mount options. */
  opts: string;
  /** Longest file name the file system allows. */
  maxfile: number;
  /** Longest path the file system allows. */
  maxpath: number;
}

/** `diskUsage(path)`, in bytes. */
export interface DiskUsage {
  total: number;
  used: number;
  free: number;
  /** Percent of what a normal user can use. */
  percent: number;
}

/** `diskIoCounters()`. */
export interface DiskIoCounters {
  readCount: number;
  writeCount: number;
  readBytes: number;
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
  bytesSent: number;
  bytesRecv: number;
  packetsSent: number;
  packetsRecv: number;
  errin: number;
  errout: number;
  dropin: number;
  dropout: number;
}

/** An address and port; psutil's `addr` named tuple. */
export interface Address {
  ip: string;
  port: number;
}

/** One `netConnections()` entry. */
export interface NetConnection {
  /** The socket's file descriptor in its process, -1 when unknown. */
  fd: number;
  /** `AF_INET`, `AF_INET6` or `AF_UNIX`. */
  family: number;
  /** `SOCK_STREAM`, `SOCK_DGRAM` or `SOCK_SEQPACKET`. */
  type: number;
  /** Local address, or the UNIX socket path. */
  laddr: Address | string;
  /** Remote address, `null` when not connected, or the UNIX peer path. */
  raddr: Address | string | null;
  /** A `CONN_*` constant. */
  status: string;
  /** The owning process, `null` when it cannot be known. */
  pid: number | null;
}

/** One `Process.connections()` entry: a connection without the pid. */
export type ProcessConnection = Omit<NetConnection, "pid">;

/** One `netIfAddrs()` address. */
export interface NetIfAddr {
  family: number;
  address: string;
  netmask: string | null;
  broadcast: string | null;
  /** Destination of a point-to-point interface. */
  ptp: string | null;
}

/** `netIfStats()` entry. */
export interface NetIfStats {
  isup: boolean;
  /** A `NIC_DUPLEX_*` constant. */
  duplex: number;
  /** Mbit/s, 0 when unknown. */
  speed: number;
  mtu: number;
  /** Comma-separated interface flags (`"up,broadcast,running,multicast"`). */
  flags: string;
}

/** One `sensorsTemperatures()` reading. */
export interface SensorTemperature {
  label: string;
  current: number;
  high: number | null;
  critical: number | null;
}

/** One `sensorsFans()` reading, in RPM. */
export interface SensorFan {
  label: string;
  current: number;
}

/** `sensorsBattery()`. */
export interface SensorBattery {
  percent: number;
  /** Seconds left, or `POWER_TIME_UNLIMITED` / `POWER_TIME_UNKNOWN`. */
  secsleft: number;
  /** `null` when unknown. */
  powerPlugged: boolean | null;
}

/** One `users()` entry. */
export interface User {
  name: string;
  terminal: string | null;
  host: string | null;
  /** Login time, seconds since the epoch. */
  started: number;
  /** The login process (`null` where unknown). */
  pid: number | null;
}

// --- Process ---------------------------------------------------------------

/** `Process.uids()` / `Process.gids()`. */
export interface ProcessIds {
  real: number;
  effective: number;
  saved: number;
}

/** `Process.cpuTimes()`, seconds. */
export interface ProcessCpuTimes {
  user: number;
  system: number;
  childrenUser: number;
  childrenSystem: number;
  /** Waiting for block I/O (Linux). */
  iowait?: number;
}

/** `Process.memoryInfo()`, bytes. */
export interface ProcessMemoryInfo {
  rss: number;
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
  /** Windows fields. */
  numPageFaults?: number;
  peakWset?: number;
  wset?: number;
  peakPagedPool?: number;
  pagedPool?: number;
  peakNonpagedPool?: number;
  nonpagedPool?: number;
  pagefile?: number;
  peakPagefile?: number;
  private?: number;
}

/** `Process.memoryFullInfo()`: `memoryInfo` plus uss (and pss, swap on Linux). */
export interface ProcessMemoryFullInfo extends ProcessMemoryInfo {
  uss: number;
  pss?: number;
  swap?: number;
}

/** `Process.ioCounters()`. */
export interface ProcessIoCounters {
  readCount: number;
  writeCount: number;
  readBytes: number;
  writeBytes: number;
  /** Bytes read and written through any syscall (Linux). */
  readChars?: number;
  writeChars?: number;
  /** Windows. */
  otherCount?: number;
  otherBytes?: number;
}

/** `Process.numCtxSwitches()`. */
export interface ProcessCtxSwitches {
  voluntary: number;
  involuntary: number;
}

/** One `Process.threads()` entry. */
export interface ProcessThread {
  id: number;
  userTime: number;
  systemTime: number;
}

/** `Process.ionice()` on Linux. */
export interface ProcessIonice {
  ioclass: number;
  value: number;
}

/** One `Process.openFiles()` entry. */
export interface ProcessOpenFile {
  path: string;
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
  path: string;
  /** `grouped: false` only. */
  addr?: string;
  /** `grouped: false` only. */
  perms?: string;
  rss: number;
  size?: number;
  pss?: number;
  sharedClean?: number;
  sharedDirty?: number;
  privateClean?: number;
  privateDirty?: number;
  referenced?: number;
  anonymous?: number;
  swap?: number;
}

/** `Process.rlimit()`: `[soft, hard]`. */
export type Rlimit = [soft: number, hard: number];
