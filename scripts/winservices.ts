/**
 * Windows services and their state, like psutil's `winservices.py`. Windows only.
 *
 * Usage: `deno run -A scripts/winservices.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "winservices",
  summary: "Every Windows service: name, display name, status, start type, pid. Windows only.",
};

/** Prints the services; on other systems exits 1 saying so. */
export function main(): void {
  for (const s of psutil.winServiceIter()) {
    console.log(
      `${s.name().padEnd(30)} ${s.displayName().padEnd(40)} ${s.status().padEnd(10)} ${s.startType().padEnd(10)} ${
        s.pid() ?? ""
      }`,
    );
  }
}

if (import.meta.main) await run(SPEC, main);
