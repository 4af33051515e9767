/**
 * Signal every process with a given name, like `killall`.
 *
 * Usage: `deno run -A scripts/killall.ts NAME [--signal TERM|KILL|INT|HUP|USR1|USR2|STOP|CONT|N]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, fail, run, UsageError } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "killall",
  summary: "Sends a signal (default TERM) to every process named NAME; fails when there is none.",
  args: "NAME",
  options: { "--signal": "TERM, KILL, INT, HUP, USR1, USR2, STOP, CONT or a number" },
};

const SIGNALS: Record<string, number> = {
  TERM: psutil.SIGTERM,
  KILL: psutil.SIGKILL,
  INT: psutil.SIGINT,
  HUP: psutil.SIGHUP,
  USR1: psutil.SIGUSR1,
  USR2: psutil.SIGUSR2,
  STOP: psutil.SIGSTOP,
  CONT: psutil.SIGCONT,
};

/** The largest signal number: SIGRTMAX on Linux (64) and FreeBSD (126), the last of macOS's 31 signals. */
const SIGNAL_MAX = psutil.MACOS ? 31 : psutil.FREEBSD ? 126 : 64;

/** Signals the processes and prints one line per process. */
export function main(cli: Cli): void {
  const name = cli.args[0];
  const s = (cli.options["--signal"] ?? "TERM").replace(/^SIG/, "");
  const sig = SIGNALS[s] ?? (/^\d+$/.test(s) ? Number(s) : NaN);
  // Checked before any process is looked at: a bad signal is a usage error, never a partial run.
  if (!Number.isInteger(sig) || sig < 1 || sig > SIGNAL_MAX) {
    throw new UsageError(`unknown signal ${cli.options["--signal"]} (a name, or a number from 1 to ${SIGNAL_MAX})`);
  }
  let found = 0;
  const self = new psutil.Process().pid;
  for (const p of psutil.processIter({ attrs: ["name", "cmdline"] })) {
    const argv0 = p.info.cmdline?.[0] ?? "";
    if (p.pid === self || (p.info.name !== name && argv0.slice(argv0.lastIndexOf("/") + 1) !== name)) continue;
    found++;
    try {
      p.sendSignal(sig);
      console.log(`${p.pid} ${name}: signalled`);
    } catch (e) {
      if (e instanceof psutil.NoSuchProcess) console.log(`${p.pid} ${name}: gone`);
      else if (e instanceof psutil.AccessDenied) console.log(`${p.pid} ${name}: access denied`);
      else throw e;
    }
  }
  if (found === 0) fail(`no process named ${name}`);
}

if (import.meta.main) await run(SPEC, main);
