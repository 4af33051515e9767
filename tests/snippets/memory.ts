// psutil:
//   mem = psutil.virtual_memory()
//   print(mem.total, mem.available, mem.percent, psutil.swap_memory().total)
import * as psutil from "../../mod.ts";

const mem = psutil.virtualMemory();
const swap = psutil.swapMemory();
console.log(mem.total, mem.available, mem.percent.toFixed(1), swap.total);
console.log(`${psutil.bytes2human(mem.used)} used of ${psutil.bytes2human(mem.total)}`);
