/*
 * A stand-in for macOS's /usr/lib/libSystem.B.dylib, built for Linux: the sysctl and Mach calls the darwin backend
 * makes, exported under their macOS names with their documented semantics (sysctlbyname(3): the size with a NULL
 * buffer, ENOMEM and the needed size for a short one, ENOENT for an unknown name, EPERM for a write; host_statistics
 * and host_processor_info from mach/mach_host.defs: KERN_INVALID_ARGUMENT for a bad host or flavor, KERN_FAILURE for
 * a short count; out-of-line arrays allocated page-aligned and given back with vm_deallocate), answering from the
 * records of fixture.c, which the macOS SDK's headers laid out (fixture.h holds their bytes). Every other libc symbol
 * the library opens resolves to glibc through this library's dependency on it.
 *
 * Test controls, not macOS's: standin_outstanding() counts host ports, arrays and interface lists not given back;
 * standin_fail()
 * makes the next calls of one name fail.
 */
#include <errno.h>
#include <stdint.h>
#include <string.h>
#include <sys/mman.h>
#include "fixture.h"

static int net_sysctl(int *mib, unsigned n, void *oldp, size_t *oldlenp);
static int lists_out; /* getifaddrs lists not freed */

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

/* A sysctl's value: its size for a NULL buffer, ENOMEM (and what fits) for a short one. */
static int answer(const void *data, size_t size, void *oldp, size_t *oldlenp) {
  if (oldlenp == NULL) { errno = EINVAL; return -1; }
  if (oldp == NULL) { *oldlenp = size; return 0; }
  if (*oldlenp < size) {
    memcpy(oldp, data, *oldlenp);
    errno = ENOMEM;
    return -1;
  }
  memcpy(oldp, data, size);
  *oldlenp = size;
  return 0;
}

