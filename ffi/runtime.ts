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

interface RuntimeGlobals {
  Deno?: { build: { os: string; arch: string }; pid: number; unrefTimer(id: number): void; version: { deno: string } };
  Bun?: { version: string };
  process?: { platform: string; arch: string; pid: number };
}

const g = globalThis as unknown as RuntimeGlobals;

/** True under Bun (checked first: Bun has no `Deno`, Deno may polyfill `process`). */
export const isBun: boolean = typeof g.Bun !== "undefined";

/** True under Deno. */
export const isDeno: boolean = !isBun && typeof g.Deno !== "undefined";

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

/** The runtime's name and version: `"deno 2.9.6"`, `"bun 1.4.5"`. */
export function runtimeName(): string {
  return isBun ? `bun ${g.Bun!.version}` : isDeno ? `deno ${g.Deno!.version.deno}` : "unknown";
}

/** The OS this process runs on, decided once at import. */
export const currentOs: OsName = detectOs();

/** The CPU architecture as the runtime names it (`x86_64`/`x64`, `aarch64`/`arm64`). */
export const currentArch: string = isDeno ? g.Deno!.build.arch : g.process?.arch ?? "unknown";

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
