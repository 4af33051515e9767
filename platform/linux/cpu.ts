/**
 * Linux CPU: `/proc/stat` (times, counters, boot time), the CPU topology in
 * sysfs, `/proc/cpuinfo` as fallback, and `/proc/loadavg`.
 *
 * @module
 */
import type { CpuFreq, CpuStats, CpuTimes } from "../../types.ts";
import { NotImplementedError } from "../../errors.ts";
import { asciiNumber, startsWithBytes } from "./parsers.ts";
import { clockTicks, SC, sysconf } from "../posix/sysconf.ts";
import {
  getProcfsPath,
  getSysfsPath,
  listDir,
  malformed,
  readProc,
  readProcWhole,
  readSysOrNull,
  withFileBytes,
} from "./procfs.ts";

/** What `/proc/stat` says, parsed. Times are in clock ticks. */
export interface ProcStat {
  /** The aggregate `cpu` line's numbers. */
  total: number[];
  /** Each `cpuN` line's numbers, in file order. */
  perCpu: number[][];
  /** `btime`: boot time, seconds since the epoch. */
  btime: number | null;
  /** `ctxt`. */
  ctxt: number | null;
  /** First number of `intr`. */
  intr: number | null;
  /** First number of `softirq`. */
  softirq: number | null;
}

/**
 * Parses `/proc/stat`. Lines it does not know are ignored; a `cpu` line
 * with a field that is not a number is a malformed-file `OsError`, and a
 * `btime`, `ctxt`, `intr` or `softirq` without a number is left `null`.
 */
export function parseProcStat(text: string, path = "/proc/stat"): ProcStat {
  return parseProcStatBytes(new TextEncoder().encode(text), path);
}

const encoder = new TextEncoder();
const CPU = encoder.encode("cpu");
const BTIME = encoder.encode("btime");
const CTXT = encoder.encode("ctxt");
const INTR = encoder.encode("intr");
const SOFTIRQ = encoder.encode("softirq");

/** Whether line `b[i..]` starts with `word` followed by a space. */
function startsWord(b: Uint8Array, i: number, word: Uint8Array): boolean {
  return startsWithBytes(b, i, word) && b[i + word.length] === 32;
}

/**
 * {@link parseProcStat} on the file's bytes, in one pass with no string per
 * line or field: `cpu` lines are read number by number, the first number of
 * the others it knows, and the long `intr` line is skipped past at once.
 */
export function parseProcStatBytes(b: Uint8Array, path = "/proc/stat"): ProcStat {
  const out: ProcStat = { total: [], perCpu: [], btime: null, ctxt: null, intr: null, softirq: null };
  const n = b.length;
  for (let i = 0; i < n;) {
    let eol = b.indexOf(10, i);
    if (eol < 0) eol = n;
    if (startsWithBytes(b, i, CPU)) {
      let k = i + 3, id = -1;
      for (; b[k] >= 48 && b[k] <= 57; k++) id = (id < 0 ? 0 : id * 10) + b[k] - 48;
      if (k < eol && b[k] !== 32) throw malformed(path, `line ${utf8Text(b, i, eol).split(" ")[0]}`);
      const nums: number[] = [];
      while (k < eol) {
        while (k < eol && b[k] === 32) k++;
        if (k >= eol) break;
        let v = 0, digits = 0;
        for (; k < eol && b[k] !== 32; k++) {
          const c = b[k];
          if (c < 48 || c > 57) throw malformed(path, `line ${utf8Text(b, i, eol).split(" ")[0]}`);
          v = v * 10 + c - 48;
          digits++;
        }
        if (digits > 15) v = asciiNumber(b, k - digits, k); // rounded as Number() rounds it
        if (digits) nums.push(v);
      }
      if (id < 0) out.total = nums;
      else out.perCpu.push(nums);
    } else if (startsWord(b, i, BTIME)) out.btime = firstNumber(b, i + 6, eol);
    else if (startsWord(b, i, CTXT)) out.ctxt = firstNumber(b, i + 5, eol);
    else if (startsWord(b, i, INTR)) out.intr = firstNumber(b, i + 5, eol);
    else if (startsWord(b, i, SOFTIRQ)) out.softirq = firstNumber(b, i + 8, eol);
    i = eol + 1;
  }
  return out;
}

