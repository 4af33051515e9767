/**
 * Picks the backend of the OS we run on, once, at import. Importing opens no
 * library and reads no file: backends do that on first use.
 *
 * @module
 */
import { currentOs, denoAllows, type DenoPermission, isNode, runtimeName } from "../ffi/runtime.ts";
import { nodeFfiMissing } from "../ffi/node.ts";
import { NotImplementedError, PermissionNeeded } from "../errors.ts";
import type { Backend } from "./backend.ts";
import { linuxBackend } from "./linux/mod.ts";
import { windowsBackend } from "./windows/mod.ts";
import { darwinBackend } from "./darwin/mod.ts";
import { freebsdBackend } from "./freebsd/mod.ts";
import { unsupportedBackend } from "./unsupported.ts";

export type { Backend, ExitWatch, MonitorBackend, ProcessBackend } from "./backend.ts";

/** The backend of each OS that has one (FreeBSD's in progress). */
const BACKENDS: Readonly<Record<string, Backend>> = {
  linux: linuxBackend,
  windows: windowsBackend,
  darwin: darwinBackend,
  freebsd: freebsdBackend,
};

/**
 * What each backend needs of Deno: FFI, for the C library and the OS's own
 * libraries (the Linux backend reads procfs through the C library too).
 * Checked once, at the first call.
 */
const NEEDS: Readonly<Record<string, readonly DenoPermission[]>> = {
  linux: ["ffi"],
  windows: ["ffi"],
  darwin: ["ffi"],
  freebsd: ["ffi"],
};

/**
 * Throws `PermissionNeeded` naming every flag this OS's backend needs and
 * Deno was not given (asking first where Deno would prompt), and
 * `NotImplementedError` naming the Node version needed on a Node without
 * `node:ffi`.
 */
function checkPermissions(): void {
  const noFfi = isNode ? nodeFfiMissing() : null;
  if (noFfi !== null) throw new NotImplementedError("node:ffi", runtimeName(), noFfi);
  const missing = (NEEDS[currentOs] ?? []).filter((name) => !denoAllows(name));
  if (missing.length) throw new PermissionNeeded(missing.map((name) => `--allow-${name}`));
}

const chosen: Backend = BACKENDS[currentOs] ??
  // Every call says clearly that it is not available here.
  unsupportedBackend(currentOs);

/**
 * The backend of the current OS. Until the first call it is a stand-in that
 * checks Deno's permissions (and Node's FFI), so a missing flag is one clear error (and at
 * most one prompt per flag) instead of a failed `dlopen` per library name;
 * then it is the backend itself, with nothing in between.
 */
export let backend: Backend = new Proxy(chosen, { get: firstUse });

function firstUse(target: Backend, key: string | symbol): unknown {
  if (backend !== target) {
    try {
      checkPermissions();
    } catch (e) {
      // Uncaught, it shows where the program called, not the frames of this check.
      (Error as { captureStackTrace?: (e: object, above: unknown) => void }).captureStackTrace?.(e as object, firstUse);
      throw e;
    }
    backend = target;
  }
  return Reflect.get(target, key);
}
