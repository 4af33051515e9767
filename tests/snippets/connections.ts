// psutil:
//   for c in psutil.net_connections(kind="tcp"):
//       if c.status == psutil.CONN_LISTEN:
//           print(f"{c.laddr.ip}:{c.laddr.port}", c.pid)
//   for c in psutil.net_connections(kind="all"):
//       print(c.laddr if c.family == socket.AF_UNIX else c.laddr and c.laddr.port)
import * as psutil from "../../mod.ts";

for (const c of psutil.netConnections({ kind: "tcp" })) {
  if (c.status === psutil.CONN_LISTEN && c.laddr) console.log(`tcp ${c.laddr.ip}:${c.laddr.port} ${c.pid}`);
}
for (const c of psutil.netConnections({ kind: "all" })) {
  // The family tells the address's type apart: a path for Unix sockets, ip and port otherwise.
  if (c.family === psutil.AF_UNIX) {
    if (c.laddr !== "") console.log(`unix ${c.laddr} ${c.pid}`);
  } else if (c.laddr && c.raddr) {
    console.log(`inet ${c.laddr.ip}:${c.laddr.port} ${c.raddr.ip}:${c.raddr.port} ${c.status} ${c.pid}`);
  }
}
