/**
 * macOS logins: the `USER_PROCESS` records of the utmpx database, as on
 * every POSIX system, with psutil's macOS form (no host for a local login).
 *
 * @module
 */
import type { User } from "../../types.ts";
import { users as utmpxUsers } from "../posix/utmp.ts";

/** Users logged in now; `host` is `null` for a local login (psutil gives `None` there on macOS). */
export function users(): User[] {
  return utmpxUsers().map((u) => ({ ...u, host: u.host || null }));
}
