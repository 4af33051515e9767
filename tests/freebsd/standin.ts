// Builds the stand-in FreeBSD libc and libkvm (standin/libc.c) for this Linux machine. Its records are laid out at the
// offsets measured from FreeBSD 14's headers (../shared/reference/layouts/freebsd-x86_64.json, written here as
// standin/layout.h's #defines), never at the library's own TypeScript offsets. Built once per process.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import process from "node:process";
import { ROOT, run } from "../helpers.ts";

const HERE = new URL("./standin/", import.meta.url).pathname;
/** The measured FreeBSD 14 layouts, beside the checkout. */
export const FREEBSD_LAYOUTS = join(ROOT, "..", "shared", "reference", "layouts", "freebsd-x86_64.json");

/** Why the FreeBSD stand-in cannot be built here, or false; in CI the measured table must be there. */
export function layoutsMissing(): string | false {
  if (existsSync(FREEBSD_LAYOUTS)) return false;
  if (process.env.CI === "true") throw new Error(`no ${FREEBSD_LAYOUTS}: CI checks FreeBSD against it`);
  return `no ${FREEBSD_LAYOUTS}`;
}

/** The measured numbers: `S struct x`, `O struct x.field`, `V NAME`. */
export function freebsdLayouts(): Record<string, number> {
  return JSON.parse(readFileSync(FREEBSD_LAYOUTS, "utf8"));
}

let built: string | undefined;

/** The path of the stand-in (libc and libkvm in one library), built on first use with gcc. */
export function standinFreebsd(): string {
  if (built) return built;
  const m = freebsdLayouts();
  const lines = [`#define KINFO_PROC_SIZE ${m["V KINFO_PROC_SIZE"]}`];
  for (const s of ["kvm_swap", "statfs", "kinfo_file", "if_data", "if_msghdr", "kinfo_vmentry", "xinpgen", "xtcpcb"]) {
    lines.push(`#define S_${s} ${m[`S struct ${s}`]}`);
  }
  for (const [key, value] of Object.entries(m)) {
    const k =
      /^O struct (kinfo_proc|kvm_swap|statfs|kinfo_file|if_data|if_msghdr|kinfo_vmentry|xinpgen|xinpcb|xtcpcb)\.([\w.]+)$/
        .exec(key);
    if (k) lines.push(`#define O_${k[2].replaceAll(".", "_")} ${value}`);
  }
  const dir = mkdtempSync(join(tmpdir(), "psutil-freebsd-"));
  writeFileSync(join(dir, "layout.h"), `/* from freebsd-x86_64.json */\n${lines.join("\n")}\n`);
  const out = join(dir, "libc.so.7.so");
  run("gcc", ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-I", dir, "-o", out, `${HERE}libc.c`]);
  return built = out;
}
