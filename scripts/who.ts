/**
 * Users logged in, like `who`.
 *
 * Usage: `deno run -A scripts/who.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, dateTime, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "who",
  summary: "Users logged in now: name, terminal, login time, host and pid, like who(1).",
};

/** Prints one line per session. */
export function main(): void {
  for (const u of psutil.users()) {
    console.log(
      `${u.name.padEnd(10)} ${(u.terminal ?? "-").padEnd(12)} ${dateTime(u.started)} ${u.host ? `(${u.host})` : ""} ${
        u.pid ?? ""
      }`.trimEnd(),
    );
  }
}

if (import.meta.main) await run(SPEC, main);
