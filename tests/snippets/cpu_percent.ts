// psutil:
//   print(psutil.cpu_percent(interval=0.5, percpu=True))
//   print(psutil.cpu_percent(interval=None))
import * as psutil from "../../mod.ts";

const perCpu = await psutil.cpuPercent({ interval: 0.5, percpu: true });
console.log(perCpu.map((v) => v.toFixed(1)).join(" "));
console.log(psutil.cpuPercent().toFixed(1));
