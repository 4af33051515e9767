/**
 * A process's open files on Windows: the system's handle table
 * (NtQuerySystemInformation, SystemExtendedHandleInformation), the
 * process's File handles duplicated into this one, and each disk file's
 * final path (GetFinalPathNameByHandleW). Only regular files, as psutil:
 * pipes, consoles, other devices and directories are left out. Only disk
 * files are asked for their path, so a pipe never blocks the call.
 *
 * Which handles are disk files is asked as psutil asks it, GetFileType
 * first, because on Windows asking a pipe for its name can block. Under
 * Wine (10) it is the other way round: GetFileType on a pipe that another
 * thread of its process is reading makes that read fail (Deno aborts with
 * "operation failed to complete synchronously"), while the object's name
 * (NtQueryObject) is answered from the server's namespace; so there only
 * handles named as DOS paths (`\??\C:\...`) go on to GetFileType.
 *
 * @module
 */
import { ffi, type Pointer, pointerOut } from "../../ffi/mod.ts";
import { selfPid } from "../../ffi/runtime.ts";
import { allocStruct } from "../../ffi/struct.ts";
import { isWine, kernel32, ntdll, readWstr } from "../../ffi/windows/libs.ts";
import {
  FILE_BASIC_INFO,
  SYSTEM_HANDLE_INFORMATION_EX,
  SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX,
  UNICODE_STRING,
} from "../../ffi/windows/structs.ts";
import type { ProcessOpenFile } from "../../types.ts";
import { openExisting, querySystemInformation } from "./nt.ts";

const SystemExtendedHandleInformation = 64;
/** GetCurrentProcess()'s pseudo handle. */
const CURRENT_PROCESS = 0xffffffffffffffffn;
const DUPLICATE_SAME_ACCESS = 2;
const FILE_TYPE_DISK = 1;
const FileBasicInfo = 0;
const FILE_ATTRIBUTE_DIRECTORY = 0x10;
const ObjectNameInformation = 1;
/** The longest path GetFinalPathNameByHandleW can give, in characters. */
const MAX_LONG_PATH = 32768;

/** One handle of the table: its value in its process, and its object type's index. */
export interface HandleEntry {
  handle: bigint;
  type: number;
}

/** The handles of `pid` in the system's handle table (the table grows until it fits). */
export function handlesOf(pid: number): HandleEntry[] {
  const buf = querySystemInformation(SystemExtendedHandleInformation, 1 << 20, "SystemExtendedHandleInformation");
  return handlesIn(new DataView(buf.buffer), pid);
}

/** The entries of `pid` in a SYSTEM_HANDLE_INFORMATION_EX held by `view`. */
export function handlesIn(view: DataView, pid: number): HandleEntry[] {
  const H = SYSTEM_HANDLE_INFORMATION_EX, E = SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX;
  const count = Math.min(H.num(view, "NumberOfHandles"), Math.floor((view.byteLength - H.size) / E.size));
  const out: HandleEntry[] = [];
  const want = BigInt(pid);
  for (let i = 0, off = H.size; i < count; i++, off += E.size) {
    if (E.big(view, "UniqueProcessId", off) !== want) continue;
    out.push({ handle: E.big(view, "HandleValue", off), type: E.num(view, "ObjectTypeIndex", off) });
  }
  return out;
}

let fileType: number | null | undefined;

/**
 * The object type index of File objects, which differs between Windows
 * versions: read off a handle this process opens on `NUL`. `null` when the
 * table does not say (then every handle is asked).
 */
function fileTypeIndex(): number | null {
  if (fileType !== undefined) return fileType;
  const nul = openExisting("NUL");
  if (nul === null) return fileType = null;
  try {
    const value = ffi().address(nul);
    const mine = handlesOf(selfPid()).find((e) => e.handle === value);
    return fileType = mine && mine.type !== 0 ? mine.type : null;
  } finally {
    kernel32.symbols.CloseHandle(nul);
  }
}

/** The NT name of the object `h` refers to (`""` when it has none or the query fails). */
function objectName(h: Pointer, buf: Uint8Array): string {
  if (ntdll.symbols.NtQueryObject(h, ObjectNameInformation, buf, buf.length, null) !== 0) return "";
  const view = new DataView(buf.buffer);
  // OBJECT_NAME_INFORMATION is one UNICODE_STRING whose buffer follows it in `buf`.
  return readWstr(buf, UNICODE_STRING.size, UNICODE_STRING.num(view, "Length") / 2);
}

/** `\\?\C:\x` as `C:\x`, `\\?\UNC\host\share` as `\\host\share`. */
export function dosFinalPath(path: string): string {
  if (path.startsWith("\\\\?\\UNC\\")) return "\\\\" + path.slice(8);
  if (path.startsWith("\\\\?\\")) return path.slice(4);
  return path;
}

/**
 * The regular files open in the process that `process` (a handle with
 * PROCESS_DUP_HANDLE) refers to: each path once, `fd` -1, as psutil.
 */
export function openFilesOf(process: Pointer, pid: number): ProcessOpenFile[] {
  const k = kernel32.symbols;
  const type = fileTypeIndex();
  const dup = new Uint8Array(8);
  const info = allocStruct(FILE_BASIC_INFO);
  const name = new Uint8Array(MAX_LONG_PATH * 2);
  const seen = new Set<string>();
  const wine = isWine();
  for (const e of handlesOf(pid)) {
    if (type !== null && e.type !== type) continue;
    dup.fill(0);
    // The handle may be gone by now, or not duplicable: either way it is not counted.
    if (!k.DuplicateHandle(process, e.handle, CURRENT_PROCESS, dup, 0, 0, DUPLICATE_SAME_ACCESS)) continue;
    const h = pointerOut(dup);
    if (h === null) continue;
    try {
      if (wine && !objectName(h, name).startsWith("\\??\\")) continue;
      if (k.GetFileType(h) !== FILE_TYPE_DISK) continue;
      if (!k.GetFileInformationByHandleEx(h, FileBasicInfo, info.buf, info.buf.length)) continue;
      if (FILE_BASIC_INFO.num(info.view, "FileAttributes") & FILE_ATTRIBUTE_DIRECTORY) continue;
      const len = k.GetFinalPathNameByHandleW(h, name, MAX_LONG_PATH, 0);
      if (len === 0 || len >= MAX_LONG_PATH) continue;
      seen.add(dosFinalPath(readWstr(name, 0, len)));
    } finally {
      k.CloseHandle(h);
    }
  }
  return [...seen].map((path) => ({ path, fd: -1 }));
}
