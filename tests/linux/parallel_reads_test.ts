// processIter's parallel reads (platform/linux/parallel_reads.ts), forced on for
// this machine's few processes: every answer must be the serial one, with
// children of known properties that test the slots' edge cases (a command
// line too big for a slot, a zombie, a process that exits mid-pass), an
// iteration abandoned halfway, and a program that exits with the helper on.
import { test } from "node:test";
import assert from "node:assert/strict";
import { type ChildProcess, spawnSync } from "node:child_process";
import process from "node:process";
import { isDeepStrictEqual } from "node:util";
import * as psutil from "../../mod.ts";
import {
  lastBatchEngine,
  lastBatchHelped,
  parallelReadsActive,
  SLOT_BYTES,
} from "../../platform/linux/parallel_reads.ts";
import { setUringReads, uringReadsAvailable } from "../../platform/linux/uring_reads.ts";
import { setParallelReads } from "../../platform/linux/parallel_reads.ts";
import { batchFiles } from "../../platform/linux/process.ts";
import { startChild, stopChild, waitExec, waitFor } from "../helpers.ts";

const LINUX = psutil.LINUX;
const ATTRS: psutil.ProcessAttr[] = ["pid", "name", "ppid", "username", "cmdline", "createTime", "uids", "terminal"];

/** pid -> info of one whole processIter pass. */
function pass(): Map<number, Record<string, unknown>> {
  const out = new Map<number, Record<string, unknown>>();
  for (const p of psutil.processIter({ attrs: ATTRS })) out.set(p.pid, p.info!);
  return out;
}

test("batchFiles: the files a pass reads for its attributes", () => {
  assert.deepEqual(batchFiles([]), ["stat"]);
  assert.deepEqual(batchFiles(["name", "ppid", "cpuTimes"]), ["stat"]);
  assert.deepEqual(batchFiles(["memoryInfo"]), ["stat", "statm"]);
  assert.deepEqual(batchFiles(["memoryInfo", "username", "cmdline"]), ["stat", "status", "cmdline"]);
});

/**
 * Every answer of a parallel pass through `engine` is the serial one: big
 * command line, zombie, early exits, an abandoned pass, more processes than
 * the io_uring window (its slots are reused).
 */
