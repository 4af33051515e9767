/**
 * The helper thread of parallel procfs reads (see parallel_reads.ts): for each job
 * it claims pids from the back of the list, reads their files into the
 * pid's slot of shared memory, marks the slot ready and wakes the main
 * thread if it waits. It stops at the first pid the main thread has claimed.
 *
 * @module
 */
import { parentPort } from "node:worker_threads";
import { OsError } from "../../errors.ts";
import { Errno } from "../../ffi/posix/errno.ts";
import { withFileBytes } from "./procfs.ts";
import { HELPER, type Job, READY, SKIPPED, SLOT_BYTES, TOO_BIG, UNCLAIMED } from "./parallel_reads.ts";
import { parseStatBytes, PF_KTHREAD } from "./parsers.ts";

/** Whether a `stat` line is a kernel thread's (PF_KTHREAD in its flags). */
function kernelThread(stat: Uint8Array): boolean {
  try {
    return (parseStatBytes(stat, stat.length).flags & PF_KTHREAD) !== 0;
  } catch {
    return false; // malformed: the main thread parses it again and reports it
  }
}

/** Reads the files of `job.pids[i]` into its slot. */
function fill(job: Job, i: number, data: Uint8Array, view: DataView): void {
  const base = i * SLOT_BYTES;
  const end = base + SLOT_BYTES;
  let at = base + job.files.length * 4;
  let kernel = false;
  job.files.forEach((file, k) => {
    let code: number = SKIPPED;
    if (!kernel || file === "stat") {
      try {
        code = withFileBytes(`${job.root}/${job.pids[i]}/${file}`, (bytes) => {
          if (at + bytes.length > end) return TOO_BIG;
          data.set(bytes, at);
          at += bytes.length;
          if (file === "stat") kernel = kernelThread(bytes);
          return bytes.length;
        }, job.whole[k]);
      } catch (e) {
        code = -(e instanceof OsError ? e.errno : Errno.EIO);
      }
    }
    view.setInt32(base + k * 4, code, true);
  });
}

function run(job: Job): void {
  const state = new Int32Array(job.state);
  const data = new Uint8Array(job.data);
  const view = new DataView(job.data);
  for (let i = job.pids.length - 1; i >= 0; i--) {
    if (Atomics.compareExchange(state, i, UNCLAIMED, HELPER) !== UNCLAIMED) return;
    try {
      fill(job, i, data, view);
    } finally {
      Atomics.store(state, i, READY);
      Atomics.notify(state, i);
    }
  }
}

parentPort?.on("message", run);
