// psutil:
//   procs = [psutil.Popen(["sleep", "0.1"]), psutil.Popen(["sh", "-c", "exit 3"]), psutil.Popen(["sleep", "30"])]
//   gone, alive = psutil.wait_procs(procs, timeout=2, callback=lambda p: print("gone", p.returncode))
//   for p in alive: p.kill()
//   gone, alive = psutil.wait_procs(alive, timeout=3)
import * as psutil from "../../mod.ts";

const procs = [
  new psutil.Popen(["sleep", "0.1"]),
  new psutil.Popen(["sh", "-c", "exit 3"]),
  new psutil.Popen(["sleep", "30"]),
];
const first = await psutil.waitProcs(procs, {
  timeout: 2,
  callback: (p) => console.log(`gone ${p.pid} ${p.returncode}`),
});
console.log(`alive ${first.alive.map((p) => p.pid).join(" ")}`);
for (const p of first.alive) p.kill();
const second = await psutil.waitProcs(first.alive, { timeout: 3 });
console.log(`killed ${second.gone.map((p) => p.returncode).join(" ")} left ${second.alive.length}`);
