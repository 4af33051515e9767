/**
 * CoreFoundation and IOKit: the calls the macOS backend makes for disk
 * statistics, power sources and Apple silicon's CPU frequencies, and the
 * numbers and keys they take (CFBase.h, CFString.h, CFNumber.h, IOKitLib.h,
 * IOPSKeys.h, IOBlockStorageDriver.h). Every call passes and returns pointers
 * and integers: no struct by value (`CFDataGetBytePtr`, not
 * `CFDataGetBytes` with a `CFRange`).
 *
 * @module
 */
import { lazyLibrary } from "../mod.ts";

/** The frameworks' binaries. */
export const COREFOUNDATION = "/System/Library/Frameworks/CoreFoundation.framework/CoreFoundation";
/** IOKit's binary. */
export const IOKIT = "/System/Library/Frameworks/IOKit.framework/IOKit";

/** The numbers CoreFoundation and IOKit take. */
export const CF = {
  /** CFString.h `kCFStringEncodingUTF8`. */
  kCFStringEncodingUTF8: 0x08000100,
  /** CFNumber.h `CFNumberType`s. */
  kCFNumberSInt32Type: 3,
  kCFNumberSInt64Type: 4,
  kCFNumberIntType: 9,
  kCFNumberDoubleType: 13,
  /** IOKitLib.h `kIOMainPortDefault` (`kIOMasterPortDefault`): `MACH_PORT_NULL`. */
  kIOMainPortDefault: 0,
} as const;

/** CoreFoundation's calls. */
export const coreFoundation = lazyLibrary([COREFOUNDATION], {
  /** CFStringRef CFStringCreateWithCString(CFAllocatorRef alloc, const char *cStr, CFStringEncoding encoding); */
  CFStringCreateWithCString: { parameters: ["pointer", "buffer", "u32"], result: "pointer" },
  /** Boolean CFStringGetCString(CFStringRef s, char *buffer, CFIndex bufferSize, CFStringEncoding encoding); */
  CFStringGetCString: { parameters: ["pointer", "buffer", "isize", "u32"], result: "u8" },
  /** const void *CFDictionaryGetValue(CFDictionaryRef theDict, const void *key);  (not owned) */
  CFDictionaryGetValue: { parameters: ["pointer", "pointer"], result: "pointer" },
  /** Boolean CFNumberGetValue(CFNumberRef number, CFNumberType theType, void *valuePtr); */
  CFNumberGetValue: { parameters: ["pointer", "isize", "buffer"], result: "u8" },
  /** CFIndex CFArrayGetCount(CFArrayRef theArray); */
  CFArrayGetCount: { parameters: ["pointer"], result: "isize" },
  /** const void *CFArrayGetValueAtIndex(CFArrayRef theArray, CFIndex idx);  (not owned) */
  CFArrayGetValueAtIndex: { parameters: ["pointer", "isize"], result: "pointer" },
  /** CFIndex CFDataGetLength(CFDataRef theData); */
  CFDataGetLength: { parameters: ["pointer"], result: "isize" },
  /** const UInt8 *CFDataGetBytePtr(CFDataRef theData); */
  CFDataGetBytePtr: { parameters: ["pointer"], result: "pointer" },
  /** CFTypeID CFGetTypeID(CFTypeRef cf); and the type ids compared with it */
  CFGetTypeID: { parameters: ["pointer"], result: "usize" },
  CFStringGetTypeID: { parameters: [], result: "usize" },
  CFNumberGetTypeID: { parameters: [], result: "usize" },
  CFDictionaryGetTypeID: { parameters: [], result: "usize" },
  CFDataGetTypeID: { parameters: [], result: "usize" },
  /** void CFRelease(CFTypeRef cf); */
  CFRelease: { parameters: ["pointer"], result: "void" },
});

