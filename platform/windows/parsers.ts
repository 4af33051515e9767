/**
 * The pure parsers of the Windows backend: command lines as
 * CommandLineToArgvW splits them, environment blocks, memory protections.
 *
 * @module
 */

/**
 * Splits a Windows command line as CommandLineToArgvW does: the program name
 * up to the first blank (or inside quotes); then arguments where `2n`
 * backslashes before a quote give `n` and toggle quoting, `2n+1` give `n`
 * and a literal quote, and other backslashes are literal.
 */
export function splitCommandLine(line: string): string[] {
  const out: string[] = [];
  let i = 0;
  // argv[0]
  let arg0 = "";
  if (line[0] === '"') {
    i = 1;
    while (i < line.length && line[i] !== '"') arg0 += line[i++];
    i++;
  } else {
    while (i < line.length && line[i] !== " " && line[i] !== "\t") arg0 += line[i++];
  }
  out.push(arg0);
  for (;;) {
    while (line[i] === " " || line[i] === "\t") i++;
    if (i >= line.length) break;
    let arg = "", quoted = false;
    while (i < line.length && (quoted || (line[i] !== " " && line[i] !== "\t"))) {
      if (line[i] === "\\") {
        let n = 0;
        while (line[i] === "\\") n++, i++;
        if (line[i] === '"') {
          arg += "\\".repeat(n >> 1);
          if (n & 1) arg += '"', i++;
        } else arg += "\\".repeat(n);
      } else if (line[i] === '"') {
        if (quoted && line[i + 1] === '"') { // "" inside quotes: a literal quote
          arg += '"';
          i += 2;
        } else {
          quoted = !quoted;
          i++;
        }
      } else arg += line[i++];
    }
    out.push(arg);
  }
  return out;
}

/**
 * An environment block (`KEY=value` strings, NUL-separated, ending in two
 * NULs) as psutil parses it: keys upper-cased, the hidden `=C:` entries skipped.
 */
export function parseEnvironBlock(data: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let pos = 0;;) {
    const next = data.indexOf("\0", pos);
    if (next <= pos) break;
    const eq = data.indexOf("=", pos);
    if (eq > pos && eq < next) out[data.slice(pos, eq).toUpperCase()] = data.slice(eq + 1, next);
    pos = next + 1;
  }
  return out;
}

/** A region's protection as psutil writes it: `r`, `rw`, `wc`, `x`, `xr`, `xrw`, `xwc` (`""` for no access). */
export function protectionString(protect: number): string {
  const base: Record<number, string> = {
    0x01: "",
    0x02: "r",
    0x04: "rw",
    0x08: "wc",
    0x10: "x",
    0x20: "xr",
    0x40: "xrw",
    0x80: "xwc",
  };
  return base[protect & 0xff] ?? "";
}
