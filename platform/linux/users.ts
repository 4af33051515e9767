/**
 * Linux users: the `USER_PROCESS` records of utmp through `getutxent(3)`,
 * which every POSIX libc shares (posix/utmp.ts).
 *
 * @module
 */
export { users } from "../posix/utmp.ts";
