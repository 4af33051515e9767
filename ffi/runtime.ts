/**
 * Which runtime and which OS we run on. The only place besides the two
 * adapters that looks at the runtime's globals.
 *
 * @module
 */

/** The operating systems this library knows. */
export type OsName =
  | "linux"
  | "windows"
  | "darwin"
  | "freebsd"
  | "openbsd"
  | "netbsd"
  | "sunos"
  | "aix"
  | "unknown";

/** A permission of Deno's (`--allow-<name>`). */
export type DenoPermission = "ffi" | "read" | "run";

interface DenoPermissions {
  querySync(d: { name: DenoPermission; path?: string }): { state: "granted" | "prompt" | "denied" };
  requestSync(d: { name: DenoPermission; path?: string }): { state: "granted" | "prompt" | "denied" };
}

interface RuntimeGlobals {
  Deno?: {
    build: { os: string; arch: string };
    pid: number;
    unrefTimer(id: number): void;
    version: { deno: string };
    permissions?: DenoPermissions;
  };
  Bun?: { version: string };
  process?: { platform: string; arch: string; pid: number; versions?: { node?: string } };
}

const g = globalThis as unknown as RuntimeGlobals;

/** True under Bun (checked first: Bun has no `Deno`, Deno may polyfill `process`). */
export const isBun: boolean = typeof g.Bun !== "undefined";

/** True under Deno. */
export const isDeno: boolean = !isBun && typeof g.Deno !== "undefined";

/** True under Node (neither Bun nor Deno, both of which offer a `process` too). */
export const isNode: boolean = !isBun && !isDeno && typeof g.process?.versions?.node === "string";

function detectOs(): OsName {
  const raw = isDeno ? g.Deno!.build.os : g.process?.platform ?? "unknown";
  switch (raw) {
    case "linux":
    case "android":
      return "linux";
    case "windows":
    case "win32":
      return "windows";
    case "darwin":
      return "darwin";
    case "freebsd":
    case "openbsd":
    case "netbsd":
    case "aix":
      return raw;
    case "solaris":
    case "illumos":
    case "sunos":
      return "sunos";
    default:
      return "unknown";
  }
}

/** The runtime's name and version: `"deno 2.9.6"`, `"bun 1.4.5"`, `"node 26.12.1"`. */
export function runtimeName(): string {
  return isBun
    ? `bun ${g.Bun!.version}`
    : isDeno
    ? `deno ${g.Deno!.version.deno}`
    : isNode
    ? `node ${g.process!.versions!.node}`
    : "unknown";
}

/**
 * What a test sets on `globalThis.__psutilTarget` before the library's first
 * import, to run another OS's backend here: the OS it serves, and the file
 * each of that OS's libraries is opened from instead (the stand-in libraries
 * of `tests/darwin/`, which answer as that OS does). Never set by programs.
 */
export interface TargetOverride {
  /** The OS whose backend, numbers and layouts are used. */
  readonly os: OsName;
  /** The architecture to serve (`aarch64`), where the backend's calls differ by it; the runtime's own by default. */
  readonly arch?: string;
  /** The library path the backend names (`/usr/lib/libSystem.B.dylib`) -> the file to open. */
  readonly libraries: Readonly<Record<string, string>>;
}

const target = (globalThis as { __psutilTarget?: TargetOverride }).__psutilTarget;

/** The OS this process runs on (or the one a test chose), decided once at import. */
export const currentOs: OsName = target?.os ?? detectOs();

/** The file to open for library `path`: `path` itself, unless a test put a stand-in in its place. */
export function libraryFile(path: string): string {
  return target?.libraries[path] ?? path;
}

/** The CPU architecture as the runtime names it (`x86_64`/`x64`, `aarch64`/`arm64`), or the one a test chose. */
export const currentArch: string = target?.arch ?? (isDeno ? g.Deno!.build.arch : g.process?.arch ?? "unknown");

/** The pid of this process, without a system call. */
export function selfPid(): number {
  return isDeno ? g.Deno!.pid : g.process!.pid;
}

/**
 * Calls `fn` every `ms` milliseconds on a timer that does not keep the
 * program alive (Deno's `unrefTimer`, Bun's and Node's `Timeout.unref`).
 */
export function unrefInterval(fn: () => void, ms: number): void {
  const timer: unknown = setInterval(fn, ms);
  if (typeof timer === "number") g.Deno!.unrefTimer(timer);
  else (timer as { unref(): void }).unref();
}

/** Deno's answer for permission `name` (for `path`, when given); `granted` under Bun and Node, which have none. */
function denoState(name: DenoPermission, path?: string): "granted" | "prompt" | "denied" {
  const p = isDeno ? g.Deno!.permissions : undefined;
  return p === undefined ? "granted" : p.querySync(path === undefined ? { name } : { name, path }).state;
}

/**
 * Whether Deno grants the permission `name`: `true` when granted, and always
 * under Bun and Node. When Deno would ask, it asks once, for the permission
 * as a whole, so a program sees one prompt per flag, not one per library
 * name tried.
 */
export function denoAllows(name: DenoPermission): boolean {
  const state = denoState(name);
  if (state !== "prompt") return state === "granted";
  return g.Deno!.permissions!.requestSync({ name }).state === "granted";
}

/** Whether Deno already grants the permission `name` for `path`: never asks. `true` under Bun and Node. */
export function denoGrants(name: DenoPermission, path?: string): boolean {
  return denoState(name, path) === "granted";
}

/** What the library uses of a `node:worker_threads` worker. */
export interface WorkerLike {
  postMessage(message: unknown): void;
  on(event: string, listener: (...args: unknown[]) => void): void;
  unref(): void;
  ref(): void;
  terminate(): unknown;
}

/**
 * The module `stem` beside the module `base` (an `import.meta.url`), with
 * base's own extension: `.ts` in the sources, `.js` where the package was
 * transpiled (JSR's npm tarballs rewrite import specifiers, not the strings
 * given to `new URL`), `.ts` again where base has none (a single binary).
 */
export function siblingModule(stem: string, base: string): URL {
  const ext = /\.[cm]?[jt]s$/.exec(new URL(base).pathname)?.[0] ?? ".ts";
  return new URL(`./${stem}${ext}`, base);
}

/**
 * A `node:worker_threads` worker running module `url`, for the library's
 * optional helper threads. Throws where none can start: no worker threads,
 * or Deno not granting read access to the module's file (asked without a
 * prompt: a helper only makes things faster, and is no reason to ask the
 * user for a permission); the caller then does the work on its own thread.
 */
export function startWorker(url: URL): WorkerLike {
  if (url.protocol === "file:" && !denoGrants("read", decodeURIComponent(url.pathname))) {
    throw new Error("Deno grants no read access to the helper's module");
  }
  const proc = (globalThis as { process?: { getBuiltinModule?: (name: string) => unknown } }).process;
  const wt = proc?.getBuiltinModule?.("node:worker_threads") as { Worker: new (url: URL) => WorkerLike } | undefined;
  if (!wt) throw new Error("no worker_threads");
  return new wt.Worker(url);
}

/** Whether `e` is Deno's error for a permission it was not given (`NotCapable`, `PermissionDenied` before 2.0). */
export function isDenoPermissionError(e: unknown): boolean {
  return isDeno && e instanceof Error &&
    (e.name === "NotCapable" || /run again with the --allow-\w+ flag/.test(e.message));
}
