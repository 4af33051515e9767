/**
 * Windows symbol tables (kernel32, psapi, ntdll), each with its C prototype,
 * opened on first use; `GetLastError()` read right after a failing call.
 * All of them use the x64 calling convention, which FFI calls as C.
 *
 * @module
 */
import { type LazyLibrary, lazyLibrary, type SymbolTable } from "../mod.ts";

/** kernel32.dll. */
export const kernel32 = lazyLibrary(
  ["kernel32.dll"],
  {
    /** DWORD GetLastError(void); */
    GetLastError: { parameters: [], result: "u32" },
    /** DWORD GetActiveProcessorCount(WORD GroupNumber); */
    GetActiveProcessorCount: { parameters: ["u16"], result: "u32" },
    /** BOOL GetLogicalProcessorInformationEx(LOGICAL_PROCESSOR_RELATIONSHIP r, PSYSTEM_LOGICAL_PROCESSOR_INFORMATION_EX buf, PDWORD len); */
    GetLogicalProcessorInformationEx: { parameters: ["i32", "buffer", "buffer"], result: "i32" },
    /** BOOL GetSystemTimes(PFILETIME idle, PFILETIME kernel, PFILETIME user); */
    GetSystemTimes: { parameters: ["buffer", "buffer", "buffer"], result: "i32" },
    /** BOOL GlobalMemoryStatusEx(LPMEMORYSTATUSEX buf); */
    GlobalMemoryStatusEx: { parameters: ["buffer"], result: "i32" },
    /** ULONGLONG GetTickCount64(void); */
    GetTickCount64: { parameters: [], result: "u64" },
    /** BOOL GetDiskFreeSpaceExW(LPCWSTR dir, PULARGE_INTEGER availToCaller, PULARGE_INTEGER total, PULARGE_INTEGER free); */
    GetDiskFreeSpaceExW: { parameters: ["buffer", "buffer", "buffer", "buffer"], result: "i32" },
    /** DWORD GetLogicalDriveStringsW(DWORD len, LPWSTR buf); */
    GetLogicalDriveStringsW: { parameters: ["u32", "buffer"], result: "u32" },
    /** UINT GetDriveTypeW(LPCWSTR root); */
    GetDriveTypeW: { parameters: ["buffer"], result: "u32" },
    /**
     * BOOL GetVolumeInformationW(LPCWSTR root, LPWSTR name, DWORD nameSize, LPDWORD serial,
     *   LPDWORD maxComponentLength, LPDWORD fsFlags, LPWSTR fsName, DWORD fsNameSize);
     */
    GetVolumeInformationW: {
      parameters: ["buffer", "buffer", "u32", "buffer", "buffer", "buffer", "buffer", "u32"],
      result: "i32",
    },
    /** UINT SetErrorMode(UINT mode); */
    SetErrorMode: { parameters: ["u32"], result: "u32" },
    /** HANDLE OpenProcess(DWORD access, BOOL inherit, DWORD pid); */
    OpenProcess: { parameters: ["u32", "i32", "u32"], result: "pointer" },
    /** BOOL CloseHandle(HANDLE h); */
    CloseHandle: { parameters: ["pointer"], result: "i32" },
    /** BOOL GetProcessTimes(HANDLE h, LPFILETIME creation, LPFILETIME exit, LPFILETIME kernel, LPFILETIME user); */
    GetProcessTimes: { parameters: ["pointer", "buffer", "buffer", "buffer", "buffer"], result: "i32" },
    /** BOOL GetExitCodeProcess(HANDLE h, LPDWORD code); */
    GetExitCodeProcess: { parameters: ["pointer", "buffer"], result: "i32" },
    /** DWORD WaitForSingleObject(HANDLE h, DWORD milliseconds); */
    WaitForSingleObject: { parameters: ["pointer", "u32"], result: "u32" },
    /** BOOL TerminateProcess(HANDLE h, UINT code); */
    TerminateProcess: { parameters: ["pointer", "u32"], result: "i32" },
    /** BOOL QueryFullProcessImageNameW(HANDLE h, DWORD flags, LPWSTR name, PDWORD size); */
    QueryFullProcessImageNameW: { parameters: ["pointer", "u32", "buffer", "buffer"], result: "i32" },
    /** DWORD GetPriorityClass(HANDLE h); */
    GetPriorityClass: { parameters: ["pointer"], result: "u32" },
    /** BOOL SetPriorityClass(HANDLE h, DWORD cls); */
    SetPriorityClass: { parameters: ["pointer", "u32"], result: "i32" },
    /** BOOL GetProcessHandleCount(HANDLE h, PDWORD count); */
    GetProcessHandleCount: { parameters: ["pointer", "buffer"], result: "i32" },
    /** BOOL ReadProcessMemory(HANDLE h, LPCVOID addr, LPVOID buf, SIZE_T size, SIZE_T *read); */
    ReadProcessMemory: { parameters: ["pointer", "u64", "buffer", "usize", "buffer"], result: "i32" },
    /** BOOL GetProcessIoCounters(HANDLE h, PIO_COUNTERS c); */
    GetProcessIoCounters: { parameters: ["pointer", "buffer"], result: "i32" },
    /** BOOL GetProcessAffinityMask(HANDLE h, PDWORD_PTR proc, PDWORD_PTR sys); */
    GetProcessAffinityMask: { parameters: ["pointer", "buffer", "buffer"], result: "i32" },
    /** BOOL SetProcessAffinityMask(HANDLE h, DWORD_PTR mask); */
    SetProcessAffinityMask: { parameters: ["pointer", "u64"], result: "i32" },
    /** BOOL GetSystemPowerStatus(LPSYSTEM_POWER_STATUS s); */
    GetSystemPowerStatus: { parameters: ["buffer"], result: "i32" },
    /** SIZE_T VirtualQueryEx(HANDLE h, LPCVOID addr, PMEMORY_BASIC_INFORMATION info, SIZE_T len); */
    VirtualQueryEx: { parameters: ["pointer", "u64", "buffer", "usize"], result: "usize" },
    /** DWORD QueryDosDeviceW(LPCWSTR name, LPWSTR target, DWORD max); */
    QueryDosDeviceW: { parameters: ["buffer", "buffer", "u32"], result: "u32" },
    /**
     * HANDLE CreateFileW(LPCWSTR name, DWORD access, DWORD share, LPSECURITY_ATTRIBUTES sa, DWORD disposition,
     *   DWORD flags, HANDLE template);
     * The handle comes back as a number, to compare with INVALID_HANDLE_VALUE (-1) exactly under both runtimes.
     */
    CreateFileW: { parameters: ["buffer", "u32", "u32", "pointer", "u32", "u32", "pointer"], result: "u64" },
    /**
     * BOOL DeviceIoControl(HANDLE h, DWORD code, LPVOID in, DWORD inSize, LPVOID out, DWORD outSize,
     *   LPDWORD returned, LPOVERLAPPED overlapped);
     */
    DeviceIoControl: {
      parameters: ["pointer", "u32", "buffer", "u32", "buffer", "u32", "buffer", "pointer"],
      result: "i32",
    },
    /**
     * BOOL DuplicateHandle(HANDLE srcProcess, HANDLE src, HANDLE dstProcess, LPHANDLE dst, DWORD access,
     *   BOOL inherit, DWORD options);
     * The source handle and the destination process are numbers: a handle value of another process, and
     * GetCurrentProcess()'s pseudo handle -1, are not pointers here.
     */
    DuplicateHandle: { parameters: ["pointer", "u64", "u64", "buffer", "u32", "i32", "u32"], result: "i32" },
    /** DWORD GetFileType(HANDLE h); */
    GetFileType: { parameters: ["pointer"], result: "u32" },
    /** DWORD GetFinalPathNameByHandleW(HANDLE h, LPWSTR path, DWORD len, DWORD flags); */
    GetFinalPathNameByHandleW: { parameters: ["pointer", "buffer", "u32", "u32"], result: "u32" },
    /** BOOL GetFileInformationByHandleEx(HANDLE h, FILE_INFO_BY_HANDLE_CLASS c, LPVOID info, DWORD size); */
    GetFileInformationByHandleEx: { parameters: ["pointer", "i32", "buffer", "u32"], result: "i32" },
    /** DWORD GetCurrentProcessId(void); */
    GetCurrentProcessId: { parameters: [], result: "u32" },
  } as const,
);

