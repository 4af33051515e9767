/**
 * The contract every OS backend implements. The public functions in
 * `system/` and `process/` call only these members, so an OS that lacks a
 * required one is a compile error, not a runtime surprise. Members that
 * only some OSes have are optional: the facade answers a missing one with
 * `NotImplementedError` naming the call and the OS.
 *
 * @module
 */
import type {
  CgroupInfo,
  CpuFreq,
  CpuStats,
  CpuTimes,
  DiskIoCounters,
  DiskPartition,
  DiskUsage,
  NetConnection,
  NetIfAddr,
  NetIfStats,
  NetIoCounters,
  ProcessConnection,
  ProcessCpuTimes,
  ProcessCtxSwitches,
  ProcessIds,
  ProcessIoCounters,
  ProcessIonice,
  ProcessMemoryFullInfo,
  ProcessMemoryInfo,
  ProcessMemoryMap,
  ProcessOpenFile,
  ProcessThread,
  Rlimit,
  SensorBattery,
  SensorFan,
  SensorTemperature,
  SwapMemory,
  User,
  VirtualMemory,
  WindowsService,
} from "../types.ts";

/** The OS side of one process: raw answers, no identity checks. */
export interface ProcessBackend {
  /** The pid this handle reads. */
  readonly pid: number;
  /** The process's name once the facade knows it: the backend puts it in the errors it throws. */
  knownName: string | null;
  /** Turns the raw-source cache on (`oneshot`). */
  oneshotEnter(): void;
  /** Turns the cache off and drops what it holds. */
  oneshotExit(): void;
  /** Under oneshot: reads up front what `attrs` need, where that saves reads (optional). */
  prefetch?(attrs: readonly string[]): void;
  /** The kernel's process name. */
  name(): string;
  /** The executable's path, `""` when there is none (kernel threads). */
  exe(): string;
  /** The command line, split into arguments. */
  cmdline(): string[];
  /** The environment. */
  environ(): Record<string, string>;
  /** The parent pid. */
  ppid(): number;
  /** A `STATUS_*` constant. */
  status(): string;
  /** Creation time, seconds since the epoch. */
  createTime(): number;
  /** The working directory. */
  cwd(): string;
  /** Real, effective and saved user ids (POSIX). */
  uids?(): ProcessIds;
  /** Real, effective and saved group ids (POSIX). */
  gids?(): ProcessIds;
  /** The name of the real user. */
  username(): string;
  /** The controlling terminal's path, `null` when none (POSIX). */
  terminal?(): string | null;
  /** The nice value. */
  nice(): number;
  /** Sets the nice value. */
  setNice(value: number): void;
  /** The I/O priority (Linux, Windows). */
  ionice?(): ProcessIonice;
  /** Sets the I/O priority, as {@link Backend.checkIonice} returned it (Linux, Windows). */
  setIonice?(ioclass: number, value: number): void;
  /** A resource limit; with `set`, replaces it and returns the old one (Linux, FreeBSD). */
  rlimit?(resource: number, set?: Rlimit): Rlimit;
  /** The cgroup and the container limits that apply (Linux). */
  cgroup?(): CgroupInfo;
  /** I/O counters (not on macOS). */
  ioCounters?(): ProcessIoCounters;
  /** Context switches. */
  numCtxSwitches(): ProcessCtxSwitches;
  /** Open file descriptors (POSIX). */
  numFds?(): number;
  /** Threads. */
  numThreads(): number;
  /** Each thread's id and CPU times. */
  threads(): ProcessThread[];
  /** Memory counters. */
  memoryInfo(): ProcessMemoryInfo;
  /** Memory counters plus uss (and pss, swap where known). */
  memoryFullInfo(): ProcessMemoryFullInfo;
  /** Every memory mapping, ungrouped (not on macOS). */
  memoryMaps?(): ProcessMemoryMap[];
  /** CPU times. */
  cpuTimes(): ProcessCpuTimes;
  /** The CPUs the process may run on (Linux, Windows, FreeBSD). */
  cpuAffinity?(): number[];
  /** Restricts the process to `cpus` (Linux, Windows, FreeBSD). */
  setCpuAffinity?(cpus: readonly number[]): void;
  /** The CPU the process last ran on (Linux, FreeBSD). */
  cpuNum?(): number;
  /** Regular files open. */
  openFiles(): ProcessOpenFile[];
  /** Sockets of a valid `kind`. */
  connections(kind: string): ProcessConnection[];
  /**
   * Runs `act` only while `pid` is known to belong to the process created at
   * `createTime` (`null`: unknown, the pid alone identifies it); throws
   * `NoSuchProcess` when it is gone or its pid now belongs to another
   * process. Signals and setters run inside it. On Linux a pidfd pins the
   * process before the check, and `sendSignal` inside `act` goes through it,
   * so a pid reused between the check and the signal does not receive it.
   */
  guard<T>(createTime: number | null, act: () => T): T;
  /** Sends signal `sig` (inside {@link ProcessBackend.guard}). */
  sendSignal(sig: number): void;
  /**
   * For a child of this process: its exit code (minus the signal number)
   * once exited, `undefined` while running; `null` when not a waitable child.
   */
  childExitCode(): number | null | undefined;
  /**
   * Something that tells, without waiting, whether the process has exited
   * (a pidfd on Linux, a process handle on Windows, a kqueue on the BSDs);
   * `null` when the OS offers none for it: `wait` then polls the process.
   */
  watchExit(): ExitWatch | null;
  /** Open handles (Windows only; absent elsewhere). */
  numHandles?(): number;
}

