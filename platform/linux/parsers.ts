/**
 * The pure parsers of `/proc/PID/*` files: `stat`, `status`, `statm`, `io`,
 * `cmdline`, `environ`, `smaps`, and the cleaning of link targets. They
 * read text and return values or throw a malformed-file `OsError`; nothing
 * here opens a file (but `cleanLink`'s existence check), so the
 * parallel-read worker imports this file without the backend.
 *
 * @module
 */
import type { ProcessIds, ProcessIoCounters, ProcessMemoryInfo, ProcessMemoryMap } from "../../types.ts";
import { exists, malformed } from "./procfs.ts";

/** The fields of `/proc/PID/stat` the library uses (see proc(5)). */
export interface ParsedStat {
  name: string;
  state: string;
  ppid: number;
  ttyNr: number;
  /** The kernel's `PF_*` flags. */
  flags: number;
  utime: number;
  stime: number;
  cutime: number;
  cstime: number;
  nice: number;
  numThreads: number;
  starttime: number;
  vsize: number;
  rss: number;
  processor: number;
  blkioTicks: number;
}

/** The fields after the name that `parseStat` needs: through `delayacct_blkio_ticks` (Linux 2.6.18+). */
const STAT_FIELDS = 40;

/** A decimal integer field of `stat`, or `NaN` when it is not one. */
function statInt(s: string | undefined): number {
  if (s === undefined || s === "" || !/^-?\d+$/.test(s)) return NaN;
  return Number(s);
}

/**
 * Parses `/proc/PID/stat`. The name sits between the first `(` and the
 * *last* `)`: it may itself hold parentheses, spaces and newlines. A line
 * that is empty, truncated (no `)`, fewer than 40 fields after it) or holds
 * a non-numeric field throws {@link OsError} `EINVAL` naming `path`, never a
 * partial record.
 */
export function parseStat(text: string, path = "stat"): ParsedStat {
  const open = text.indexOf("(");
  const close = text.lastIndexOf(")");
  if (open < 0 || close < open) throw malformed(path, text === "" ? "empty" : "no name in parentheses");
  const f = text.slice(close + 2).trimEnd().split(" ");
  if (f.length < STAT_FIELDS) throw malformed(path, `${f.length} fields after the name, ${STAT_FIELDS} expected`);
  if (f[0].length !== 1) throw malformed(path, `state ${JSON.stringify(f[0].slice(0, 8))}`);
  const st: ParsedStat = {
    name: text.slice(open + 1, close),
    state: f[0],
    ppid: statInt(f[1]),
    ttyNr: statInt(f[4]),
    flags: statInt(f[6]),
    utime: statInt(f[11]),
    stime: statInt(f[12]),
    cutime: statInt(f[13]),
    cstime: statInt(f[14]),
    nice: statInt(f[16]),
    numThreads: statInt(f[17]),
    starttime: statInt(f[19]),
    vsize: statInt(f[20]),
    rss: statInt(f[21]),
    processor: statInt(f[36]),
    blkioTicks: statInt(f[39]),
  };
  for (const [k, v] of Object.entries(st)) {
    if (typeof v === "number" && Number.isNaN(v)) throw malformed(path, `${k} is not a number`);
  }
  return st;
}

const statDecoder = new TextDecoder();
/** The fields after the name, through the last one `parseStat` needs, as numbers (`NaN`: not a number). */
const statVals = new Float64Array(STAT_FIELDS);
/** Which of those fields `ParsedStat` holds (the others are only counted). */
const STAT_NEEDED: readonly boolean[] = Array.from(
  { length: STAT_FIELDS },
  (_, i) => [1, 4, 6, 11, 12, 13, 14, 16, 17, 19, 20, 21, 36, 39].includes(i),
);
/** Names met before: a refresh makes no string per process. */
const statNames: InternedTexts = new Map();

/** The decimal number of ASCII digits `b[start..end)`, rounded as `Number()` rounds it. */
export function asciiNumber(b: Uint8Array, start: number, end: number): number {
  return Number(statDecoder.decode(b.subarray(start, end)));
}

