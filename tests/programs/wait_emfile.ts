/**
 * Waits for a process while this one has no descriptor left: starts a
 * `sleep argv[2]` that is not its child (its shell exits at once, so no child
 * exit reaches the runtime meanwhile), then opens /dev/null until the OS
 * says EMFILE (after lowering RLIMIT_NOFILE), and `Process.wait()`s. Prints,
 * as JSON, the open's error code, what wait resolved to, and whether the
 * sleep still runs after. With `--ended`, the sleep ends before the
 * descriptors run out: Deno's runtime itself panics when its event loop
 * runs a few timers without a free descriptor, so the Deno test waits for a
 * process that the first look finds gone.
 *
 * @module
 */
import { spawn } from "node:child_process";
import { closeSync, openSync, readdirSync } from "node:fs";
import process from "node:process";
import * as psutil from "../../mod.ts";

const shell = spawn("sh", ["-c", `sleep ${Number(process.argv[2] ?? 1)} >/dev/null & echo $!`], {
  stdio: ["ignore", "pipe", "ignore"],
});
const pid = await new Promise<number>((r) => shell.stdout!.once("data", (d) => r(Number(String(d).trim()))));
await new Promise((r) => shell.once("exit", r));
const p = new psutil.Process(pid);
// `--ended`: the sleep has ended before the descriptors run out (the wait's first look sees it).
if (process.argv.includes("--ended")) { while (psutil.pidExists(pid)) await new Promise((r) => setTimeout(r, 10)); }
const me = new psutil.Process();
const [soft, hard] = me.rlimit(psutil.RLIMIT_NOFILE);
const top = Math.max(...readdirSync("/proc/self/fd").map(Number));
me.rlimit(psutil.RLIMIT_NOFILE, [top + 3, hard]); // room for the descriptors that restoring it takes
const filled: number[] = [];
let openError = "none";
for (;;) {
  try {
    filled.push(openSync("/dev/null", "r"));
  } catch (e) {
    openError = (e as { code?: string }).code ?? String(e);
    break;
  }
}
let waited: unknown;
try {
  waited = await p.wait({ timeout: 20 });
} catch (e) {
  waited = `${(e as Error).constructor.name}: ${(e as Error).message}`;
}
for (const fd of filled) closeSync(fd);
me.rlimit(psutil.RLIMIT_NOFILE, [soft, hard]);
console.log(JSON.stringify({ openError, waited, running: p.isRunning() }));
process.exit(0);
