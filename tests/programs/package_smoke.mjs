// A Node user's program on the package as npm users get it (the transpiled JavaScript of tests/programs/transpile.ts,
// installed as node_modules/@jsr/x__psutil beside this file): the main calls, answered as JSON for the test to compare
// with what it knows. Run by tests/node_test.ts: node package_smoke.mjs
import { createServer } from "node:net";
import process from "node:process";

// By its name, resolved by Node from node_modules (a variable: deno check, which sees this file, has no such package).
const PACKAGE = "@jsr/x__psutil";
const psutil = await import(PACKAGE);

const server = createServer();
await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const port = server.address().port;

const me = new psutil.Process();
const child = new psutil.Popen(["sh", "-c", "echo hello; exit 3"], { stdout: psutil.PIPE, text: true });
const { stdout } = await child.communicate();

// The helper thread (a worker started from a module URL), forced on for a pass of every process.
const internal = (rel) => import(new URL(`./node_modules/@jsr/x__psutil/${rel}`, import.meta.url).href);
const reads = await internal("platform/linux/parallel_reads.js");
const uring = await internal("platform/linux/uring_reads.js");
reads.setParallelReads(true, 1);
uring.setUringReads(false);
let names = 0;
for (let i = 0; i < 200 && !reads.parallelReadsActive(); i++) {
  for (const p of psutil.processIter({ attrs: ["pid", "name"] })) if (p.info.name) names++;
  await new Promise((r) => setTimeout(r, 20));
}

console.log(JSON.stringify({
  version: psutil.version,
  pid: me.pid,
  ppid: me.ppid(),
  exe: me.exe(),
  name: me.name(),
  status: me.status(),
  threads: me.numThreads(),
  inPids: psutil.pids().includes(process.pid),
  iterSelf: [...psutil.processIter({ attrs: ["pid", "name"] })].find((p) => p.pid === process.pid)?.info.name,
  memTotal: psutil.virtualMemory().total,
  cpus: psutil.cpuCount(),
  cpuTimesKeys: Object.keys(psutil.cpuTimes()),
  bootTime: psutil.bootTime(),
  rootTotal: psutil.diskUsage("/").total,
  listening: psutil.netConnections({ kind: "tcp4" }).find((c) =>
    c.laddr?.port === port && c.status === psutil.CONN_LISTEN
  )?.pid,
  child: { stdout, returncode: child.returncode },
  helperThread: { active: reads.parallelReadsActive(), engine: reads.lastBatchEngine(), names },
}));
server.close();
