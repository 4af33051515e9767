/**
 * The battery: charge, time left, power cable.
 *
 * Usage: `deno run -A scripts/battery.ts`.
 *
 * @module
 */
import * as psutil from "../mod.ts";
import { type CliSpec, duration, fail, run } from "./_cli.ts";

const SPEC: CliSpec = {
  name: "battery",
  summary: "The battery's charge, the time left and whether the power cable is plugged in.",
};

/** The lines for `b`. */
export function batteryLines(b: psutil.SensorBattery): string[] {
  const left = b.secsleft === psutil.POWER_TIME_UNLIMITED
    ? "unlimited (plugged in)"
    : b.secsleft === psutil.POWER_TIME_UNKNOWN
    ? "unknown"
    : duration(b.secsleft);
  return [
    `charge:     ${b.percent.toFixed(1)}%`,
    `left:       ${left}`,
    `plugged in: ${b.powerPlugged === null ? "unknown" : b.powerPlugged ? "yes" : "no"}`,
  ];
}

/** Prints the battery; exits 1 when there is none. */
export function main(): void {
  const b = psutil.sensorsBattery();
  if (b === null) fail("no battery found");
  console.log(batteryLines(b).join("\n"));
}

if (import.meta.main) await run(SPEC, main);
