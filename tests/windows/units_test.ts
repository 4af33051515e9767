// The Windows backend's pure parts and struct layouts, on every OS: the
// sizes pinned from the Windows SDK headers (x64), and parsers on known input.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  DISK_PERFORMANCE,
  FILE_BASIC_INFO,
  IO_COUNTERS,
  MEMORYSTATUSEX,
  MIB_IF_ROW2,
  MIB_TCP6ROW_OWNER_PID,
  MIB_TCPROW_OWNER_PID,
  MIB_UDP6ROW_OWNER_PID,
  MIB_UDPROW_OWNER_PID,
  PDH_FMT_COUNTERVALUE,
  PEB,
  PROCESS_BASIC_INFORMATION,
  PROCESS_MEMORY_COUNTERS_EX,
  RTL_USER_PROCESS_PARAMETERS,
  SYSTEM_HANDLE_INFORMATION_EX,
  SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX,
  SYSTEM_INTERRUPT_INFORMATION,
  SYSTEM_PERFORMANCE_INFORMATION,
  SYSTEM_POWER_STATUS,
  SYSTEM_PROCESS_INFORMATION,
  SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION,
  SYSTEM_THREAD_INFORMATION,
  UNICODE_STRING,
} from "../../ffi/windows/structs.ts";
import { readWstr, wstr } from "../../ffi/windows/libs.ts";
import { parseEnvironBlock, protectionString, splitCommandLine } from "../../platform/windows/parsers.ts";
import { dosPath } from "../../platform/windows/paths.ts";
import { diskPerformanceFrom } from "../../platform/windows/disk.ts";
import { FILETIME_UNIX_EPOCH, filetimeSeconds, readWstrList } from "../../platform/windows/nt.ts";
import { decodeTable } from "../../platform/windows/net.ts";
import { batteryFrom } from "../../platform/windows/sensors.ts";
import { decayLoads, LOAD_FACTORS } from "../../platform/windows/loadavg.ts";
import { dosFinalPath, handlesIn } from "../../platform/windows/handles.ts";
import { AF_INET, AF_INET6, POWER_TIME_UNKNOWN, POWER_TIME_UNLIMITED } from "../../constants.ts";

test("Windows struct sizes and offsets are the SDK's (x64)", () => {
  assert.equal(MEMORYSTATUSEX.size, 64);
  assert.equal(MEMORYSTATUSEX.offset("ullTotalPhys"), 8);
  assert.equal(SYSTEM_PROCESSOR_PERFORMANCE_INFORMATION.size, 48);
  assert.equal(PROCESS_MEMORY_COUNTERS_EX.size, 80);
  assert.equal(PROCESS_MEMORY_COUNTERS_EX.offset("PrivateUsage"), 72);
  assert.equal(UNICODE_STRING.size, 16);
  assert.equal(PROCESS_BASIC_INFORMATION.size, 48);
  assert.equal(PROCESS_BASIC_INFORMATION.offset("PebBaseAddress"), 8);
  assert.equal(PEB.offset("ProcessParameters"), 0x20);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("CurrentDirectoryPath"), 0x38);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("CommandLine"), 0x70);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("Environment"), 0x80);
  assert.equal(RTL_USER_PROCESS_PARAMETERS.offset("EnvironmentSize"), 0x3f0);
});

test("the emulated load average decays as the kernel's, one 5-second sample at a time", () => {
  assert.deepEqual(LOAD_FACTORS.map((f) => f.toFixed(6)), ["0.920044", "0.983471", "0.994460"]);
  // One sample of 1 from idle: 1 - exp(-5/60) etc.
  const one = decayLoads([0, 0, 0], 1);
  assert.deepEqual(one.map((l) => l.toFixed(4)), ["0.0800", "0.0165", "0.0055"]);
  // A steady load converges to itself; after a minute of 2, the 1-minute average is 2(1 - e^-1).
  let l: [number, number, number] = [0, 0, 0];
  for (let i = 0; i < 12; i++) l = decayLoads(l, 2);
  assert.equal(l[0].toFixed(6), (2 * (1 - Math.exp(-1))).toFixed(6));
  assert.ok(l[0] > l[1] && l[1] > l[2]);
  for (let i = 0; i < 5000; i++) l = decayLoads(l, 3);
  assert.deepEqual(l.map((x) => x.toFixed(6)), ["3.000000", "3.000000", "3.000000"]);
});

