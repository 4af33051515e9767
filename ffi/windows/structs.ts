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

/** `IO_COUNTERS` (winnt.h): 48 bytes. */
export const IO_COUNTERS: Struct = defineStruct("IO_COUNTERS", [
  ["ReadOperationCount", "u64"],
  ["WriteOperationCount", "u64"],
  ["OtherOperationCount", "u64"],
  ["ReadTransferCount", "u64"],
  ["WriteTransferCount", "u64"],
  ["OtherTransferCount", "u64"],
]);

/** `SYSTEM_POWER_STATUS` (winbase.h): 12 bytes. */
export const SYSTEM_POWER_STATUS: Struct = defineStruct("SYSTEM_POWER_STATUS", [
  ["ACLineStatus", "u8"],
  ["BatteryFlag", "u8"],
  ["BatteryLifePercent", "u8"],
  ["SystemStatusFlag", "u8"],
  ["BatteryLifeTime", "u32"],
  ["BatteryFullLifeTime", "u32"],
]);

/** `SYSTEM_PROCESS_INFORMATION` (winternl.h, with the members the SDK hides), 256 bytes on x64. */
export const SYSTEM_PROCESS_INFORMATION: Struct = defineStruct("SYSTEM_PROCESS_INFORMATION", [
  ["NextEntryOffset", "u32"],
  ["NumberOfThreads", "u32"],
  ["WorkingSetPrivateSize", "i64"],
  ["HardFaultCount", "u32"],
  ["NumberOfThreadsHighWatermark", "u32"],
  ["CycleTime", "u64"],
  ["CreateTime", "i64"],
  ["UserTime", "i64"],
  ["KernelTime", "i64"],
  ["ImageName", { struct: UNICODE_STRING }],
  ["BasePriority", "i32"],
  ["UniqueProcessId", "u64"],
  ["InheritedFromUniqueProcessId", "u64"],
  ["HandleCount", "u32"],
  ["SessionId", "u32"],
  ["UniqueProcessKey", "u64"],
  ["PeakVirtualSize", "u64"],
  ["VirtualSize", "u64"],
  ["PageFaultCount", "u32"],
  ["PeakWorkingSetSize", "u64"],
  ["WorkingSetSize", "u64"],
  ["QuotaPeakPagedPoolUsage", "u64"],
  ["QuotaPagedPoolUsage", "u64"],
  ["QuotaPeakNonPagedPoolUsage", "u64"],
  ["QuotaNonPagedPoolUsage", "u64"],
  ["PagefileUsage", "u64"],
  ["PeakPagefileUsage", "u64"],
  ["PrivatePageCount", "u64"],
  ["ReadOperationCount", "i64"],
  ["WriteOperationCount", "i64"],
  ["OtherOperationCount", "i64"],
  ["ReadTransferCount", "i64"],
  ["WriteTransferCount", "i64"],
  ["OtherTransferCount", "i64"],
]);

/** `SYSTEM_THREAD_INFORMATION` (winternl.h), 80 bytes on x64; an array follows each process. */
export const SYSTEM_THREAD_INFORMATION: Struct = defineStruct("SYSTEM_THREAD_INFORMATION", [
  ["KernelTime", "i64"],
  ["UserTime", "i64"],
  ["CreateTime", "i64"],
  ["WaitTime", "u32"],
  ["StartAddress", "pointer"],
  ["UniqueProcess", "u64"],
  ["UniqueThread", "u64"],
  ["Priority", "i32"],
  ["BasePriority", "i32"],
  ["ContextSwitches", "u32"],
  ["ThreadState", "u32"],
  ["WaitReason", "u32"],
]);

/**
 * The head of the `MIB_*TABLE_OWNER_PID` tables (tcpmib.h, udpmib.h):
 * `dwNumEntries`, then the rows (each 4-byte aligned) right after it.
 */
export const MIB_TABLE_HEAD: Struct = defineStruct("MIB_TABLE_HEAD", [["dwNumEntries", "u32"]]);

/** `SOCKADDR_IN` (ws2def.h): 16 bytes; port and address in network order. */
export const SOCKADDR_IN: Struct = defineStruct("SOCKADDR_IN", [
  ["sin_family", "u16"],
  ["sin_port", { bytes: 2 }],
  ["sin_addr", { bytes: 4 }],
  ["sin_zero", { bytes: 8 }],
]);

