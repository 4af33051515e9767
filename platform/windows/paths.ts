/**
 * Kernel paths as drive-letter paths: `\Device\HarddiskVolume1\x` and
 * `\??\C:\x` as `C:\x`, through the devices behind each drive letter
 * (QueryDosDeviceW).
 *
 * @module
 */
import { kernel32, readWstr, wstr } from "../../ffi/windows/libs.ts";

let dosDevices: Array<[string, string]> | null = null;

/** A kernel path (`\Device\HarddiskVolume1\x`, `\??\C:\x`) as a drive-letter path, as psutil's convert_dos_path. */
export function dosPath(path: string, devices: Array<[string, string]> = driveDevices()): string {
  if (path.startsWith("\\??\\")) return path.slice(4);
  for (const [drive, device] of devices) {
    if (path.toLowerCase().startsWith(device.toLowerCase() + "\\")) return drive + path.slice(device.length);
  }
  return path;
}

/** Each drive letter and the device behind it (QueryDosDeviceW), read once. */
function driveDevices(): Array<[string, string]> {
  if (dosDevices) return dosDevices;
  const out: Array<[string, string]> = [];
  const buf = new Uint8Array(2 * 1024);
  for (let c = 65; c <= 90; c++) {
    const drive = `${String.fromCharCode(c)}:`;
    if (kernel32.symbols.QueryDosDeviceW(wstr(drive), buf, buf.length / 2) > 0) out.push([drive, readWstr(buf)]);
  }
  return dosDevices = out;
}
