// psutil:
//   for part in psutil.disk_partitions():
//       u = psutil.disk_usage(part.mountpoint)
//       print(part.device, part.mountpoint, part.fstype, u.total, u.used, u.free, u.percent)
import * as psutil from "../../mod.ts";

for (const part of psutil.diskPartitions()) {
  const u = psutil.diskUsage(part.mountpoint);
  console.log(part.device, part.mountpoint, part.fstype, u.total, u.used, u.free, u.percent);
}
