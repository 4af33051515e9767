/**
 * Starting programs, behind one interface over `Deno.Command` and
 * `Bun.spawn` (the runtimes' own spawners, which reap their children and
 * report how they ended). Only this file touches those two namespaces.
 *
 * @module
 */
import { constants } from "node:os";
import { isBun } from "./runtime.ts";

/** What to connect a child's stdin, stdout or stderr to. */
export type Stdio = "piped" | "inherit" | "null";

/** Options of {@link spawnChild}. */
export interface SpawnOptions {
  /** The working directory. */
  cwd?: string;
  /** The whole environment of the child; this process's when absent. */
  env?: Record<string, string>;
  /** stdin (default `"inherit"`). */
  stdin?: Stdio;
  /** stdout (default `"inherit"`). */
  stdout?: Stdio;
  /** stderr (default `"inherit"`). */
  stderr?: Stdio;
}

/** A started child. */
export interface SpawnedChild {
  /** Its pid. */
  pid: number;
  /** Its stdin when piped. */
  stdin: WritableStream<Uint8Array> | null;
  /** Its stdout when piped. */
  stdout: ReadableStream<Uint8Array> | null;
  /** Its stderr when piped. */
  stderr: ReadableStream<Uint8Array> | null;
  /** Resolves when it has ended: the exit code, or minus the signal number that ended it. */
  exited: Promise<number>;
}

const SIGNALS = constants.signals as unknown as Record<string, number>;

function signalNumber(name: string | number): number {
  return typeof name === "number" ? name : SIGNALS[name] ?? 0;
}

interface DenoChild {
  pid: number;
  stdin: WritableStream<Uint8Array>;
  stdout: ReadableStream<Uint8Array>;
  stderr: ReadableStream<Uint8Array>;
  status: Promise<{ code: number; signal: string | null }>;
}

interface DenoNamespace {
  Command: new (cmd: string, options: Record<string, unknown>) => { spawn(): DenoChild };
}

/** The few members of `Bun.spawn`'s result used here (bun-types' `Subprocess`). */
interface BunSubprocess {
  pid: number;
  stdin: { write(chunk: Uint8Array): number; flush(): number | Promise<number>; end(): void } | null | number;
  stdout: ReadableStream<Uint8Array> | null | number;
  stderr: ReadableStream<Uint8Array> | null | number;
  exited: Promise<number>;
  signalCode: string | null;
}

interface BunNamespace {
  spawn(cmd: string[], options: Record<string, unknown>): BunSubprocess;
}

const BUN_STDIO: Record<Stdio, string> = { piped: "pipe", inherit: "inherit", null: "ignore" };

function spawnDeno(cmd: string[], o: SpawnOptions): SpawnedChild {
  const D = (globalThis as unknown as { Deno: DenoNamespace }).Deno;
  const child = new D.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: o.cwd,
    env: o.env,
    clearEnv: o.env !== undefined,
    stdin: o.stdin ?? "inherit",
    stdout: o.stdout ?? "inherit",
    stderr: o.stderr ?? "inherit",
  }).spawn();
  return {
    pid: child.pid,
    stdin: o.stdin === "piped" ? child.stdin : null,
    stdout: o.stdout === "piped" ? child.stdout : null,
    stderr: o.stderr === "piped" ? child.stderr : null,
    exited: child.status.then((s) => s.signal ? -signalNumber(s.signal) : s.code),
  };
}

function spawnBun(cmd: string[], o: SpawnOptions): SpawnedChild {
  const B = (globalThis as unknown as { Bun: BunNamespace }).Bun;
  const child = B.spawn(cmd, {
    cwd: o.cwd,
    env: o.env,
    stdin: BUN_STDIO[o.stdin ?? "inherit"],
    stdout: BUN_STDIO[o.stdout ?? "inherit"],
    stderr: BUN_STDIO[o.stderr ?? "inherit"],
  });
  const sink = typeof child.stdin === "object" ? child.stdin : null;
  const stream = (s: BunSubprocess["stdout"]) => typeof s === "object" ? s : null;
  return {
    pid: child.pid,
    stdin: sink
      ? new WritableStream<Uint8Array>({
        async write(chunk) {
          sink.write(chunk);
          await sink.flush();
        },
        close() {
          sink.end();
        },
      })
      : null,
    stdout: stream(child.stdout),
    stderr: stream(child.stderr),
    exited: child.exited.then((code) => child.signalCode ? -signalNumber(child.signalCode) : code),
  };
}

/**
 * Starts `cmd[0]` with arguments `cmd.slice(1)`. Throws when the program
 * cannot be started (not found, not executable).
 */
export function spawnChild(cmd: readonly string[], options: SpawnOptions = {}): SpawnedChild {
  return isBun ? spawnBun([...cmd], options) : spawnDeno([...cmd], options);
}
