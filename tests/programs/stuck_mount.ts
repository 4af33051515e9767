/**
 * With a FUSE mount at argv[2] (its daemon stopped, or not): lists the
 * partitions and asks `diskUsageAsync` with a 0.3 s bound, then prints, as
 * JSON, what each call gave. Under Deno it then ends by itself, a helper
 * thread still blocked on the mount; Bun waits for such a thread, so there
 * it calls `process.exit()`, as the README says a Bun program must.
 *
 * @module
 */
import process from "node:process";
import * as psutil from "../../mod.ts";

const mount = process.argv[2];
const parts = psutil.diskPartitions({ all: true });
const part = parts.find((p) => p.mountpoint === mount) ?? null;
let usage: string;
try {
  await psutil.diskUsageAsync(mount, { timeout: 0.3 });
  usage = "answered";
} catch (e) {
  usage = (e as Error).constructor.name;
}
// Asked again while the first helper is still stuck: answers at once.
const again = psutil.diskPartitions({ all: true }).find((p) => p.mountpoint === mount) ?? null;
const root = await psutil.diskUsageAsync("/", { timeout: 10 });
console.log(JSON.stringify({ part, usage, again, rootTotal: root.total }));
if ("Bun" in globalThis) process.exit(0);
