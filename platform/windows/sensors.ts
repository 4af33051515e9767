/**
 * Windows sensors: the battery (GetSystemPowerStatus). Windows has no
 * temperature or fan API that psutil reads: the backend has no such
 * members, and the facade says `NotImplementedError`, as psutil does.
 *
 * @module
 */
import { POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../constants.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { kernel32, lastError } from "../../ffi/windows/libs.ts";
import { SYSTEM_POWER_STATUS } from "../../ffi/windows/structs.ts";
import type { SensorBattery } from "../../types.ts";
import { win32Error } from "./errors.ts";

const NO_SYSTEM_BATTERY = 128;
const BATTERY_FLAG_UNKNOWN = 255;

/** The battery from GetSystemPowerStatus; `null` when the system has none. */
export function sensorsBattery(): SensorBattery | null {
  const s = allocStruct(SYSTEM_POWER_STATUS);
  if (!kernel32.symbols.GetSystemPowerStatus(s.buf)) throw win32Error(lastError(), "GetSystemPowerStatus");
  return batteryFrom(
    SYSTEM_POWER_STATUS.num(s.view, "ACLineStatus"),
    SYSTEM_POWER_STATUS.num(s.view, "BatteryFlag"),
    SYSTEM_POWER_STATUS.num(s.view, "BatteryLifePercent"),
    SYSTEM_POWER_STATUS.num(s.view, "BatteryLifeTime"),
  );
}

/** psutil's reading of SYSTEM_POWER_STATUS. */
export function batteryFrom(acLine: number, flag: number, percent: number, lifeTime: number): SensorBattery | null {
  if (flag & NO_SYSTEM_BATTERY || flag === BATTERY_FLAG_UNKNOWN) return null;
  const powerPlugged = acLine === 1 ? true : acLine === 0 ? false : null;
  const secsleft = powerPlugged ? POWER_TIME_UNLIMITED : lifeTime === 0xffffffff ? POWER_TIME_UNKNOWN : lifeTime;
  return { percent, secsleft, powerPlugged };
}
