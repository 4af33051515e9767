/*
 * A stand-in for macOS's /usr/lib/libSystem.B.dylib, built for Linux: the sysctl and Mach calls the darwin backend
 * makes, exported under their macOS names with their documented semantics (sysctlbyname(3): the size with a NULL
 * buffer, ENOMEM and the needed size for a short one, ENOENT for an unknown name, EPERM for a write; host_statistics
 * and host_processor_info from mach/mach_host.defs: KERN_INVALID_ARGUMENT for a bad host or flavor, KERN_FAILURE for
 * a short count; out-of-line arrays allocated page-aligned and given back with vm_deallocate), answering from the
 * records of fixture.c, which the macOS SDK's headers laid out (fixture.h holds their bytes). Every other libc symbol
 * the library opens resolves to glibc through this library's dependency on it.
 *
 * Test controls, not macOS's: standin_outstanding() counts host ports and arrays not given back; standin_fail()
 * makes the next calls of one name fail.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "fixture.h"

typedef unsigned int mach_port_t;
typedef int kern_return_t;
#define KERN_SUCCESS 0
#define KERN_INVALID_ARGUMENT 4
#define KERN_FAILURE 5
#define KERN_INVALID_NAME 15
#define HOST_VM_INFO 2
#define HOST_CPU_LOAD_INFO 3
#define PROCESSOR_CPU_LOAD_INFO 2

int *__error(void) { return &errno; }

/* ---- test controls ---- */

static char fail_name[64];
static int fail_code;
static int fail_times;

/* The next `times` calls of `name` (a sysctl name or a Mach call) fail with `code` (an errno or a kern_return_t). */
void standin_fail(const char *name, int code, int times) {
  strncpy(fail_name, name, sizeof fail_name - 1);
  fail_code = code;
  fail_times = times;
}

static int failing(const char *name) {
  if (fail_times > 0 && strcmp(name, fail_name) == 0) {
    fail_times--;
    return fail_code;
  }
  return 0;
}

/* The CPU counters, moving: the fixture's records, to which standin_add_ticks() adds. */
static unsigned host_ticks[sizeof fx_host_cpu_load_info / 4];
static unsigned cpu_ticks[sizeof fx_processor_cpu_load_info / 4];
static int ticks_loaded;

static void load_ticks(void) {
  if (ticks_loaded) return;
  memcpy(host_ticks, fx_host_cpu_load_info, sizeof host_ticks);
  memcpy(cpu_ticks, fx_processor_cpu_load_info, sizeof cpu_ticks);
  ticks_loaded = 1;
}

/* Adds `ticks` to CPU state `state` (an index of cpu_ticks) of the host and of CPU `cpu`. */
void standin_add_ticks(int cpu, int state, unsigned ticks) {
  load_ticks();
  host_ticks[state] += ticks;
  cpu_ticks[cpu * (sizeof host_ticks / 4) + state] += ticks;
}

/* ---- sysctlbyname ---- */

struct sysctl_entry { const char *name; const void *data; size_t size; };
#define ENTRY(n, v) { n, &v, sizeof v }
static const struct sysctl_entry SYSCTLS[] = {
  ENTRY("hw.logicalcpu", fx_hw_logicalcpu),
  ENTRY("hw.physicalcpu", fx_hw_physicalcpu),
  ENTRY("hw.memsize", fx_hw_memsize),
  ENTRY("hw.pagesize", fx_hw_pagesize),
  ENTRY("kern.boottime", fx_kern_boottime),
  ENTRY("vm.loadavg", fx_vm_loadavg),
  ENTRY("vm.swapusage", fx_vm_swapusage),
};

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, void *newp, size_t newlen) {
  (void)newlen;
  int code = failing(name);
  if (code) { errno = code; return -1; }
  const struct sysctl_entry *e = NULL;
  for (size_t i = 0; i < sizeof SYSCTLS / sizeof SYSCTLS[0]; i++)
    if (strcmp(SYSCTLS[i].name, name) == 0) e = &SYSCTLS[i];
  if (e == NULL) { errno = ENOENT; return -1; }
  if (newp != NULL) { errno = EPERM; return -1; }
  if (oldlenp == NULL) { errno = EINVAL; return -1; }
  if (oldp == NULL) { *oldlenp = e->size; return 0; }
  if (*oldlenp < e->size) {
    memcpy(oldp, e->data, *oldlenp);
    errno = ENOMEM;
    return -1;
  }
  memcpy(oldp, e->data, e->size);
  *oldlenp = e->size;
  return 0;
}

