// Builds the stand-in libSystem (standin/libsystem.c) for this Linux machine, its answers the bytes of the records
// of standin/fixture.c as zig lays them out for x86_64-macos: the records come from the macOS headers, never from
// the library's own TypeScript layouts. Built once per process, in a temporary directory.
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { run } from "../helpers.ts";
import { compileToAsm, DARWIN_TARGETS, globalsFromAsm } from "./target.ts";

const HERE = new URL("./standin/", import.meta.url).pathname;

let built: string | undefined;
let builtFrameworks: string | undefined;

/** The path of the stand-in CoreFoundation and IOKit (one library for both: IOKit hands out CF objects). */
export function standinFrameworks(): string {
  if (builtFrameworks) return builtFrameworks;
  const out = join(mkdtempSync(join(tmpdir(), "psutil-standin-")), "Frameworks.so");
  run("gcc", ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-o", out, `${HERE}frameworks.c`]);
  return builtFrameworks = out;
}

/** The path of the stand-in libSystem, built on first use with gcc. */
export function standinLibSystem(): string {
  if (built) return built;
  const dir = mkdtempSync(join(tmpdir(), "psutil-standin-"));
  const records = globalsFromAsm(compileToAsm(readFileSync(`${HERE}fixture.c`, "utf8"), DARWIN_TARGETS.x86_64));
  const header = [...records].map(([name, bytes]) =>
    `static const unsigned char ${name}[${bytes.length}] __attribute__((aligned(8))) = {${bytes.join(",")}};`
  );
  writeFileSync(join(dir, "fixture.h"), `/* from fixture.c, compiled for x86_64-macos */\n${header.join("\n")}\n`);
  const out = join(dir, "libSystem.so");
  run("gcc", ["-shared", "-fPIC", "-O1", "-Wall", "-Werror", "-I", dir, "-o", out, `${HERE}libsystem.c`]);
  return built = out;
}
