/**
 * Boot time and other system-wide facts.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import type { User } from "../types.ts";

/**
 * When the system booted, in seconds since the epoch.
 *
 * @example
 * ```ts
 * import { bootTime } from "@x/psutil";
 * console.log(new Date(bootTime() * 1000).toISOString());
 * ```
 */
export function bootTime(): number {
  return backend.bootTime();
}

/**
 * Users logged in now: name, terminal, remote host (`""` when local),
 * login time and the login process's pid.
 *
 * @example
 * ```ts
 * import { users } from "@x/psutil";
 * for (const u of users()) console.log(u.name, u.terminal, new Date(u.started * 1000));
 * ```
 */
export function users(): User[] {
  return backend.users();
}
