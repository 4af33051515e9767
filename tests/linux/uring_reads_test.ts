// The io_uring read-ahead (platform/linux/uring_reads.ts) on a fixture tree
// with known contents: more pids than chains in flight, a file longer than
// its share, a missing file, and the asks it must decline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OsError } from "../../mod.ts";
import {
  breakRingForTests,
  CHAINS,
  fileShare,
  setUringReads,
  UringBatch,
  uringReadsAvailable,
} from "../../platform/linux/uring_reads.ts";

const available = uringReadsAvailable();
const dec = new TextDecoder();

/** A procfs-shaped tree: `n` pids, each with stat and status of known text; the next-to-last's stat is too long, the fourth-to-last has no status. */
function fixture(n: number): { root: string; pids: number[] } {
  const root = mkdtempSync(join(tmpdir(), "psutil-uring-"));
  const pids = Array.from({ length: n }, (_, i) => 1000 + i * 3);
  for (const pid of pids) {
    mkdirSync(join(root, String(pid)));
    writeFileSync(join(root, String(pid), "stat"), `${pid} (p${pid}) S 1`);
    if (pid !== pids.at(-4)) writeFileSync(join(root, String(pid), "status"), `Name:\tp${pid}\n`.repeat(pid % 5 + 1));
  }
  writeFileSync(join(root, String(pids.at(-2)), "stat"), "x".repeat(fileShare("stat")));
  return { root, pids };
}

const statText = (pid: number) => `${pid} (p${pid}) S 1`;
const statusText = (pid: number) => `Name:\tp${pid}\n`.repeat(pid % 5 + 1);

test("io_uring read-ahead: the ring reads from the back, each file's bytes or its error", { skip: !available }, () => {
  const { root, pids } = fixture(CHAINS * 2);
  try {
    const b = UringBatch.begin(pids, ["stat", "status"], [true, true], root)!;
    assert.ok(b);
    let served = 0, mine = 0;
    try {
      for (const [i, pid] of pids.entries()) {
        // The bytes are good until the next take (the parser is done with them by then): decode each at once.
        const text = (x: Uint8Array | OsError | undefined) => x instanceof Uint8Array ? dec.decode(x) : x;
        const stat = text(b.take(root, pid, "stat"));
        const status = text(b.take(root, pid, "status"));
        // Declined: a file not in the batch, a pid not in it, another root.
        assert.equal(b.take(root, pid, "cmdline"), undefined);
        assert.equal(b.take(`${root}/x`, pid, "stat"), undefined);
        if (stat === undefined && status === undefined && i < pids.length - 2) {
          mine++; // the caller's part: it reads these itself
          continue;
        }
        served++;
        if (i === pids.length - 2) {
          assert.equal(stat, undefined, "a file as long as its share is left to the caller");
        } else {
          assert.equal(stat, statText(pid), `pid ${pid}`);
        }
        if (i === pids.length - 4) {
          assert.ok(status instanceof OsError, "a missing file is the open's error");
          assert.equal(status.errno, 2);
          assert.equal(status.syscall, "open");
          assert.equal(status.path, `${root}/${pid}/status`);
        } else {
          assert.equal(status, statusText(pid));
        }
      }
      assert.equal(b.take(root, 1, "stat"), undefined);
    } finally {
      const read = b.end();
      assert.equal(read, served, "end() counts the pids the ring read");
    }
    // The first chains, started at once, cover the last pids: the ring read at least those.
    assert.ok(served >= Math.floor(CHAINS / 2), `served ${served}, the caller ${mine}`);
    assert.equal(served + mine, pids.length);
    assert.equal(b.take(root, pids.at(-1)!, "stat"), undefined, "an ended batch serves nothing");
    // The ring serves the next batch too, also one abandoned early (end waits for what is in flight).
    const again = UringBatch.begin(pids, ["status"], [true], root)!;
    assert.equal(dec.decode(again.take(root, pids.at(-1)!, "status") as Uint8Array), statusText(pids.at(-1)!));
    again.end();
    const third = UringBatch.begin(pids.slice(0, 100), ["stat"], [true], root)!;
    assert.equal(dec.decode(third.take(root, pids[99], "stat") as Uint8Array), statText(pids[99]));
    third.end();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("io_uring read-ahead declines what it cannot answer whole", { skip: !available }, () => {
  const { root, pids } = fixture(4);
  try {
    const b = UringBatch.begin(pids, ["stat"], [false], root)!;
    assert.equal(b.take(root, pids.at(-1)!, "stat"), undefined, "a file the kernel may not write whole in one read");
    b.end();
    assert.equal(
      UringBatch.begin(pids, ["status", "status", "status"], [true, true, true], root),
      null,
      "too big for a pid's buffer",
    );
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test(
  "a ring that stops answering: the batch gives up and the caller reads, nothing thrown",
  { skip: !available },
  () => {
    const { root, pids } = fixture(CHAINS * 3);
    try {
      const b = UringBatch.begin(pids, ["stat"], [true], root)!;
      assert.equal(dec.decode(b.take(root, pids.at(-1)!, "stat") as Uint8Array), statText(pids.at(-1)!));
      // More pids than chains: the ring has more to start, and will call into the kernel for them.
      breakRingForTests();
      // The ring's descriptor is gone: the next call into the kernel fails, and the batch says "read it yourself".
      let declined = 0;
      for (const pid of pids) if (b.take(root, pid, "stat") === undefined) declined++;
      assert.ok(declined >= CHAINS, `declined ${declined}`); // at least the pids the ring had not started
      assert.doesNotThrow(() => b.end());
      assert.equal(UringBatch.begin(pids, ["stat"], [true], root), null, "the reader is given up");
    } finally {
      setUringReads(true); // a new ring for the tests after this one
      rmSync(root, { recursive: true, force: true });
    }
    assert.ok(uringReadsAvailable(), "made anew");
  },
);