/** Texts met before, by an FNV-1a hash of their bytes (checked byte for byte on a hit). */
export type InternedTexts = Map<number, { bytes: Uint8Array; text: string }>;

/**
 * `b[start..end)` decoded as UTF-8, the same string as the last time those
 * bytes were seen (kept in `cache`, at most 4096 of them): parsers that meet
 * the same names at every read make no string for them.
 */
export function internedText(cache: InternedTexts, b: Uint8Array, start: number, end: number): string {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i], 0x01000193);
  const hit = cache.get(h);
  if (hit !== undefined && hit.bytes.length === end - start && startsWithBytes(b, start, hit.bytes)) return hit.text;
  const text = statDecoder.decode(b.subarray(start, end));
  if (cache.size > 4096) cache.clear();
  cache.set(h, { bytes: b.slice(start, end), text });
  return text;
}

/** Whether `b` holds the bytes of `word` at `at`. */
export function startsWithBytes(b: Uint8Array, at: number, word: Uint8Array): boolean {
  for (let k = 0; k < word.length; k++) if (b[at + k] !== word[k]) return false;
  return true;
}

/**
 * {@link parseStat} on the bytes `b[0..n)` of a `stat` read, with no
 * string made (names seen before are reused): the fields are read number by
 * number. Anything unusual after the name (a blank other than one space,
 * a field that is not a number where one is needed, non-ASCII bytes)
 * goes to {@link parseStat} on the decoded text, which gives the same
 * record or the same error.
 */
export function parseStatBytes(b: Uint8Array, n: number, path = "stat"): ParsedStat {
  const open = b.indexOf(40);
  const close = b.lastIndexOf(41, n - 1);
  if (open < 0 || open >= n || close < open) return slowStat(b, n, path);
  let end = n;
  while (end > close && (b[end - 1] === 10 || b[end - 1] === 32 || b[end - 1] === 9 || b[end - 1] === 13)) end--;
  let p = close + 2;
  const state = b[p];
  if (b[close + 1] !== 32 || p >= end || state >= 0x80 || state === 32 || (p + 1 < end && b[p + 1] !== 32)) {
    return slowStat(b, n, path);
  }
  p += 2;
  const v = statVals;
  let field = 1;
  for (; field < STAT_FIELDS && p <= end; field++, p++) {
    const start = p;
    let neg = false, x = 0;
    if (b[p] === 45) (neg = true), p++;
    const digitsAt = p;
    for (let c = b[p]; p < end && c >= 48 && c <= 57; c = b[++p]) x = x * 10 + c - 48;
    if (p < end && b[p] !== 32) {
      // Not a number: fine for a field parseStat does not read, as long as it is plain ASCII.
      while (p < end && b[p] !== 32) if (b[p++] >= 0x80) return slowStat(b, n, path);
      x = NaN;
    } else if (p === digitsAt) {
      if (p === start) return slowStat(b, n, path); // an empty field
      x = NaN; // a lone "-"
    } else if (p - digitsAt > 15 && STAT_NEEDED[field]) x = asciiNumber(b, digitsAt, p); // rounded as Number() rounds it
    v[field] = neg ? -x : x;
  }
  if (field < STAT_FIELDS) return slowStat(b, n, path); // too few fields: parseStat says how many
  const st: ParsedStat = {
    name: internedText(statNames, b, open + 1, close),
    state: String.fromCharCode(state),
    ppid: v[1],
    ttyNr: v[4],
    flags: v[6],
    utime: v[11],
    stime: v[12],
    cutime: v[13],
    cstime: v[14],
    nice: v[16],
    numThreads: v[17],
    starttime: v[19],
    vsize: v[20],
    rss: v[21],
    processor: v[36],
    blkioTicks: v[39],
  };
  // A needed field that is not a number: parseStat names it in its error.
  if (
    Number.isNaN(
      st.ppid + st.ttyNr + st.flags + st.utime + st.stime + st.cutime + st.cstime + st.nice +
        st.numThreads + st.starttime + st.vsize + st.rss + st.processor + st.blkioTicks,
    )
  ) return slowStat(b, n, path);
  return st;
}

