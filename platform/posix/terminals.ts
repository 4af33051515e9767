/**
 * Terminal names from device numbers: the `st_rdev` of every `/dev/tty*` and
 * `/dev/pts/*`, as psutil's `get_terminal_map()` builds it.
 *
 * @module
 */
import { readdirSync, statSync } from "node:fs";

let map: Map<number, string> | null = null;

function build(): Map<number, string> {
  const out = new Map<number, string>();
  const add = (dir: string, keep: (name: string) => boolean) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (!keep(n)) continue;
      const path = `${dir}/${n}`;
      try {
        out.set(statSync(path).rdev, path);
      } catch { /* vanished */ }
    }
  };
  add("/dev", (n) => n.startsWith("tty"));
  add("/dev/pts", (n) => /^\d+$/.test(n));
  return out;
}

/** The terminal path of device number `rdev` (a process's `tty_nr`), or `null` when none has it. */
export function terminalName(rdev: number): string | null {
  map ??= build();
  let name = map.get(rdev);
  if (name === undefined) {
    // A pseudo-terminal opened since the map was built.
    map = build();
    name = map.get(rdev);
  }
  return name ?? null;
}