/* ---- Mach ports ---- */

mach_port_t mach_task_self_ = 0x103;
#define MAX_PORTS 64
static mach_port_t live_ports[MAX_PORTS];
static mach_port_t next_port = 0x1000;

mach_port_t mach_host_self(void) {
  for (int i = 0; i < MAX_PORTS; i++)
    if (live_ports[i] == 0) return live_ports[i] = next_port++;
  return 0; /* MACH_PORT_NULL: out of names */
}

static int live(mach_port_t port) {
  for (int i = 0; i < MAX_PORTS; i++)
    if (port != 0 && live_ports[i] == port) return i;
  return -1;
}

kern_return_t mach_port_deallocate(mach_port_t task, mach_port_t name) {
  if (task != mach_task_self_) return KERN_INVALID_ARGUMENT;
  int i = live(name);
  if (i < 0) return KERN_INVALID_NAME;
  live_ports[i] = 0;
  return KERN_SUCCESS;
}

/* dlsym(3) with macOS's RTLD_DEFAULT, (void *)-2: the globals this library exports. */
void *dlsym(void *handle, const char *symbol) {
  if (handle == (void *)-2 && strcmp(symbol, "mach_task_self_") == 0) return &mach_task_self_;
  return NULL;
}

/* ---- host calls ---- */

kern_return_t host_statistics(mach_port_t host, int flavor, int *info, unsigned *count) {
  int code = failing("host_statistics");
  if (code) return code;
  if (live(host) < 0 || info == NULL || count == NULL) return KERN_INVALID_ARGUMENT;
  const void *data;
  unsigned words;
  switch (flavor) {
    case HOST_VM_INFO: data = &fx_host_vm_info; words = sizeof fx_host_vm_info / 4; break;
    case HOST_CPU_LOAD_INFO: load_ticks(); data = host_ticks; words = sizeof host_ticks / 4; break;
    default: return KERN_INVALID_ARGUMENT;
  }
  if (*count < words) return KERN_FAILURE;
  memcpy(info, data, words * 4);
  *count = words;
  return KERN_SUCCESS;
}

#define MAX_ARRAYS 64
static struct { uintptr_t addr; size_t size; } arrays[MAX_ARRAYS];

kern_return_t host_processor_info(mach_port_t host, int flavor, unsigned *cpus, int **info, unsigned *count) {
  int code = failing("host_processor_info");
  if (code) return code;
  if (live(host) < 0 || cpus == NULL || info == NULL || count == NULL) return KERN_INVALID_ARGUMENT;
  if (flavor != PROCESSOR_CPU_LOAD_INFO) return KERN_INVALID_ARGUMENT;
  size_t size = sizeof fx_processor_cpu_load_info;
  void *mem = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (mem == MAP_FAILED) return 6; /* KERN_RESOURCE_SHORTAGE */
  for (int i = 0; i < MAX_ARRAYS; i++) {
    if (arrays[i].addr == 0) {
      arrays[i].addr = (uintptr_t)mem;
      arrays[i].size = size;
      load_ticks();
      memcpy(mem, cpu_ticks, size);
      memcpy(cpus, fx_processor_count, sizeof *cpus);
      *info = mem;
      *count = size / 4;
      return KERN_SUCCESS;
    }
  }
  munmap(mem, size);
  return 6;
}

kern_return_t vm_deallocate(mach_port_t task, uintptr_t address, size_t size) {
  if (task != mach_task_self_) return KERN_INVALID_ARGUMENT;
  for (int i = 0; i < MAX_ARRAYS; i++) {
    if (arrays[i].addr == address && address != 0) {
      if (size != arrays[i].size) return KERN_INVALID_ARGUMENT;
      munmap((void *)address, size);
      arrays[i].addr = 0;
      return KERN_SUCCESS;
    }
  }
  return KERN_INVALID_ARGUMENT;
}

/* Host ports and out-of-line arrays handed out and not given back. */
int standin_outstanding(void) {
  int n = 0;
  for (int i = 0; i < MAX_PORTS; i++) n += live_ports[i] != 0;
  for (int i = 0; i < MAX_ARRAYS; i++) n += arrays[i].addr != 0;
  return n;
}
