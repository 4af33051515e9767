/**
 * The macOS battery, from IOKit's power sources, as psutil reads it. macOS
 * offers no temperatures or fans outside the SMC, which psutil does not
 * read: those calls say `NotImplementedError`.
 *
 * @module
 */
import type { SensorBattery } from "../../types.ts";
import { POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../constants.ts";
import { CF, coreFoundation, IOKEYS, ioKit } from "../../ffi/darwin/frameworks.ts";
import { cfInt, cfString, withCF } from "./cf.ts";

/**
 * The first power source: `percent` is its current capacity, plugged when
 * its state is AC power, and the time left its time to empty (minutes, -1
 * while macOS is still estimating); `null` without any power source.
 */
export function sensorsBattery(): SensorBattery | null {
  const io = ioKit.symbols, c = coreFoundation.symbols;
  return withCF((cf) => {
    const info = cf.own(io.IOPSCopyPowerSourcesInfo());
    if (info === null) throw new Error("IOPSCopyPowerSourcesInfo() failed");
    const list = cf.own(io.IOPSCopyPowerSourcesList(info));
    if (list === null) throw new Error("IOPSCopyPowerSourcesList() failed");
    if (Number(c.CFArrayGetCount(list)) === 0) return null;
    const desc = io.IOPSGetPowerSourceDescription(info, c.CFArrayGetValueAtIndex(list, 0n));
    const percent = cfInt(cf.get(desc, IOKEYS.kIOPSCurrentCapacityKey), CF.kCFNumberSInt32Type);
    if (percent === null) throw new Error("the power source has no current capacity");
    const state = cfString(cf.get(desc, IOKEYS.kIOPSPowerSourceStateKey));
    if (state === null) throw new Error("the power source has no state");
    const plugged = state === IOKEYS.kIOPSACPowerValue;
    const minutes = cfInt(cf.get(desc, IOKEYS.kIOPSTimeToEmptyKey), CF.kCFNumberSInt32Type) ?? -1;
    const secsleft = plugged ? POWER_TIME_UNLIMITED : minutes === -1 ? POWER_TIME_UNKNOWN : minutes * 60;
    return { percent, secsleft, powerPlugged: plugged };
  });
}
