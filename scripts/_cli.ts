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
  /** Positional arguments, for the usage line (`"PID"`, `"[PATH]"`). */
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
  const lines = [`usage: ${spec.name} [options]${spec.args ? ` ${spec.args}` : ""}`, "", spec.summary, "", "options:"];
  lines.push("  -h, --help  show this help and exit");
  for (const [k, v] of Object.entries(opts)) lines.push(`  ${k} VALUE  ${v}`);
  for (const [k, v] of Object.entries(spec.flags ?? {})) lines.push(`  ${k}  ${v}`);
  return lines.join("\n");
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

/**
 * The live loop: calls `draw` every `interval` seconds, `iterations` times
 * (or until Ctrl-C). On a terminal it hides the cursor and redraws in place,
 * and restores the terminal on exit, Ctrl-C included.
 */
export async function live(cli: Cli, draw: (frame: number) => string | Promise<string>): Promise<void> {
  const tty = isTty();
  const restore = () => {
    if (tty) process.stdout.write("\x1b[?25h\n");
  };
  const onSigint = () => {
    restore();
    process.exit(0);
  };
  process.on("SIGINT", onSigint);
  if (tty) process.stdout.write("\x1b[?25l");
  try {
    for (let frame = 0; frame < cli.iterations; frame++) {
      if (frame > 0) await new Promise((r) => setTimeout(r, cli.interval * 1000));
      const text = await draw(frame);
      process.stdout.write(tty ? `\x1b[H\x1b[2J${text}\n` : `${text}\n${frame + 1 < cli.iterations ? "\n" : ""}`);
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
