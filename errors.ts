/**
 * psutil's exceptions: {@link PsutilError} and its subclasses, plus the two
 * this library adds for a failing OS call and an unimplemented method.
 *
 * @module
 */

function details(fields: Record<string, unknown>): string {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(fields)) {
    if (v === null || v === undefined) continue;
    parts.push(typeof v === "string" ? `${k}='${v}'` : `${k}=${v}`);
  }
  return parts.length ? `(${parts.join(", ")})` : "";
}

function compose(msg: string, fields: Record<string, unknown>): string {
  const d = details(fields);
  return msg && d ? `${msg} ${d}` : msg || d;
}

/**
 * The base class of every psutil error (psutil's `Error`).
 *
 * @example
 * ```ts
 * import { Process, PsutilError } from "@x/psutil";
 * try {
 *   new Process(999_999_999).name();
 * } catch (e) {
 *   console.log(e instanceof PsutilError); // true
 * }
 * ```
 */
export class PsutilError extends Error {
  /** The message without the details psutil appends (psutil's `msg`). */
  msg: string;
  /**
   * Makes the error.
   * @param message the error's message, also kept as `msg`.
   */
  constructor(message: string) {
    super(message);
    this.name = new.target.name;
    this.msg = message;
  }
}

/**
 * The process no longer exists, or never did.
 *
 * @example
 * ```ts
 * import { NoSuchProcess, Process } from "@x/psutil";
 * try {
 *   new Process(999_999_999);
 * } catch (e) {
 *   if (e instanceof NoSuchProcess) console.log(e.pid); // 999999999
 * }
 * ```
 */
export class NoSuchProcess extends PsutilError {
  /** The pid asked about. */
  pid: number;
  /** The process name when it was known (psutil's `name`). */
  processName: string | null;
  /**
   * Makes the error.
   * @param pid the pid asked about
   * @param processName its name when known
   * @param msg replaces the default message.
   */
  constructor(pid: number, processName: string | null = null, msg?: string) {
    const m = msg ?? "process no longer exists";
    super(compose(m, { pid, name: processName }));
    this.pid = pid;
    this.processName = processName;
    this.msg = m;
  }
}

/**
 * The process is a zombie: it exists but cannot answer the question.
 *
 * @example
 * ```ts
 * import { ZombieProcess } from "@x/psutil";
 * const e = new ZombieProcess(42, "sleep", 1);
 * console.log(e.message); // PID still exists but it's a zombie (pid=42, name='sleep', ppid=1)
 * ```
 */
export class ZombieProcess extends NoSuchProcess {
  /** The zombie's parent, when known. */
  ppid: number | null;
  /**
   * Makes the error.
   * @param pid the zombie
   * @param processName its name
   * @param ppid its parent
   * @param msg replaces the default message.
   */
  constructor(pid: number, processName: string | null = null, ppid: number | null = null, msg?: string) {
    const m = msg ?? "PID still exists but it's a zombie";
    super(pid, processName, m);
    this.message = compose(m, { pid, name: processName, ppid });
    this.ppid = ppid;
  }
}

/**
 * The OS refused: not enough privileges.
 *
 * @example
 * ```ts
 * import { AccessDenied } from "@x/psutil";
 * const e = new AccessDenied(1, "systemd");
 * console.log(e.message); // (pid=1, name='systemd')
 * ```
 */
export class AccessDenied extends PsutilError {
  /** The pid, when the refusal was about a process. */
  pid: number | null;
  /** The process name when it was known. */
  processName: string | null;
  /**
   * Makes the error.
   * @param pid the process refused, if any
   * @param processName its name
   * @param msg what was refused.
   */
  constructor(pid: number | null = null, processName: string | null = null, msg = "") {
    super(compose(msg, { pid, name: processName }));
    this.pid = pid;
    this.processName = processName;
    this.msg = msg;
  }
}

