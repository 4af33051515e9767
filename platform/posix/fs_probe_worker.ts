/**
 * The helper thread of bounded file-system queries (see fs_probe.ts): for
 * each job it runs `statvfs(3)` on each path in turn and writes the answer
 * into the path's slot of shared memory, then wakes the waiting thread. A
 * file system that does not answer (a stopped FUSE daemon, a dead NFS
 * server) blocks this thread, never the caller's.
 *
 * @module
 */
import { parentPort } from "node:worker_threads";
import { type ProbeJob, runProbe } from "./fs_probe.ts";

parentPort?.on("message", (job: ProbeJob) => {
  runProbe(job);
  parentPort!.postMessage("done");
});