/** IOKit's calls (IOKitLib.h, IOPowerSources.h, IOPSKeys.h). */
export const ioKit = lazyLibrary([IOKIT], {
  /** CFMutableDictionaryRef IOServiceMatching(const char *name);  (consumed by IOServiceGetMatchingServices) */
  IOServiceMatching: { parameters: ["buffer"], result: "pointer" },
  /** kern_return_t IOServiceGetMatchingServices(mach_port_t mainPort, CFDictionaryRef matching, io_iterator_t *existing); */
  IOServiceGetMatchingServices: { parameters: ["u32", "pointer", "buffer"], result: "i32" },
  /** io_object_t IOIteratorNext(io_iterator_t iterator);  (0 at the end; release each) */
  IOIteratorNext: { parameters: ["u32"], result: "u32" },
  /** kern_return_t IOObjectRelease(io_object_t object); */
  IOObjectRelease: { parameters: ["u32"], result: "i32" },
  /** boolean_t IOObjectConformsTo(io_object_t object, const io_name_t className); */
  IOObjectConformsTo: { parameters: ["u32", "buffer"], result: "i32" },
  /** kern_return_t IORegistryEntryGetParentEntry(io_registry_entry_t entry, const io_name_t plane, io_registry_entry_t *parent); */
  IORegistryEntryGetParentEntry: { parameters: ["u32", "buffer", "buffer"], result: "i32" },
  /** kern_return_t IORegistryEntryGetName(io_registry_entry_t entry, io_name_t name);  (char[128]) */
  IORegistryEntryGetName: { parameters: ["u32", "buffer"], result: "i32" },
  /**
   * kern_return_t IORegistryEntryCreateCFProperties(io_registry_entry_t entry, CFMutableDictionaryRef *properties,
   *     CFAllocatorRef allocator, IOOptionBits options);  (owned)
   */
  IORegistryEntryCreateCFProperties: { parameters: ["u32", "buffer", "pointer", "u32"], result: "i32" },
  /** CFTypeRef IORegistryEntryCreateCFProperty(io_registry_entry_t entry, CFStringRef key, CFAllocatorRef allocator, IOOptionBits options);  (owned) */
  IORegistryEntryCreateCFProperty: { parameters: ["u32", "pointer", "pointer", "u32"], result: "pointer" },
  /** CFTypeRef IOPSCopyPowerSourcesInfo(void);  (owned) */
  IOPSCopyPowerSourcesInfo: { parameters: [], result: "pointer" },
  /** CFArrayRef IOPSCopyPowerSourcesList(CFTypeRef blob);  (owned) */
  IOPSCopyPowerSourcesList: { parameters: ["pointer"], result: "pointer" },
  /** CFDictionaryRef IOPSGetPowerSourceDescription(CFTypeRef blob, CFTypeRef ps);  (not owned) */
  IOPSGetPowerSourceDescription: { parameters: ["pointer", "pointer"], result: "pointer" },
});

/** The IORegistry names and dictionary keys the backend reads. */
export const IOKEYS = {
  kIOServicePlane: "IOService",
  kIOMediaClass: "IOMedia",
  kIOBlockStorageDriverClass: "IOBlockStorageDriver",
  kIOBSDNameKey: "BSD Name",
  kIOBlockStorageDriverStatisticsKey: "Statistics",
  kIOBlockStorageDriverStatisticsReadsKey: "Operations (Read)",
  kIOBlockStorageDriverStatisticsWritesKey: "Operations (Write)",
  kIOBlockStorageDriverStatisticsBytesReadKey: "Bytes (Read)",
  kIOBlockStorageDriverStatisticsBytesWrittenKey: "Bytes (Write)",
  kIOBlockStorageDriverStatisticsTotalReadTimeKey: "Total Time (Read)",
  kIOBlockStorageDriverStatisticsTotalWriteTimeKey: "Total Time (Write)",
  kIOPSCurrentCapacityKey: "Current Capacity",
  kIOPSPowerSourceStateKey: "Power Source State",
  kIOPSACPowerValue: "AC Power",
  kIOPSTimeToEmptyKey: "Time to Empty",
  /** Apple silicon: the power manager's node, and its voltage-state tables (E-cores, P-cores). */
  appleARMIODevice: "AppleARMIODevice",
  pmgr: "pmgr",
  eCoreStates: "voltage-states1-sram",
  pCoreStates: "voltage-states5-sram",
} as const;
