/**
 * Boot time and other system-wide facts.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";

/**
 * When the system booted, in seconds since the epoch.
 *
 * @example
 * ```ts
 * import { bootTime } from "./mod.ts";
 * console.log(new Date(bootTime() * 1000).toISOString());
 * ```
 */
export function bootTime(): number {
  return backend.bootTime();
}
