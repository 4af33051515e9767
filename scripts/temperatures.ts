/**
 * Hardware temperatures, like `sensors`.
 *
 * Usage: `deno run -A scripts/temperatures.ts [--fahrenheit]`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type Cli, type CliSpec, fail, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "temperatures",
  summary: "Every temperature sensor with its high and critical thresholds.",
  flags: { "--fahrenheit": "degrees Fahrenheit" },
};

/** The lines for `temps`. */
export function temperatureLines(temps: Record<string, psutil.SensorTemperature[]>, unit: string): string[] {
  const out: string[] = [];
  for (const [dev, list] of Object.entries(temps)) {
    out.push(dev);
    for (const t of list) {
      const extra = [
        t.high !== null ? `high = ${t.high}°${unit}` : "",
        t.critical !== null ? `critical = ${t.critical}°${unit}` : "",
      ]
        .filter(Boolean).join(", ");
      out.push(
        `    ${(t.label || dev).padEnd(20)} ${String(t.current).padStart(6)} °${unit}${extra ? ` (${extra})` : ""}`,
      );
    }
  }
  return out;
}

/** Prints the sensors; exits 1 when there are none. */
export function main(cli: Cli): void {
  const f = cli.flags.has("--fahrenheit");
  const temps = psutil.sensorsTemperatures({ fahrenheit: f });
  if (Object.keys(temps).length === 0) fail("no temperature sensors found");
  console.log(temperatureLines(temps, f ? "F" : "C").join("\n"));
}

if (import.meta.main) await run(SPEC, main);