/**
 * Wraps a library so that kernel32 is open before it is used: opening a
 * library on first use (LoadLibrary) resets the last error, so kernel32,
 * whose GetLastError reads it, must not open between a failing call and
 * {@link lastError}.
 */
function afterKernel32<S extends SymbolTable>(lib: LazyLibrary<S>): LazyLibrary<S> {
  return {
    get symbols() {
      void kernel32.symbols;
      return lib.symbols;
    },
    get path() {
      return lib.path;
    },
  };
}

/** psapi.dll. */
export const psapi = afterKernel32(lazyLibrary(
  ["psapi.dll"],
  {
    /** BOOL EnumProcesses(DWORD *pids, DWORD cb, LPDWORD needed); */
    EnumProcesses: { parameters: ["buffer", "u32", "buffer"], result: "i32" },
    /** DWORD GetMappedFileNameW(HANDLE h, LPVOID addr, LPWSTR name, DWORD size); */
    GetMappedFileNameW: { parameters: ["pointer", "u64", "buffer", "u32"], result: "u32" },
    /** BOOL GetProcessMemoryInfo(HANDLE h, PPROCESS_MEMORY_COUNTERS c, DWORD cb); */
    GetProcessMemoryInfo: { parameters: ["pointer", "buffer", "u32"], result: "i32" },
  } as const,
));