struct sysctl_entry { const char *name; const void *data; size_t size; };
#define ENTRY(n, v) { n, &v, sizeof v }
static const struct sysctl_entry SYSCTLS[] = {
  ENTRY("hw.logicalcpu", fx_hw_logicalcpu),
  ENTRY("hw.physicalcpu", fx_hw_physicalcpu),
  ENTRY("hw.memsize", fx_hw_memsize),
  ENTRY("hw.pagesize", fx_hw_pagesize),
  ENTRY("hw.cpufrequency", fx_hw_cpufrequency),
  ENTRY("hw.cpufrequency_min", fx_hw_cpufrequency_min),
  ENTRY("hw.cpufrequency_max", fx_hw_cpufrequency_max),
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
  return answer(e->data, e->size, oldp, oldlenp);
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

/* Host ports, out-of-line arrays and getifaddrs lists handed out and not given back. */
int standin_outstanding(void) {
  int n = 0;
  for (int i = 0; i < MAX_PORTS; i++) n += live_ports[i] != 0;
  for (int i = 0; i < MAX_ARRAYS; i++) n += arrays[i].addr != 0;
  return n + lists_out;
}

/* ---- processes ---- */

#define CTL_KERN 1
#define KERN_ARGMAX 8
#define KERN_PROC 14
#define KERN_PROC_ALL 0
#define KERN_PROC_PID 1
#define KERN_PROCARGS2 49
#define PROC_PIDTASKINFO 4
#define PROC_PIDVNODEPATHINFO 9
#define PROC_PIDLISTFDS 1
#define PROC_PIDTHREADINFO 5
#define PROC_PIDLISTTHREADS 6
#define PROC_PIDFDVNODEPATHINFO 2
#define PROC_PIDFDSOCKETINFO 3
#define SZOMB 5
#define P_PID 1

/* The caller is user 501: root's processes refuse what needs their credentials. standin_set_uid(0) makes it root. */
static unsigned caller_uid = 501;
void standin_set_uid(unsigned uid) { caller_uid = uid; }

static int i32(const unsigned char *p) { int v; memcpy(&v, p, 4); return v; }

/* The process table, moving: setpriority() changes p_nice in it. */
static unsigned char kinfo[sizeof fx_kinfo];
static int kinfo_loaded;

static unsigned char *kinfo_of(int pid) {
  if (!kinfo_loaded) { memcpy(kinfo, fx_kinfo, sizeof kinfo); kinfo_loaded = 1; }
  for (int i = 0; i < i32(fx_kinfo_count); i++) {
    unsigned char *rec = kinfo + i * i32(fx_kinfo_size);
    if (i32(rec + i32(fx_kinfo_off_pid)) == pid) return rec;
  }
  return NULL;
}

static int zombie(const unsigned char *rec) { return rec[i32(fx_kinfo_off_stat)] == SZOMB; }
static int foreign(const unsigned char *rec) {
  return caller_uid != 0 && (unsigned)i32(rec + i32(fx_kinfo_off_ruid)) != caller_uid;
}

int sysctl(int *mib, unsigned n, void *oldp, size_t *oldlenp, void *newp, size_t newlen) {
  (void)newlen;
  if (newp != NULL) { errno = EPERM; return -1; }
  if (n >= 2 && mib[0] == 4 /* CTL_NET */) return net_sysctl(mib, n, oldp, oldlenp);
  if (n < 2 || mib[0] != CTL_KERN) { errno = ENOENT; return -1; }
  if (n == 2 && mib[1] == KERN_ARGMAX) return answer(fx_argmax, sizeof fx_argmax, oldp, oldlenp);
  if (n == 4 && mib[1] == KERN_PROC && mib[2] == KERN_PROC_ALL) {
    int code = failing("kern.proc.all");
    if (code) { errno = code; return -1; }
    kinfo_of(-1);
    return answer(kinfo, sizeof kinfo, oldp, oldlenp);
  }
  if (n == 4 && mib[1] == KERN_PROC && mib[2] == KERN_PROC_PID) {
    const unsigned char *rec = kinfo_of(mib[3]);
    /* A pid that is gone: success with nothing, as macOS answers. */
    if (rec == NULL) { if (oldlenp) *oldlenp = 0; return 0; }
    return answer(rec, i32(fx_kinfo_size), oldp, oldlenp);
  }
  if (n == 3 && mib[1] == KERN_PROCARGS2) {
    const unsigned char *rec = kinfo_of(mib[2]);
    /* EINVAL for a gone, zombie or protected process: the kernel does not say which. */
    if (rec == NULL || zombie(rec) || foreign(rec)) { errno = EINVAL; return -1; }
    if (mib[2] == 4242) return answer(fx_procargs_4242, sizeof fx_procargs_4242, oldp, oldlenp);
    if (mib[2] == 4300) return answer(fx_procargs_4300, sizeof fx_procargs_4300, oldp, oldlenp);
    errno = EINVAL;
    return -1;
  }
  errno = ENOENT;
  return -1;
}

/* proc_pidinfo(3): bytes written, or 0 with errno (ESRCH gone or zombie, EPERM another user's process). */
int proc_pidinfo(int pid, int flavor, uint64_t arg, void *buf, int size) {
  const unsigned char *rec = kinfo_of(pid);
  if (rec == NULL || zombie(rec)) { errno = ESRCH; return 0; }
  if (foreign(rec)) { errno = EPERM; return 0; }
  const void *data = NULL;
  size_t len = 0;
  if (flavor == PROC_PIDLISTFDS) {
    data = pid == 4242 ? fx_fds_4242 : fx_fds_other;
    len = pid == 4242 ? sizeof fx_fds_4242 : sizeof fx_fds_other;
    if (buf == NULL) return (int)len;
    if ((size_t)size < len) len = (size_t)size - (size_t)size % 8;
    memcpy(buf, data, len);
    return (int)len;
  }
  if (flavor == PROC_PIDLISTTHREADS && pid == 4242) {
    len = sizeof fx_threads_4242;
    if ((size_t)size < len) len = (size_t)size - (size_t)size % 8;
    memcpy(buf, fx_threads_4242, len);
    return (int)len;
  }
  if (flavor == PROC_PIDTHREADINFO && pid == 4242) {
    for (int i = 0; i < 4; i++) {
      uint64_t h;
      memcpy(&h, fx_threads_4242 + i * 8, 8);
      if (h == arg && i != 2) { data = fx_threadinfo_4242 + i * (sizeof fx_threadinfo_4242 / 4); len = sizeof fx_threadinfo_4242 / 4; }
    }
  }
  if (flavor == PROC_PIDTASKINFO && pid == 4242) { data = fx_taskinfo_4242; len = sizeof fx_taskinfo_4242; }
  if (flavor == PROC_PIDTASKINFO && pid == 4300) { data = fx_taskinfo_4300; len = sizeof fx_taskinfo_4300; }
  if (flavor == PROC_PIDVNODEPATHINFO && pid == 4242) { data = fx_vnodepath_4242; len = sizeof fx_vnodepath_4242; }
  if (data == NULL) { errno = ESRCH; return 0; }
  if ((size_t)size < len) { errno = ENOMEM; return 0; }
  memcpy(buf, data, len);
  return (int)len;
}

/* proc_pidpath(3): the path's length, or 0 with errno. */
int proc_pidpath(int pid, void *buf, uint32_t size) {
  const char *path = (const char *)(pid == 4242 ? fx_path_4242 : pid == 4300 ? fx_path_4300 : NULL);
  const unsigned char *rec = kinfo_of(pid);
  if (rec == NULL || zombie(rec)) { errno = ESRCH; return 0; }
  if (path == NULL) { errno = EPERM; return 0; }
  size_t len = strlen(path);
  if (len + 1 > size) { errno = ENOMEM; return 0; }
  memcpy(buf, path, len + 1);
  return (int)len;
}

kern_return_t mach_timebase_info(void *info) {
  memcpy(info, fx_timebase, sizeof fx_timebase);
  return KERN_SUCCESS;
}

static int last_signal[2];

/* kill(2) on the table: ESRCH for a pid not in it, EPERM for another user's process; signals are recorded. */
int kill(int pid, int sig) {
  const unsigned char *rec = pid > 0 ? kinfo_of(pid) : NULL;
  if (rec == NULL) { errno = ESRCH; return -1; }
  if (foreign(rec)) { errno = EPERM; return -1; }
  if (sig != 0) { last_signal[0] = pid; last_signal[1] = sig; }
  return 0;
}

/* The pid and signal of the last kill() that sent one. */
void standin_last_signal(int *out) { out[0] = last_signal[0]; out[1] = last_signal[1]; }

/* setpriority(2) for PRIO_PROCESS: another user's process is EPERM, a lower nice value (more favoured) EACCES. */
int setpriority(int which, unsigned who, int prio) {
  unsigned char *rec = which == 0 ? kinfo_of((int)who) : NULL;
  if (rec == NULL) { errno = ESRCH; return -1; }
  if (foreign(rec)) { errno = EPERM; return -1; }
  signed char *nice = (signed char *)rec + i32(fx_kinfo_off_nice);
  if (prio < *nice) { errno = EACCES; return -1; }
  *nice = (signed char)prio;
  return 0;
}

/* waitid(2): 4300 is this process's child and has exited with 3; every other pid is ECHILD. */
int waitid(int idtype, unsigned id, void *info, int options) {
  (void)options;
  if (idtype == P_PID && id == 4300) { memcpy(info, fx_siginfo_4300, sizeof fx_siginfo_4300); return 0; }
  errno = ECHILD;
  return -1;
}

/* getpwuid_r(3): root and me; any other uid has no entry. */
int getpwuid_r(unsigned uid, void *pwd, char *buf, size_t buflen, void **result) {
  const char *name = uid == 0 ? "root" : uid == 501 ? "me" : NULL;
  *result = NULL;
  if (name == NULL) return 0;
  if (strlen(name) + 1 > buflen) return ERANGE;
  strcpy(buf, name);
  memset(pwd, 0, i32(fx_passwd_size));
  memcpy((char *)pwd + i32(fx_passwd_off_name), &buf, sizeof buf);
  *result = pwd;
  return 0;
}

/* ---- file systems ---- */

/* getfsstat(2), 64-bit-inode variant as x86_64 exports it: the count for NULL, else the records that fit. */
int getfsstat_inode64(void *buf, int bufsize, int mode) __asm__("getfsstat$INODE64");
int getfsstat_inode64(void *buf, int bufsize, int mode) {
  (void)mode;
  int count = i32(fx_statfs_count), size = i32(fx_statfs_size);
  if (buf == NULL) return count;
  int n = bufsize / size < count ? bufsize / size : count;
  memcpy(buf, fx_statfs, (size_t)n * size);
  return n;
}

/* arm64's name for it (the records are laid out alike on both architectures). */
int getfsstat(void *buf, int bufsize, int mode) { return getfsstat_inode64(buf, bufsize, mode); }

/* statvfs(3) of the APFS volumes; anything else ENOENT. */
int statvfs(const char *path, void *buf) {
  if (strcmp(path, "/") && strcmp(path, "/System/Volumes/Data")) { errno = ENOENT; return -1; }
  memcpy(buf, fx_statvfs_data, sizeof fx_statvfs_data);
  return 0;
}

/* access(2): the two disks' device nodes exist; nothing else does. */
int access(const char *path, int mode) {
  (void)mode;
  if (!strcmp(path, "/dev/disk3s1s1") || !strcmp(path, "/dev/disk3s5")) return 0;
  errno = ENOENT;
  return -1;
}

/* pathconf(2) with macOS's names (_PC_NAME_MAX 4, _PC_PATH_MAX 5) on the mount points; else EINVAL. */
long pathconf(const char *path, int name) {
  if (path[0] == '/' && (name == 4 || name == 5)) return name == 4 ? 255 : 1024;
  errno = EINVAL;
  return -1;
}

/* ---- utmpx ---- */

static int utmpx_next;
void setutxent(void) { utmpx_next = 0; }
void endutxent(void) { utmpx_next = 0; }
const void *getutxent(void) {
  if (utmpx_next >= i32(fx_utmpx_count)) return NULL;
  return fx_utmpx + (size_t)(utmpx_next++) * i32(fx_utmpx_size);
}

/* ---- network ---- */

#include <stdlib.h>
#define CTL_NET 4
#define PF_ROUTE 17
#define NET_RT_IFLIST2 6

/* The routing sysctl's interface list (the MIB {CTL_NET, PF_ROUTE, 0, 0, NET_RT_IFLIST2, 0}). */
static int net_sysctl(int *mib, unsigned n, void *oldp, size_t *oldlenp) {
  if (n == 6 && mib[1] == PF_ROUTE && mib[2] == 0 && mib[3] == 0 && mib[4] == NET_RT_IFLIST2 && mib[5] == 0)
    return answer(fx_iflist2, sizeof fx_iflist2, oldp, oldlenp);
  errno = ENOENT;
  return -1;
}

struct node_spec { const char *name; unsigned flags; const void *addr, *mask, *dst; };

/* getifaddrs(3): a malloc'd list laid out as macOS's struct ifaddrs (offsets from the SDK), freed by freeifaddrs. */
int getifaddrs(void **out) {
  const unsigned lo = 0x1 | 0x8 | 0x40 | 0x8000, en = 0x1 | 0x2 | 0x40 | 0x800 | 0x8000;
  const struct node_spec nodes[] = {
    { "lo0", lo, fx_sa_lo0_link, NULL, NULL },
    { "lo0", lo, fx_sa_lo4, fx_sa_lo4_mask, NULL },
    { "lo0", lo, fx_sa_lo6, NULL, NULL },
    { "lo0", lo, fx_sa_lo6_ll, NULL, NULL },
    { "en0", en, fx_sa_en0_link, NULL, NULL },
    { "en0", en, fx_sa_en4, fx_sa_en4_mask, fx_sa_en4_bcast },
  };
  const int *L = (const int *)fx_ifaddrs_layout;
  int count = sizeof nodes / sizeof nodes[0];
  unsigned char *mem = calloc(count, L[0]);
  if (mem == NULL) { errno = ENOMEM; return -1; }
  for (int i = 0; i < count; i++) {
    unsigned char *rec = mem + i * L[0];
    void *next = i + 1 < count ? rec + L[0] : NULL;
    memcpy(rec + L[1], &next, sizeof next);
    memcpy(rec + L[2], &nodes[i].name, sizeof(void *));
    memcpy(rec + L[3], &nodes[i].flags, sizeof(unsigned));
    memcpy(rec + L[4], &nodes[i].addr, sizeof(void *));
    memcpy(rec + L[5], &nodes[i].mask, sizeof(void *));
    memcpy(rec + L[6], &nodes[i].dst, sizeof(void *));
  }
  lists_out++;
  *out = mem;
  return 0;
}

void freeifaddrs(void *list) {
  if (list != NULL) { free(list); lists_out--; }
}

/* proc_pidfdinfo(3): each descriptor's vnode path or socket; EBADF for fd 9 of 4242 (closed after the listing). */
int proc_pidfdinfo(int pid, int fd, int flavor, void *buf, int size) {
  const unsigned char *rec = kinfo_of(pid);
  if (rec == NULL || zombie(rec)) { errno = ESRCH; return 0; }
  if (foreign(rec)) { errno = EPERM; return 0; }
  const void *data = NULL;
  size_t len = 0;
  int vnode = flavor == PROC_PIDFDVNODEPATHINFO, sock = flavor == PROC_PIDFDSOCKETINFO;
#define FD(f, want, rec_) if (fd == (f)) { if (!(want)) { errno = EINVAL; return 0; } data = rec_; len = sizeof rec_; }
  if (pid == 4242) {
    FD(0, vnode, fx_vnode_tty) FD(1, vnode, fx_vnode_tty) FD(3, vnode, fx_vnode_db)
    FD(4, sock, fx_sock_listen) FD(5, sock, fx_sock_est) FD(6, sock, fx_sock_udp6) FD(7, sock, fx_sock_unix)
    FD(10, sock, fx_sock_tcp6)
  } else {
    FD(0, vnode, fx_vnode_null)
  }
#undef FD
  if (data == NULL) { errno = EBADF; return 0; }
  if ((size_t)size < len) { errno = ENOMEM; return 0; }
  memcpy(buf, data, len);
  return (int)len;
}

/* proc_pid_rusage(2) with RUSAGE_INFO_V2 (2). */
int proc_pid_rusage(int pid, int flavor, void *buf) {
  const unsigned char *rec = kinfo_of(pid);
  if (rec == NULL || zombie(rec)) { errno = ESRCH; return -1; }
  if (foreign(rec)) { errno = EPERM; return -1; }
  if (flavor != 2 || pid != 4242) { errno = EINVAL; return -1; }
  memcpy(buf, fx_rusage_4242, sizeof fx_rusage_4242);
  return 0;
}

/* devname(3): 4242's terminal; any other number is "??". */
const char *devname(int dev, unsigned short type) {
  return dev == 0x10000000 && type == 0x2000 ? "ttys000" : "??";
}

/* ---- kqueue: EVFILT_PROC / NOTE_EXIT watches ---- */

#include <fcntl.h>
#include <unistd.h>
#define MAX_KQ 16
static struct { int kq; int pid; } watches[MAX_KQ];
static int kevent_adds;

/* How many exit watches kevent() took. */
int standin_kevent_adds(void) { return kevent_adds; }

/* kqueue(2): a real descriptor (of /dev/null), so that close(2) releases it. */
int kqueue(void) { return open("/dev/null", O_RDONLY); }

struct kev { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; };

/* kevent(2): EV_ADD of a pid's exit (ESRCH when it is gone), then an event once it has exited (standin_exit). */
int kevent(int kq, const void *changes, int nchanges, void *events, int nevents, const void *timeout) {
  (void)timeout;
  if (nchanges == 1) {
    struct kev c;
    memcpy(&c, changes, sizeof c);
    if (c.filter != -5 || !(c.flags & 1) || c.fflags != 0x80000000u) { errno = EINVAL; return -1; }
    if (kinfo_of((int)c.ident) == NULL) { errno = ESRCH; return -1; }
    for (int i = 0; i < MAX_KQ; i++) if (watches[i].kq == 0) { watches[i].kq = kq; watches[i].pid = (int)c.ident; break; }
    kevent_adds++;
    return 0;
  }
  if (nevents < 1) return 0;
  for (int i = 0; i < MAX_KQ; i++) {
    if (watches[i].kq == kq && kinfo_of(watches[i].pid) == NULL) {
      struct kev e = { .ident = (uint64_t)watches[i].pid, .filter = -5, .fflags = 0x80000000u };
      memcpy(events, &e, sizeof e);
      watches[i].kq = 0;
      return 1;
    }
  }
  return 0;
}

/* The process exits and is reaped by launchd: it leaves the table. */
void standin_exit(int pid) {
  unsigned char *rec = kinfo_of(pid);
  if (rec != NULL) { int gone = -1; memcpy(rec + i32(fx_kinfo_off_pid), &gone, 4); }
}

/* ---- resource limits of the calling process (macOS has no prlimit) ---- */

#define RLIM_INF 0x7fffffffffffffffULL
static uint64_t limits[9][2] = {
  { RLIM_INF, RLIM_INF }, { RLIM_INF, RLIM_INF }, { RLIM_INF, RLIM_INF }, { 8388608, 67104768 },
  { 0, RLIM_INF }, { RLIM_INF, RLIM_INF }, { RLIM_INF, RLIM_INF }, { 2666, 4000 }, { 256, RLIM_INF },
};

/* getrlimit(2) with macOS's resources (RLIM_NLIMITS 9): RLIMIT_NOFILE is 8, RLIMIT_NPROC 7. */
int getrlimit(int resource, uint64_t *rl) {
  if (resource < 0 || resource >= 9) { errno = EINVAL; return -1; }
  rl[0] = limits[resource][0];
  rl[1] = limits[resource][1];
  return 0;
}

/* setrlimit(2): soft above hard is EINVAL; raising the hard limit needs root (EPERM). */
int setrlimit(int resource, const uint64_t *rl) {
  if (resource < 0 || resource >= 9 || rl[0] > rl[1]) { errno = EINVAL; return -1; }
  if (rl[1] > limits[resource][1] && caller_uid != 0) { errno = EPERM; return -1; }
  limits[resource][0] = rl[0];
  limits[resource][1] = rl[1];
  return 0;
}