function slowStat(b: Uint8Array, n: number, path: string): ParsedStat {
  return parseStat(statDecoder.decode(b.subarray(0, n)), path);
}

/**
 * Splits `/proc/PID/cmdline`. Arguments are NUL-terminated; a process that
 * rewrote its title (setproctitle) may leave one space-separated string
 * instead, which is split on spaces as psutil does.
 */
export function parseCmdline(data: string): string[] {
  if (data === "") return [];
  if (data.endsWith("\0")) data = data.slice(0, -1);
  const args = data.split("\0");
  if (args.length === 1 && args[0].includes(" ")) return args[0].split(" ").filter((s) => s !== "");
  return args;
}

/**
 * `/proc/PID/status` looked up by key without splitting every line: a
 * process table needs one or two of its fifty-odd fields.
 */
export class StatusView {
  #text: string;
  constructor(text: string) {
    this.#text = text;
  }
  /** The trimmed value of `key`, or `undefined` when the kernel does not write it. */
  get(key: string): string | undefined {
    const t = this.#text;
    const needle = `${key}:`;
    let i = t.startsWith(needle) ? 0 : t.indexOf(`\n${needle}`);
    if (i < 0) return undefined;
    if (i > 0) i++;
    const end = t.indexOf("\n", i);
    return t.slice(i + needle.length, end < 0 ? t.length : end).trim();
  }
}

/** A decimal field (digits only), or `NaN`. */
export function decimal(s: string): number {
  return /^\d+$/.test(s) ? Number(s) : NaN;
}

/** Parses `/proc/PID/statm`: seven page counts; anything else is a malformed-file `OsError`. */
export function parseStatm(text: string, path = "statm"): number[] {
  const f = text.trim().split(" ").map(decimal);
  if (f.length < 7 || f.some(Number.isNaN)) throw malformed(path, "not seven page counts");
  return f;
}

/** The real, effective and saved ids of a `Uid:` / `Gid:` status value. */
export function parseIds(value: string | undefined, path = "status", key = "Uid"): ProcessIds {
  if (value === undefined) throw malformed(path, `no ${key} line`);
  const [real, effective, saved] = value.split(/\s+/).map(decimal);
  if (Number.isNaN(real + effective + saved)) throw malformed(path, `${key}: ${JSON.stringify(value.slice(0, 40))}`);
  return { real, effective, saved };
}

/** Parses `/proc/PID/io`; a missing or non-numeric counter is a malformed-file `OsError`. */
export function parseIo(text: string, path = "io"): ProcessIoCounters {
  const m = new Map<string, number>();
  for (const line of text.split("\n")) {
    const i = line.indexOf(":");
    if (i > 0) m.set(line.slice(0, i), decimal(line.slice(i + 1).trim()));
  }
  const get = (k: string) => {
    const v = m.get(k);
    if (v === undefined || Number.isNaN(v)) throw malformed(path, `no ${k} counter`);
    return v;
  };
  return {
    readCount: get("syscr"),
    writeCount: get("syscw"),
    readBytes: get("read_bytes"),
    writeBytes: get("write_bytes"),
    readChars: get("rchar"),
    writeChars: get("wchar"),
  };
}

/** `PF_KTHREAD` (include/linux/sched.h): the task is a kernel thread. */
export const PF_KTHREAD = 0x00200000;

/**
 * `memoryInfo` from `status` lines (kB), which the kernel fills from the same
 * counters as `statm`: VmSize, VmRSS, RssFile + RssShmem, VmExe, VmData +
 * VmStk. `null` when they are missing (kernel threads, zombies, old kernels).
 */