/** advapi32.dll. */
export const advapi32 = afterKernel32(lazyLibrary(
  ["advapi32.dll"],
  {
    /** BOOL OpenProcessToken(HANDLE h, DWORD access, PHANDLE token); */
    OpenProcessToken: { parameters: ["pointer", "u32", "buffer"], result: "i32" },
    /** BOOL GetTokenInformation(HANDLE t, TOKEN_INFORMATION_CLASS c, LPVOID buf, DWORD len, PDWORD ret); */
    GetTokenInformation: { parameters: ["pointer", "i32", "buffer", "u32", "buffer"], result: "i32" },
    /** BOOL LookupAccountSidW(LPCWSTR sys, PSID sid, LPWSTR name, LPDWORD nameLen, LPWSTR dom, LPDWORD domLen, PSID_NAME_USE use); */
    LookupAccountSidW: {
      parameters: ["buffer", "pointer", "buffer", "buffer", "buffer", "buffer", "buffer"],
      result: "i32",
    },
    /** SC_HANDLE OpenSCManagerW(LPCWSTR machine, LPCWSTR database, DWORD access); */
    OpenSCManagerW: { parameters: ["buffer", "buffer", "u32"], result: "pointer" },
    /**
     * BOOL EnumServicesStatusExW(SC_HANDLE scm, SC_ENUM_TYPE level, DWORD type, DWORD state, LPBYTE buf,
     *   DWORD size, LPDWORD needed, LPDWORD returned, LPDWORD resume, LPCWSTR group);
     */
    EnumServicesStatusExW: {
      parameters: ["pointer", "i32", "u32", "u32", "buffer", "u32", "buffer", "buffer", "buffer", "buffer"],
      result: "i32",
    },
    /** SC_HANDLE OpenServiceW(SC_HANDLE scm, LPCWSTR name, DWORD access); */
    OpenServiceW: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
    /** BOOL QueryServiceConfigW(SC_HANDLE s, LPQUERY_SERVICE_CONFIGW buf, DWORD size, LPDWORD needed); */
    QueryServiceConfigW: { parameters: ["pointer", "buffer", "u32", "buffer"], result: "i32" },
    /** BOOL QueryServiceConfig2W(SC_HANDLE s, DWORD level, LPBYTE buf, DWORD size, LPDWORD needed); */
    QueryServiceConfig2W: { parameters: ["pointer", "u32", "buffer", "u32", "buffer"], result: "i32" },
    /** BOOL QueryServiceStatusEx(SC_HANDLE s, SC_STATUS_TYPE level, LPBYTE buf, DWORD size, LPDWORD needed); */
    QueryServiceStatusEx: { parameters: ["pointer", "i32", "buffer", "u32", "buffer"], result: "i32" },
    /** BOOL CloseServiceHandle(SC_HANDLE h); */
    CloseServiceHandle: { parameters: ["pointer"], result: "i32" },
  } as const,
));

