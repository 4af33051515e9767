/**
 * Starting programs, behind one interface over `Deno.Command`, `Bun.spawn`
 * and Node's `child_process` (the runtimes' own spawners, which reap their
 * children and report how they ended). Only this file touches them.
 *
 * @module
 */
import { constants } from "node:os";
import { isBun, isNode } from "./runtime.ts";

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

/** The few members of a `node:child_process` child used here. */
interface NodeChild {
  pid?: number;
  stdin: NodeStream | null;
  stdout: NodeStream | null;
  stderr: NodeStream | null;
  once(event: "exit", listener: (code: number | null, signal: string | null) => void): void;
  once(event: "error", listener: (e: Error) => void): void;
}

// deno-lint-ignore no-empty-interface
interface NodeStream {}

interface NodeModules {
  child_process: {
    spawn(cmd: string, args: string[], options: Record<string, unknown>): NodeChild;
  };
  stream: {
    Readable: { toWeb(s: NodeStream): ReadableStream<Uint8Array> };
    Writable: { toWeb(s: NodeStream): WritableStream<Uint8Array> };
  };
  fs: { accessSync(path: string, mode: number): void; statSync(path: string): { isDirectory(): boolean } };
}

const NODE_STDIO: Record<Stdio, string> = { piped: "pipe", inherit: "inherit", null: "ignore" };

function nodeModule<K extends keyof NodeModules>(name: K): NodeModules[K] {
  const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
  return proc!.getBuiltinModule!(`node:${name}`) as NodeModules[K];
}

/**
 * The error Node would report a tick later (`child_process.spawn` starts
 * the program asynchronously): where `program` resolves to nothing
 * executable, an `Error` with the code, as the other runtimes throw it at once.
 */
function nodeSpawnCheck(program: string, env: Record<string, string> | undefined, cwd: string | undefined): void {
  const fs = nodeModule("fs");
  const X_OK = 1;
  const executable = (path: string): string | null => {
    try {
      if (fs.statSync(path).isDirectory()) return "EACCES";
      fs.accessSync(path, X_OK);
      return null;
    } catch (e) {
      return (e as { code?: string }).code ?? "ENOENT";
    }
  };
  let code: string | null;
  if (program.includes("/")) {
    code = executable(program.startsWith("/") || cwd === undefined ? program : `${cwd}/${program}`);
  } else {
    const path = (env ?? (globalThis as { process?: { env: Record<string, string> } }).process!.env).PATH ?? "";
    const codes = path.split(":").map((dir) => executable(`${dir || "."}/${program}`));
    code = codes.includes(null) ? null : codes.find((c) => c !== "ENOENT") ?? "ENOENT";
  }
  if (code !== null) throw Object.assign(new Error(`${code}: cannot start ${program}`), { code });
}

function spawnNode(cmd: string[], o: SpawnOptions): SpawnedChild {
  // POSIX lookup rules only (Windows' PATHEXT and ";" are not these): there a failed start shows as no pid below.
  if ((globalThis as { process?: { platform: string } }).process?.platform !== "win32") {
    nodeSpawnCheck(cmd[0], o.env, o.cwd);
  }
  const child = nodeModule("child_process").spawn(cmd[0], cmd.slice(1), {
    cwd: o.cwd,
    env: o.env,
    stdio: [NODE_STDIO[o.stdin ?? "inherit"], NODE_STDIO[o.stdout ?? "inherit"], NODE_STDIO[o.stderr ?? "inherit"]],
  });
  const exited = new Promise<number>((resolve) => {
    child.once("exit", (code, signal) => resolve(signal ? -signalNumber(signal) : code ?? 0));
    // A start that failed after all (a race with the check above): as an exit by the errno, never unhandled.
    child.once("error", () => resolve(127));
  });
  if (child.pid === undefined) throw Object.assign(new Error(`cannot start ${cmd[0]}`), { code: "ENOENT" });
  const { Readable, Writable } = nodeModule("stream");
  return {
    pid: child.pid,
    stdin: o.stdin === "piped" && child.stdin ? Writable.toWeb(child.stdin) : null,
    stdout: o.stdout === "piped" && child.stdout ? Readable.toWeb(child.stdout) : null,
    stderr: o.stderr === "piped" && child.stderr ? Readable.toWeb(child.stderr) : null,
    exited,
  };
}

/**
 * Starts `cmd[0]` with arguments `cmd.slice(1)`. Throws when the program
 * cannot be started (not found, not executable).
 */
export function spawnChild(cmd: readonly string[], options: SpawnOptions = {}): SpawnedChild {
  return isBun ? spawnBun([...cmd], options) : isNode ? spawnNode([...cmd], options) : spawnDeno([...cmd], options);
}