export function memoryFromStatus(st: StatusView): ProcessMemoryInfo | null {
  const kb = (k: string) => {
    const v = st.get(k);
    return v === undefined ? NaN : parseInt(v, 10) * 1024;
  };
  const m = {
    rss: kb("VmRSS"),
    vms: kb("VmSize"),
    shared: kb("RssFile") + kb("RssShmem"),
    text: kb("VmExe"),
    lib: 0,
    data: kb("VmData") + kb("VmStk"),
    dirty: 0,
  };
  return Object.values(m).every(Number.isFinite) ? m : null;
}

/** Linux `stat` state letters to psutil's `STATUS_*` values. */
export const PROC_STATUSES: Readonly<Record<string, string>> = {
  R: "running",
  S: "sleeping",
  D: "disk-sleep",
  T: "stopped",
  t: "tracing-stop",
  Z: "zombie",
  X: "dead",
  x: "dead",
  K: "wake-kill",
  W: "waking",
  I: "idle",
  P: "parked",
};

/**
 * A `/proc/PID/{exe,cwd}` link target as psutil gives it: cut at a NUL byte,
 * and without the ` (deleted)` the kernel appends to a removed file or
 * directory (unless a file really has that name).
 */
export function cleanLink(path: string): string {
  const nul = path.indexOf("\0");
  if (nul >= 0) path = path.slice(0, nul);
  return path.endsWith(" (deleted)") && !exists(path) ? path.slice(0, -10) : path;
}

/**
 * Splits `/proc/PID/environ` (`KEY=value` entries, each NUL-terminated;
 * invalid UTF-8 already U+FFFD) by psutil's rules: it ends at the first
 * empty entry (a process that rewrote its environment area may leave
 * garbage after `\0\0`), a last entry with no terminating NUL is dropped
 * (cut off), and an entry without `=` is skipped.
 */
export function parseEnviron(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let pos = 0;;) {
    const end = data.indexOf("\0", pos);
    if (end <= pos) break; // no NUL left, or an empty entry
    const eq = data.indexOf("=", pos);
    if (eq > pos && eq < end) out[data.slice(pos, eq)] = data.slice(eq + 1, end);
    pos = end + 1;
  }
  return out;
}

/** psutil's `file_flags_to_mode`: `open()` flags as `"r"`, `"w"`, `"a"`, `"r+"` or `"a+"`. */
export function fileFlagsToMode(flags: number): string {
  const O_WRONLY = 0o1, O_RDWR = 0o2, O_APPEND = 0o2000;
  const acc = flags & 3;
  let mode = acc === O_WRONLY ? "w" : acc === O_RDWR ? "w+" : "r";
  if (flags & O_APPEND) mode = mode.replace("w", "a");
  return mode.replace("w+", "r+");
}

/** uss (all `Private_*` lines), pss and swap of `smaps_rollup` or `smaps`, in bytes. */
export function parseSmapsTotals(text: string): { uss: number; pss: number; swap: number } {
  let uss = 0, pss = 0, swap = 0;
  for (const line of text.split("\n")) {
    const m = /^(Private_\w+|Pss|Swap):\s+(\d+)/.exec(line);
    if (!m) continue;
    const bytes = Number(m[2]) * 1024;
    if (m[1] === "Pss") pss += bytes;
    else if (m[1] === "Swap") swap += bytes;
    else uss += bytes;
  }
  return { uss, pss, swap };
}

const SMAPS_FIELDS: ReadonlyArray<readonly [string, keyof ProcessMemoryMap]> = [
  ["Rss", "rss"],
  ["Size", "size"],
  ["Pss", "pss"],
  ["Shared_Clean", "sharedClean"],
  ["Shared_Dirty", "sharedDirty"],
  ["Private_Clean", "privateClean"],
  ["Private_Dirty", "privateDirty"],
  ["Referenced", "referenced"],
  ["Anonymous", "anonymous"],
  ["Swap", "swap"],
];

/**
 * Parses `/proc/PID/smaps` into one entry per mapping (psutil's ungrouped
 * form): address range, permissions, path (`[anon]` when none, a deleted
 * file's path without ` (deleted)`) and the sizes in bytes.
 */
