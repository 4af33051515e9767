/**
 * Prints, as JSON, the interface names that `netIoCounters`, `netIfStats`
 * and `netIfAddrs` give (for a network namespace with oddly named NICs),
 * with the stats of each name.
 *
 * @module
 */
import * as psutil from "../../mod.ts";

const stats = psutil.netIfStats();
console.log(JSON.stringify({
  io: Object.keys(psutil.netIoCounters({ pernic: true })).sort(),
  stats: Object.keys(stats).sort(),
  addrs: Object.keys(psutil.netIfAddrs()).sort(),
  mtu: Object.fromEntries(Object.entries(stats).map(([k, v]) => [k, v.mtu])),
}));
