/**
 * psutil's constants, with psutil's names and values. Values that differ
 * between operating systems (`AF_*`, `RLIMIT_*`) are those of the OS this
 * runs on.
 *
 * @module
 */
import type { AfInet6 } from "./types.ts";
import { currentOs } from "./ffi/runtime.ts";
import { ABI } from "./ffi/abi.ts";

// --- OS booleans -----------------------------------------------------------

/** True on Linux. */
export const LINUX: boolean = currentOs === "linux";
/** True on Windows. */
export const WINDOWS: boolean = currentOs === "windows";
/** True on macOS. */
export const MACOS: boolean = currentOs === "darwin";
/** Alias of {@link MACOS}, as in psutil. */
export const OSX: boolean = MACOS;
/** True on FreeBSD. */
export const FREEBSD: boolean = currentOs === "freebsd";
/** True on OpenBSD. */
export const OPENBSD: boolean = currentOs === "openbsd";
/** True on NetBSD. */
export const NETBSD: boolean = currentOs === "netbsd";
/** True on any BSD. */
export const BSD: boolean = FREEBSD || OPENBSD || NETBSD;
/** True on Solaris / illumos. */
export const SUNOS: boolean = currentOs === "sunos";
/** True on AIX. */
export const AIX: boolean = currentOs === "aix";
/** True on every POSIX system. */
export const POSIX: boolean = !WINDOWS && currentOs !== "unknown";

// --- Process status ----------------------------------------------------------

/** Process status: running. */
export const STATUS_RUNNING = "running";
/** Process status: sleeping. */
export const STATUS_SLEEPING = "sleeping";
/** Process status: uninterruptible sleep. */
export const STATUS_DISK_SLEEP = "disk-sleep";
/** Process status: stopped. */
export const STATUS_STOPPED = "stopped";
/** Process status: stopped by a tracer. */
export const STATUS_TRACING_STOP = "tracing-stop";
/** Process status: zombie. */
export const STATUS_ZOMBIE = "zombie";
/** Process status: dead. */
export const STATUS_DEAD = "dead";
/** Process status: wake-kill (Linux). */
export const STATUS_WAKE_KILL = "wake-kill";
/** Process status: waking (Linux). */
export const STATUS_WAKING = "waking";
/** Process status: idle (Linux, macOS, FreeBSD). */
export const STATUS_IDLE = "idle";
/** Process status: locked (FreeBSD). */
export const STATUS_LOCKED = "locked";
/** Process status: waiting (FreeBSD). */
export const STATUS_WAITING = "waiting";
/** Process status: suspended (NetBSD). */
export const STATUS_SUSPENDED = "suspended";
/** Process status: parked (Linux). */
export const STATUS_PARKED = "parked";

// --- Connection status -------------------------------------------------------

/** TCP state ESTABLISHED. */
export const CONN_ESTABLISHED = "ESTABLISHED";
/** TCP state SYN_SENT. */
export const CONN_SYN_SENT = "SYN_SENT";
/** TCP state SYN_RECV. */
export const CONN_SYN_RECV = "SYN_RECV";
/** TCP state FIN_WAIT1. */
export const CONN_FIN_WAIT1 = "FIN_WAIT1";
/** TCP state FIN_WAIT2. */
export const CONN_FIN_WAIT2 = "FIN_WAIT2";
/** TCP state TIME_WAIT. */
export const CONN_TIME_WAIT = "TIME_WAIT";
/** TCP state CLOSE. */
export const CONN_CLOSE = "CLOSE";
/** TCP state CLOSE_WAIT. */
export const CONN_CLOSE_WAIT = "CLOSE_WAIT";
/** TCP state LAST_ACK. */
export const CONN_LAST_ACK = "LAST_ACK";
/** TCP state LISTEN. */
export const CONN_LISTEN = "LISTEN";
/** TCP state CLOSING. */
export const CONN_CLOSING = "CLOSING";
/** No state: UDP and UNIX sockets. */
export const CONN_NONE = "NONE";
/** TCP state DELETE_TCB (Windows). */
export const CONN_DELETE_TCB = "DELETE_TCB";
/** TCP state IDLE (Solaris). */
export const CONN_IDLE = "IDLE";
/** TCP state BOUND (Solaris). */
export const CONN_BOUND = "BOUND";

// --- NIC duplex, battery ----------------------------------------------------

/** Full duplex. */
export const NIC_DUPLEX_FULL = 2;
/** Half duplex. */
export const NIC_DUPLEX_HALF = 1;
/** Duplex unknown. */
export const NIC_DUPLEX_UNKNOWN = 0;

/** `sensorsBattery().secsleft` when the time left cannot be known. */
export const POWER_TIME_UNKNOWN: number = -1;
/** `sensorsBattery().secsleft` when the power cord is plugged in. */
export const POWER_TIME_UNLIMITED: number = -2;

