/**
 * What every script shares: argument parsing with `--help`, clear errors
 * with a non-zero exit, the terminal's width, and the refresh loop of the
 * live tools (`--interval`, `--iterations`, the terminal restored on
 * Ctrl-C). Uses only `node:process`, which both runtimes carry.
 *
 * @module
 */
import process from "node:process";
import { AccessDenied, NoSuchProcess, NotImplementedError, PsutilError, ZombieProcess } from "../mod.ts";

/** A script's description of its arguments. */
export interface CliSpec {
  /** The script's name, for usage lines. */
  name: string;
  /** One paragraph on what it shows. */
  summary: string;
  /**
   * Positional arguments, for the usage line and the count check: `"PID"`
   * is one that must be given, `"[PID]"` one that may, `"[PATH...]"` any
   * number. Without it the tool takes none.
   */
  args?: string;
  /** Flags that take a value, with their help; `--interval` and `--iterations` for live tools. */
  options?: Record<string, string>;
  /** Flags without a value, with their help. */
  flags?: Record<string, string>;
  /** Whether this is a live tool (adds `--interval` and `--iterations`). */
  live?: boolean;
}

/** Parsed arguments. */
export interface Cli {
  /** Positional arguments. */
  args: string[];
  /** Values of the options given. */
  options: Record<string, string>;
  /** The flags given. */
  flags: Set<string>;
  /** `--interval` in seconds (live tools; default 1). */
  interval: number;
  /** `--iterations` (live tools; default: until Ctrl-C). */
  iterations: number;
}

/** Thrown for a bad argument: printed with the usage, exit status 2. */
export class UsageError extends Error {}

/** The usage text of `spec`. */
export function usage(spec: CliSpec): string {
  const opts = { ...spec.options };
  if (spec.live) {
    opts["--interval"] = "seconds between refreshes (default 1)";
    opts["--iterations"] = "refresh this many times, then exit (default: until Ctrl-C)";
  }
  const rows: Array<[string, string]> = [["-h, --help", "show this help and exit"]];
  for (const [k, v] of Object.entries(opts)) rows.push([`${k} VALUE`, v]);
  for (const [k, v] of Object.entries(spec.flags ?? {})) rows.push([k, v]);
  const col = Math.max(...rows.map(([k]) => k.length));
  const lines = [`usage: ${spec.name} [options]${spec.args ? ` ${spec.args}` : ""}`, "", spec.summary, "", "options:"];
  for (const [k, v] of rows) lines.push(`  ${k.padEnd(col)}  ${v}`);
  return lines.join("\n");
}

/** How many positional arguments `spec.args` allows: `[min, max]`. */
function argCount(spec: CliSpec): [number, number] {
  const words = (spec.args ?? "").split(/\s+/).filter(Boolean);
  if (words.some((w) => w.endsWith("...") || w.endsWith("...]"))) {
    return [words.filter((w) => !w.startsWith("[")).length, Infinity];
  }
  return [words.filter((w) => !w.startsWith("[")).length, words.length];
}

/** Parses `argv` (default: the process's) by `spec`; prints help and exits for `--help`. */
export function parseArgs(spec: CliSpec, argv: string[] = process.argv.slice(2)): Cli {
  const known = new Set(Object.keys(spec.options ?? {}));
  if (spec.live) known.add("--interval").add("--iterations");
  const flags = new Set(Object.keys(spec.flags ?? {}));
  const out: Cli = { args: [], options: {}, flags: new Set(), interval: 1, iterations: Infinity };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "-h" || a === "--help") {
      console.log(usage(spec));
      process.exit(0);
    }
    const [key, inline] = a.startsWith("--") && a.includes("=")
      ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
      : [a, undefined];
    if (known.has(key)) {
      const v = inline ?? argv[++i];
      if (v === undefined) throw new UsageError(`${key} needs a value`);
      out.options[key] = v;
    } else if (flags.has(key)) out.flags.add(key);
    else if (a.startsWith("-") && a !== "-" && !/^-\d/.test(a)) throw new UsageError(`unknown option ${a}`);
    else out.args.push(a);
  }
  const [min, max] = argCount(spec);
  if (out.args.length > max) {
    throw new UsageError(`unexpected argument ${JSON.stringify(out.args[max])}${max === 0 ? " (it takes none)" : ""}`);
  }
  if (out.args.length < min) {
    const words = (spec.args ?? "").split(/\s+/).filter((w) => w && !w.startsWith("["));
    throw new UsageError(`missing ${words[out.args.length]}`);
  }
  if (out.options["--interval"] !== undefined) {
    const v = Number(out.options["--interval"]);
    if (!(v > 0) || !Number.isFinite(v)) throw new UsageError(`--interval must be a number of seconds > 0`);
    out.interval = v;
  }
  if (out.options["--iterations"] !== undefined) {
    const v = Number(out.options["--iterations"]);
    if (!Number.isInteger(v) || v < 1) throw new UsageError(`--iterations must be an integer >= 1`);
    out.iterations = v;
  }
  return out;
}

/**
 * Runs a script's `main`, turning failures into a message and an exit
 * status: 2 for bad arguments (with the usage), 1 for what the platform
 * cannot do or what went wrong.
 */
export async function run(spec: CliSpec, main: (cli: Cli) => void | Promise<void>): Promise<void> {
  try {
    await main(parseArgs(spec));
  } catch (e) {
    if (e instanceof UsageError) {
      console.error(`${spec.name}: ${e.message}\n\n${usage(spec)}`);
      process.exit(2);
    }
    if (e instanceof NotImplementedError) {
      console.error(`${spec.name}: not available on this platform: ${e.message}`);
      process.exit(1);
    }
    if (e instanceof PsutilError || e instanceof TypeError || e instanceof RangeError) {
      console.error(`${spec.name}: ${describe(e)}`);
      process.exit(1);
    }
    throw e;
  }
}