/** `SOCKADDR_IN6` (ws2ipdef.h): 28 bytes. */
export const SOCKADDR_IN6: Struct = defineStruct("SOCKADDR_IN6", [
  ["sin6_family", "u16"],
  ["sin6_port", { bytes: 2 }],
  ["sin6_flowinfo", "u32"],
  ["sin6_addr", { bytes: 16, align: 4 }],
  ["sin6_scope_id", "u32"],
]);

/** `MIB_TCPROW_OWNER_PID` (tcpmib.h): 24 bytes; ports in network order in the low 16 bits. */
export const MIB_TCPROW_OWNER_PID: Struct = defineStruct("MIB_TCPROW_OWNER_PID", [
  ["dwState", "u32"],
  ["dwLocalAddr", { bytes: 4 }],
  ["dwLocalPort", { bytes: 4 }],
  ["dwRemoteAddr", { bytes: 4 }],
  ["dwRemotePort", { bytes: 4 }],
  ["dwOwningPid", "u32"],
]);

/** `MIB_TCP6ROW_OWNER_PID` (tcpmib.h): 56 bytes. */
export const MIB_TCP6ROW_OWNER_PID: Struct = defineStruct("MIB_TCP6ROW_OWNER_PID", [
  ["ucLocalAddr", { bytes: 16 }],
  ["dwLocalScopeId", "u32"],
  ["dwLocalPort", { bytes: 4 }],
  ["ucRemoteAddr", { bytes: 16 }],
  ["dwRemoteScopeId", "u32"],
  ["dwRemotePort", { bytes: 4 }],
  ["dwState", "u32"],
  ["dwOwningPid", "u32"],
]);

/** `MIB_UDPROW_OWNER_PID` (udpmib.h): 12 bytes. */
export const MIB_UDPROW_OWNER_PID: Struct = defineStruct("MIB_UDPROW_OWNER_PID", [
  ["dwLocalAddr", { bytes: 4 }],
  ["dwLocalPort", { bytes: 4 }],
  ["dwOwningPid", "u32"],
]);

/** `MIB_UDP6ROW_OWNER_PID` (udpmib.h): 28 bytes. */
export const MIB_UDP6ROW_OWNER_PID: Struct = defineStruct("MIB_UDP6ROW_OWNER_PID", [
  ["ucLocalAddr", { bytes: 16 }],
  ["dwLocalScopeId", "u32"],
  ["dwLocalPort", { bytes: 4 }],
  ["dwOwningPid", "u32"],
]);

/** `MIB_IF_ROW2` (netioapi.h): 1352 bytes; the members read here, the rest as padding. */
export const MIB_IF_ROW2: Struct = defineStruct("MIB_IF_ROW2", [
  ["InterfaceLuid", "u64"],
  ["InterfaceIndex", "u32"],
  ["InterfaceGuid", { bytes: 16, align: 4 }],
  ["Alias", { bytes: 514, align: 2 }],
  ["Description", { bytes: 514, align: 2 }],
  ["PhysicalAddressLength", "u32"],
  ["PhysicalAddress", { bytes: 32 }],
  ["PermanentPhysicalAddress", { bytes: 32 }],
  ["Mtu", "u32"],
  ["Type", "u32"],
  ["TunnelType", "u32"],
  ["MediaType", "u32"],
  ["PhysicalMediumType", "u32"],
  ["AccessType", "u32"],
  ["DirectionType", "u32"],
  ["InterfaceAndOperStatusFlags", "u8"],
  ["OperStatus", "u32"],
  ["AdminStatus", "u32"],
  ["MediaConnectState", "u32"],
  ["NetworkGuid", { bytes: 16, align: 4 }],
  ["ConnectionType", "u32"],
  ["TransmitLinkSpeed", "u64"],
  ["ReceiveLinkSpeed", "u64"],
  ["InOctets", "u64"],
  ["InUcastPkts", "u64"],
  ["InNUcastPkts", "u64"],
  ["InDiscards", "u64"],
  ["InErrors", "u64"],
  ["InUnknownProtos", "u64"],
  ["InUcastOctets", "u64"],
  ["InMulticastOctets", "u64"],
  ["InBroadcastOctets", "u64"],
  ["OutOctets", "u64"],
  ["OutUcastPkts", "u64"],
  ["OutNUcastPkts", "u64"],
  ["OutDiscards", "u64"],
  ["OutErrors", "u64"],
  ["OutUcastOctets", "u64"],
  ["OutMulticastOctets", "u64"],
  ["OutBroadcastOctets", "u64"],
  ["OutQLen", "u64"],
]);

