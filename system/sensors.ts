/**
 * Hardware sensors: temperatures, fans and the battery.
 *
 * @module
 */
import { backend } from "../platform/mod.ts";
import { NotImplementedError } from "../errors.ts";
import type { SensorBattery, SensorFan, SensorTemperature } from "../types.ts";
import { boolOption, optionsObject } from "./options.ts";

/** Options of {@link sensorsTemperatures}. */
export interface SensorsTemperaturesOptions {
  /** `true`: degrees Fahrenheit instead of Celsius. */
  fahrenheit?: boolean;
}

/**
 * Temperatures per device: current, high and critical thresholds (a missing
 * threshold takes the other's value, as in psutil; `null` when both are
 * unknown). `{}` when the machine has no sensors.
 *
 * @example
 * ```ts
 * import { sensorsTemperatures } from "@x/psutil";
 * for (const [dev, temps] of Object.entries(sensorsTemperatures())) {
 *   console.log(dev, temps.map((t) => `${t.label || dev}: ${t.current}`));
 * }
 * ```
 */
export function sensorsTemperatures(options?: SensorsTemperaturesOptions): Record<string, SensorTemperature[]> {
  const f = boolOption(
    "sensorsTemperatures",
    optionsObject("sensorsTemperatures", options, ["fahrenheit"]),
    "fahrenheit",
    false,
  );
  const conv = (c: number | null) => c === null || !f ? c : c * 9 / 5 + 32;
  const out: Record<string, SensorTemperature[]> = {};
  if (!backend.sensorsTemperatures) throw new NotImplementedError("sensorsTemperatures", backend.os);
  for (const [dev, list] of backend.sensorsTemperatures()) {
    out[dev] = list.map((t) => {
      let high = conv(t.high), critical = conv(t.critical);
      if (high && !critical) critical = high;
      else if (critical && !high) high = critical;
      return { label: t.label, current: conv(t.current)!, high, critical };
    });
  }
  return out;
}

/**
 * Fan speeds in RPM per device; `{}` when there are none.
 *
 * @example
 * ```ts
 * import { sensorsFans } from "@x/psutil";
 * console.log(sensorsFans());
 * ```
 */
export function sensorsFans(): Record<string, SensorFan[]> {
  if (!backend.sensorsFans) throw new NotImplementedError("sensorsFans", backend.os);
  return Object.fromEntries(backend.sensorsFans());
}

/**
 * The battery: percent charged, seconds left (`POWER_TIME_UNLIMITED` when
 * plugged in, `POWER_TIME_UNKNOWN` when unknown) and whether the power cable
 * is plugged in; `null` when there is no battery.
 *
 * @example
 * ```ts
 * import { sensorsBattery } from "@x/psutil";
 * const b = sensorsBattery();
 * if (b) console.log(`${b.percent.toFixed(0)}%`, b.powerPlugged ? "plugged in" : `${b.secsleft}s left`);
 * ```
 */
export function sensorsBattery(): SensorBattery | null {
  return backend.sensorsBattery();
}