/** iphlpapi.dll. */
export const iphlpapi = afterKernel32(lazyLibrary(
  ["iphlpapi.dll"],
  {
    /** DWORD GetExtendedTcpTable(PVOID t, PDWORD size, BOOL order, ULONG af, TCP_TABLE_CLASS c, ULONG reserved); */
    GetExtendedTcpTable: { parameters: ["buffer", "buffer", "i32", "u32", "i32", "u32"], result: "u32" },
    /** DWORD GetExtendedUdpTable(PVOID t, PDWORD size, BOOL order, ULONG af, UDP_TABLE_CLASS c, ULONG reserved); */
    GetExtendedUdpTable: { parameters: ["buffer", "buffer", "i32", "u32", "i32", "u32"], result: "u32" },
    /** NETIOAPI_API GetIfTable2(PMIB_IF_TABLE2 *table); */
    GetIfTable2: { parameters: ["buffer"], result: "u32" },
    /** ULONG GetAdaptersAddresses(ULONG family, ULONG flags, PVOID reserved, PIP_ADAPTER_ADDRESSES buf, PULONG size); */
    GetAdaptersAddresses: { parameters: ["u32", "u32", "pointer", "buffer", "buffer"], result: "u32" },
    /** VOID FreeMibTable(PVOID memory); */
    FreeMibTable: { parameters: ["pointer"], result: "void" },
  } as const,
));

/** wtsapi32.dll. */
export const wtsapi32 = afterKernel32(lazyLibrary(
  ["wtsapi32.dll"],
  {
    /** BOOL WTSEnumerateSessionsW(HANDLE server, DWORD reserved, DWORD version, PWTS_SESSION_INFOW *info, DWORD *count); */
    WTSEnumerateSessionsW: { parameters: ["pointer", "u32", "u32", "buffer", "buffer"], result: "i32" },
    /** BOOL WTSQuerySessionInformationW(HANDLE server, DWORD session, WTS_INFO_CLASS c, LPWSTR *buf, DWORD *bytes); */
    WTSQuerySessionInformationW: { parameters: ["pointer", "u32", "i32", "buffer", "buffer"], result: "i32" },
    /** void WTSFreeMemory(PVOID memory); */
    WTSFreeMemory: { parameters: ["pointer"], result: "void" },
  } as const,
));

/** powrprof.dll. */
export const powrprof = afterKernel32(lazyLibrary(
  ["powrprof.dll"],
  {
    /** NTSTATUS CallNtPowerInformation(POWER_INFORMATION_LEVEL level, PVOID in, ULONG inLen, PVOID out, ULONG outLen); */
    CallNtPowerInformation: { parameters: ["i32", "buffer", "u32", "buffer", "u32"], result: "i32" },
  } as const,
));

