/**
 * The psutil snippet set (tests/snippets/): psutil's everyday recipes as a
 * TypeScript user writes them. The `deno check` gate compiles them with the
 * rest of tests/; here each runs under the runtime running the tests, and
 * its output is checked against psutil, the kernel, or the children it
 * started; and no snippet needs a cast to compile.
 *
 * @module
 */
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import process from "node:process";
import { assertBetween, assertClose, HAVE_PSUTIL, listen, psutilEval, ROOT, RUNTIME_ARGS, waitFor } from "./helpers.ts";

const LINUX = process.platform === "linux";
const DIR = `${ROOT}tests/snippets/`;

/** Runs snippet `name`; its pid, and its output as lines (fails on a non-zero exit). */
function snippet(name: string): { pid: number; lines: string[] } {
  const r = spawnSync(process.execPath, [...RUNTIME_ARGS, `${DIR}${name}.ts`], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
  assert.equal(r.status, 0, `${name}: exit ${r.status}\n${r.stdout}\n${r.stderr}`);
  return { pid: r.pid ?? 0, lines: r.stdout.trim().split("\n") };
}

test("the snippet set is complete, and no snippet casts, asserts non-null or silences the compiler", () => {
  const names = readdirSync(DIR).filter((f) => f.endsWith(".ts")).map((f) => f.slice(0, -3)).sort();
  assert.deepEqual(names, [
    "children",
    "connections",
    "cpu_percent",
    "disk_usage",
    "memory",
    "oneshot",
    "popen_pipes",
    "process_table",
    "wait_procs",
  ]);
  for (const n of names) {
    const code = readFileSync(`${DIR}${n}.ts`, "utf8").split("\n").filter((l) => !l.trimStart().startsWith("//"))
      .join("\n").replace(/"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.)*`/g, '""');
    assert.doesNotMatch(code, /(?<!\*\s*)\bas\s+(?!const\b)\w/, `${n}: a cast`);
    assert.doesNotMatch(code, /\bany\b/, `${n}: any`);
    assert.doesNotMatch(code, /[\w)\]]!(?!=)/, `${n}: a non-null assertion`);
    assert.doesNotMatch(code, /@ts-|deno-lint-ignore/, `${n}: a silenced check`);
  }
});

test("process table with attrs: the rows psutil's process_iter gives", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const started = Date.now() / 1000;
  const { lines } = snippet("process_table");
  // A name may hold spaces ("npm test"): the pid comes first, the user and rss last.
  const rows = new Map(lines.map((l) => {
    const f = l.split(" ");
    return [Number(f[0]), { name: f.slice(1, -2).join(" "), user: f.at(-2), rss: f.at(-1) }];
  }));

  const py = psutilEval<Record<string, [string, string, number]>>(
    "{p.pid: [p.info['name'], p.info['username'], p.info['create_time']] " +
      "for p in psutil.process_iter(['name', 'username', 'create_time'])}",
  );
  // Both views of pid 1 and of every process older than the test agree; processes come and go (a pid
  // can even be reused) between the two.
  const common = Object.keys(py).map(Number).filter((pid) =>
    rows.has(pid) && py[pid][2] < started - 1 && !py[pid][0].startsWith("kworker")
  );
  assert.ok(common.length > 5 && common.includes(1), `only ${common.length} processes in both`);
  for (const pid of common) {
    assert.equal(rows.get(pid)!.name, py[pid][0], `pid ${pid} name`);
    assert.equal(rows.get(pid)!.user, py[pid][1], `pid ${pid} username`);
  }
  const rss1 = psutilEval<number>("psutil.Process(1).memory_info().rss");
  assertClose(Number(rows.get(1)!.rss), rss1, 8 << 20, "pid 1 rss");
});

test("cpu percent with an interval: one share per CPU, then the total", { skip: !LINUX }, () => {
  const { lines } = snippet("cpu_percent");
  const per = lines[0].split(" ").map(Number);
  assert.equal(per.length, readFileSync("/proc/stat", "utf8").match(/^cpu\d+ /gm)!.length);
  for (const v of [...per, Number(lines[1])]) assertBetween(v, 0, 100, 0, "percent");
});

test("memory: psutil's totals, and bytes2human's form", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const { lines } = snippet("memory");
  const [total, available, percent, swap] = lines[0].split(" ").map(Number);
  const py = psutilEval<[number, number, number, string]>(
    "[psutil.virtual_memory().total, psutil.virtual_memory().available, psutil.swap_memory().total, " +
      "psutil._common.bytes2human(psutil.virtual_memory().total)]",
  );
  assert.equal(total, py[0]);
  assertClose(available, py[1], total * 0.05, "available");
  assertBetween(percent, 0, 100, 0, "percent");
  assert.equal(swap, py[2]);
  assert.match(lines[1], new RegExp(`^\\S+ used of ${py[3].replace(".", "\\.")}$`));
});