/** The head of `IP_ADAPTER_ADDRESSES_LH` (iptypes.h, x64) up to `OperStatus`. */
export const IP_ADAPTER_ADDRESSES: Struct = defineStruct("IP_ADAPTER_ADDRESSES", [
  ["Length", "u32"],
  ["IfIndex", "u32"],
  ["Next", "pointer"],
  ["AdapterName", "pointer"],
  ["FirstUnicastAddress", "pointer"],
  ["FirstAnycastAddress", "pointer"],
  ["FirstMulticastAddress", "pointer"],
  ["FirstDnsServerAddress", "pointer"],
  ["DnsSuffix", "pointer"],
  ["Description", "pointer"],
  ["FriendlyName", "pointer"],
  ["PhysicalAddress", { bytes: 8 }],
  ["PhysicalAddressLength", "u32"],
  ["Flags", "u32"],
  ["Mtu", "u32"],
  ["IfType", "u32"],
  ["OperStatus", "u32"],
]);

/** `IP_ADAPTER_UNICAST_ADDRESS_LH` (iptypes.h, x64) up to `OnLinkPrefixLength`. */
export const IP_ADAPTER_UNICAST_ADDRESS: Struct = defineStruct("IP_ADAPTER_UNICAST_ADDRESS", [
  ["Length", "u32"],
  ["Flags", "u32"],
  ["Next", "pointer"],
  ["lpSockaddr", "pointer"],
  ["iSockaddrLength", "i32"],
  ["PrefixOrigin", "u32"],
  ["SuffixOrigin", "u32"],
  ["DadState", "u32"],
  ["ValidLifetime", "u32"],
  ["PreferredLifetime", "u32"],
  ["LeaseLifetime", "u32"],
  ["OnLinkPrefixLength", "u8"],
]);

/** `SERVICE_STATUS_PROCESS` (winsvc.h): 36 bytes. */
export const SERVICE_STATUS_PROCESS: Struct = defineStruct("SERVICE_STATUS_PROCESS", [
  ["dwServiceType", "u32"],
  ["dwCurrentState", "u32"],
  ["dwControlsAccepted", "u32"],
  ["dwWin32ExitCode", "u32"],
  ["dwServiceSpecificExitCode", "u32"],
  ["dwCheckPoint", "u32"],
  ["dwWaitHint", "u32"],
  ["dwProcessId", "u32"],
  ["dwServiceFlags", "u32"],
]);

/** `ENUM_SERVICE_STATUS_PROCESSW` (winsvc.h): 56 bytes on x64. */
export const ENUM_SERVICE_STATUS_PROCESSW: Struct = defineStruct("ENUM_SERVICE_STATUS_PROCESSW", [
  ["lpServiceName", "pointer"],
  ["lpDisplayName", "pointer"],
  ["ServiceStatusProcess", { struct: SERVICE_STATUS_PROCESS }],
]);

/** `QUERY_SERVICE_CONFIGW` (winsvc.h): 64 bytes on x64. */
export const QUERY_SERVICE_CONFIGW: Struct = defineStruct("QUERY_SERVICE_CONFIGW", [
  ["dwServiceType", "u32"],
  ["dwStartType", "u32"],
  ["dwErrorControl", "u32"],
  ["lpBinaryPathName", "pointer"],
  ["lpLoadOrderGroup", "pointer"],
  ["dwTagId", "u32"],
  ["lpDependencies", "pointer"],
  ["lpServiceStartName", "pointer"],
  ["lpDisplayName", "pointer"],
]);

/** `WTS_SESSION_INFOW` (wtsapi32.h): 24 bytes on x64. */
export const WTS_SESSION_INFOW: Struct = defineStruct("WTS_SESSION_INFOW", [
  ["SessionId", "u32"],
  ["pWinStationName", "pointer"],
  ["State", "u32"],
]);

/** `WTS_CLIENT_ADDRESS` (wtsapi32.h): the family, then 20 address bytes (IPv4 at 2..5). */
export const WTS_CLIENT_ADDRESS: Struct = defineStruct("WTS_CLIENT_ADDRESS", [
  ["AddressFamily", "u32"],
  ["Address", { bytes: 20 }],
]);

