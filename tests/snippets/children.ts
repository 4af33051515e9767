// psutil:
//   p = psutil.Popen(["sh", "-c", "sleep 30 & sleep 30 & wait"])
//   ... wait until both sleeps run ...
//   for c in p.children(recursive=True): print(c.pid, c.ppid(), c.name())
//   for c in p.children(): c.terminate()
//   gone, alive = psutil.wait_procs([p, *kids], timeout=10)
import * as psutil from "../../mod.ts";

const p = new psutil.Popen(["sh", "-c", "sleep 30 & sleep 30 & wait"]);
let kids = p.children({ recursive: true });
for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
  kids = p.children({ recursive: true });
  if (kids.length === 2 && kids.every((c) => c.name() === "sleep")) break;
  await new Promise((r) => setTimeout(r, 20));
}
console.log(`parent ${p.pid}`);
for (const c of kids) console.log(`child ${c.pid} ${c.ppid()} ${c.name()}`);
for (const c of kids) c.terminate();
const { gone, alive } = await psutil.waitProcs([p, ...kids], { timeout: 10 });
console.log(`gone ${gone.length} alive ${alive.length} parent exit ${p.returncode}`);