test("DISK_PERFORMANCE: the SDK's layout, counters read from it, times from 100 ns to ms", () => {
  const d = DISK_PERFORMANCE;
  assert.equal(d.size, 88);
  assert.deepEqual(
    ["ReadTime", "IdleTime", "ReadCount", "SplitCount", "QueryTime", "StorageDeviceNumber", "StorageManagerName"].map(
      (f) => d.offset(f),
    ),
    [16, 32, 40, 52, 56, 64, 68],
  );
  const buf = new Uint8Array(d.size);
  const v = new DataView(buf.buffer);
  v.setBigInt64(0, 5_000_000_000_000n, true); // BytesRead: above 2^32
  v.setBigInt64(8, 4096n, true);
  v.setBigInt64(16, 123_456_789n, true); // 12.3456789 s reading
  v.setBigInt64(24, 5_000n, true); // half a millisecond writing
  v.setUint32(40, 0xffff_fffe, true);
  v.setUint32(44, 7, true);
  assert.deepEqual(diskPerformanceFrom(v), {
    readCount: 0xffff_fffe,
    writeCount: 7,
    readBytes: 5_000_000_000_000,
    writeBytes: 4096,
    readTime: 12345,
    writeTime: 0,
  });
});

test("the handle table: SDK layouts; one process's handles picked out; final paths as DOS paths", () => {
  const H = SYSTEM_HANDLE_INFORMATION_EX, E = SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX;
  assert.equal(H.size, 16);
  assert.equal(E.size, 40);
  assert.deepEqual(["UniqueProcessId", "HandleValue", "GrantedAccess", "ObjectTypeIndex"].map((f) => E.offset(f)), [
    8,
    16,
    24,
    30,
  ]);
  assert.equal(FILE_BASIC_INFO.size, 40);
  assert.equal(FILE_BASIC_INFO.offset("FileAttributes"), 32);
  // Three entries (pid, handle, type); the header claims a fourth that the buffer does not hold.
  const rows: Array<[number, number, number]> = [[7, 0x24, 37], [8, 0x28, 37], [7, 0x1000c, 12]];
  const view = new DataView(new ArrayBuffer(H.size + rows.length * E.size));
  view.setBigUint64(0, 4n, true);
  rows.forEach(([pid, handle, type], i) => {
    const off = H.size + i * E.size;
    view.setBigUint64(off + E.offset("UniqueProcessId"), BigInt(pid), true);
    view.setBigUint64(off + E.offset("HandleValue"), BigInt(handle), true);
    view.setUint16(off + E.offset("ObjectTypeIndex"), type, true);
  });
  assert.deepEqual(handlesIn(view, 7), [{ handle: 0x24n, type: 37 }, { handle: 0x1000cn, type: 12 }]);
  assert.deepEqual(handlesIn(view, 9), []);
  assert.equal(dosFinalPath("\\\\?\\C:\\dir\\a b.txt"), "C:\\dir\\a b.txt");
  assert.equal(dosFinalPath("\\\\?\\UNC\\host\\share\\x"), "\\\\host\\share\\x");
  assert.equal(dosFinalPath("C:\\x"), "C:\\x");
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
  assert.equal(FILETIME_UNIX_EPOCH, 11644473600);
  assert.equal(filetimeSeconds(ft) - FILETIME_UNIX_EPOCH, Date.UTC(2024, 0, 1) / 1000);
});

test("more Windows layouts: SYSTEM_PROCESS_INFORMATION, threads, socket rows, MIB_IF_ROW2, power status", () => {
  assert.equal(SYSTEM_PROCESS_INFORMATION.size, 256);
  assert.equal(SYSTEM_PROCESS_INFORMATION.offset("UniqueProcessId"), 0x50);
  assert.equal(SYSTEM_PROCESS_INFORMATION.offset("PageFaultCount"), 0x80);
  assert.equal(SYSTEM_THREAD_INFORMATION.size, 80);
  assert.equal(PDH_FMT_COUNTERVALUE.size, 16);
  assert.equal(PDH_FMT_COUNTERVALUE.offset("doubleValue"), 8);
  assert.equal(SYSTEM_THREAD_INFORMATION.offset("ContextSwitches"), 0x40);
  assert.equal(MIB_TCPROW_OWNER_PID.size, 24);
  assert.equal(MIB_TCP6ROW_OWNER_PID.size, 56);
  assert.equal(MIB_UDPROW_OWNER_PID.size, 12);
  assert.equal(MIB_UDP6ROW_OWNER_PID.size, 28);
  assert.equal(MIB_IF_ROW2.size, 1352);
  assert.equal(MIB_IF_ROW2.offset("InOctets"), 1208);
  assert.equal(IO_COUNTERS.size, 48);
  assert.equal(SYSTEM_POWER_STATUS.size, 12);
});

