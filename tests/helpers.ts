/**
 * Test helpers shared by the suites: running oracles (CLI tools, Debian's
 * python3-psutil), waiting for conditions with a deadline, and bracketing
 * moving counters.
 *
 * @module
 */
import { type ChildProcess, execFileSync, spawn, spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import process from "node:process";
import type { Server } from "node:net";

/** Runs a program and returns its stdout as text; throws on a non-zero exit. */
export function run(cmd: string, args: string[] = [], input?: string): string {
  return execFileSync(cmd, args, { encoding: "utf8", input, stdio: ["pipe", "pipe", "pipe"], maxBuffer: 64 << 20 });
}

/** The Python with psutil 5.9 (Debian's python3-psutil). */
export const PYTHON = "/usr/bin/python3";

/** Whether the psutil oracle is installed. */
export const HAVE_PSUTIL: boolean = (() => {
  if (!existsSync(PYTHON)) return false;
  try {
    run(PYTHON, ["-c", "import psutil"]);
    return true;
  } catch {
    return false;
  }
})();

/** Evaluates `expr` with psutil imported and returns its JSON-decoded value. */
export function psutilEval<T = unknown>(expr: string, setup = "", input?: string): T {
  const code = `import psutil, json, os, sys\n${setup}\nprint(json.dumps(${expr}))`;
  return JSON.parse(run(PYTHON, ["-c", code], input)) as T;
}

/** Whether a command exists on PATH. */
export function have(cmd: string): boolean {
  try {
    run("sh", ["-c", `command -v ${cmd}`]);
    return true;
  } catch {
    return false;
  }
}

/** Polls `cond` until it is truthy or `ms` pass; returns its last value. */
export async function waitFor<T>(cond: () => T, ms = 5000, step = 10): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = cond();
    if (v || Date.now() > deadline) return v;
    await new Promise((r) => setTimeout(r, step));
  }
}

/** Asserts `lo - slack <= v <= hi + slack`, with a readable message. */
export function assertBetween(v: number, lo: number, hi: number, slack = 0, what = "value"): void {
  if (!(v >= lo - slack && v <= hi + slack)) {
    throw new Error(`${what} ${v} is not within [${lo}, ${hi}] (slack ${slack})`);
  }
}

/** Asserts `|a - b| <= tol`. */
export function assertClose(a: number, b: number, tol: number, what = "value"): void {
  if (!(Math.abs(a - b) <= tol)) throw new Error(`${what}: ${a} and ${b} differ by more than ${tol}`);
}

/** Starts a child that lives until killed, with stdio ignored. */
export function startChild(
  cmd: string,
  args: string[],
  options: { cwd?: string; env?: Record<string, string> } = {},
): ChildProcess {
  return spawn(cmd, args, { stdio: "ignore", cwd: options.cwd, env: options.env });
}

/** Kills a child and waits for it to be reaped. */
export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise((r) => child.once("exit", r));
  child.kill("SIGKILL");
  await done;
}

/** A `sleep` whose parent is a shell that reaps it, so it may be stopped and killed freely. */
export interface Sleeper {
  /** The sleep's pid. */
  pid: number;
  /** The reaping shell. */
  shell: ChildProcess;
  /** Sends `signal` to the sleep. */
  signal(signal: "SIGSTOP" | "SIGCONT" | "SIGTERM" | "SIGKILL"): void;
  /** Kills the sleep and waits until its shell has reaped it and exited. */
  stop(): Promise<void>;
}

/**
 * Starts `sleep seconds` under `sh`, which waits for it. Deno's child_process
 * takes a SIGSTOP of a direct child for its exit and never reaps it after, so
 * tests that stop a process use this instead of {@link startChild}.
 */
export async function startSleeper(seconds = 1000): Promise<Sleeper> {
  const shell = spawn("sh", ["-c", `sleep ${seconds} & echo $!; wait`], { stdio: ["ignore", "pipe", "ignore"] });
  const exited = new Promise<void>((r) => shell.once("exit", () => r()));
  const pid = await new Promise<number>((resolve, reject) => {
    shell.stdout!.once("data", (d) => resolve(Number(String(d).trim())));
    shell.once("error", reject);
  });
  return {
    pid,
    shell,
    signal: (signal) => process.kill(pid, signal),
    async stop() {
      try {
        process.kill(pid, "SIGKILL");
      } catch { /* already gone */ }
      await exited;
    },
  };
}