test(
  "connections with addresses: our listening and connected sockets, Unix ones by path",
  { skip: !LINUX },
  async () => {
    const dir = mkdtempSync(join(tmpdir(), "psutil-snippet-"));
    const accepted: Socket[] = [];
    const tcp = createServer((s) => accepted.push(s));
    const unix = createServer((s) => accepted.push(s));
    let client: Socket | null = null;
    try {
      await listen(tcp, 0, "127.0.0.1");
      const path = join(dir, "s.sock");
      await listen(unix, path);
      const port = (tcp.address() as { port: number }).port;
      client = createConnection(port, "127.0.0.1");
      await new Promise((r) => client!.once("connect", r));
      // Until the server accepts it, its end has no descriptor, hence no pid.
      assert.ok(await waitFor(() => accepted.length === 1), "accepted");
      const local = client.localPort!;
      const { lines } = snippet("connections");
      const me = process.pid;
      assert.ok(lines.includes(`tcp 127.0.0.1:${port} ${me}`), lines.join("\n"));
      assert.ok(lines.includes(`unix ${path} ${me}`), lines.join("\n"));
      assert.ok(lines.includes(`inet 127.0.0.1:${local} 127.0.0.1:${port} ESTABLISHED ${me}`), lines.join("\n"));
      assert.ok(lines.includes(`inet 127.0.0.1:${port} 127.0.0.1:${local} ESTABLISHED ${me}`), lines.join("\n"));
    } finally {
      client?.destroy();
      for (const s of accepted) s.destroy();
      await new Promise((r) => tcp.close(r));
      await new Promise((r) => unix.close(r));
      rmSync(dir, { recursive: true, force: true });
    }
  },
);

test("disk usage: every partition psutil lists, with its numbers", { skip: !LINUX || !HAVE_PSUTIL }, () => {
  const { lines } = snippet("disk_usage");
  const py = psutilEval<Array<[string, string, string, number]>>(
    "[[p.device, p.mountpoint, p.fstype, psutil.disk_usage(p.mountpoint).total] for p in psutil.disk_partitions()]",
  );
  assert.deepEqual(lines.map((l) => l.split(" ").slice(0, 4).join(" ")), py.map((p) => p.join(" ")));
  for (const l of lines) {
    const [, , , total, used, free, percent] = l.split(" ").map(Number);
    assert.ok(used + free <= total, l);
    assertBetween(percent, 0, 100, 0, "percent");
  }
});

test("children: a shell's two sleeps, found recursively, then ended and waited for", { skip: !LINUX }, () => {
  const { lines } = snippet("children");
  const parent = Number(/^parent (\d+)$/.exec(lines[0])![1]);
  const kids = lines.slice(1, 3).map((l) => /^child (\d+) (\d+) (\S+)$/.exec(l)!.slice(1));
  assert.equal(kids.length, 2, lines.join("\n"));
  for (const [pid, ppid, name] of kids) {
    assert.equal(Number(ppid), parent);
    assert.equal(name, "sleep");
    assert.throws(() => process.kill(Number(pid), 0), /ESRCH/, `sleep ${pid} ended`);
  }
  // sh's `wait` returns 0 once its children are gone, whatever ended them.
  assert.equal(lines[3], "gone 3 alive 0 parent exit 0");
});

test("oneshot: the snippet's own identity, as the kernel and its parent know it", { skip: !LINUX }, () => {
  const before = Date.now() / 1000;
  const { pid, lines } = snippet("oneshot");
  const after = Date.now() / 1000;
  const [p, name, ppid, status, user, created, threads] = lines[0].split(" ");
  assert.equal(Number(p), pid);
  // Node names its main thread, and with it the process, "node-MainThread" (psutil's name() says the same).
  const node = !("Deno" in globalThis) && !("Bun" in globalThis);
  assert.equal(name, node ? "node-MainThread" : basename(process.execPath).slice(0, 15));
  assert.equal(Number(ppid), process.pid);
  assert.equal(status, "running");
  assert.ok(Number(user) >= 0);
  assertBetween(Number(created), before, after, 1, "createTime");
  assert.ok(Number(threads) >= 2, "a runtime has helper threads");
});

test("waitProcs: two end on their own with their codes, the third is killed", { skip: !LINUX }, () => {
  const { lines } = snippet("wait_procs");
  const gone = lines.filter((l) => l.startsWith("gone ")).map((l) => Number(l.split(" ")[2])).sort();
  assert.deepEqual(gone, [0, 3], lines.join("\n"));
  assert.match(lines[2], /^alive \d+$/);
  assert.equal(lines[3], "killed -9 left 0");
});

test("Popen with pipes: text in, text out, stderr apart, the exit code", { skip: !LINUX }, () => {
  const { lines } = snippet("popen_pipes");
  assert.deepEqual(lines, ["sh -c tr a-z A-Z; echo oops >&2; exit 3", '"HELLO PIPES" "oops" 3']);
});
