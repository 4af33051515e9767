// psutil:
//   p = psutil.Process()
//   with p.oneshot():
//       print(p.name(), p.ppid(), p.status(), p.cpu_times().user, p.create_time(), p.num_threads())
import * as psutil from "../../mod.ts";

const p = new psutil.Process();
const row = p.oneshot(() => ({
  pid: p.pid,
  name: p.name(),
  ppid: p.ppid(),
  status: p.status(),
  user: p.cpuTimes().user,
  created: p.createTime(),
  threads: p.numThreads(),
}));
console.log(row.pid, row.name, row.ppid, row.status, row.user.toFixed(2), row.created.toFixed(2), row.threads);
