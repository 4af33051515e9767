/**
 * Times the workloads with this library and with Debian's psutil 5.9 in the
 * same run, every field of every row read on both sides, and prints the
 * ratios, the CPU time, the time per process and the C floor (bench/floor.c,
 * built with the system's C compiler when there is one): `deno run -A
 * bench/compare.ts` or `bun bench/compare.ts`. `--extra N` first starts N
 * sleeping processes (so per-process costs dominate), `--sockets N` opens N
 * established loopback TCP connections (2N sockets, both ends here); `--memory` also
 * reports the runtime's own RSS and the peak of `processIter` over every
 * process.
 *
 * @module
 */
import { execFileSync, spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createConnection, createServer, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { pids, Process, processIter } from "../mod.ts";
import {
  COMMON_ATTRS,
  pythonBench,
  sleeperPid,
  statusKiB,
  stopWorkloads,
  timeWorkload,
  WORKLOADS,
} from "./workloads.ts";
import { fmtTime, runtimeName } from "./run.ts";

const PYTHON = "/usr/bin/python3";
const ROUNDS = 5;

/** The performance issue's goals: psutil's time over ours at least this (every workload at least 1). */
const TARGETS: Record<string, number> = {
  processIter: 3,
  processIterThread: 3,
  asDictAll: 2,
  netConnections: 3,
  monitor: 15,
};

/** Which C floor a workload is read against, and how close it must come (our time / the floor's). */
const FLOORS: Record<string, [key: string, within: number | null]> = {
  processIter: ["fresh", 1.5], // CPU time against the fresh reads of one thread
  processIterThread: ["fresh", 1.5],
  monitor: ["kept", 1.3],
  netConnections: ["connections", 1.5],
  virtualMemory: ["meminfo", null],
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

/** bench/floor.c built and run, or why not. */
function cFloor(): { times: Record<string, number> | null; note: string } {
  const cc = ["cc", "gcc", "clang"].find((c) => spawnSync("sh", ["-c", `command -v ${c}`]).status === 0);
  if (!cc) return { times: null, note: "C floor skipped: no C compiler (cc, gcc or clang) on PATH" };
  const dir = mkdtempSync(join(tmpdir(), "psutil-floor-"));
  try {
    const exe = join(dir, "floor");
    execFileSync(cc, ["-O2", "-o", exe, new URL("./floor.c", import.meta.url).pathname]);
    return {
      times: JSON.parse(execFileSync(exe, { encoding: "utf8" })),
      note: `C floor: bench/floor.c built with ${cc} -O2`,
    };
  } catch (e) {
    return { times: null, note: `C floor skipped: ${(e as Error).message.split("\n")[0]}` };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  const extra = Number(arg("--extra") ?? 0);
  const baseline = statusKiB("VmRSS");
  const children = [];
  if (extra > 0) {
    // One shell holds them all: sleep children, reaped when it ends.
    const shell = spawn("sh", ["-c", `for i in $(seq ${extra}); do sleep 1000 & done; wait`], { stdio: "ignore" });
    children.push(shell);
    const deadline = Date.now() + 30_000;
    while (new Process(shell.pid!).children().length < extra) {
      if (Date.now() > deadline) throw new Error(`could not start ${extra} sleeping processes`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
  const sockets = Number(arg("--sockets") ?? 0);
  const server = createServer((s) => accepted.push(s));
  const accepted: Socket[] = [];
  const clients: Socket[] = [];
  if (sockets > 0) {
    // Established loopback connections, both ends in this process: 2 x N sockets.
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    const port = (server.address() as { port: number }).port;
    for (let i = 0; i < sockets; i++) {
      clients.push(
        await new Promise<Socket>((r) => {
          const c = createConnection(port, "127.0.0.1", () => r(c));
        }),
      );
    }
    while (accepted.length < sockets) await new Promise((r) => setTimeout(r, 10));
  }
  try {
    const names = WORKLOADS.map((w) => w.name);
    const sleeper = sleeperPid();
    // psutil and this library are timed in turn, twice each, and each side's best is kept: a busy
    // moment of the machine costs one side no more than the other.
    const runPython = () =>
      JSON.parse(execFileSync(PYTHON, ["-c", pythonBench(names, ROUNDS, sleeper)], { encoding: "utf8" })) as Record<
        string,
        [number, number]
      >;
    const py = runPython();
    const floor = cFloor();
    const n = pids().length;
    const inUse = readFileSync("/proc/net/sockstat", "utf8").match(/^TCP: inuse (\d+)/m)?.[1] ?? "?";
    console.log(
      `${runtimeName()} vs psutil 5.9 (Python): ${n} processes, ${inUse} TCP sockets in use, ` +
        `every field read, best of 2 x ${ROUNDS} rounds (taken in turn with psutil's)`,
    );
    console.log(
      "| workload | ours | our CPU (main thread) | per process | psutil | psutil / ours | C floor | ours / floor | goal |",
    );
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |");
    const ourTimes = WORKLOADS.map((w) => timeWorkload(w, ROUNDS));
    for (const [name, t] of Object.entries(runPython())) if (t[0] < py[name][0]) py[name] = t;
    WORKLOADS.forEach((w, i) => {
      const again = timeWorkload(w, ROUNDS);
      if (again.wall < ourTimes[i].wall) ourTimes[i] = again;
    });
    for (const [i, w] of WORKLOADS.entries()) {
      const ours = ourTimes[i];
      const [pyWall, pyCpu] = py[w.name];
      const ratio = pyWall / ours.wall;
      const goals: string[] = [];
      const want = TARGETS[w.name] ?? 1;
      goals.push(`≥ ${want}x ${ratio >= want ? "✓" : "✗"}`);
      const [key, within] = FLOORS[w.name] ?? [];
      const f = key && floor.times ? floor.times[key] : undefined;
      // The process table's goal is on the main thread's CPU time (whatever the helper thread adds in wall time).
      const mine = w.name.startsWith("processIter") && !Number.isNaN(ours.thread) ? ours.thread : ours.wall;
      const vsFloor = f ? mine / f : undefined;
      if (vsFloor !== undefined && within) goals.push(`≤ ${within}x floor ${vsFloor <= within ? "✓" : "✗"}`);
      if (w.name === "virtualMemory") goals.push(`≤ 15 µs ${ours.wall <= 15 ? "✓" : "✗"}`);
      const per = w.perProcess ? `${fmtTime(ours.wall / n)} (psutil ${fmtTime(pyWall / n)})` : "";
      const vs = w.name === "monitor" ? " (process_iter)" : "";
      console.log(
        `| ${w.name} | ${fmtTime(ours.wall)} | ${fmtTime(ours.cpu)} (${fmtTime(ours.thread)}) | ${per} | ` +
          `${fmtTime(pyWall)}${vs} ` +
          `(CPU ${fmtTime(pyCpu)}) | ${ratio.toFixed(2)}x | ${f ? fmtTime(f) : ""} | ` +
          `${vsFloor ? `${vsFloor.toFixed(2)}x` : ""} | ${goals.join(", ")} |`,
      );
    }
    console.log(`\n${floor.note}${floor.times ? `: ${JSON.stringify(floor.times)}` : ""}`);
    if (process.argv.includes("--memory")) {
      const before = statusKiB("VmHWM");
      for (let i = 0; i < 10; i++) for (const p of processIter({ attrs: COMMON_ATTRS })) void p.info;
      const peak = statusKiB("VmHWM");
      console.log(
        `processIter over ${pids().length} processes, 10 rounds: peak RSS ${(peak / 1024).toFixed(1)} MiB ` +
          `(${((peak - before) / 1024).toFixed(1)} MiB above the peak before; the runtime alone: ` +
          `${(baseline / 1024).toFixed(1)} MiB at start)`,
      );
      // What reading ahead costs: the same 20 passes in a fresh process each, without it and with each engine.
      const probe = (mode: string) =>
        JSON.parse(
          execFileSync(
            process.execPath,
            [...("Deno" in globalThis ? ["run", "-A"] : []), new URL("./memory.ts", import.meta.url).pathname, mode],
            { encoding: "utf8" },
          ),
        ) as { start: number; peak: number; helped: number; engine: string | null };
      const off = probe("off"), ring = probe("io_uring"), thread = probe("thread");
      const mib = (k: number) => (k / 1024).toFixed(1);
      const engine = (e: typeof off, name: string) =>
        e.engine === name
          ? `${name} ${mib(e.start)} -> ${mib(e.peak)} MiB (read ${e.helped} of the last pass's processes), ` +
            `${mib(e.peak - off.peak)} MiB more ${e.peak - off.peak <= 10 * 1024 ? "✓" : "✗"}`
          : `${name}: not available here`;
      console.log(
        `20 processIter passes in a fresh process (goal: reading ahead adds at most 10 MiB): ` +
          `no read-ahead ${mib(off.start)} -> ${mib(off.peak)} MiB; ${engine(ring, "io_uring")}; ` +
          `${engine(thread, "thread")}`,
      );
    }
  } finally {
    for (const c of [...clients, ...accepted]) c.destroy();
    server.close();
    stopWorkloads();
    for (const c of children) {
      for (const k of new Process(c.pid!).children()) k.kill();
      c.kill("SIGTERM");
    }
  }
}

if (import.meta.main) await main();
