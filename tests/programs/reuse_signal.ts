/**
 * Run as pid 1 of a fresh pid namespace (`unshare -fp --mount-proc`): starts
 * a `sleep` A, opens it as a `Process`, and between the identity check and
 * the signal (the guard hook) kills A, lets its shell reap it and makes the
 * kernel hand A's pid to a new `sleep` B (`ns_last_pid`). Then terminates
 * the `Process` of A and prints, as JSON, what happened to B and what
 * `ppid()`, `parent()` and `children()` of the stale `Process` said.
 * `--no-pidfd` takes the path of a kernel without pidfds.
 *
 * @module
 */
import { execFileSync, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import process from "node:process";
import * as psutil from "../../mod.ts";
import { setGuardHook } from "../../platform/linux/process.ts";

const errorName = (f: () => unknown): string => {
  try {
    f();
    return "none";
  } catch (e) {
    return (e as Error).constructor.name;
  }
};

const shell = spawn("sh", ["-c", "sleep 1000 & echo $!; wait"], { stdio: ["ignore", "pipe", "ignore"] });
const a = await new Promise<number>((resolve) => shell.stdout!.once("data", (d) => resolve(Number(String(d).trim()))));
const p = new psutil.Process(a);
let b = -1;
setGuardHook(() => {
  setGuardHook(null);
  // kill A; its shell reaps it; the next pid handed out is A's.
  b = Number(
    execFileSync("sh", [
      "-c",
      `kill -9 ${a}; i=0; while [ -e /proc/${a} ] && [ $i -lt 100000 ]; do i=$((i+1)); done
     echo ${a - 1} > /proc/sys/kernel/ns_last_pid; sleep 1000 </dev/null >/dev/null 2>&1 & echo $!`,
    ], { encoding: "utf8" }).trim(),
  );
}, { pidfd: !process.argv.includes("--no-pidfd") });
const terminate = errorName(() => p.terminate());
const state = (pid: number) =>
  existsSync(`/proc/${pid}/stat`) ? readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1][0] : "gone";
await new Promise((r) => setTimeout(r, 100)); // a delivered SIGTERM would have ended B by now
const result = {
  a,
  b,
  terminate,
  bState: state(b),
  ppid: errorName(() => p.ppid()),
  parent: errorName(() => p.parent()),
  children: errorName(() => p.children()),
  isRunning: p.isRunning(),
};
console.log(JSON.stringify(result));
try {
  process.kill(b, "SIGKILL");
} catch { /* ended */ }
process.exit(0);
