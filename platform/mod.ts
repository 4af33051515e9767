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

function select(): Backend {
  switch (currentOs) {
    case "linux":
      return linuxBackend;
    case "windows":
      return windowsBackend;
    default:
      // macOS and FreeBSD get their own backends in later changes; until
      // then every call says clearly that it is not available.
      return unsupportedBackend(currentOs);
  }
}

/** The backend of the current OS. */
export const backend: Backend = select();