/** `WTSINFOW` (wtsapi32.h): 216 bytes; the times are FILETIMEs. */
export const WTSINFOW: Struct = defineStruct("WTSINFOW", [
  ["State", "u32"],
  ["SessionId", "u32"],
  ["IncomingBytes", "u32"],
  ["OutgoingBytes", "u32"],
  ["IncomingFrames", "u32"],
  ["OutgoingFrames", "u32"],
  ["IncomingCompressedBytes", "u32"],
  ["OutgoingCompressedBytes", "u32"],
  ["WinStationName", { bytes: 64, align: 2 }],
  ["Domain", { bytes: 34, align: 2 }],
  ["UserName", { bytes: 42, align: 2 }],
  ["ConnectTime", "i64"],
  ["DisconnectTime", "i64"],
  ["LastInputTime", "i64"],
  ["LogonTime", "i64"],
  ["CurrentTime", "i64"],
]);

/** `PROCESSOR_POWER_INFORMATION` (powerbase.h): 24 bytes, one per CPU. */
export const PROCESSOR_POWER_INFORMATION: Struct = defineStruct("PROCESSOR_POWER_INFORMATION", [
  ["Number", "u32"],
  ["MaxMhz", "u32"],
  ["CurrentMhz", "u32"],
  ["MhzLimit", "u32"],
  ["MaxIdleState", "u32"],
  ["CurrentIdleState", "u32"],
]);

/** `MEMORY_BASIC_INFORMATION` (winnt.h): 48 bytes on x64. */
export const MEMORY_BASIC_INFORMATION: Struct = defineStruct("MEMORY_BASIC_INFORMATION", [
  ["BaseAddress", "u64"],
  ["AllocationBase", "u64"],
  ["AllocationProtect", "u32"],
  ["PartitionId", "u16"],
  ["RegionSize", "u64"],
  ["State", "u32"],
  ["Protect", "u32"],
  ["Type", "u32"],
]);

/**
 * `SYSTEM_PERFORMANCE_INFORMATION` (NtQuerySystemInformation class 2) up to
 * `SystemCalls`; newer systems append more, which is never read here.
 */
export const SYSTEM_PERFORMANCE_INFORMATION: Struct = defineStruct("SYSTEM_PERFORMANCE_INFORMATION", [
  ["IdleProcessTime", "i64"],
  ["IoReadTransferCount", "i64"],
  ["IoWriteTransferCount", "i64"],
  ["IoOtherTransferCount", "i64"],
  ["IoReadOperationCount", "u32"],
  ["IoWriteOperationCount", "u32"],
  ["IoOtherOperationCount", "u32"],
  ["AvailablePages", "u32"],
  ["CommittedPages", "u32"],
  ["CommitLimit", "u32"],
  ["PeakCommitment", "u32"],
  ["PageFaultCount", "u32"],
  ["CopyOnWriteCount", "u32"],
  ["TransitionCount", "u32"],
  ["CacheTransitionCount", "u32"],
  ["DemandZeroCount", "u32"],
  ["PageReadCount", "u32"],
  ["PageReadIoCount", "u32"],
  ["CacheReadCount", "u32"],
  ["CacheIoCount", "u32"],
  ["DirtyPagesWriteCount", "u32"],
  ["DirtyWriteIoCount", "u32"],
  ["MappedPagesWriteCount", "u32"],
  ["MappedWriteIoCount", "u32"],
  ["PagedPoolPages", "u32"],
  ["NonPagedPoolPages", "u32"],
  ["PagedPoolAllocs", "u32"],
  ["PagedPoolFrees", "u32"],
  ["NonPagedPoolAllocs", "u32"],
  ["NonPagedPoolFrees", "u32"],
  ["FreeSystemPtes", "u32"],
  ["ResidentSystemCodePage", "u32"],
  ["TotalSystemDriverPages", "u32"],
  ["TotalSystemCodePages", "u32"],
  ["NonPagedPoolLookasideHits", "u32"],
  ["PagedPoolLookasideHits", "u32"],
  ["AvailablePagedPoolPages", "u32"],
  ["ResidentSystemCachePage", "u32"],
  ["ResidentPagedPoolPage", "u32"],
  ["ResidentSystemDriverPage", "u32"],
  ["CcFastReadNoWait", "u32"],
  ["CcFastReadWait", "u32"],
  ["CcFastReadResourceMiss", "u32"],
  ["CcFastReadNotPossible", "u32"],
  ["CcFastMdlReadNoWait", "u32"],
  ["CcFastMdlReadWait", "u32"],
  ["CcFastMdlReadResourceMiss", "u32"],
  ["CcFastMdlReadNotPossible", "u32"],
  ["CcMapDataNoWait", "u32"],
  ["CcMapDataWait", "u32"],
  ["CcMapDataNoWaitMiss", "u32"],
  ["CcMapDataWaitMiss", "u32"],
  ["CcPinMappedDataCount", "u32"],
  ["CcPinReadNoWait", "u32"],
  ["CcPinReadWait", "u32"],
  ["CcPinReadNoWaitMiss", "u32"],
  ["CcPinReadWaitMiss", "u32"],
  ["CcCopyReadNoWait", "u32"],
  ["CcCopyReadWait", "u32"],
  ["CcCopyReadNoWaitMiss", "u32"],
  ["CcCopyReadWaitMiss", "u32"],
  ["CcMdlReadNoWait", "u32"],
  ["CcMdlReadWait", "u32"],
  ["CcMdlReadNoWaitMiss", "u32"],
  ["CcMdlReadWaitMiss", "u32"],
  ["CcReadAheadIos", "u32"],
  ["CcLazyWriteIos", "u32"],
  ["CcLazyWritePages", "u32"],
  ["CcDataFlushes", "u32"],
  ["CcDataPages", "u32"],
  ["ContextSwitches", "u32"],
  ["FirstLevelTbFills", "u32"],
  ["SecondLevelTbFills", "u32"],
  ["SystemCalls", "u32"],
]);