/** psutil's snake_case keys as this library's camelCase (`bytes_sent` -> `bytesSent`), deeply. */
export function camelKeys<T = unknown>(v: unknown): T {
  if (Array.isArray(v)) return v.map((x) => camelKeys(x)) as T;
  if (v === null || typeof v !== "object") return v as T;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [k.replace(/_([a-z])/g, (_, c: string) => c.toUpperCase()), camelKeys(x)]),
  ) as T;
}

/** The number of open descriptors of this process. */
export function openFdCount(): number {
  return readdirSync("/proc/self/fd").length;
}

/** Resolves once `server` listens (`listen(server, port, host)` or `listen(server, path)`). */
export function listen(server: Server, ...args: unknown[]): Promise<void> {
  return new Promise((resolve) => (server.listen as (...a: unknown[]) => void)(...args, () => resolve()));
}

/**
 * Runs `check` until it passes, at most `times` times, a short pause apart;
 * rethrows the last failure. For comparisons with an oracle on values that
 * the rest of the machine moves (free memory, counters).
 */
export async function retry(times: number, check: () => void | Promise<void>): Promise<void> {
  for (let i = 1;; i++) {
    try {
      return await check();
    } catch (e) {
      if (i >= times) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** Waits until `pid` has finished exec-ing `name`: the kernel's name and a non-empty command line. */
export function waitExec(pid: number, name: string): Promise<boolean> {
  return waitFor(() => {
    try {
      return readFileSync(`/proc/${pid}/comm`, "utf8").trim() === name.slice(0, 15) &&
        readFileSync(`/proc/${pid}/cmdline`).length > 0;
    } catch {
      return false;
    }
  });
}

/** The project's root folder. */
export const ROOT: string = new URL("..", import.meta.url).pathname;

/** What comes between the runtime's executable and a script's path (`deno run -A`, `bun`). */
export const RUNTIME_ARGS: string[] = "Deno" in globalThis ? ["run", "-A"] : "Bun" in globalThis
  ? []
  // Node: no "FFI is experimental" warning on the stderr the tests compare.
  : ["--disable-warning=ExperimentalWarning"];

/** Whether this runs as root (namespaces, mounts, cgroups). */
export const IS_ROOT: boolean = process.getuid?.() === 0;

/**
 * Runs `tests/programs/NAME.ts` under the runtime that runs the tests, after
 * `prefix` (`["unshare", "-m"]`: in a namespace); its status and output.
 */
export function runProgram(
  name: string,
  args: string[] = [],
  options: { prefix?: string[]; env?: Record<string, string>; timeout?: number; cwd?: string } = {},
): { status: number; stdout: string; stderr: string } {
  const prefix = options.prefix ?? [];
  const cmd = [...prefix, process.execPath, ...RUNTIME_ARGS, `${ROOT}tests/programs/${name}.ts`, ...args];
  const r = spawnSync(cmd[0], cmd.slice(1), {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1", ...options.env },
    timeout: options.timeout ?? 60_000,
    cwd: options.cwd,
  });
  return { status: r.status ?? -1, stdout: r.stdout ?? "", stderr: r.stderr ?? "" };
}

/** The last line of a program's output, parsed as JSON (with its stderr in the error when it is not). */
export function lastJson<T = Record<string, unknown>>(r: { stdout: string; stderr: string; status: number }): T {
  const line = r.stdout.trim().split("\n").pop() ?? "";
  try {
    return JSON.parse(line) as T;
  } catch {
    throw new Error(`no JSON from the program (exit ${r.status}): ${r.stdout}\n${r.stderr}`);
  }
}

/**
 * Starts a zombie: `sh` forks `sleep 0`, then execs into `sleep 1000`,
 * which never reaps it. Resolves to the parent and the zombie's pid once
 * procfs shows it (state `Z`); kill the parent to end both.
 */
export async function startZombie(): Promise<{ parent: ChildProcess; pid: number }> {
  const parent = startChild("sh", ["-c", "sleep 0 & exec sleep 1000"]);
  const pid = await waitFor(() => {
    try {
      const children = readFileSync(`/proc/${parent.pid}/task/${parent.pid}/children`, "utf8").trim().split(" ");
      for (const c of children.filter((x) => x !== "").map(Number)) {
        const stat = readFileSync(`/proc/${c}/stat`, "utf8");
        if (stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) === "Z") return c;
      }
    } catch { /* not there yet */ }
    return 0;
  });
  if (!pid) throw new Error("no zombie appeared");
  return { parent, pid };
}