/**
 * A wait ran out of time.
 *
 * @example
 * ```ts
 * import { TimeoutExpired } from "@x/psutil";
 * const e = new TimeoutExpired(0.5, 42);
 * console.log(e.message); // timeout after 0.5 seconds (pid=42)
 * ```
 */
export class TimeoutExpired extends PsutilError {
  /** The timeout that expired, in seconds. */
  seconds: number;
  /** The pid waited on. */
  pid: number | null;
  /** The process name when it was known. */
  processName: string | null;
  /**
   * Makes the error.
   * @param seconds the timeout
   * @param pid the process waited on
   * @param processName its name.
   */
  constructor(seconds: number, pid: number | null = null, processName: string | null = null) {
    const m = `timeout after ${seconds} seconds`;
    super(compose(m, { pid, name: processName }));
    this.seconds = seconds;
    this.pid = pid;
    this.processName = processName;
    this.msg = m;
  }
}

/**
 * The current OS cannot answer this call.
 *
 * @example
 * ```ts
 * import { NotImplementedError } from "@x/psutil";
 * const e = new NotImplementedError("sensorsFans", "windows");
 * console.log(e.message); // sensorsFans() is not available on windows
 * ```
 */
export class NotImplementedError extends PsutilError {
  /** The function or method asked for. */
  what: string;
  /** The OS that cannot answer it. */
  os: string;
  /**
   * Makes the error.
   * @param what the function or method
   * @param os the OS (or runtime) that lacks it.
   * @param why the message, when it says more than that (which version would have it)
   */
  constructor(what: string, os: string, why?: string) {
    super(why ?? `${what}() is not available on ${os}`);
    this.what = what;
    this.os = os;
  }
}

/**
 * An OS call failed for a reason that is none of psutil's errors. Keeps the
 * errno (POSIX) or Win32/NTSTATUS code and the name of the call.
 *
 * @example
 * ```ts
 * import { OsError } from "@x/psutil";
 * const e = new OsError(2, "ENOENT", "open", "/nonexistent");
 * console.log(e.message); // open(/nonexistent) failed: ENOENT (errno 2)
 * ```
 */
export class OsError extends PsutilError {
  /** The numeric code: errno on POSIX, the Win32 or NTSTATUS code on Windows. */
  errno: number;
  /** Its symbolic name (`"ENOENT"`, `"ERROR_ACCESS_DENIED"`). */
  code: string;
  /** The call that failed. */
  syscall: string;
  /** The path or argument involved, when there is one. */
  path: string | null;
  /**
   * Makes the error.
   * @param errno the numeric code
   * @param code its name
   * @param syscall the call
   * @param path its argument.
   * @param detail what went wrong, in words, appended to the message.
   */
  constructor(errno: number, code: string, syscall: string, path: string | null = null, detail?: string) {
    const where = path === null ? syscall : `${syscall}(${path})`;
    super(`${where} failed: ${code} (errno ${errno})${detail ? `: ${detail}` : ""}`);
    this.errno = errno;
    this.code = code;
    this.syscall = syscall;
    this.path = path;
  }
}

/**
 * Deno was not given a permission the call needs. `flags` are the flags to
 * add (`--allow-ffi` for the library, `--allow-run` for `Popen`), all at once;
 * the message names them. Only Deno has permissions: Bun and Node never
 * throw it.
 *
 * @example
 * ```ts
 * import { PermissionNeeded, virtualMemory } from "@x/psutil";
 * try {
 *   console.log(virtualMemory().total);
 * } catch (e) {
 *   if (e instanceof PermissionNeeded) console.log("run again with", e.flags.join(" "));
 * }
 * ```
 */
export class PermissionNeeded extends PsutilError {
  /** The flags to add to `deno run`. */
  flags: string[];
  /**
   * Makes the error.
   * @param flags the flags to add.
   * @param what what needs them, for the message.
   */
  constructor(flags: string[], what = "@x/psutil") {
    super(
      `${what} needs Deno's permission ${flags.join(" ")}: run again with ${flags.join(" ")} (or -A)`,
    );
    this.flags = flags;
  }
}