/** `SYSTEM_INTERRUPT_INFORMATION` (class 23): 24 bytes per CPU. */
export const SYSTEM_INTERRUPT_INFORMATION: Struct = defineStruct("SYSTEM_INTERRUPT_INFORMATION", [
  ["ContextSwitches", "u32"],
  ["DpcCount", "u32"],
  ["DpcRate", "u32"],
  ["TimeIncrement", "u32"],
  ["DpcBypassCount", "u32"],
  ["ApcBypassCount", "u32"],
]);

/** `PDH_FMT_COUNTERVALUE` (pdh.h): 16 bytes on x64; the value is a union, read here as its `doubleValue`. */
export const PDH_FMT_COUNTERVALUE: Struct = defineStruct("PDH_FMT_COUNTERVALUE", [
  ["CStatus", "u32"],
  ["doubleValue", "f64"],
]);

/** `DISK_PERFORMANCE` (winioctl.h): 88 bytes on x64; times in 100 ns units. */
export const DISK_PERFORMANCE: Struct = defineStruct("DISK_PERFORMANCE", [
  ["BytesRead", "i64"],
  ["BytesWritten", "i64"],
  ["ReadTime", "i64"],
  ["WriteTime", "i64"],
  ["IdleTime", "i64"],
  ["ReadCount", "u32"],
  ["WriteCount", "u32"],
  ["QueueDepth", "u32"],
  ["SplitCount", "u32"],
  ["QueryTime", "i64"],
  ["StorageDeviceNumber", "u32"],
  ["StorageManagerName", { bytes: 16, align: 2 }],
]);

/** `SYSTEM_HANDLE_INFORMATION_EX` (ntexapi.h) header: 16 bytes on x64; the entries follow. */
export const SYSTEM_HANDLE_INFORMATION_EX: Struct = defineStruct("SYSTEM_HANDLE_INFORMATION_EX", [
  ["NumberOfHandles", "u64"],
  ["Reserved", "u64"],
]);

/** `SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX` (ntexapi.h): 40 bytes on x64, one per open handle on the system. */
export const SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX: Struct = defineStruct("SYSTEM_HANDLE_TABLE_ENTRY_INFO_EX", [
  ["Object", "pointer"],
  ["UniqueProcessId", "u64"],
  ["HandleValue", "u64"],
  ["GrantedAccess", "u32"],
  ["CreatorBackTraceIndex", "u16"],
  ["ObjectTypeIndex", "u16"],
  ["HandleAttributes", "u32"],
  ["Reserved", "u32"],
]);

/** `FILE_BASIC_INFO` (winbase.h): 40 bytes; what GetFileInformationByHandleEx(FileBasicInfo) fills. */
export const FILE_BASIC_INFO: Struct = defineStruct("FILE_BASIC_INFO", [
  ["CreationTime", "i64"],
  ["LastAccessTime", "i64"],
  ["LastWriteTime", "i64"],
  ["ChangeTime", "i64"],
  ["FileAttributes", "u32"],
]);
