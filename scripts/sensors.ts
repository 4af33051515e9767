/**
 * Every sensor at once: temperatures, fans and the battery, like `sensors`.
 *
 * Usage: `deno run -A scripts/sensors.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, run } from "./_cli.ts";
import { temperatureLines } from "./temperatures.ts";
import { fanLines } from "./fans.ts";
import { batteryLines } from "./battery.ts";

const SPEC: CliSpec = {
  name: "sensors",
  summary: "Temperatures, fans and the battery; says so where the machine has none.",
};

/** Prints every sensor group. */
export function main(): void {
  const temps = psutil.sensorsTemperatures();
  const fans = psutil.sensorsFans();
  const bat = psutil.sensorsBattery();
  console.log("Temperatures:");
  console.log(Object.keys(temps).length ? temperatureLines(temps, "C").map((l) => `  ${l}`).join("\n") : "  none");
  console.log("Fans:");
  console.log(Object.keys(fans).length ? fanLines(fans).map((l) => `  ${l}`).join("\n") : "  none");
  console.log("Battery:");
  console.log(bat ? batteryLines(bat).map((l) => `  ${l}`).join("\n") : "  none");
}

if (import.meta.main) await run(SPEC, main);
