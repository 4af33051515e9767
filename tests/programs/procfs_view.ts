/**
 * Prints, as JSON, what the library says with the procfs root at argv[2]
 * (or the default): this process's pid by the runtime and by `Process()`,
 * `Process()`'s command line, and whether pid 1 opens and exists. For tests
 * run in other pid namespaces and as another user.
 *
 * @module
 */
import process from "node:process";
import * as psutil from "../../mod.ts";

const outcome = (f: () => unknown): unknown => {
  try {
    return f();
  } catch (e) {
    return (e as Error).constructor.name;
  }
};

if (process.argv[2]) psutil.setProcfsPath(process.argv[2]);
const me = outcome(() => new psutil.Process());
console.log(JSON.stringify({
  runtimePid: process.pid,
  pid: me instanceof psutil.Process ? me.pid : me,
  cmdline: me instanceof psutil.Process ? outcome(() => me.cmdline()) : null,
  process1: outcome(() => new psutil.Process(1).pid),
  exists1: outcome(() => psutil.pidExists(1)),
  pids: outcome(() => psutil.pids().length),
  iter: outcome(() => [...psutil.processIter({ attrs: ["name"] })].length),
}));