/** An error as a tool says it: "no such process (pid=999999)", not the library message twice over. */
export function describe(e: Error): string {
  const who = (pid: number | null, name: string | null) =>
    pid === null ? "" : ` (pid=${pid}${name === null ? "" : `, name=${JSON.stringify(name)}`})`;
  if (e instanceof ZombieProcess) return `the process is a zombie${who(e.pid, e.processName)}`;
  if (e instanceof NoSuchProcess) return `no such process${who(e.pid, e.processName)}`;
  if (e instanceof AccessDenied) return `access denied${who(e.pid, e.processName)}`;
  return e.message;
}

/** Fails with a message and exit status 1. */
export function fail(message: string): never {
  throw new PsutilError(message);
}

/** The terminal's width (80 when not a terminal). */
export function termWidth(): number {
  return process.stdout.columns || Number(process.env.COLUMNS) || 80;
}

/**
 * `text` fitted to the terminal: each line cut at its width when stdout is
 * a terminal, whole when piped or redirected (nothing is lost to a file).
 */
export function fit(text: string, width = termWidth()): string {
  if (!isTty()) return text;
  return text.split("\n").map((l) => l.length > width ? l.slice(0, width) : l).join("\n");
}

/** Whether stdout is a terminal (live tools then redraw in place). */
export function isTty(): boolean {
  return Boolean(process.stdout.isTTY);
}

/** A parsed integer argument, or a `UsageError` naming it. */
export function intArg(value: string | undefined, what: string): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0) {
    throw new UsageError(`${what} must be a non-negative integer, got ${value ?? "nothing"}`);
  }
  return n;
}

/**
 * `s` with its control characters (newlines, tabs, escapes) shown as `?`, as
 * ps(1) shows them: a command line or a name can hold any byte, and one row
 * of a table must stay one line.
 */
export function printable(s: string): string {
  // deno-lint-ignore no-control-regex -- matching control characters is the point
  return s.replace(/[\x00-\x1f\x7f]/g, "?");
}

/** Pads or cuts `s` to `width` (right-aligned with `right`). */
export function cell(s: unknown, width: number, right = false): string {
  const t = String(s ?? "");
  if (t.length > width) return t.slice(0, width);
  return right ? t.padStart(width) : t.padEnd(width);
}

/** A bar of `width` characters filled to `percent`. */
export function bar(percent: number, width: number): string {
  const full = Math.round(Math.max(0, Math.min(100, percent)) / 100 * width);
  return "|".repeat(full) + " ".repeat(width - full);
}

/** The exit status of a tool ended by Ctrl-C (128 + SIGINT), as shells and other tools give. */
export const EXIT_INTERRUPTED = 130;

/**
 * The live loop: calls `draw` every `interval` seconds, `iterations` times
 * (or until Ctrl-C, or `q` on a terminal). On a terminal it draws on the
 * alternate screen with the cursor hidden, so the scrollback stays as it
 * was, and restores both on every way out. Ctrl-C exits with status 130,
 * `q` and the last iteration with 0.
 */
export async function live(cli: Cli, draw: (frame: number) => string | Promise<string>): Promise<void> {
  const tty = isTty();
  const keys = tty && process.stdin.isTTY && typeof process.stdin.setRawMode === "function";
  let quit: (() => void) | null = null;
  const quitting = new Promise<void>((r) => quit = r);
  const restore = () => {
    if (keys) {
      process.stdin.setRawMode(false);
      process.stdin.off("data", onKey);
      process.stdin.pause();
    }
    if (tty) process.stdout.write("\x1b[?25h\x1b[?1049l");
  };
  const onSigint = () => {
    restore();
    process.exit(EXIT_INTERRUPTED);
  };
  // In raw mode the terminal sends Ctrl-C as a byte, not as SIGINT.
  const onKey = (data: Uint8Array | string) => {
    const s = typeof data === "string" ? data : new TextDecoder().decode(data);
    if (s.includes("\x03")) onSigint();
    if (s.includes("q") || s.includes("Q")) quit!();
  };
  process.on("SIGINT", onSigint);
  if (tty) process.stdout.write("\x1b[?1049h\x1b[?25l");
  if (keys) {
    process.stdin.setRawMode(true);
    process.stdin.on("data", onKey);
    process.stdin.resume();
  }
  try {
    for (let frame = 0; frame < cli.iterations; frame++) {
      if (frame > 0) {
        let timer: ReturnType<typeof setTimeout> | undefined;
        const stop = await Promise.race([
          new Promise<boolean>((r) => timer = setTimeout(() => r(false), cli.interval * 1000)),
          quitting.then(() => true),
        ]);
        clearTimeout(timer);
        if (stop) break;
      }
      const text = await draw(frame);
      process.stdout.write(tty ? `\x1b[H\x1b[2J${fit(text)}` : `${text}\n${frame + 1 < cli.iterations ? "\n" : ""}`);
    }
  } finally {
    process.off("SIGINT", onSigint);
    restore();
  }
}

/** Seconds as `2 days, 3:04:05`. */
export function duration(seconds: number): string {
  const s = Math.floor(seconds);
  const days = Math.floor(s / 86400);
  const hms = `${Math.floor(s % 86400 / 3600)}:${String(Math.floor(s % 3600 / 60)).padStart(2, "0")}:${
    String(s % 60).padStart(2, "0")
  }`;
  return days ? `${days} day${days > 1 ? "s" : ""}, ${hms}` : hms;
}

/** A timestamp (seconds) as `YYYY-MM-DD HH:MM`. */
export function dateTime(seconds: number): string {
  const d = new Date(seconds * 1000);
  const p = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}