// --- I/O priority -----------------------------------------------------------

/** Linux I/O class: none (falls back to best effort from the nice value). */
export const IOPRIO_CLASS_NONE = 0;
/** Linux I/O class: real time. */
export const IOPRIO_CLASS_RT = 1;
/** Linux I/O class: best effort. */
export const IOPRIO_CLASS_BE = 2;
/** Linux I/O class: idle. */
export const IOPRIO_CLASS_IDLE = 3;

/** Windows I/O priority: very low. */
export const IOPRIO_VERYLOW = 0;
/** Windows I/O priority: low. */
export const IOPRIO_LOW = 1;
/** Windows I/O priority: normal. */
export const IOPRIO_NORMAL = 2;
/** Windows I/O priority: high. */
export const IOPRIO_HIGH = 3;

// --- Windows priority classes ----------------------------------------------

/** Windows priority class ABOVE_NORMAL. */
export const ABOVE_NORMAL_PRIORITY_CLASS = 0x8000;
/** Windows priority class BELOW_NORMAL. */
export const BELOW_NORMAL_PRIORITY_CLASS = 0x4000;
/** Windows priority class HIGH. */
export const HIGH_PRIORITY_CLASS = 0x80;
/** Windows priority class IDLE. */
export const IDLE_PRIORITY_CLASS = 0x40;
/** Windows priority class NORMAL. */
export const NORMAL_PRIORITY_CLASS = 0x20;
/** Windows priority class REALTIME. */
export const REALTIME_PRIORITY_CLASS = 0x100;

// --- Resource limits ---------------------------------------------------------

/** `rlimit` value meaning "no limit" (psutil/Python use -1 on Linux). */
export const RLIM_INFINITY: number = ABI.RLIM_INFINITY;
/** Address space limit. */
export const RLIMIT_AS: number = ABI.rlimit.AS;
/** Core file size. */
export const RLIMIT_CORE = 4;
/** CPU time in seconds. */
export const RLIMIT_CPU = 0;
/** Data segment size. */
export const RLIMIT_DATA = 2;
/** File size. */
export const RLIMIT_FSIZE = 1;
/** File locks (Linux). */
export const RLIMIT_LOCKS = 10;
/** Locked memory. */
export const RLIMIT_MEMLOCK: number = ABI.rlimit.MEMLOCK;
/** POSIX message queue bytes (Linux). */
export const RLIMIT_MSGQUEUE = 12;
/** Nice ceiling (Linux). */
export const RLIMIT_NICE = 13;
/** Open files. */
export const RLIMIT_NOFILE: number = ABI.rlimit.NOFILE;
/** Processes. */
export const RLIMIT_NPROC: number = ABI.rlimit.NPROC;
/** Resident set size. */
export const RLIMIT_RSS = 5;
/** Real-time priority (Linux). */
export const RLIMIT_RTPRIO = 14;
/** Real-time CPU time (Linux). */
export const RLIMIT_RTTIME = 15;
/** Pending signals (Linux). */
export const RLIMIT_SIGPENDING = 11;
/** Stack size. */
export const RLIMIT_STACK = 3;
/** Socket buffer size (FreeBSD). */
export const RLIMIT_SBSIZE = 9;
/** Swap (FreeBSD). */
export const RLIMIT_SWAP = 12;
/** Pseudo-terminals (FreeBSD). */
export const RLIMIT_NPTS = 11;

// --- Address families and socket types -------------------------------------

/** IPv4. */
export const AF_INET = 2;
/** IPv6 (10 on Linux, 23 on Windows, 30 on macOS, 28 on FreeBSD). */
export const AF_INET6: AfInet6 = ABI.af.INET6 as AfInet6;
/** UNIX domain sockets. */
export const AF_UNIX = 1;
/** The link-layer family of `netIfAddrs` MAC addresses (AF_PACKET on Linux, -1 on Windows). */
export const AF_LINK: number = ABI.af.LINK;
/** Stream sockets. */
export const SOCK_STREAM = 1;
/** Datagram sockets. */
export const SOCK_DGRAM = 2;
/** Sequenced-packet sockets. */
export const SOCK_SEQPACKET = 5;

// --- signals (the current OS's numbers, for Process.sendSignal) ---------------

/** Hangup. */
export const SIGHUP = 1;
/** Interrupt (Ctrl-C). */
export const SIGINT = 2;
/** Kill; cannot be caught. */
export const SIGKILL = 9;
/** Terminate politely. */
export const SIGTERM = 15;
/** User-defined signal 1. */
export const SIGUSR1: number = ABI.sig.USR1;
/** User-defined signal 2. */
export const SIGUSR2: number = ABI.sig.USR2;
/** Stop (suspend); cannot be caught. */
export const SIGSTOP: number = ABI.sig.STOP;
/** Continue a stopped process. */
export const SIGCONT: number = ABI.sig.CONT;
