// Reliability on Linux, each behaviour set up for real: pid reuse in a fresh
// pid namespace, processes with hostile names and paths, broken procfs trees,
// mount namespaces, exhausted descriptors, hidden pids, stopped FUSE daemons.
import { test } from "node:test";
import assert from "node:assert/strict";
import * as psutil from "../mod.ts";
import { have, IS_ROOT, lastJson, runProgram } from "./helpers.ts";

const LINUX = psutil.LINUX;
const NS = LINUX && IS_ROOT && have("unshare");

// --- never signal the wrong process ----------------------------------------------

test("a pid reused between the identity check and the signal does not receive it (pidfd)", { skip: !NS }, () => {
  for (let attempt = 1;; attempt++) {
    const r = lastJson(runProgram("reuse_signal", [], { prefix: ["unshare", "-fp", "--mount-proc"] }));
    // Another task of the namespace (a runtime thread) may take the pid first: try again.
    if (r.b !== r.a && attempt < 5) continue;
    assert.equal(r.b, r.a, "the kernel handed A's pid to B");
    assert.equal(r.terminate, "NoSuchProcess", "the signal to a reused pid is refused");
    assert.equal(r.bState, "S", "B, which took the pid over, still sleeps");
    assert.equal(r.isRunning, false);
    // ppid(), parent(), children() of the stale Process do not describe B.
    assert.equal(r.ppid, "NoSuchProcess");
    assert.equal(r.parent, "NoSuchProcess");
    assert.equal(r.children, "NoSuchProcess");
    return;
  }
});

test("without pidfds (the kill fallback) the same race reaches the new process: what the pidfd closes", {
  skip: !NS,
}, () => {
  for (let attempt = 1;; attempt++) {
    const r = lastJson(runProgram("reuse_signal", ["--no-pidfd"], { prefix: ["unshare", "-fp", "--mount-proc"] }));
    if (r.b !== r.a && attempt < 5) continue;
    assert.equal(r.b, r.a);
    assert.equal(r.terminate, "none");
    assert.notEqual(r.bState, "S", "check-then-kill signalled B");
    return;
  }
});
