/**
 * The backend of an OS this library does not cover yet: every member throws
 * {@link NotImplementedError} naming the call and the OS.
 *
 * @module
 */
import { NotImplementedError } from "../errors.ts";
import type { Backend, ProcessBackend } from "./backend.ts";

function throwing<T extends object>(os: string, extra: Partial<T>): T {
  return new Proxy(extra, {
    get(target, key) {
      if (key in target) return (target as Record<PropertyKey, unknown>)[key];
      if (typeof key !== "string" || key === "then") return undefined;
      return () => {
        throw new NotImplementedError(key, os);
      };
    },
  }) as T;
}

/** A backend for `os` whose every member throws `NotImplementedError`. */
export function unsupportedBackend(os: string): Backend {
  return throwing<Backend>(os, {
    os,
    monitorAttrs: [],
    openMonitor: undefined,
    process: (pid: number): ProcessBackend =>
      throwing<ProcessBackend>(os, { pid, oneshotEnter() {}, oneshotExit() {} }),
  });
}
