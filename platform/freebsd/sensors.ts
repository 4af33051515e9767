/**
 * FreeBSD sensors through sysctl, as psutil reads them: each CPU's
 * temperature from the coretemp/amdtemp driver (`dev.cpu.N.temperature`,
 * deci-Kelvin) with its `tjmax` as the high and critical mark, and the ACPI
 * battery (`hw.acpi.battery.*`, `hw.acpi.acline`).
 *
 * @module
 */
import type { SensorBattery, SensorTemperature } from "../../types.ts";
import { POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../constants.ts";
import { OsError } from "../../errors.ts";
import { sysctlInt } from "../posix/sysctl.ts";
import { cpuCountLogical } from "./cpu.ts";

/** A sysctl integer, `null` where the kernel has no such name (no driver). */
function optional(name: string): number | null {
  try {
    return sysctlInt(name);
  } catch (e) {
    if (e instanceof OsError) return null;
    throw e;
  }
}

/** Deci-Kelvin as degrees Celsius. */
const celsius = (dk: number) => (dk - 2731) / 10;

/** `coretemp`: one entry per CPU that has a temperature ("Core N"); `high` and `critical` are its tjmax. */
export function sensorsTemperatures(): Map<string, SensorTemperature[]> {
  const out = new Map<string, SensorTemperature[]>();
  for (let cpu = 0; cpu < (cpuCountLogical() ?? 0); cpu++) {
    const t = optional(`dev.cpu.${cpu}.temperature`);
    if (t === null) continue;
    const tj = optional(`dev.cpu.${cpu}.coretemp.tjmax`);
    const high = tj === null || celsius(tj) <= 0 ? null : celsius(tj);
    const list = out.get("coretemp") ?? [];
    list.push({ label: `Core ${cpu}`, current: celsius(t), high, critical: high });
    out.set("coretemp", list);
  }
  return out;
}

/** The ACPI battery; `null` without one (any of its sysctls missing, as psutil). */
export function sensorsBattery(): SensorBattery | null {
  const percent = optional("hw.acpi.battery.life");
  const minutes = optional("hw.acpi.battery.time");
  const acline = optional("hw.acpi.acline");
  if (percent === null || minutes === null || acline === null) return null;
  const plugged = acline === 1;
  return {
    percent,
    secsleft: plugged ? POWER_TIME_UNLIMITED : minutes === -1 ? POWER_TIME_UNKNOWN : minutes * 60,
    powerPlugged: plugged,
  };
}