/** The number after the blanks at `b[i..]`, ending at a space or the line's end; `null` when there is none. */
function firstNumber(b: Uint8Array, i: number, eol: number): number | null {
  while (i < eol && b[i] === 32) i++;
  let v = 0, digits = 0;
  for (; i < eol && b[i] >= 48 && b[i] <= 57; i++, digits++) v = v * 10 + b[i] - 48;
  if (digits > 15) v = asciiNumber(b, i - digits, i);
  return digits && (i === eol || b[i] === 32) ? v : null;
}

const decoder = new TextDecoder();

function utf8Text(b: Uint8Array, start: number, end: number): string {
  return decoder.decode(b.subarray(start, end));
}

/** `/proc/stat` of the procfs root, parsed. */
function procStat(): ProcStat {
  return withFileBytes(`${getProcfsPath()}/stat`, (b) => parseProcStatBytes(b), true);
}

const CPU_FIELDS = [
  "user",
  "nice",
  "system",
  "idle",
  "iowait",
  "irq",
  "softirq",
  "steal",
  "guest",
  "guestNice",
] as const;

/**
 * One `cpu` line's tick counts as {@link CpuTimes} in seconds. Older kernels
 * have fewer columns: as psutil does, the first seven are always present
 * (0 where missing) and `steal`, `guest`, `guestNice` only when the kernel has them.
 */
export function cpuTimesFromTicks(ticks: readonly number[], hz: number): CpuTimes {
  const out: Record<string, number> = {};
  const n = Math.max(7, Math.min(ticks.length, CPU_FIELDS.length));
  for (let i = 0; i < n; i++) out[CPU_FIELDS[i]] = (ticks[i] ?? 0) / hz;
  return out as unknown as CpuTimes;
}

/** System-wide CPU times. */
export function cpuTimes(): CpuTimes {
  return cpuTimesFromTicks(procStat().total, clockTicks());
}

/** Per-CPU times. */
export function perCpuTimes(): CpuTimes[] {
  const hz = clockTicks();
  return procStat().perCpu.map((t) => cpuTimesFromTicks(t, hz));
}

let boot: { root: string; btime: number } | null = null;

/**
 * Boot time from `btime`, read once per procfs root: the kernel keeps it
 * for the life of the system, so every later call, and every process's
 * creation time (hence its identity), uses the same value.
 */
export function bootTime(): number {
  const root = getProcfsPath();
  if (boot?.root === root) return boot.btime;
  const bt = procStat().btime;
  if (bt === null) throw new Error("/proc/stat has no btime line");
  boot = { root, btime: bt };
  return bt;
}

/** Counts `processor` lines of `/proc/cpuinfo`. */
export function countCpuinfoProcessors(text: string): number {
  let n = 0;
  for (const line of text.split("\n")) if (/^processor\s*:/i.test(line)) n++;
  return n;
}

/** Logical CPUs: online CPUs as `sysconf` says, else `/proc/cpuinfo`, else `/proc/stat`. */
export function cpuCountLogical(): number | null {
  const n = sysconf(SC.NPROCESSORS_ONLN);
  if (n > 0) return n;
  try {
    const c = countCpuinfoProcessors(readProc("cpuinfo"));
    if (c > 0) return c;
  } catch { /* fall through */ }
  try {
    const c = procStat().perCpu.length;
    if (c > 0) return c;
  } catch { /* fall through */ }
  return null;
}

/**
 * Physical cores from `/proc/cpuinfo`: distinct `(physical id, core id)`
 * pairs. 0 when the file has neither key.
 */
export function countCpuinfoCores(text: string): number {
  const cores = new Set<string>();
  let physical = "";
  let core = "";
  for (const line of (text + "\n\n").split("\n")) {
    const m = /^(physical id|core id)\s*:\s*(\S+)/.exec(line);
    if (m) {
      if (m[1] === "physical id") physical = m[2];
      else core = m[2];
    } else if (line.trim() === "") {
      if (physical !== "" || core !== "") cores.add(`${physical}/${core}`);
      physical = core = "";
    }
  }
  return cores.size;
}

/**
 * Physical cores: distinct sibling lists in the sysfs topology
 * (`core_cpus_list`, older `thread_siblings_list`), else `/proc/cpuinfo`.
 */
