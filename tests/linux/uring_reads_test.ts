// The io_uring read-ahead (platform/linux/uring_reads.ts) on a fixture tree
// with known contents: more pids than its window (slots are reused), a file
// longer than a read, a missing file, and the asks it must decline.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { OsError } from "../../mod.ts";
import { FILE_BYTES, UringBatch, uringReadsAvailable, WINDOW } from "../../platform/linux/uring_reads.ts";

const available = uringReadsAvailable();
const dec = new TextDecoder();

/** A procfs-shaped tree: `n` pids, each with stat and status of known text; pid 7's status is missing. */
function fixture(n: number): { root: string; pids: number[] } {
  const root = mkdtempSync(join(tmpdir(), "psutil-uring-"));
  const pids = Array.from({ length: n }, (_, i) => 1000 + i * 3);
  for (const pid of pids) {
    mkdirSync(join(root, String(pid)));
    writeFileSync(join(root, String(pid), "stat"), `${pid} (p${pid}) S 1`);
    if (pid !== pids[7]) writeFileSync(join(root, String(pid), "status"), `Name:\tp${pid}\n`.repeat(pid % 5 + 1));
  }
  writeFileSync(join(root, String(pids[3]), "stat"), "x".repeat(FILE_BYTES + 10));
  return { root, pids };
}

test("io_uring read-ahead answers each file's bytes or its error, over more pids than its window", {
  skip: !available,
}, () => {
  const { root, pids } = fixture(WINDOW * 3 + 5);
  try {
    const files = ["stat", "status"];
    const b = UringBatch.begin(pids, files, [true, true], root)!;
    assert.ok(b);
    try {
      for (const [i, pid] of pids.entries()) {
        const stat = b.take(root, pid, "stat");
        const status = b.take(root, pid, "status");
        if (i === 3) {
          assert.equal(stat, undefined, "a file as long as the read is left to the caller");
        } else {
          assert.ok(stat instanceof Uint8Array);
          assert.equal(dec.decode(stat), `${pid} (p${pid}) S 1`);
        }
        if (i === 7) {
          assert.ok(status instanceof OsError, "a missing file is the open's error");
          assert.equal(status.errno, 2);
          assert.equal(status.syscall, "open");
          assert.equal(status.path, `${root}/${pid}/status`);
        } else {
          assert.ok(status instanceof Uint8Array);
          assert.equal(dec.decode(status), `Name:\tp${pid}\n`.repeat(pid % 5 + 1));
        }
        // Declined: a file not in the batch, a pid not in it, another root.
        assert.equal(b.take(root, pid, "cmdline"), undefined);
        assert.equal(b.take(`${root}/x`, pid, "stat"), undefined);
      }
      assert.equal(b.take(root, 1, "stat"), undefined);
      // The first pids' slots went to later ones: asked again, they are the caller's to read.
      assert.equal(b.take(root, pids[0], "stat"), undefined);
    } finally {
      assert.equal(b.end(), pids.length, "every pid was read ahead");
    }
    assert.equal(b.take(root, pids.at(-1)!, "stat"), undefined, "an ended batch serves nothing");
    // The ring serves the next batch too, also one abandoned halfway (end waits for what is in flight).
    const again = UringBatch.begin(pids, ["status"], [true], root)!;
    assert.equal(
      dec.decode(again.take(root, pids[1], "status") as Uint8Array),
      `Name:\tp${pids[1]}\n`.repeat(pids[1] % 5 + 1),
    );
    again.end();
    const third = UringBatch.begin(pids.slice(100), ["stat"], [true], root)!;
    assert.equal(dec.decode(third.take(root, pids[150], "stat") as Uint8Array), `${pids[150]} (p${pids[150]}) S 1`);
    third.end();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});

test("io_uring read-ahead declines a file the kernel may not write whole in one read", { skip: !available }, () => {
  const { root, pids } = fixture(4);
  try {
    const b = UringBatch.begin(pids, ["stat"], [false], root)!;
    assert.equal(b.take(root, pids[0], "stat"), undefined);
    b.end();
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
});