export function parseSmaps(text: string): ProcessMemoryMap[] {
  return parseSmapsBytes(new TextEncoder().encode(text));
}

/** The fields by their name's first byte, each as `[name bytes, key]`. */
const SMAPS_BY_FIRST: Array<Array<readonly [Uint8Array, keyof ProcessMemoryMap]>> = [];
for (const [name, key] of SMAPS_FIELDS) {
  (SMAPS_BY_FIRST[name.charCodeAt(0)] ??= []).push([new TextEncoder().encode(`${name}:`), key]);
}
const smapsDecoder = new TextDecoder();

/**
 * {@link parseSmaps} on the file's bytes: one pass, a string only for each
 * mapping's address, permissions and path, the sizes read digit by digit.
 */
export function parseSmapsBytes(b: Uint8Array): ProcessMemoryMap[] {
  const out: ProcessMemoryMap[] = [];
  let cur: ProcessMemoryMap | null = null;
  const n = b.length;
  for (let i = 0; i < n;) {
    let eol = b.indexOf(10, i);
    if (eol < 0) eol = n;
    const candidates = SMAPS_BY_FIRST[b[i]];
    let field: readonly [Uint8Array, keyof ProcessMemoryMap] | undefined;
    if (candidates) { for (const f of candidates) if (startsWithBytes(b, i, f[0])) field = f; }
    if (field) {
      // "Name:   123 kB" (the name with its colon matched)
      let k = i + field[0].length, v = 0, digits = 0;
      if (b[k] === 32) {
        while (b[k] === 32) k++;
        for (let c = b[k]; c >= 48 && c <= 57; c = b[++k]) (v = v * 10 + c - 48), digits++;
        if (digits > 15) v = asciiNumber(b, k - digits, k);
        if (cur && digits && b[k] === 32 && b[k + 1] === 107 && b[k + 2] === 66) {
          (cur as unknown as Record<string, number>)[field[1]] = v * 1024;
        }
      }
    } else if (eol > i && isHex(b[i])) {
      const map = smapsHead(b, i, eol);
      if (map) out.push(cur = map);
    }
    i = eol + 1;
  }
  return out;
}

function isHex(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 102);
}

function isBlank(c: number): boolean {
  return c === 32 || c === 9;
}

/**
 * A mapping from its head line, `start-end perms offset dev inode [path]`
 * (`[anon]` for no path; a deleted file's path without ` (deleted)` when
 * the file is indeed gone), or `null` when the line is not one.
 */
function smapsHead(b: Uint8Array, i: number, eol: number): ProcessMemoryMap | null {
  let k = i;
  while (k < eol && isHex(b[k])) k++;
  if (k === i || b[k] !== 45) return null;
  const dash = k++;
  while (k < eol && isHex(b[k])) k++;
  if (k === dash + 1) return null;
  const addrEnd = k;
  let permsStart = 0, permsEnd = 0;
  for (let t = 0; t < 4; t++) {
    const blank = k;
    while (k < eol && isBlank(b[k])) k++;
    if (k === blank || k >= eol) return null;
    const start = k;
    while (k < eol && !isBlank(b[k])) k++;
    if (t === 0) [permsStart, permsEnd] = [start, k];
  }
  let path = smapsDecoder.decode(b.subarray(k, eol)).trim();
  if (path === "") path = "[anon]";
  else if (path.endsWith(" (deleted)") && !exists(path)) path = path.slice(0, -10);
  return {
    addr: smapsDecoder.decode(b.subarray(i, addrEnd)),
    perms: smapsDecoder.decode(b.subarray(permsStart, permsEnd)),
    path,
    rss: 0,
    size: 0,
    pss: 0,
    sharedClean: 0,
    sharedDirty: 0,
    privateClean: 0,
    privateDirty: 0,
    referenced: 0,
    anonymous: 0,
    swap: 0,
  };
}
