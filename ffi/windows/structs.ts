/**
 * Windows struct layouts (x64), with their SDK names; sizes pinned by tests.
 *
 * @module
 */
import { defineStruct, type Struct } from "../struct.ts";

/** `MEMORYSTATUSEX` (sysinfoapi.h): 64 bytes; `dwLength` must be set before the call. */
export const MEMORYSTATUSEX: Struct = defineStruct("MEMORYSTATUSEX", [
  ["dwLength", "u32"],
  ["dwMemoryLoad", "u32"],
  ["ullTotalPhys", "u64"],
  ["ullAvailPhys", "u64"],
  ["ullTotalPageFile", "u64"],
  ["ullAvailPageFile", "u64"],
  ["ullTotalVirtual", "u64"],
  ["ullAvailVirtual", "u64"],
  ["ullAvailExtendedVirtual", "u64"],
]);

/** `SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION` (winternl.h): 48 bytes, times in 100 ns. */
export const SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION: Struct = defineStruct(
  "SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION",
  [
    ["IdleTime", "i64"],
    ["KernelTime", "i64"],
    ["UserTime", "i64"],
    ["DpcTime", "i64"],
    ["InterruptTime", "i64"],
    ["InterruptCount", "u32"],
  ],
);

/** `PROCESS_MEMORY_COUNTERS_EX` (psapi.h): 80 bytes; `cb` must be set. */
export const PROCESS_MEMORY_COUNTERS_EX: Struct = defineStruct("PROCESS_MEMORY_COUNTERS_EX", [
  ["cb", "u32"],
  ["PageFaultCount", "u32"],
  ["PeakWorkingSetSize", "u64"],
  ["WorkingSetSize", "u64"],
  ["QuotaPeakPagedPoolUsage", "u64"],
  ["QuotaPagedPoolUsage", "u64"],
  ["QuotaPeakNonPagedPoolUsage", "u64"],
  ["QuotaNonPagedPoolUsage", "u64"],
  ["PagefileUsage", "u64"],
  ["PeakPagefileUsage", "u64"],
  ["PrivateUsage", "u64"],
]);

/** `PROCESSENTRY32W` (tlhelp32.h): 568 bytes; `dwSize` must be set. */
export const PROCESSENTRY32W: Struct = defineStruct("PROCESSENTRY32W", [
  ["dwSize", "u32"],
  ["cntUsage", "u32"],
  ["th32ProcessID", "u32"],
  ["th32DefaultHeapID", "u64"],
  ["th32ModuleID", "u32"],
  ["cntThreads", "u32"],
  ["th32ParentProcessID", "u32"],
  ["pcPriClassBase", "i32"],
  ["dwFlags", "u32"],
  ["szExeFile", { bytes: 520, align: 2 }],
]);

/** The head of `SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX` (winnt.h): `Relationship` and `Size`. */
export const SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX: Struct = defineStruct(
  "SYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX",
  [
    ["Relationship", "i32"],
    ["Size", "u32"],
  ],
);

/** `UNICODE_STRING` (winternl.h): 16 bytes on x64. */
export const UNICODE_STRING: Struct = defineStruct("UNICODE_STRING", [
  ["Length", "u16"],
  ["MaximumLength", "u16"],
  ["Buffer", "pointer"],
]);

/** `PROCESS_BASIC_INFORMATION` (winternl.h): 48 bytes on x64. */
export const PROCESS_BASIC_INFORMATION: Struct = defineStruct("PROCESS_BASIC_INFORMATION", [
  ["ExitStatus", "i32"],
  ["PebBaseAddress", "pointer"],
  ["AffinityMask", "u64"],
  ["BasePriority", "i32"],
  ["UniqueProcessId", "u64"],
  ["InheritedFromUniqueProcessId", "u64"],
]);

/** The members of `PEB` (winternl.h, x64) read here: `ProcessParameters` at 0x20. */
export const PEB: Struct = defineStruct("PEB", [
  ["Reserved1", { bytes: 4 }],
  ["Reserved2", { bytes: 4 }],
  ["Reserved3", { array: "u64", length: 2 }],
  ["Ldr", "pointer"],
  ["ProcessParameters", "pointer"],
]);

/**
 * The members of `RTL_USER_PROCESS_PARAMETERS` (x64) read here: the working
 * directory at 0x38, the command line at 0x70, the environment at 0x80 and
 * its size at 0x3F0 (Vista and later).
 */
export const RTL_USER_PROCESS_PARAMETERS: Struct = defineStruct("RTL_USER_PROCESS_PARAMETERS", [
  ["MaximumLength", "u32"],
  ["Length", "u32"],
  ["Flags", "u32"],
  ["DebugFlags", "u32"],
  ["ConsoleHandle", "pointer"],
  ["ConsoleFlags", "u32"],
  ["StandardInput", "pointer"],
  ["StandardOutput", "pointer"],
  ["StandardError", "pointer"],
  ["CurrentDirectoryPath", { struct: UNICODE_STRING }],
  ["CurrentDirectoryHandle", "pointer"],
  ["DllPath", { struct: UNICODE_STRING }],
  ["ImagePathName", { struct: UNICODE_STRING }],
  ["CommandLine", { struct: UNICODE_STRING }],
  ["Environment", "pointer"],
  ["Reserved", { bytes: 0x3f0 - 0x88 }],
  ["EnvironmentSize", "u64"],
]);
