/**
 * `Popen`: start a program and hold it as a `Process`, with its pipes.
 *
 * @module
 */
import { OsError } from "../errors.ts";
import { spawnChild, type SpawnedChild, type Stdio } from "../ffi/spawn.ts";
import { optionsObject, secondsOption } from "../system/options.ts";
import { Process, type WaitOptions } from "./process.ts";
import { registerSpawned, withTimeout } from "./spawned.ts";

/** The errno values of a program that cannot be started: the same numbers on every POSIX system and Windows' CRT. */
const SPAWN_ERRNO: Readonly<Record<string, number>> = {
  EPERM: 1,
  ENOENT: 2,
  E2BIG: 7,
  ENOEXEC: 8,
  EACCES: 13,
  ENOTDIR: 20,
};

/**
 * The runtime's error for a program that cannot be started (Deno's
 * `NotFound` / `PermissionDenied`, Bun's `Error` with a code) as one
 * library error on both: `OsError` with the errno and the program's name.
 */
function spawnError(e: unknown, program: string): unknown {
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !(code in SPAWN_ERRNO)) return e;
  return new OsError(SPAWN_ERRNO[code], code, "spawn", program);
}

/** Options of {@link Popen}. */
export interface PopenOptions {
  /** The working directory. */
  cwd?: string;
  /** The whole environment of the program; this process's when absent. */
  env?: Record<string, string>;
  /** stdin: `"piped"` gives {@link Popen.stdin}; default `"inherit"`. */
  stdin?: Stdio;
  /** stdout: `"piped"` gives {@link Popen.stdout}; default `"inherit"`. */
  stdout?: Stdio;
  /** stderr: `"piped"` gives {@link Popen.stderr}; default `"inherit"`. */
  stderr?: Stdio;
}

/** What {@link Popen.communicate} resolves to: the output of each piped stream, else `null`. */
export interface CommunicateResult {
  /** Everything the program wrote to stdout, when piped. */
  stdout: Uint8Array | null;
  /** Everything the program wrote to stderr, when piped. */
  stderr: Uint8Array | null;
}

const STDIO = new Set(["piped", "inherit", "null"]);

function checkOptions(options: unknown): PopenOptions {
  const o = optionsObject("Popen", options, ["stdin", "stdout", "stderr", "cwd", "env"], "new Popen(args, ");
  for (const k of ["stdin", "stdout", "stderr"]) {
    if (o[k] !== undefined && !STDIO.has(o[k] as string)) {
      throw new TypeError(`Popen: ${k} must be "piped", "inherit" or "null", got ${JSON.stringify(o[k])}`);
    }
  }
  if (o.cwd !== undefined && typeof o.cwd !== "string") throw new TypeError("Popen: cwd must be a string");
  if (o.env !== undefined) {
    if (o.env === null || typeof o.env !== "object") throw new TypeError("Popen: env must be an object");
    for (const [k, v] of Object.entries(o.env)) {
      if (typeof v !== "string") throw new TypeError(`Popen: env.${k} must be a string`);
    }
  }
  return o as PopenOptions;
}

async function readAll(stream: ReadableStream<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of stream) {
    parts.push(chunk);
    size += chunk.length;
  }
  const out = new Uint8Array(size);
  let off = 0;
  for (const p of parts) {
    out.set(p, off);
    off += p.length;
  }
  return out;
}

/**
 * A program started by this process, which is also a full {@link Process}.
 * `cmd` is the program and its arguments (no shell is involved).
 *
 * @example
 * ```ts
 * import { Popen } from "@x/psutil";
 * const p = new Popen(["echo", "hello"], { stdout: "piped" });
 * const { stdout } = await p.communicate();
 * console.log(new TextDecoder().decode(stdout!), p.returncode); // "hello\n" 0
 * ```
 */
export class Popen extends Process {
  #child: SpawnedChild;
  #code: number | null = null;

  /**
   * Starts `cmd`. A program that cannot be started is an `OsError` with its
   * errno (`ENOENT` not found, `EACCES` not executable) and its name as the
   * path, under every runtime.
   */
  constructor(cmd: readonly string[], options?: PopenOptions) {
    if (!Array.isArray(cmd) || cmd.length === 0 || !cmd.every((a) => typeof a === "string")) {
      throw new TypeError("Popen: cmd must be a non-empty array of strings");
    }
    const opts = checkOptions(options);
    let child: SpawnedChild;
    try {
      child = spawnChild(cmd, opts);
    } catch (e) {
      throw spawnError(e, cmd[0]);
    }
    super(child.pid);
    this.#child = child;
    this.returncode = null;
    let createTime: number | null = null;
    try {
      createTime = this.createTime();
    } catch { /* identity by pid alone */ }
    registerSpawned(child.pid, createTime, child.exited);
    child.exited.then((code) => {
      this.#code = code;
      this.returncode = code;
    }, () => {});
  }

  /** The program's stdin, when started with `stdin: "piped"`. */
  get stdin(): WritableStream<Uint8Array> | null {
    return this.#child.stdin;
  }

  /** The program's stdout, when started with `stdout: "piped"`. */
  get stdout(): ReadableStream<Uint8Array> | null {
    return this.#child.stdout;
  }

  /** The program's stderr, when started with `stderr: "piped"`. */
  get stderr(): ReadableStream<Uint8Array> | null {
    return this.#child.stderr;
  }

  /**
   * Waits for the program to end and resolves to its exit code, or minus
   * the signal number that ended it. Rejects with `TimeoutExpired` after
   * `timeout` seconds.
   */
  override async wait(options?: WaitOptions): Promise<number> {
    const timeout = secondsOption("wait", optionsObject("wait", options, ["timeout"]), "timeout");
    if (this.#code !== null) return this.#code;
    return await withTimeout(this.#child.exited, timeout, this.pid, null);
  }

  /**
   * Writes `input` to stdin (when piped) and closes it, reads stdout and
   * stderr to their end (when piped), and waits for the program to end.
   */
  async communicate(input?: Uint8Array | string): Promise<CommunicateResult> {
    if (input !== undefined && typeof input !== "string" && !(input instanceof Uint8Array)) {
      throw new TypeError("communicate: input must be a string or a Uint8Array");
    }
    const { stdin, stdout, stderr } = this.#child;
    if (input !== undefined && !stdin) throw new TypeError("communicate: input given but stdin is not piped");
    const writing = (async () => {
      if (!stdin) return;
      const w = stdin.getWriter();
      try {
        if (input !== undefined) await w.write(typeof input === "string" ? new TextEncoder().encode(input) : input);
        await w.close();
      } catch {
        // The program closed its stdin early (EPIPE): what it read is what it got.
      }
    })();
    const [out, err] = await Promise.all([
      stdout ? readAll(stdout) : null,
      stderr ? readAll(stderr) : null,
      writing,
    ]);
    await this.wait();
    return { stdout: out, stderr: err };
  }
}
