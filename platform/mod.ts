/**
 * Picks the backend of the OS we run on, once, at import. Importing opens no
 * library and reads no file: backends do that on first use.
 *
 * @module
 */
import { currentOs } from "../ffi/runtime.ts";
import type { Backend } from "./backend.ts";
import { linuxBackend } from "./linux/mod.ts";
import { windowsBackend } from "./windows/mod.ts";
import { unsupportedBackend } from "./unsupported.ts";

export type { Backend, ExitWatch, MonitorBackend, ProcessBackend } from "./backend.ts";

/** The backend of each OS that has one; macOS and FreeBSD get theirs in later changes. */
const BACKENDS: Readonly<Record<string, Backend>> = { linux: linuxBackend, windows: windowsBackend };

/** The backend of the current OS. */
export const backend: Backend = BACKENDS[currentOs] ??
  // Every call says clearly that it is not available here.
  unsupportedBackend(currentOs);
