/**
 * `Popen`: start a program and hold it as a `Process`, with its pipes.
 *
 * @module
 */
import { OsError, PermissionNeeded } from "../errors.ts";
import { isDenoPermissionError } from "../ffi/runtime.ts";
import { spawnChild, type SpawnedChild, type Stdio } from "../ffi/spawn.ts";
import { backend, type ProcessBackend } from "../platform/mod.ts";
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
  if (isDenoPermissionError(e)) return new PermissionNeeded(["--allow-run"], `Popen(${JSON.stringify(program)})`);
  const code = (e as { code?: unknown })?.code;
  if (typeof code !== "string" || !(code in SPAWN_ERRNO)) return e;
  return new OsError(SPAWN_ERRNO[code], code, "spawn", program);
}

/** subprocess's `PIPE`: a stream of {@link Popen} connected to this process (the same as `"piped"`). */
export const PIPE = "piped" as const;
/** subprocess's `DEVNULL`: a stream of {@link Popen} connected to the null device (the same as `"null"`). */
export const DEVNULL = "null" as const;

/** Options of {@link Popen}. */
export interface PopenOptions {
  /** The working directory. */
  cwd?: string;
  /** The whole environment of the program; this process's when absent. */
  env?: Record<string, string>;
  /** stdin: `PIPE` (`"piped"`) gives {@link Popen.stdin}, `DEVNULL` (`"null"`) reads nothing; default `"inherit"`. */
  stdin?: Stdio;
  /** stdout: `PIPE` (`"piped"`) gives {@link Popen.stdout}, `DEVNULL` (`"null"`) drops it; default `"inherit"`. */
  stdout?: Stdio;
  /** stderr: `PIPE` (`"piped"`) gives {@link Popen.stderr}, `DEVNULL` (`"null"`) drops it; default `"inherit"`. */
  stderr?: Stdio;
  /** subprocess's `text=True`: {@link Popen.communicate} gives strings (UTF-8), not bytes. */
  text?: boolean;
}

/**
 * What `communicate` gives for a piped stream of a `Popen` started with
 * options `O`: a string in text mode, bytes otherwise, either when the
 * options' type does not say.
 */
export type PopenOutput<O extends PopenOptions> = O extends { text: true } ? string
  : "text" extends keyof O ? O["text" & keyof O] extends false | undefined ? Uint8Array : string | Uint8Array
  : Uint8Array;

/**
 * The type of stream `K` of a {@link Popen} started with options `O`:
 * `Piped` when `O` pipes it, `null` when it cannot be piped (not set, or
 * set to anything else), and `Piped | null` when the options' type does not
 * say (a variable of type {@link PopenOptions}).
 */
export type PopenStream<O extends PopenOptions, K extends "stdin" | "stdout" | "stderr", Piped> = K extends keyof O
  ? O[K] extends "piped" ? Piped : "piped" extends O[K] ? Piped | null : null
  : null;

/**
 * What {@link Popen.communicate} resolves to: the output of each piped
 * stream, else `null`. Typed from the options the program was started with:
 * `{ stdout: PIPE, text: true }` gives `stdout: string` and `stderr: null`.
 */
export interface CommunicateResult<O extends PopenOptions = PopenOptions> {
  /** Everything the program wrote to stdout, when piped (a string in text mode). */
  stdout: PopenStream<O, "stdout", PopenOutput<O>>;
  /** Everything the program wrote to stderr, when piped (a string in text mode). */
  stderr: PopenStream<O, "stderr", PopenOutput<O>>;
}

const STDIO = new Set(["piped", "inherit", "null"]);

