// The Windows backend's pure parts and struct layouts, on every OS: the
// sizes pinned from the Windows SDK headers (x64), and parsers on known input.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  MEMORYSTATUSEX,
  PEB,
  PROCESS_BASIC_INFORMATION,
  PROCESS_MEMORY_COUNTERS_EX,
  PROCESSENTRY32W,
  RTL_USER_PROCESS_PARAMETERS,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
  UNICODE_STRING,
} from "../ffi/windows/structs.ts";
import { readWstr, wstr } from "../ffi/windows/libs.ts";
import { parseEnvironBlock, splitCommandLine } from "../platform/windows/process.ts";
import { filetimeSeconds, readWstrList } from "../platform/windows/system.ts";

test("Windows struct sizes and offsets are the SDK's (x64)", () => {
  assert.equal(MEMORYSTATUSEX.size, 64);
  assert.equal(MEMORYSTATUSEX.offset("ullTotalPhys"), 8);
  assert.equal(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION.size, 48);
  assert.equal(PROCESS_MEMORY_COUNTERS_EX.size, 80);
  assert.equal(PROCESS_MEMORY_COUNTERS_EX.offset("PrivateUsage"), 72);
  assert.equal(PROCESSENTRY32W.size, 568);
  assert.equal(PROCESSENTRY32W.offset("th32ParentProcessID"), 32);
  assert.equal(PROCESSENTRY32W.offset("szExeFile"), 44);
  assert.equal(UNICODE_STRING.size, 16);
  assert.equal(PROCESS_BASIC_INFORMATION.size, 48);
  assert.equal(PROCESS_BASIC_INFORMATION.offset("PebBaseAddress"), 8);
  assert.equal(PEB.offset("ProcessParameters"), 0x20);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("CurrentDirectoryPath"), 0x38);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("CommandLine"), 0x70);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("Environment"), 0x80);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("EnvironmentSize"), 0x3f0);
});

test("splitCommandLine follows CommandLineToArgvW's quoting and backslash rules", () => {
  assert.deepEqual(splitCommandLine('"C:\\Program Files\\a.exe" x "y z"'), ["C:\\Program Files\\a.exe", "x", "y z"]);
  assert.deepEqual(splitCommandLine("ping.exe  -n\t60 127.0.0.1"), ["ping.exe", "-n", "60", "127.0.0.1"]);
  assert.deepEqual(splitCommandLine('a.exe a\\\\\\"b c\\d "e\\\\" f'), ["a.exe", 'a\\"b', "c\\d", "e\\", "f"]);
  assert.deepEqual(splitCommandLine('a.exe "say ""hi"""'), ["a.exe", 'say "hi"']);
  assert.deepEqual(splitCommandLine('C:\\dir\\a.exe ""'), ["C:\\dir\\a.exe", ""]);
  assert.deepEqual(splitCommandLine("solo.exe"), ["solo.exe"]);
});

test("parseEnvironBlock upper-cases keys and skips the hidden drive entries", () => {
  assert.deepEqual(parseEnvironBlock("=C:=C:\\x\0Path=C:\\bin\0foo=a=b\0\0junk"), { PATH: "C:\\bin", FOO: "a=b" });
  assert.deepEqual(parseEnvironBlock("\0"), {});
});

test("wide strings, drive lists and FILETIMEs", () => {
  const w = wstr("C:\\é");
  assert.deepEqual([...w], [67, 0, 58, 0, 92, 0, 0xe9, 0, 0, 0]);
  assert.equal(readWstr(w), "C:\\é");
  assert.throws(() => wstr("a\0b"), TypeError);
  const list = new Uint8Array([...wstr("C:\\"), ...wstr("Z:\\"), 0, 0]);
  assert.deepEqual(readWstrList(list, list.length / 2), ["C:\\", "Z:\\"]);
  // 2024-01-01T00:00:00Z is 133485408000000000 in 100 ns since 1601.
  const ft = new Uint8Array(8);
  new DataView(ft.buffer).setBigUint64(0, 133485408000000000n, true);
  assert.equal(filetimeSeconds(ft) - 11644473600, Date.UTC(2024, 0, 1) / 1000);
});
