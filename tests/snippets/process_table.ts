// psutil:
//   for p in psutil.process_iter(["pid", "name", "username", "memory_info"]):
//       print(p.info["pid"], p.info["name"], p.info["username"], p.info["memory_info"].rss)
import * as psutil from "../../mod.ts";

for (const p of psutil.processIter({ attrs: ["pid", "name", "username", "memoryInfo"] })) {
  const { pid, name, username, memoryInfo } = p.info;
  console.log(pid, name, username ?? "?", memoryInfo?.rss ?? "?");
}