function checkOptions(options: unknown): PopenOptions {
  const o = optionsObject("Popen", options, ["stdin", "stdout", "stderr", "cwd", "env", "text"], "new Popen(args, ");
  for (const k of ["stdin", "stdout", "stderr"]) {
    if (o[k] !== undefined && !STDIO.has(o[k] as string)) {
      throw new TypeError(
        `Popen: ${k} must be PIPE ("piped"), DEVNULL ("null") or "inherit", got ${JSON.stringify(o[k])}`,
      );
    }
  }
  if (o.text !== undefined && typeof o.text !== "boolean") throw new TypeError("Popen: text must be a boolean");
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
 * The program's `argv[0]` (first of {@link Process.cmdline}) is `cmd[0]`
 * under Bun, and the path Deno resolved it to under Deno (`/usr/bin/sh`
 * for `"sh"`): `Deno.Command` passes that path.
 *
 * With `text: true`, {@link Popen.communicate} gives strings. `O` is the
 * options' type, inferred from the literal passed: the streams, and what
 * `communicate` gives for each, are typed from it (`stdout: PIPE` makes
 * `p.stdout` a stream, never `null`).
 *
 * @example
 * ```ts
 * import { PIPE, Popen } from "@x/psutil";
 * const p = new Popen(["echo", "hello"], { stdout: PIPE, text: true });
 * const { stdout } = await p.communicate();
 * console.log(stdout, p.returncode); // "hello\n" 0
 * ```
 */
// deno-lint-ignore ban-types -- `{}`: started with no options, so nothing is piped
export class Popen<const O extends PopenOptions = {}> extends Process {
  #child: SpawnedChild;
  #code: number | null = null;
  #text: boolean;
  #probe: ProcessBackend | null = null;

  /**
   * Starts `cmd`. A program that cannot be started is an `OsError` with its
   * errno (`ENOENT` not found, `EACCES` not executable) and its name as the
   * path, under every runtime.
   */
  constructor(cmd: readonly string[], options?: O) {
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
    this.#text = opts.text === true;
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

  /**
   * The program's stdin, when started with `stdin: "piped"`.
   *
   * @example
   * ```ts
   * import { PIPE, Popen } from "@x/psutil";
   * const p = new Popen(["cat"], { stdin: PIPE, stdout: PIPE, text: true });
   * const w = p.stdin.getWriter();
   * await w.write(new TextEncoder().encode("typed in"));
   * await w.close();
   * console.log((await p.communicate()).stdout); // "typed in": communicate leaves a stdin in use alone
   * ```
   */
  get stdin(): PopenStream<O, "stdin", WritableStream<Uint8Array>> {
    return this.#child.stdin as PopenStream<O, "stdin", WritableStream<Uint8Array>>;
  }

  /**
   * The program's stdout, when started with `stdout: "piped"`.
   *
   * @example
   * ```ts
   * import { PIPE, Popen } from "@x/psutil";
   * const p = new Popen(["echo", "streamed"], { stdout: PIPE });
   * for await (const chunk of p.stdout) console.log(new TextDecoder().decode(chunk));
   * await p.wait();
   * ```
   */
  get stdout(): PopenStream<O, "stdout", ReadableStream<Uint8Array>> {
    return this.#child.stdout as PopenStream<O, "stdout", ReadableStream<Uint8Array>>;
  }

  /**
   * The program's stderr, when started with `stderr: "piped"`.
   *
   * @example
   * ```ts
   * import { PIPE, Popen } from "@x/psutil";
   * const p = new Popen(["sh", "-c", "echo oops >&2"], { stderr: PIPE });
   * console.log(await new Response(p.stderr).text()); // "oops\n"
   * await p.wait();
   * ```
   */
  get stderr(): PopenStream<O, "stderr", ReadableStream<Uint8Array>> {
    return this.#child.stderr as PopenStream<O, "stderr", ReadableStream<Uint8Array>>;
  }

  /**
   * The exit code (minus the signal number) if the program has ended, else
   * `null`, without waiting (subprocess's `poll()`); sets
   * {@link Process.returncode} when it has.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * const p = new Popen(["sleep", "0.1"]);
   * console.log(p.poll()); // null
   * await p.wait();
   * console.log(p.poll()); // 0
   * ```
   */
  poll(): number | null {
    if (this.#code !== null) return this.#code;
    // The exit may be known to the kernel before the runtime's reaper reports it.
    const code = (this.#probe ??= backend.process(this.pid)).childExitCode();
    if (typeof code !== "number") return null;
    this.#code = code;
    this.returncode = code;
    return code;
  }

  /**
   * Waits for the program to end and resolves to its exit code, or minus
   * the signal number that ended it. Rejects with `TimeoutExpired` after
   * `timeout` seconds.
   *
   * @example
   * ```ts
   * import { Popen } from "@x/psutil";
   * console.log(await new Popen(["sh", "-c", "exit 3"]).wait()); // 3
   * console.log(await new Popen(["sh", "-c", "kill -9 $$"]).wait()); // -9
   * ```
   */
  override async wait(options?: WaitOptions): Promise<number> {
    const timeout = secondsOption("wait", optionsObject("wait", options, ["timeout"]), "timeout");
    if (this.#code !== null) return this.#code;
    return await withTimeout(this.#child.exited, timeout, this.pid, null);
  }

  /**
   * Writes `input` to stdin (when piped) and closes it, reads stdout and
   * stderr to their end (when piped), and waits for the program to end.
   * In text mode (`text: true`) the output is decoded as UTF-8.
   *
   * @example
   * ```ts
   * import { PIPE, Popen } from "@x/psutil";
   * const p = new Popen(["cat"], { stdin: PIPE, stdout: PIPE, text: true });
   * const { stdout } = await p.communicate("round trip");
   * console.log(stdout); // "round trip"
   * ```
   */
  async communicate(input?: Uint8Array | string): Promise<CommunicateResult<O>> {
    if (input !== undefined && typeof input !== "string" && !(input instanceof Uint8Array)) {
      throw new TypeError("communicate: input must be a string or a Uint8Array");
    }
    const { stdin, stdout, stderr } = this.#child;
    if (input !== undefined && !stdin) throw new TypeError("communicate: input given but stdin is not piped");
    // A stdin the caller writes to itself (it holds the writer) is the caller's to close, as in subprocess.
    if (input !== undefined && stdin?.locked) throw new TypeError("communicate: input given but stdin is in use");
    const writing = (async () => {
      if (!stdin || stdin.locked) return;
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
    const form = (b: Uint8Array | null) => b === null || !this.#text ? b : new TextDecoder().decode(b);
    return { stdout: form(out), stderr: form(err) } as CommunicateResult<O>;
  }
}