/** See {@link ProcessBackend.watchExit}. */
export interface ExitWatch {
  /** Whether the process has exited (it may still be a zombie). */
  exited(): boolean;
  /** Releases the descriptor or handle. */
  close(): void;
}

/** An open monitor: repeated snapshots of every process (see `Monitor`). */
export interface MonitorBackend {
  /** Every process now, one record of the chosen attributes each, sorted by pid. */
  sample(): Record<string, unknown>[];
  /** How many descriptors the monitor holds. */
  readonly openDescriptors: number;
  /** Closes every descriptor. */
  close(): void;
}

/** The OS side of the whole library. */
export interface Backend {
  /** The OS name this backend serves. */
  readonly os: string;
  /** Logical CPUs, `null` when unknown. */
  cpuCountLogical(): number | null;
  /** Physical cores, `null` when unknown. */
  cpuCountPhysical(): number | null;
  /** System-wide CPU times. */
  cpuTimes(): CpuTimes;
  /** CPU times of each logical CPU. */
  perCpuTimes(): CpuTimes[];
  /** Context switches and interrupts since boot. */
  cpuStats(): CpuStats;
  /** Per-CPU frequencies; empty when unknown. */
  cpuFreq(): CpuFreq[];
  /** Boot time, seconds since the epoch. */
  bootTime(): number;
  /** Physical memory. */
  virtualMemory(): VirtualMemory;
  /** Swap. */
  swapMemory(): SwapMemory;
  /** 1, 5 and 15 minute load averages. */
  getloadavg(): [number, number, number];
  /** Mounted file systems; `all: false` keeps physical devices only. */
  diskPartitions(all: boolean): DiskPartition[];
  /** Usage of the file system holding `path`. */
  diskUsage(path: string): DiskUsage;
  /**
   * Usage asked without blocking this thread: `null` when the file system
   * has not answered within `ms` milliseconds (optional: without it the
   * facade asks {@link Backend.diskUsage}).
   */
  diskUsageAsync?(path: string, ms: number): Promise<DiskUsage | null>;
  /** I/O counters per disk; `forTotals` leaves out what must not be summed (partitions). */
  diskIoCounters(forTotals: boolean): Map<string, DiskIoCounters>;
  /** I/O counters per network interface. */
  netIoCounters(): Map<string, NetIoCounters>;
  /** Sockets of a valid `kind` (see `CONNECTION_KINDS`); with `pid`, that process's only. */
  netConnections(kind: string, pid?: number): NetConnection[];
  /** Addresses per interface. */
  netIfAddrs(): Map<string, NetIfAddr[]>;
  /** Stats per interface. */
  netIfStats(): Map<string, NetIfStats>;
  /** Temperatures in degrees Celsius per device (not on Windows). */
  sensorsTemperatures?(): Map<string, SensorTemperature[]>;
  /** Fan speeds per device (not on Windows). */
  sensorsFans?(): Map<string, SensorFan[]>;
  /** The battery, `null` when there is none. */
  sensorsBattery(): SensorBattery | null;
  /** Users logged in now. */
  users(): User[];
  /** This process's pid, where the OS may number it otherwise than the runtime says (optional). */
  selfPid?(): number;
  /** Every pid, sorted. */
  pids(): number[];
  /** Whether `pid` is a running process (not a thread id). */
  pidExists(pid: number): boolean;
  /** The parent of every process: pid -> ppid. */
  ppidMap(): Map<number, number>;
  /** A nice value for `Process.nice(value)`, checked as this OS takes it; `TypeError` / `RangeError` otherwise. */
  checkNice(value: unknown): number;
  /**
   * An I/O priority for `Process.ionice(ioclass, value)`, checked as this OS
   * takes it, as the `[ioclass, value]` that `setIonice` gets.
   */
  checkIonice(ioclass: unknown, value: unknown): [number, number];
  /** Every Windows service (Windows only). */
  winServiceIter?(): WindowsService[];
  /** One Windows service by name (Windows only); `NoSuchProcess` when there is none. */
  winServiceGet?(name: string): WindowsService;
  /** The attributes {@link Backend.openMonitor} answers; empty where the OS has no monitor mode. */
  readonly monitorAttrs: readonly string[];
  /** Opens a monitor, where the OS has a fast one. */
  openMonitor?(attrs: readonly string[], maxOpen: number): MonitorBackend;
  /** A handle on `pid`; opening one does not check that it exists. */
  process(pid: number): ProcessBackend;
  /**
   * Before a `processIter` pass over `pids` asking for `attrs`: starts reading
   * ahead where the OS can do that in parallel; `end` when the pass is over.
   * `null` when it does not (optional).
   */
  beginProcessBatch?(pids: number[], attrs: readonly string[]): { end(): void } | null;
}
