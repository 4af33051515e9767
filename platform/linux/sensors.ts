/**
 * Linux sensors from sysfs: temperatures and fans from `class/hwmon` (thermal
 * zones as the fallback for temperatures), the battery from
 * `class/power_supply`. Every path is under the configurable sysfs root.
 *
 * @module
 */
import { POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../constants.ts";
import type { SensorBattery, SensorFan, SensorTemperature } from "../../types.ts";
import { getSysfsPath, listDir, readSysOrNull } from "./procfs.ts";

/** A whole-number file (as psutil's `int(bcat(path))`), or `null` when missing or not an integer. */
function readInt(rel: string): number | null {
  const t = readSysOrNull(rel)?.trim();
  return t !== undefined && /^-?\d+$/.test(t) ? Number(t) : null;
}

/** Thousandths (millidegrees) as units, `null` when missing. */
function readMilli(rel: string): number | null {
  const n = readInt(rel);
  return n === null ? null : n / 1000;
}

/**
 * The `<prefix>N` sensor bases of every hwmon device (also under `device/`,
 * as on CentOS), sorted as paths, as psutil globs them.
 */
function hwmonBases(prefix: string): string[] {
  const bases = new Set<string>();
  const root = `${getSysfsPath()}/class/hwmon`;
  const re = new RegExp(`^(${prefix}\\d+)_`);
  for (const hw of listDir(root)) {
    if (!hw.startsWith("hwmon")) continue;
    for (const dir of [`class/hwmon/${hw}`, `class/hwmon/${hw}/device`]) {
      for (const f of listDir(`${getSysfsPath()}/${dir}`)) {
        const m = re.exec(f);
        if (m) bases.add(`${dir}/${m[1]}`);
      }
    }
  }
  return [...bases].sort();
}

const dirOf = (p: string) => p.slice(0, p.lastIndexOf("/"));

function group<T>(entries: Array<[string, T]>): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const [k, v] of entries) {
    let list = out.get(k);
    if (!list) out.set(k, list = []);
    list.push(v);
  }
  return out;
}

/** Raw temperatures in °C per device name (psutil's `_pslinux.sensors_temperatures`). */
export function sensorsTemperatures(): Map<string, SensorTemperature[]> {
  const found: Array<[string, SensorTemperature]> = [];
  const bases = hwmonBases("temp");
  for (const base of bases) {
    const current = readMilli(`${base}_input`);
    const unit = readSysOrNull(`${dirOf(base)}/name`)?.trim();
    if (current === null || unit === undefined) continue;
    found.push([unit, {
      label: readSysOrNull(`${base}_label`)?.trim() ?? "",
      current,
      high: readMilli(`${base}_max`),
      critical: readMilli(`${base}_crit`),
    }]);
  }
  if (bases.length === 0) {
    // No hwmon sensors: thermal zones, with the "high" and "critical" trip points.
    const zones = listDir(`${getSysfsPath()}/class/thermal`).filter((z) => z.startsWith("thermal_zone")).sort();
    for (const z of zones) {
      const dir = `class/thermal/${z}`;
      const current = readMilli(`${dir}/temp`);
      const unit = readSysOrNull(`${dir}/type`)?.trim();
      if (current === null || unit === undefined) continue;
      let high: number | null = null, critical: number | null = null;
      const trips = new Set(
        listDir(`${getSysfsPath()}/${dir}`).filter((f) => f.startsWith("trip_point")).map((f) =>
          f.split("_").slice(0, 3).join("_")
        ),
      );
      for (const t of trips) {
        const type = readSysOrNull(`${dir}/${t}_type`)?.trim();
        if (type === "critical") critical = readMilli(`${dir}/${t}_temp`);
        else if (type === "high") high = readMilli(`${dir}/${t}_temp`);
      }
      found.push([unit, { label: "", current, high, critical }]);
    }
  }
  return group(found);
}

/** Fan speeds in RPM per device name. */
export function sensorsFans(): Map<string, SensorFan[]> {
  const found: Array<[string, SensorFan]> = [];
  for (const base of hwmonBases("fan")) {
    const current = readInt(`${base}_input`);
    const unit = readSysOrNull(`${dirOf(base)}/name`)?.trim();
    if (current === null || unit === undefined) continue;
    found.push([unit, { label: readSysOrNull(`${base}_label`)?.trim() ?? "", current }]);
  }
  return group(found);
}

/** The first of `rels` that holds an integer. */
function firstInt(...rels: string[]): number | null {
  for (const r of rels) {
    const n = readInt(r);
    if (n !== null) return n;
  }
  return null;
}

/** The battery, as psutil 5.9 computes it; `null` when there is none. */
export function sensorsBattery(): SensorBattery | null {
  const ps = "class/power_supply";
  const bats = listDir(`${getSysfsPath()}/${ps}`).filter((b) => b.startsWith("BAT") || /battery/i.test(b)).sort();
  if (bats.length === 0) return null;
  const root = `${ps}/${bats[0]}`;
  const energyNow = firstInt(`${root}/energy_now`, `${root}/charge_now`);
  const powerNow = firstInt(`${root}/power_now`, `${root}/current_now`);
  const energyFull = firstInt(`${root}/energy_full`, `${root}/charge_full`);
  const timeToEmpty = firstInt(`${root}/time_to_empty_now`);
  let percent: number;
  if (energyFull !== null && energyNow !== null) {
    percent = energyFull === 0 ? 0 : 100 * energyNow / energyFull;
  } else {
    const cap = readInt(`${root}/capacity`);
    if (cap === null || cap === -1) return null;
    percent = cap;
  }
  let powerPlugged: boolean | null = null;
  const online = firstInt(`${ps}/AC0/online`, `${ps}/AC/online`);
  if (online !== null) powerPlugged = online === 1;
  else {
    const status = readSysOrNull(`${root}/status`)?.trim().toLowerCase() ?? "";
    if (status === "discharging") powerPlugged = false;
    else if (status === "charging" || status === "full") powerPlugged = true;
  }
  let secsleft: number;
  if (powerPlugged) secsleft = POWER_TIME_UNLIMITED;
  else if (energyNow !== null && powerNow !== null) {
    secsleft = powerNow === 0 ? POWER_TIME_UNKNOWN : Math.trunc(energyNow / powerNow * 3600);
  } else if (timeToEmpty !== null) {
    secsleft = timeToEmpty * 60;
    if (secsleft < 0) secsleft = POWER_TIME_UNKNOWN;
  } else secsleft = POWER_TIME_UNKNOWN;
  return { percent, secsleft, powerPlugged };
}
