/**
 * Children started by `Popen`: how each ended, by pid and creation time, so
 * that any `Process` on that pid can report the exit code the runtime
 * collected; and waiting for a Promise with a timeout.
 *
 * @module
 */
import { TimeoutExpired } from "../errors.ts";

/**
 * How children started by `Popen` ended, by pid and creation time, so that
 * any `Process` on that pid can report the exit code the runtime collected.
 * The most recent 1024 are kept.
 */
export const spawned = new Map<number, { createTime: number | null; exited: Promise<number> }>();

/** Records a child started by `Popen` (used by `Popen` only). */
export function registerSpawned(pid: number, createTime: number | null, exited: Promise<number>): void {
  spawned.delete(pid);
  spawned.set(pid, { createTime, exited });
  if (spawned.size > 1024) spawned.delete(spawned.keys().next().value!);
}

/** Resolves to `p`, or rejects with `TimeoutExpired` after `timeout` seconds (none: never). */
export async function withTimeout<T>(
  p: Promise<T>,
  timeout: number | undefined,
  pid: number,
  name: string | null,
): Promise<T> {
  if (timeout === undefined) return await p;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new TimeoutExpired(timeout, pid, name)), timeout * 1000);
  });
  try {
    return await Promise.race([p, expired]);
  } finally {
    clearTimeout(timer);
  }
}
