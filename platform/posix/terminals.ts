/**
 * Terminal names from device numbers: the `st_rdev` of every `/dev/tty*` and
 * `/dev/pts/*`, as psutil's `get_terminal_map()` builds it. The backend
 * passes its own directory listing and `stat` (system calls, not the
 * runtime's file system API, which Deno guards with `--allow-read`).
 *
 * @module
 */

/** How a backend lists a directory and reads a device file's number. */
export interface DeviceFs {
  /** The names in `dir`; throws when it cannot be read. */
  readDir(dir: string): string[];
  /** The device number (`st_rdev`) of `path`, encoded as the process table encodes it; throws when it is gone. */
  rdev(path: string): number;
}

let map: Map<number, string> | null = null;

function build(fs: DeviceFs): Map<number, string> {
  const out = new Map<number, string>();
  const add = (dir: string, keep: (name: string) => boolean) => {
    let names: string[];
    try {
      names = fs.readDir(dir);
    } catch {
      return;
    }
    for (const n of names) {
      if (!keep(n)) continue;
      const path = `${dir}/${n}`;
      try {
        out.set(fs.rdev(path), path);
      } catch { /* vanished */ }
    }
  };
  add("/dev", (n) => n.startsWith("tty"));
  add("/dev/pts", (n) => /^\d+$/.test(n));
  return out;
}

/** The terminal path of device number `rdev` (a process's `tty_nr`), or `null` when none has it. */
export function terminalName(rdev: number, fs: DeviceFs): string | null {
  map ??= build(fs);
  let name = map.get(rdev);
  if (name === undefined) {
    // A pseudo-terminal opened since the map was built.
    map = build(fs);
    name = map.get(rdev);
  }
  return name ?? null;
}
