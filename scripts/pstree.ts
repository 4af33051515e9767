/**
 * The process tree, like `pstree -p`.
 *
 * Usage: `deno run -A scripts/pstree.ts [PID]` (default: every tree).
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, intArg, printable, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "pstree",
  summary: "Processes as a tree of parents and children, from PID or from every root.",
  args: "[PID]",
};

/** The tree below `root` as lines, from a pid -> [ppid, name] map. */
export function treeLines(procs: Map<number, { ppid: number; name: string }>, roots: number[]): string[] {
  const kids = new Map<number, number[]>();
  for (const [pid, p] of procs) {
    if (pid === p.ppid) continue;
    let l = kids.get(p.ppid);
    if (!l) kids.set(p.ppid, l = []);
    l.push(pid);
  }
  const out: string[] = [];
  const walk = (pid: number, prefix: string, last: boolean, top: boolean) => {
    const name = printable(procs.get(pid)?.name ?? "?");
    out.push(top ? `${name}(${pid})` : `${prefix}${last ? "└─" : "├─"}${name}(${pid})`);
    const children = (kids.get(pid) ?? []).sort((a, b) => a - b);
    children.forEach((c, i) => walk(c, top ? "" : prefix + (last ? "  " : "│ "), i === children.length - 1, false));
  };
  for (const r of roots) walk(r, "", true, true);
  return out;
}

/** Prints the tree. */
export function main(cli: Cli): void {
  const procs = new Map<number, { ppid: number; name: string }>();
  for (const p of psutil.processIter({ attrs: ["ppid", "name"] })) {
    procs.set(p.pid, { ppid: p.info!.ppid as number, name: String(p.info!.name ?? "?") });
  }
  let roots: number[];
  if (cli.args[0] !== undefined) {
    const pid = intArg(cli.args[0], "PID");
    if (!procs.has(pid)) throw new psutil.NoSuchProcess(pid);
    roots = [pid];
  } else roots = [...procs].filter(([pid, p]) => !procs.has(p.ppid) || p.ppid === pid).map(([pid]) => pid);
  console.log(treeLines(procs, roots).join("\n"));
}

if (import.meta.main) await run(SPEC, main);