test("decodeTable reads IPv4 and IPv6 rows: network-order ports, LISTEN without a remote end", () => {
  // MIB_TCPTABLE_OWNER_PID with one LISTEN row on 127.0.0.1:8080 of pid 1234.
  const t4 = new Uint8Array(4 + 24);
  const v = new DataView(t4.buffer);
  v.setUint32(0, 1, true);
  v.setUint32(4, 2, true); // MIB_TCP_STATE_LISTEN
  t4.set([127, 0, 0, 1], 8);
  t4.set([0x1f, 0x90], 12);
  v.setUint32(24, 1234, true);
  assert.deepEqual(decodeTable(t4, AF_INET, true), [{
    fd: -1,
    family: AF_INET,
    type: 1,
    laddr: { ip: "127.0.0.1", port: 8080 },
    raddr: null,
    status: "LISTEN",
    pid: 1234,
  }]);
  // MIB_UDP6TABLE_OWNER_PID with ::1 port 53 of pid 7.
  const t6 = new Uint8Array(4 + 28);
  const w = new DataView(t6.buffer);
  w.setUint32(0, 1, true);
  t6[4 + 15] = 1;
  t6.set([0, 53], 4 + 20);
  w.setUint32(4 + 24, 7, true);
  assert.deepEqual(decodeTable(t6, AF_INET6, false)[0], {
    fd: -1,
    family: AF_INET6,
    type: 2,
    laddr: { ip: "::1", port: 53 },
    raddr: null,
    status: "NONE",
    pid: 7,
  });
});

test("batteryFrom follows psutil: no battery, plugged in, time left, unknown", () => {
  assert.equal(batteryFrom(1, 128, 255, 0xffffffff), null);
  assert.deepEqual(batteryFrom(1, 8, 80, 0xffffffff), {
    percent: 80,
    secsleft: POWER_TIME_UNLIMITED,
    powerPlugged: true,
  });
  assert.deepEqual(batteryFrom(0, 1, 55, 3600), { percent: 55, secsleft: 3600, powerPlugged: false });
  assert.deepEqual(batteryFrom(0, 1, 55, 0xffffffff), {
    percent: 55,
    secsleft: POWER_TIME_UNKNOWN,
    powerPlugged: false,
  });
});

test("dosPath and protectionString: psutil's conversions", () => {
  const devices: Array<[string, string]> = [["C:", "\\Device\\HarddiskVolume1"], ["Z:", "\\Device\\Unix"]];
  assert.equal(dosPath("\\Device\\HarddiskVolume1\\Windows\\a.dll", devices), "C:\\Windows\\a.dll");
  assert.equal(dosPath("\\??\\C:\\x.exe", devices), "C:\\x.exe");
  assert.equal(dosPath("\\Device\\Other\\y", devices), "\\Device\\Other\\y");
  assert.equal(protectionString(0x02), "r");
  assert.equal(protectionString(0x20), "xr");
  assert.equal(protectionString(0x104), "rw", "PAGE_GUARD is a modifier");
  assert.equal(protectionString(0x80), "xwc");
});

test("SYSTEM_PERFORMANCE_INFORMATION: ContextSwitches and SystemCalls where the header puts them", () => {
  assert.equal(SYSTEM_PERFORMANCE_INFORMATION.offset("AvailablePages"), 44);
  assert.equal(SYSTEM_PERFORMANCE_INFORMATION.offset("ContextSwitches"), 296);
  assert.equal(SYSTEM_PERFORMANCE_INFORMATION.offset("SystemCalls"), 308);
  assert.equal(SYSTEM_PERFORMANCE_INFORMATION.size, 312, "Wine answers class 2 with 312 bytes");
  assert.equal(SYSTEM_INTERRUPT_INFORMATION.size, 24);
});
