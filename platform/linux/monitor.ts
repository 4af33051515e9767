/**
 * The monitor mode for tools that refresh often (a `top`): each process's
 * `stat` stays open and is re-read with `pread(2)`, so one refresh costs one
 * system call per process instead of an open, a read and a close per file
 * (`stat` answers name, ppid, status, CPU times, start time, rss and vms). A pid that is reused shows up as a new start time in the
 * same read; descriptors of processes that exit are closed; at most
 * `maxOpen` descriptors are held, the processes beyond that read the usual way.
 *
 * @module
 */
import { cString } from "../../ffi/mod.ts";
import { libc } from "../../ffi/posix/libc.ts";
import { STATUS_ZOMBIE } from "../../constants.ts";
import { clockTicks, pageSize } from "../posix/sysconf.ts";
import { uidToName } from "../posix/users.ts";
import type { MonitorBackend } from "../backend.ts";
import { bootTime } from "./cpu.ts";
import { getProcfsPath, numericEntries, readProc, readProcWhole } from "./procfs.ts";
import { parseCmdline, type ParsedStat, parseStat, parseStatBytes, PROC_STATUSES, StatusView } from "./parsers.ts";

const O_RDONLY = 0;
const O_CLOEXEC = 0o2000000;

/** What the monitor keeps of one process between refreshes. */
interface Tracked {
  statFd: number;
  starttime: number;
  cmdline: string[] | null;
  uid: number | null;
  /** The user name of `uid`, looked up once. */
  username: string | null | undefined;
  /** The kernel's name the full name below was made from, and that name. */
  comm: string;
  name: string;
  /** user + system seconds and the wall time of the last refresh, for cpuPercent. */
  cpu: number;
  wall: number;
}

/** A full listing of /proc at least this often, in refreshes. */
const LIST_EVERY = 5;

/** The last pid the kernel handed out in this namespace (the last field of /proc/loadavg), or `null`. */
function lastPidCreated(): number | null {
  try {
    const t = readProcWhole("loadavg");
    const n = Number(t.slice(t.lastIndexOf(" ") + 1));
    return Number.isInteger(n) ? n : null;
  } catch {
    return null;
  }
}

/** The name as `Process.name()` gives it: the kernel's 15 characters, completed from argv[0]. */
/** A parsed `stat`, or `null` for a malformed one: that process is left out of the sample, as if gone. */
function statOrNull(text: string): ParsedStat | null {
  try {
    return parseStat(text);
  } catch {
    return null;
  }
}

function fullName(name: string, cmdline: string[] | null): string {
  if (name.length < 15 || !cmdline?.[0]) return name;
  const base = cmdline[0].slice(cmdline[0].lastIndexOf("/") + 1);
  return base.startsWith(name) ? base : name;
}

/** The attributes the monitor answers: all of them. */
export { MONITOR_ATTRS } from "../../attrs.ts";