/** pdh.dll (performance counters). */
export const pdh = afterKernel32(lazyLibrary(
  ["pdh.dll"],
  {
    /** PDH_STATUS PdhOpenQueryW(LPCWSTR dataSource, DWORD_PTR userData, PDH_HQUERY *query); */
    PdhOpenQueryW: { parameters: ["buffer", "usize", "buffer"], result: "u32" },
    /** PDH_STATUS PdhAddEnglishCounterW(PDH_HQUERY query, LPCWSTR path, DWORD_PTR userData, PDH_HCOUNTER *counter); */
    PdhAddEnglishCounterW: { parameters: ["pointer", "buffer", "usize", "buffer"], result: "u32" },
    /** PDH_STATUS PdhCollectQueryData(PDH_HQUERY query); */
    PdhCollectQueryData: { parameters: ["pointer"], result: "u32" },
    /** PDH_STATUS PdhGetFormattedCounterValue(PDH_HCOUNTER c, DWORD format, LPDWORD type, PPDH_FMT_COUNTERVALUE value); */
    PdhGetFormattedCounterValue: { parameters: ["pointer", "u32", "buffer", "buffer"], result: "u32" },
    /** PDH_STATUS PdhCloseQuery(PDH_HQUERY query); */
    PdhCloseQuery: { parameters: ["pointer"], result: "u32" },
  } as const,
));

/** ntdll.dll. */
export const ntdll = afterKernel32(lazyLibrary(
  ["ntdll.dll"],
  {
    /** NTSTATUS NtQuerySystemInformation(SYSTEM_INFORMATION_CLASS c, PVOID buf, ULONG len, PULONG retLen); */
    NtQuerySystemInformation: { parameters: ["i32", "buffer", "u32", "buffer"], result: "i32" },
    /** NTSTATUS NtSuspendProcess(HANDLE h); */
    NtSuspendProcess: { parameters: ["pointer"], result: "i32" },
    /** NTSTATUS NtResumeProcess(HANDLE h); */
    NtResumeProcess: { parameters: ["pointer"], result: "i32" },
    /** NTSTATUS NtQueryInformationProcess(HANDLE h, PROCESSINFOCLASS c, PVOID buf, ULONG len, PULONG retLen); */
    NtQueryInformationProcess: { parameters: ["pointer", "i32", "buffer", "u32", "buffer"], result: "i32" },
    /** NTSTATUS NtQueryObject(HANDLE h, OBJECT_INFORMATION_CLASS c, PVOID buf, ULONG len, PULONG retLen); */
    NtQueryObject: { parameters: ["pointer", "i32", "buffer", "u32", "buffer"], result: "i32" },
    /** NTSTATUS NtSetInformationProcess(HANDLE h, PROCESSINFOCLASS c, PVOID buf, ULONG len); */
    NtSetInformationProcess: { parameters: ["pointer", "i32", "buffer", "u32"], result: "i32" },
  } as const,
));

/** Wine's ntdll, which exports `wine_get_version`; Windows' ntdll does not, so it fails to open there. */
const wineNtdll = afterKernel32(lazyLibrary(
  ["ntdll.dll"],
  {
    /** const char *wine_get_version(void); */
    wine_get_version: { parameters: [], result: "pointer" },
  } as const,
));

let wine: boolean | undefined;

/** Whether this "Windows" is Wine, for the few places where Wine's behaviour must be worked around. */
export function isWine(): boolean {
  if (wine === undefined) {
    try {
      void wineNtdll.symbols;
      wine = true;
    } catch {
      wine = false;
    }
  }
  return wine;
}

/** The calling thread's last Win32 error; read it right after the call that failed. */
export function lastError(): number {
  return kernel32.symbols.GetLastError();
}

const utf16 = new TextDecoder("utf-16le");

/** `s` as a NUL-terminated UTF-16LE buffer, for an `LPCWSTR` parameter. */
export function wstr(s: string): Uint8Array {
  if (s.includes("\0")) throw new TypeError(`A path or name cannot contain a NUL character: ${JSON.stringify(s)}`);
  const out = new Uint8Array((s.length + 1) * 2);
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out[2 * i] = c & 0xff;
    out[2 * i + 1] = c >> 8;
  }
  return out;
}

/** The NUL-terminated UTF-16LE string at `offset` of `buf`, at most `maxChars` long. */
export function readWstr(buf: Uint8Array, offset = 0, maxChars = (buf.length - offset) >> 1): string {
  let end = offset;
  const stop = Math.min(buf.length - 1, offset + maxChars * 2);
  while (end < stop && (buf[end] | buf[end + 1]) !== 0) end += 2;
  return utf16.decode(buf.subarray(offset, end));
}
