/**
 * Scheduling priority on the POSIX systems: the nice value `setpriority(2)`
 * takes.
 *
 * @module
 */
import { checkInt } from "../common.ts";

/** A nice value: an integer from -20 (most favoured) to 19. */
export function checkNice(value: unknown): number {
  return checkInt("nice", "value", value, -20, 19);
}