export function cpuCountPhysical(): number | null {
  const siblings = new Set<string>();
  for (const entry of listDir(`${getSysfsPath()}/devices/system/cpu`)) {
    if (!/^cpu\d+$/.test(entry)) continue;
    const s = readSysOrNull(`devices/system/cpu/${entry}/topology/core_cpus_list`) ??
      readSysOrNull(`devices/system/cpu/${entry}/topology/thread_siblings_list`);
    if (s !== null) siblings.add(s.trim());
  }
  if (siblings.size > 0) return siblings.size;
  try {
    const n = countCpuinfoCores(readProc("cpuinfo"));
    if (n > 0) return n;
  } catch { /* unknown */ }
  return null;
}

/** Parses `/proc/loadavg`'s first three numbers. */
export function parseLoadavg(text: string, path = "/proc/loadavg"): [number, number, number] {
  const m = /^(\d+\.\d+) (\d+\.\d+) (\d+\.\d+)(?:\s|$)/.exec(text);
  if (!m) throw malformed(path, JSON.stringify(text.slice(0, 40)));
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

/** The load averages. */
export function getloadavg(): [number, number, number] {
  return parseLoadavg(readProcWhole("loadavg"));
}

/** `cpuStats()` from `/proc/stat`; Linux does not count system calls (0, as psutil). */
export function cpuStats(): CpuStats {
  const st = procStat();
  return { ctxSwitches: st.ctxt ?? 0, interrupts: st.intr ?? 0, softInterrupts: st.softirq ?? 0, syscalls: 0 };
}

/** The `cpu MHz` values of `/proc/cpuinfo`, one per processor, in file order. */
export function parseCpuinfoMhz(text: string): number[] {
  const out: number[] = [];
  for (const line of text.split("\n")) {
    const m = /^cpu mhz\s*:\s*(\d+(?:\.\d+)?)\s*$/i.exec(line);
    if (m) out.push(Number(m[1]));
  }
  return out;
}

const byNumber = (a: string, b: string) => Number(/\d+/.exec(a)![0]) - Number(/\d+/.exec(b)![0]);

/** The cpufreq directories under sysfs: `cpufreq/policyN`, else `cpuN/cpufreq`, in CPU order. */
function cpufreqDirs(): string[] {
  const base = "devices/system/cpu";
  const policies = listDir(`${getSysfsPath()}/${base}/cpufreq`).filter((e) => /^policy\d+$/.test(e)).sort(byNumber);
  if (policies.length) return policies.map((p) => `${base}/cpufreq/${p}`);
  return listDir(`${getSysfsPath()}/${base}`).filter((e) => /^cpu\d+$/.test(e)).sort(byNumber)
    .map((c) => `${base}/${c}/cpufreq`).filter((d) => readSysOrNull(`${d}/scaling_max_freq`) !== null);
}

/**
 * Per-CPU frequencies in MHz, as psutil 5.9: from sysfs cpufreq (the current
 * value from `/proc/cpuinfo` when it lists as many CPUs, since sysfs's is
 * slow to read on some machines), else `/proc/cpuinfo` alone, where min and
 * max are unknown (0). Empty when neither knows.
 */
export function cpuFreq(): CpuFreq[] {
  let cpuinfoError: unknown;
  let mhz: number[] | null = null;
  try {
    mhz = parseCpuinfoMhz(readProc("cpuinfo"));
  } catch (e) {
    cpuinfoError = e;
  }
  const dirs = cpufreqDirs();
  if (dirs.length === 0) {
    // cpuinfo is the only source left: a tree without it cannot answer.
    if (mhz === null) throw cpuinfoError;
    return mhz.map((current) => ({ current, min: 0, max: 0 }));
  }
  const khz = (d: string, f: string) => {
    const t = readSysOrNull(`${d}/${f}`);
    return t === null || !/^\s*\d+\s*$/.test(t) ? null : Number(t) / 1000;
  };
  return dirs.map((d, i) => {
    const current = dirs.length === mhz?.length ? mhz[i] : khz(d, "scaling_cur_freq") ?? khz(d, "cpuinfo_cur_freq");
    if (current === null) throw new NotImplementedError("cpuFreq", "linux (no current frequency file)");
    return { current, min: khz(d, "scaling_min_freq") ?? 0, max: khz(d, "scaling_max_freq") ?? 0 };
  });
}