async function parity(engine: "io_uring" | "thread"): Promise<void> {
  // 150 sleeping processes, then the edge cases: the newest pids, which the helper reads first (from the back).
  const sleepers = startChild("sh", ["-c", "for i in $(seq 150); do sleep 1000 & done; wait"]);
  // A forked subshell can end between children() and name(): it is just not a sleeper yet.
  const isSleep = (c: psutil.Process) => {
    try {
      return c.name() === "sleep";
    } catch {
      return false;
    }
  };
  const big = "x".repeat(SLOT_BYTES * 3);
  const bigArgv = ["/usr/bin/python3", "-c", "import time; time.sleep(1000)", big];
  let bigChild: ChildProcess | undefined, zombieParent: ChildProcess | undefined;
  try {
    await waitFor(() => new psutil.Process(sleepers.pid!).children().filter(isSleep).length === 150);
    bigChild = startChild(bigArgv[0], bigArgv.slice(1));
    zombieParent = startChild("sh", ["-c", "sleep 0 & exec sleep 1000"]);
    await waitExec(bigChild.pid!, "python3");
    const zombie = await waitFor(() =>
      new psutil.Process(zombieParent!.pid!).children().find((c) => c.status() === psutil.STATUS_ZOMBIE)
    );
    assert.ok(zombie, "no zombie");
    setParallelReads(false);
    const serial = pass();
    setParallelReads(true, 1);
    setUringReads(engine === "io_uring");
    pass(); // the helper thread starts on the second large pass, and reads along once it has loaded
    let parallel = pass();
    for (let i = 0; i < 500 && lastBatchHelped() < 20; i++) {
      await new Promise((r) => setTimeout(r, 20));
      parallel = pass();
    }
    const helped = lastBatchHelped();
    setParallelReads(false);
    const serialAfter = pass();
    setParallelReads(true, 1);
    assert.equal(lastBatchEngine(), engine);
    if (engine === "thread") assert.ok(parallelReadsActive(), "the helper thread runs");
    // It read some of the processes (from the back, where the children are); this thread read the rest.
    assert.ok(helped >= 20 && helped <= parallel.size, `helped ${helped}`);
    for (const [pid, info] of parallel) {
      // Processes of the test runner may come and go, or change (exec, exit), between passes: each answer must be
      // what a serial pass said just before or just after. Kernel workers rename themselves as they pick up work.
      if (!serial.has(pid) || !serialAfter.has(pid) || info.ppid === 2 || pid === 2) continue;
      assert.ok(
        isDeepStrictEqual(info, serial.get(pid)) || isDeepStrictEqual(info, serialAfter.get(pid)),
        `pid ${pid}: ${JSON.stringify(info)} vs ${JSON.stringify(serial.get(pid))}`,
      );
    }
    assert.deepEqual(parallel.get(bigChild.pid!)!.cmdline, bigArgv, "a command line bigger than a slot");
    assert.deepEqual(parallel.get(zombie.pid)!.cmdline, null, "a zombie's command line is refused, as serially");
    // Short-lived processes during passes: skipped or answered, never thrown.
    const churn = startChild("sh", ["-c", "for i in $(seq 200); do /bin/true; done"]);
    for (let i = 0; i < 5; i++) pass();
    await stopChild(churn);
    // A pass left after three processes: the next one is whole and right.
    let n = 0;
    for (const _ of psutil.processIter({ attrs: ATTRS })) if (++n === 3) break;
    const before = psutil.pids();
    const again = pass();
    const after = new Set(psutil.pids());
    // Every process alive before and after the pass is in it.
    for (const pid of before) if (after.has(pid)) assert.ok(again.has(pid), `pid ${pid} missing`);
    assert.deepEqual(again.get(bigChild.pid!)!.cmdline, bigArgv);
  } finally {
    setParallelReads(true);
    setUringReads(true);
    if (bigChild) await stopChild(bigChild);
    if (zombieParent) await stopChild(zombieParent);
    // sh reaps its sleepers as they die; the other tests then see none of them.
    const kids = new psutil.Process(sleepers.pid!).children();
    for (const s of kids) s.kill();
    await waitFor(() => kids.every((k) => !psutil.pidExists(k.pid)));
    await stopChild(sleepers);
  }
}

test("io_uring reads give the serial answers", { skip: !LINUX || !uringReadsAvailable() }, () => parity("io_uring"));

test("helper-thread reads give the serial answers", { skip: !LINUX }, () => parity("thread"));

test("a program whose processIter started the helper thread still exits", { skip: !LINUX }, () => {
  const code = `
    import * as psutil from ${JSON.stringify(new URL("../../mod.ts", import.meta.url).href)};
    import { parallelReadsActive, setParallelReads } from ${
    JSON.stringify(new URL("../../platform/linux/parallel_reads.ts", import.meta.url).href)
  };
    import { setUringReads } from ${
    JSON.stringify(new URL("../../platform/linux/uring_reads.ts", import.meta.url).href)
  };
    setUringReads(false);
    setParallelReads(true, 1);
    for (let i = 0; i < 3; i++) for (const p of psutil.processIter({ attrs: ["name"] })) void p;
    console.log(parallelReadsActive());`;
  const args = "Deno" in globalThis ? ["eval", code] : ["-e", code];
  const r = spawnSync(process.execPath, args, { encoding: "utf8", timeout: 30_000 });
  assert.equal(r.signal, null, "it did not exit by itself");
  assert.equal(r.status, 0, r.stderr);
  assert.equal(r.stdout.trim(), "true");
});
