/**
 * Fan speeds.
 *
 * Usage: `deno run -A scripts/fans.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, fail, run } from "./_cli.ts";

const SPEC: CliSpec = { name: "fans", summary: "Every fan's speed in RPM." };

/** The lines for `fans`. */
export function fanLines(fans: Record<string, psutil.SensorFan[]>): string[] {
  const out: string[] = [];
  for (const [dev, list] of Object.entries(fans)) {
    out.push(dev);
    for (const f of list) out.push(`    ${(f.label || dev).padEnd(20)} ${String(f.current).padStart(6)} RPM`);
  }
  return out;
}

/** Prints the fans; exits 1 when there are none. */
export function main(): void {
  const fans = psutil.sensorsFans();
  if (Object.keys(fans).length === 0) fail("no fans found");
  console.log(fanLines(fans).join("\n"));
}

if (import.meta.main) await run(SPEC, main);
