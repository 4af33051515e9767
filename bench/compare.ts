/**
 * Times the workloads with this library and with Debian's psutil 5.9 in the
 * same run and prints the ratios: `deno run -A bench/compare.ts` or
 * `bun bench/compare.ts`. `--extra N` first starts N sleeping processes (so
 * per-process costs dominate); `--memory` also reports the peak memory of
 * `processIter` over every process.
 *
 * @module
 */
import { execFileSync, spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import process from "node:process";
import { pids, Process, processIter } from "../mod.ts";
import { COMMON_ATTRS, pythonBench, timeWorkload, WORKLOADS } from "./workloads.ts";
import { fmtTime, runtimeName } from "./run.ts";

const PYTHON = "/usr/bin/python3";
const ROUNDS = 5;

/** Targets of the performance issue: psutil time / our time at least this. */
const TARGETS: Record<string, number> = {
  processIter: 3,
  oneshot: 2,
  pids: 1,
  virtualMemory: 1,
  cpuTimesPercpu: 1,
  netConnections: 3,
  monitor: 10,
};

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

function vmHwm(): number {
  const m = /^VmHWM:\s+(\d+) kB/m.exec(readFileSync("/proc/self/status", "utf8"));
  return m ? Number(m[1]) * 1024 : 0;
}

async function main(): Promise<void> {
  const extra = Number(arg("--extra") ?? 0);
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
  try {
    const names = WORKLOADS.map((w) => w.name);
    const py = JSON.parse(execFileSync(PYTHON, ["-c", pythonBench(names, ROUNDS)], { encoding: "utf8" })) as Record<
      string,
      number
    >;
    console.log(`${runtimeName()} vs psutil 5.9 (Python), ${pids().length} processes, best of ${ROUNDS} rounds`);
    console.log("| workload | @x/psutil | psutil | psutil / ours | target |");
    console.log("| --- | ---: | ---: | ---: | ---: |");
    for (const w of WORKLOADS) {
      const ours = timeWorkload(w, ROUNDS);
      const ratio = py[w.name] / ours;
      const target = TARGETS[w.name];
      const mark = target === undefined ? "" : ratio >= target ? ` ≥ ${target}x ✓` : ` ≥ ${target}x ✗`;
      const vs = w.name === "monitor" ? " (vs processIter)" : "";
      console.log(`| ${w.name} | ${fmtTime(ours)} | ${fmtTime(py[w.name])}${vs} | ${ratio.toFixed(1)}x |${mark} |`);
    }
    if (process.argv.includes("--memory")) {
      const before = vmHwm();
      for (let i = 0; i < 10; i++) for (const p of processIter({ attrs: COMMON_ATTRS })) void p.info;
      console.log(
        `\nprocessIter over ${pids().length} processes, 10 rounds: peak RSS ${(vmHwm() / 2 ** 20).toFixed(1)} MiB ` +
          `(${((vmHwm() - before) / 2 ** 20).toFixed(1)} MiB above the peak before)`,
      );
    }
  } finally {
    for (const c of children) {
      for (const k of new Process(c.pid!).children()) k.kill();
      c.kill("SIGTERM");
    }
  }
}

if (import.meta.main) await main();