/** Opens the Linux monitor for `attrs` (checked by the caller), holding at most `maxOpen` descriptors. */
export function openMonitor(attrs: readonly string[], maxOpen: number): MonitorBackend {
  const want = new Set(attrs);
  const needStatus = want.has("username");
  const tracked = new Map<number, Tracked>();
  let open = 0;
  let buf = new Uint8Array(4096);
  const hz = clockTicks();
  const page = pageSize();
  const boot = bootTime();
  let total = 0;
  let known: number[] | null = null;
  let knownLastPid: number | null = null;
  let sinceListing = 0;

  const openFile = (pid: number, name: string): number =>
    libc.symbols.open(cString(`${getProcfsPath()}/${pid}/${name}`), O_RDONLY | O_CLOEXEC);

  /** Re-reads an open `stat` from its start and parses it; `null` when the process is gone or it is malformed. */
  const pread = (fd: number): ParsedStat | null => {
    for (;;) {
      const n = Number(libc.symbols.pread(fd, buf, BigInt(buf.length), 0n));
      if (n < 0) return null;
      if (n < buf.length) {
        try {
          return parseStatBytes(buf, n);
        } catch {
          return null;
        }
      }
      buf = new Uint8Array(buf.length * 2);
    }
  };

  const forget = (pid: number, t: Tracked) => {
    if (t.statFd >= 0) {
      libc.symbols.close(t.statFd);
      open--;
    }
    tracked.delete(pid);
  };

  const firstSight = (pid: number): Tracked => {
    const t: Tracked = {
      statFd: -1,
      starttime: -1,
      cmdline: null,
      uid: null,
      username: undefined,
      comm: "",
      name: "",
      cpu: 0,
      wall: 0,
    };
    if (open < maxOpen) {
      t.statFd = openFile(pid, "stat");
      if (t.statFd >= 0) open++;
    }
    return t;
  };

  /** Drops what is known of `pid` and starts over with fresh files. */
  const reopen = (pid: number, old: Tracked): Tracked => {
    forget(pid, old);
    const t = firstSight(pid);
    tracked.set(pid, t);
    return t;
  };

  /** `undefined`: the process is gone; `null`: its `stat` is malformed (it is left out, as if gone). */
  const readStat = (pid: number, t: Tracked): ParsedStat | null | undefined => {
    if (t.statFd >= 0) return pread(t.statFd) ?? undefined;
    let text: string;
    try {
      text = readProc(`${pid}/stat`);
    } catch {
      return undefined;
    }
    return statOrNull(text);
  };

  return {
    sample(): Record<string, unknown>[] {
      if (want.has("memoryPercent") && total === 0) {
        const m = /^MemTotal:\s+(\d+)/m.exec(readProc("meminfo"));
        total = m ? Number(m[1]) * 1024 : 0;
      }
      const now = performance.now() / 1000;
      // Listing /proc walks every task in the kernel. The last pid handed out
      // (the end of /proc/loadavg) tells whether any process or thread was
      // created since the last refresh; if none was, the known pids are the
      // list (exits show up as failed reads). A full listing still runs at
      // least every LIST_EVERY refreshes.
      const lastPid = lastPidCreated();
      let pids: number[];
      if (known !== null && lastPid !== null && lastPid === knownLastPid && sinceListing < LIST_EVERY) {
        pids = known;
        sinceListing++;
      } else {
        pids = numericEntries(getProcfsPath()).sort((a, b) => a - b);
        sinceListing = 0;
      }
      knownLastPid = lastPid;
      // Known pids that failed a read were forgotten then; a fresh listing also tells which left unseen.
      if (pids !== known) {
        const alive = new Set(pids);
        for (const [pid, t] of tracked) if (!alive.has(pid)) forget(pid, t);
      }
      const out: Record<string, unknown>[] = [];
      const stillAlive: number[] = [];
      for (const pid of pids) {
        let t = tracked.get(pid);
        if (!t) {
          t = firstSight(pid);
          tracked.set(pid, t);
        }
        let st = readStat(pid, t);
        if (st === undefined && t.statFd >= 0) {
          // The process behind the open file ended (or its stat was malformed); its
          // pid may already be another process's: look again with a fresh file.
          t = reopen(pid, t);
          st = readStat(pid, t);
        }
        if (st && t.starttime !== -1 && st.starttime !== t.starttime) {
          // The pid was reused: a new process, with its own files.
          t = reopen(pid, t);
          st = readStat(pid, t);
        }
        if (!st) {
          forget(pid, t);
          continue;
        }
        const fresh = t.starttime === -1;
        t.starttime = st.starttime;
        const zombie = st.state === "Z";
        if (fresh && needStatus) {
          try {
            const uid = new StatusView(readProcWhole(`${pid}/status`)).get("Uid");
            t.uid = uid === undefined ? null : Number(uid.split(/\s+/)[0]);
          } catch { /* gone or hidden: null */ }
        }
        // The command line is read once: for cmdline, and to complete a name the kernel cut at 15 characters.
        if (fresh && (want.has("cmdline") || (want.has("name") && st.name.length >= 15)) && !zombie) {
          try {
            t.cmdline = parseCmdline(readProc(`${pid}/cmdline`));
          } catch { /* gone or hidden: null */ }
        }
        const user = st.utime / hz, system = st.stime / hz;
        const rec: Record<string, unknown> = {};
        for (const a of attrs) {
          switch (a) {
            case "pid":
              rec.pid = pid;
              break;
            case "name":
              if (st.name !== t.comm || t.name === "") {
                t.comm = st.name;
                t.name = fullName(st.name, t.cmdline);
              }
              rec.name = t.name;
              break;
            case "ppid":
              rec.ppid = st.ppid;
              break;
            case "status":
              rec.status = zombie ? STATUS_ZOMBIE : PROC_STATUSES[st.state] ?? "?";
              break;
            case "cpuTimes":
              rec.cpuTimes = {
                user,
                system,
                childrenUser: st.cutime / hz,
                childrenSystem: st.cstime / hz,
                iowait: st.blkioTicks / hz,
              };
              break;
            case "cpuPercent": {
              const dt = now - t.wall;
              rec.cpuPercent = fresh || dt <= 0 ? 0 : Math.round((user + system - t.cpu) / dt * 1000) / 10;
              break;
            }
            case "memoryInfo":
              rec.memoryInfo = { rss: st.rss * page, vms: st.vsize };
              break;
            case "memoryPercent":
              rec.memoryPercent = total ? st.rss * page / total * 100 : null;
              break;
            case "username":
              rec.username = t.username ??= t.uid === null ? null : uidToName(t.uid);
              break;
            case "createTime":
              rec.createTime = st.starttime / hz + boot;
              break;
            case "cmdline":
              rec.cmdline = t.cmdline;
              break;
            case "nice":
              rec.nice = st.nice;
              break;
            case "numThreads":
              rec.numThreads = st.numThreads;
              break;
            case "cpuNum":
              rec.cpuNum = st.processor;
              break;
          }
        }
        t.cpu = user + system;
        t.wall = now;
        out.push(rec);
        stillAlive.push(pid);
      }
      known = stillAlive;
      return out;
    },
    get openDescriptors(): number {
      return open;
    },
    close(): void {
      for (const [pid, t] of tracked) forget(pid, t);
    },
  };
}
