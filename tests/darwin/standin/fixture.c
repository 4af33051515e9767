/*
 * The stand-in's answers, laid out by the macOS SDK's own headers: compiled for x86_64-macos by zig (never for
 * Linux), and the bytes of each fx_* record taken from its assembly (tests/darwin/standin.ts). The tests compare the
 * library's answers with the numbers written here.
 */
#include <sys/types.h>
#include <sys/time.h>
#include <sys/sysctl.h>
#include <mach/mach.h>
#include <mach/host_info.h>
#include <mach/processor_info.h>
#include <mach/vm_statistics.h>

/* sysctlbyname: hw.logicalcpu and hw.physicalcpu are ints, hw.memsize and (by name) hw.pagesize quads. */
const int fx_hw_logicalcpu = 4;
const int fx_hw_physicalcpu = 2;
const uint64_t fx_hw_memsize = 17179869184ULL; /* 16 GiB */
const int64_t fx_hw_pagesize = 4096;
const struct timeval fx_kern_boottime = { .tv_sec = 1700000000, .tv_usec = 250000 };
const struct loadavg fx_vm_loadavg = { .ldavg = { 3072, 1024, 512 }, .fscale = 2048 };
const struct xsw_usage fx_vm_swapusage = {
  .xsu_total = 2147483648ULL, .xsu_avail = 1610612736ULL, .xsu_used = 536870912ULL,
  .xsu_pagesize = 4096, .xsu_encrypted = 1,
};

/* host_statistics(HOST_VM_INFO) */
const vm_statistics_data_t fx_host_vm_info = {
  .free_count = 100000, .active_count = 200000, .inactive_count = 150000, .wire_count = 50000,
  .zero_fill_count = 7, .reactivations = 8, .pageins = 1234, .pageouts = 567, .faults = 9, .cow_faults = 10,
  .lookups = 11, .hits = 12, .purgeable_count = 13, .purges = 14, .speculative_count = 10000,
};

/* host_statistics(HOST_CPU_LOAD_INFO) */
const host_cpu_load_info_data_t fx_host_cpu_load_info = {
  .cpu_ticks = { [CPU_STATE_USER] = 123450, [CPU_STATE_SYSTEM] = 67890, [CPU_STATE_IDLE] = 999990, [CPU_STATE_NICE] = 1110 },
};

/* host_processor_info(PROCESSOR_CPU_LOAD_INFO): four CPUs */
const processor_cpu_load_info_data_t fx_processor_cpu_load_info[4] = {
  { .cpu_ticks = { [CPU_STATE_USER] = 40000, [CPU_STATE_SYSTEM] = 20000, [CPU_STATE_IDLE] = 250000, [CPU_STATE_NICE] = 300 } },
  { .cpu_ticks = { [CPU_STATE_USER] = 30000, [CPU_STATE_SYSTEM] = 17000, [CPU_STATE_IDLE] = 249990, [CPU_STATE_NICE] = 310 } },
  { .cpu_ticks = { [CPU_STATE_USER] = 28000, [CPU_STATE_SYSTEM] = 16000, [CPU_STATE_IDLE] = 250000, [CPU_STATE_NICE] = 250 } },
  { .cpu_ticks = { [CPU_STATE_USER] = 25450, [CPU_STATE_SYSTEM] = 14890, [CPU_STATE_IDLE] = 250000, [CPU_STATE_NICE] = 250 } },
};
const int fx_processor_count = sizeof fx_processor_cpu_load_info / sizeof fx_processor_cpu_load_info[0];
