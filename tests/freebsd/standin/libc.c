/*
 * A stand-in for FreeBSD's libc.so.7 (and libkvm.so.7, built from the same file), built for Linux: the sysctl,
 * libkvm and libc calls the FreeBSD backend makes, under their FreeBSD names, with their documented semantics
 * (sysctl(3): the size for a NULL buffer, ENOMEM for a short one, ENOENT for an unknown name, an empty answer for a
 * pid that is gone), answering from records laid out at the offsets measured from FreeBSD 14's headers
 * (../shared/reference/layouts/freebsd-x86_64.json, as layout.h: never the library's own declarations). No FreeBSD
 * headers exist here to compile records with; sysctl.h, resource.h and proc.h numbers are transcribed.
 *
 * Test controls, not FreeBSD's: standin_kinfo_size() gives every kinfo_proc another ki_structsize; standin_kvm_open()
 * counts kvm handles not closed.
 */
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "layout.h"

int *__error(void) { return &errno; }

/* ---- sysctl values ---- */

static int answer(const void *data, size_t size, void *oldp, size_t *oldlenp) {
  if (oldlenp == NULL) { errno = EINVAL; return -1; }
  if (oldp == NULL) { *oldlenp = size; return 0; }
  if (*oldlenp < size) { memcpy(oldp, data, *oldlenp); errno = ENOMEM; return -1; }
  memcpy(oldp, data, size);
  *oldlenp = size;
  return 0;
}

static const int32_t ncpu = 4, pagesize = 4096, freq0 = 2400, freq1 = 1800;
static const uint32_t v_swtch = 123456789, v_intr = 2345678, v_soft = 345678, v_syscall = 987654321;
static const uint32_t v_free = 100000, v_active = 200000, v_inactive = 150000, v_wire = 50000;
static const uint32_t v_swappgsin = 111, v_swappgsout = 222;
static const uint64_t physmem = 8589934592ULL; /* unsigned long */
static const int64_t bufspace = 104857600;     /* long */
/* kern.cp_time: CP_USER, CP_NICE, CP_SYS, CP_INTR, CP_IDLE (long) */
static const int64_t cp_time[5] = { 12800, 256, 6400, 128, 128000 };
/* kern.cp_times: one row per possible CPU (kern.smp.maxcpus 8); hw.ncpu (4) of them are real */
static const int64_t cp_times[8][5] = {
  { 3200, 64, 1600, 32, 32000 }, { 3200, 64, 1600, 32, 32000 }, { 3200, 64, 1600, 32, 32000 },
  { 3200, 64, 1600, 32, 32000 }, { 0 }, { 0 }, { 0 }, { 0 },
};
/* dev.cpu.N.temperature (deci-Kelvin): CPUs 0 and 1; CPU 0 has a tjmax, CPU 1 does not. The ACPI battery. */
static const int32_t temp0 = 3281, temp1 = 3306, tjmax0 = 3731;
static const int32_t battery_life = 76, battery_time = 142;
static int32_t acline = 0;

/* The machine is on AC power (1) or on its battery (0). */
void standin_acline(int on) { acline = on; }
static const char freq_levels0[] = "2400/45000 1800/30000 1200/15000";
static const char freq_levels1[] = "1800/30000 800/8000";
/* Two packages? No: one package of 2 cores with 2 threads each: 2 <cpu> elements two levels down. */
static const char topology[] =
  "<groups>\n <group level=\"1\" cache-level=\"0\">\n  <cpu count=\"4\" mask=\"f,0,0,0\">0, 1, 2, 3</cpu>\n"
  "  <children>\n   <group level=\"2\" cache-level=\"2\">\n    <cpu count=\"2\" mask=\"3,0,0,0\">0, 1</cpu>\n"
  "    <flags><flag name=\"THREAD\">THREAD group</flag><flag name=\"SMT\">SMT group</flag></flags>\n   </group>\n"
  "   <group level=\"2\" cache-level=\"2\">\n    <cpu count=\"2\" mask=\"c,0,0,0\">2, 3</cpu>\n   </group>\n"
  "  </children>\n </group>\n</groups>\n\0\0\0";

static unsigned char boottime[16], vmtotal_rec[88];

static void put32(unsigned char *p, int off, int32_t v) { memcpy(p + off, &v, 4); }
static void put16(unsigned char *p, int off, int v) { uint16_t x = (uint16_t)v; memcpy(p + off, &x, 2); }
static void put64(unsigned char *p, int off, int64_t v) { memcpy(p + off, &v, 8); }

struct entry { const char *name; const void *data; size_t size; };
#define E(n, v) { n, &v, sizeof v }
static const struct entry NAMED[] = {
  E("hw.ncpu", ncpu), E("hw.pagesize", pagesize), E("hw.physmem", physmem), E("vfs.bufspace", bufspace),
  E("kern.cp_time", cp_time), E("kern.cp_times", cp_times), E("kern.sched.topology_spec", topology),
  E("vm.stats.sys.v_swtch", v_swtch), E("vm.stats.sys.v_intr", v_intr), E("vm.stats.sys.v_soft", v_soft),
  E("vm.stats.sys.v_syscall", v_syscall), E("vm.stats.vm.v_free_count", v_free),
  E("vm.stats.vm.v_active_count", v_active), E("vm.stats.vm.v_inactive_count", v_inactive),
  E("vm.stats.vm.v_wire_count", v_wire), E("vm.stats.vm.v_swappgsin", v_swappgsin),
  E("vm.stats.vm.v_swappgsout", v_swappgsout), E("dev.cpu.0.freq", freq0), E("dev.cpu.1.freq", freq1),
  E("dev.cpu.0.freq_levels", freq_levels0), E("dev.cpu.1.freq_levels", freq_levels1),
  E("kern.boottime", boottime), E("vm.vmtotal", vmtotal_rec), E("dev.cpu.0.temperature", temp0),
  E("dev.cpu.1.temperature", temp1), E("dev.cpu.0.coretemp.tjmax", tjmax0), E("hw.acpi.battery.life", battery_life),
  E("hw.acpi.battery.time", battery_time), E("hw.acpi.acline", acline),
};

/* ---- the process table ---- */

#define NPROC 5
static unsigned char kinfo[NPROC][KINFO_PROC_SIZE];
static int loaded, structsize = KINFO_PROC_SIZE;
static const unsigned caller_uid = 1001;

struct proc_spec {
  int pid, ppid, stat, nice, ruid, euid, suid, rgid, egid, sgid, threads, lastcpu;
  const char *comm;
  int64_t start_sec, start_usec, size, rssize, tsize, dsize, ssize;
  int64_t utime_us, stime_us, cutime_us, cstime_us, inblock, oublock, nvcsw, nivcsw;
};
/* SRUN 2, SSLEEP 3, SZOMB 5, SWAIT 6 */
static const struct proc_spec PROCS[NPROC] = {
  { 0, 0, 6, 0, 0, 0, 0, 0, 0, 0, 20, 0, "kernel", 1700000000, 0, 0, 0, 0, 0, 0, 50000000, 900000000, 0, 0, 0, 0, 0, 0 },
  { 1, 0, 3, 0, 0, 0, 0, 0, 0, 0, 1, 1, "init", 1700000001, 500000, 13000000, 250, 10, 20, 5,
    100000, 200000, 300000, 400000, 10, 20, 30, 40 },
  { 700, 1, 3, 5, 1001, 1001, 1001, 1001, 1001, 1001, 1, 2, "sh", 1700001000, 250000, 14000000, 300, 40, 30, 8,
    1500000, 250000, 7250000, 125000, 77, 88, 99, 11 },
  { 701, 700, 5, 0, 1001, 1001, 1001, 1001, 1001, 1001, 1, 3, "defunct", 1700002000, 0, 0, 0, 0, 0, 0,
    0, 0, 0, 0, 0, 0, 0, 0 },
  { 800, 700, 2, -5, 1001, 0, 1001, 1001, 0, 1001, 3, 1, "python3.9", 1700003000, 125000, 300000000, 5000, 100, 900, 16,
    12000000, 3000000, 0, 0, 5, 6, 700, 80 },
};

static void load(void) {
  if (loaded) return;
  loaded = 1;
  put64(boottime, 0, 1700000000);
  put64(boottime, 8, 750000);
  put64(vmtotal_rec, 32, 3000); /* t_vmshr */
  put64(vmtotal_rec, 48, 1000); /* t_rmshr */
  for (int i = 0; i < NPROC; i++) {
    const struct proc_spec *s = &PROCS[i];
    unsigned char *k = kinfo[i];
    put32(k, 0, structsize);
    put32(k, O_ki_pid, s->pid);
    put32(k, O_ki_ppid, s->ppid);
    k[O_ki_stat] = (unsigned char)s->stat;
    k[O_ki_nice] = (unsigned char)(signed char)s->nice;
    put32(k, O_ki_ruid, s->ruid);
    put32(k, O_ki_uid, s->euid);
    put32(k, O_ki_svuid, s->suid);
    put32(k, O_ki_rgid, s->rgid);
    put32(k, O_ki_groups, s->egid);
    put32(k, O_ki_svgid, s->sgid);
    put32(k, O_ki_numthreads, s->threads);
    put32(k, O_ki_lastcpu, s->lastcpu);
    put64(k, O_ki_tdev, s->pid == 700 ? 0x5a : -1); /* NODEV: no terminal */
    strcpy((char *)k + O_ki_comm, s->comm);
    put64(k, O_ki_start, s->start_sec);
    put64(k, O_ki_start + 8, s->start_usec);
    put64(k, O_ki_size, s->size);
    put64(k, O_ki_rssize, s->rssize);
    put64(k, O_ki_tsize, s->tsize);
    put64(k, O_ki_dsize, s->dsize);
    put64(k, O_ki_ssize, s->ssize);
    put64(k, O_ki_rusage_ru_utime, s->utime_us / 1000000);
    put64(k, O_ki_rusage_ru_utime + 8, s->utime_us % 1000000);
    put64(k, O_ki_rusage_ru_stime, s->stime_us / 1000000);
    put64(k, O_ki_rusage_ru_stime + 8, s->stime_us % 1000000);
    put64(k, O_ki_rusage_ch, s->cutime_us / 1000000);
    put64(k, O_ki_rusage_ch + 8, s->cutime_us % 1000000);
    put64(k, O_ki_rusage_ch + 16, s->cstime_us / 1000000);
    put64(k, O_ki_rusage_ch + 24, s->cstime_us % 1000000);
    put64(k, O_ki_rusage_ru_inblock, s->inblock);
    put64(k, O_ki_rusage_ru_oublock, s->oublock);
    put64(k, O_ki_rusage_ru_nvcsw, s->nvcsw);
    put64(k, O_ki_rusage_ru_nivcsw, s->nivcsw);
  }
}

/* Every record's ki_structsize becomes `size` (another kernel's kinfo_proc). */
void standin_kinfo_size(int size) {
  load();
  structsize = size;
  for (int i = 0; i < NPROC; i++) put32(kinfo[i], 0, size);
}

static int gone[NPROC];

static const struct proc_spec *spec_of(int pid) {
  for (int i = 0; i < NPROC; i++) if (PROCS[i].pid == pid && !gone[i]) return &PROCS[i];
  return NULL;
}

/* The process exits and is reaped: it leaves the table. */
void standin_exit(int pid) {
  load();
  for (int i = 0; i < NPROC; i++) {
    if (PROCS[i].pid != pid) continue;
    gone[i] = 1;
    put32(kinfo[i], O_ki_pid, -1);
  }
}

/* The process's own: the kernel and init are root's. */
static int foreign(const struct proc_spec *s) { return (unsigned)s->ruid != caller_uid; }

static size_t build_tcplist(void);
static unsigned char tcplist[];

int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, const void *newp, size_t newlen) {
  (void)newlen;
  load();
  if (newp != NULL) { errno = EPERM; return -1; }
  if (!strcmp(name, "net.inet.tcp.pcblist")) { size_t n = build_tcplist(); return answer(tcplist, n, oldp, oldlenp); }
  for (size_t i = 0; i < sizeof NAMED / sizeof NAMED[0]; i++)
    if (!strcmp(NAMED[i].name, name)) return answer(NAMED[i].data, NAMED[i].size, oldp, oldlenp);
  errno = ENOENT;
  return -1;
}

static const char args_700[] = "/bin/sh\0-c\0while :; do sleep 1; done";
static const char args_800[] = "python3.9\0-m\0http.server\0";
static const char env_700[] = "PATH=/bin:/usr/bin\0HOME=/home/me\0EMPTY=\0";

static int net_sysctl(const int *mib, unsigned n, void *oldp, size_t *oldlenp);
static int rlimit_sysctl(int pid, int resource, void *oldp, size_t *oldlenp, const void *newp);

int sysctl(const int *mib, unsigned n, void *oldp, size_t *oldlenp, const void *newp, size_t newlen) {
  (void)newlen;
  load();
  if (newp != NULL && !(n == 5 && mib[2] == 37)) { errno = EPERM; return -1; }
  if (n == 6 && mib[0] == 4) return net_sysctl(mib, n, oldp, oldlenp);
  if (n == 5 && mib[0] == 1 && mib[1] == 14 && mib[2] == 37) return rlimit_sysctl(mib[3], mib[4], oldp, oldlenp, newp);
  if (n == 4 && mib[0] == 1 && mib[1] == 14) {
    const struct proc_spec *s = spec_of(mib[3]);
    switch (mib[2]) {
      case 8: /* KERN_PROC_PROC */ return answer(kinfo, sizeof kinfo, oldp, oldlenp);
      case 0x11: /* KERN_PROC_PID | KERN_PROC_INC_THREAD: 800 has three threads, the others one */
        for (int i = 0; i < NPROC; i++) {
          if (PROCS[i].pid != mib[3]) continue;
          static unsigned char threads[3][KINFO_PROC_SIZE];
          int n = mib[3] == 800 ? 3 : 1;
          for (int t = 0; t < n; t++) {
            memcpy(threads[t], kinfo[i], KINFO_PROC_SIZE);
            put32(threads[t], O_ki_tid, 100100 + t);
            put64(threads[t], O_ki_rusage_ru_utime, 4 * (t + 1)); /* 4, 8, 12 s */
            put64(threads[t], O_ki_rusage_ru_utime + 8, 500000);
            put64(threads[t], O_ki_rusage_ru_stime, t);
            put64(threads[t], O_ki_rusage_ru_stime + 8, 0);
          }
          return answer(threads, (size_t)n * KINFO_PROC_SIZE, oldp, oldlenp);
        }
        if (oldlenp) *oldlenp = 0;
        return 0;
      case 1: /* KERN_PROC_PID: a pid that is gone answers nothing */
        for (int i = 0; i < NPROC; i++)
          if (PROCS[i].pid == mib[3] && !gone[i]) return answer(kinfo[i], KINFO_PROC_SIZE, oldp, oldlenp);
        if (oldlenp) *oldlenp = 0;
        return 0;
      case 12: /* KERN_PROC_PATHNAME */
        if (s == NULL) { errno = ESRCH; return -1; }
        if (s->stat == 5) { errno = ENOENT; return -1; }
        if (s->pid == 700) return answer("/bin/sh", 8, oldp, oldlenp);
        if (s->pid == 800) return answer("/usr/local/bin/python3.9", 25, oldp, oldlenp);
        errno = EPERM;
        return -1;
      case 35: /* KERN_PROC_ENV */
        if (s == NULL) { errno = ESRCH; return -1; }
        if (foreign(s)) { errno = EPERM; return -1; }
        if (s->pid == 700) return answer(env_700, sizeof env_700 - 1, oldp, oldlenp);
        if (oldlenp) *oldlenp = 0;
        return 0;
      case 7: /* KERN_PROC_ARGS */
        if (s == NULL) { errno = ESRCH; return -1; }
        if (s->pid == 700) return answer(args_700, sizeof args_700 - 1, oldp, oldlenp); /* the last NUL left out */
        if (s->pid == 800) return answer(args_800, sizeof args_800 - 1, oldp, oldlenp);
        if (s->stat == 5) { if (oldlenp) *oldlenp = 0; return 0; }
        errno = EPERM;
        return -1;
    }
  }
  errno = ENOENT;
  return -1;
}

/* getloadavg(3): fscale-divided averages as doubles. */
int getloadavg(double out[], int n) {
  const double v[3] = { 0.5, 0.75, 1.25 };
  int k = n < 3 ? n : 3;
  for (int i = 0; i < k; i++) out[i] = v[i];
  return k;
}

static int last_signal[2];
void standin_last_signal(int *out) { out[0] = last_signal[0]; out[1] = last_signal[1]; }

int kill(int pid, int sig) {
  const struct proc_spec *s = pid > 0 ? spec_of(pid) : NULL;
  if (s == NULL) { errno = ESRCH; return -1; }
  if (foreign(s)) { errno = EPERM; return -1; }
  if (sig) { last_signal[0] = pid; last_signal[1] = sig; }
  return 0;
}

int setpriority(int which, int who, int prio) {
  const struct proc_spec *s = which == 0 ? spec_of(who) : NULL;
  if (s == NULL) { errno = ESRCH; return -1; }
  if (foreign(s)) { errno = EPERM; return -1; }
  load();
  for (int i = 0; i < NPROC; i++) {
    if (PROCS[i].pid != who) continue;
    if (prio < (signed char)kinfo[i][O_ki_nice]) { errno = EACCES; return -1; }
    kinfo[i][O_ki_nice] = (unsigned char)(signed char)prio;
  }
  return 0;
}

/* waitpid(2) with WNOHANG: 701 is this process's child and exited with 3 (reaped on the first call). */
static int reaped;
int waitpid(int pid, int *status, int options) {
  (void)options;
  if (pid != 701 || reaped) { errno = ECHILD; return -1; }
  reaped = 1;
  *status = 3 << 8;
  return 701;
}

/* getpwuid_r(3): root and user 1001 ("me"); pw_name is the struct's first member. */
int getpwuid_r(unsigned uid, void *pwd, char *buf, size_t buflen, void **result) {
  const char *name = uid == 0 ? "root" : uid == 1001 ? "me" : NULL;
  *result = NULL;
  if (name == NULL) return 0;
  if (strlen(name) + 1 > buflen) return ERANGE;
  strcpy(buf, name);
  memset(pwd, 0, 64);
  memcpy(pwd, &buf, sizeof buf);
  *result = pwd;
  return 0;
}

/* ---- libkvm ---- */

static int kvm_open_handles;
static int kvm_token;

void *kvm_open(const char *execfile, const char *corefile, const char *swapfile, int flags, const char *errstr) {
  (void)execfile;
  (void)swapfile;
  (void)flags;
  (void)errstr;
  if (corefile == NULL || strcmp(corefile, "/dev/null")) return NULL;
  kvm_open_handles++;
  return &kvm_token;
}

/* kvm_getswapinfo(3): asked for one entry, the total of every device (two here), in pages. */
int kvm_getswapinfo(void *kd, void *ary, int max, int flags) {
  (void)flags;
  if (kd != &kvm_token || max < 1) { errno = EINVAL; return -1; }
  memset(ary, 0, S_kvm_swap);
  strcpy(ary, "TOTAL");
  put32(ary, O_ksw_used, 131072 + 65536);
  put32(ary, O_ksw_total, 524288 + 262144);
  return 1;
}

int kvm_close(void *kd) {
  if (kd != &kvm_token) { errno = EINVAL; return -1; }
  kvm_open_handles--;
  return 0;
}

int standin_kvm_open(void) { return kvm_open_handles; }

/* ---- file systems ---- */

struct mount_spec { const char *from, *on, *type; uint64_t flags, bsize, blocks, bfree; int64_t bavail; };
/* MNT_LOCAL 0x1000, MNT_ROOTFS 0x4000 are not among psutil's names; MNT_SOFTDEP 0x200000, MNT_SUJ 0x100000000,
   MNT_ACLS 0x8000000, MNT_NOATIME 0x10000000, MNT_NOEXEC 0x4, MNT_NOSUID 0x8, MNT_RDONLY 0x1 */
static const struct mount_spec MOUNTS[] = {
  { "/dev/ada0p2", "/", "ufs", 0x1000 | 0x4000 | 0x200000 | 0x100000000ULL, 32768, 7340032, 3000000, 2400000 },
  { "devfs", "/dev", "devfs", 0x1000 | 0x8000000, 512, 2, 0, 0 },
  { "zroot/tmp", "/tmp", "zfs", 0x1000 | 0x10000000 | 0x4 | 0x8, 131072, 100000, 90000, 90000 },
  { "/dev/cd0", "/cdrom", "cd9660", 0x1 | 0x1000, 2048, 300000, 0, -5 },
};
#define NMOUNTS (int)(sizeof MOUNTS / sizeof MOUNTS[0])

static void fill_statfs(unsigned char *p, const struct mount_spec *m) {
  memset(p, 0, S_statfs);
  put64(p, O_f_flags, (int64_t)m->flags);
  put64(p, O_f_bsize, (int64_t)m->bsize);
  put64(p, O_f_blocks, (int64_t)m->blocks);
  put64(p, O_f_bfree, (int64_t)m->bfree);
  put64(p, O_f_bavail, m->bavail);
  put32(p, O_f_namemax, 255);
  strcpy((char *)p + O_f_fstypename, m->type);
  strcpy((char *)p + O_f_mntfromname, m->from);
  strcpy((char *)p + O_f_mntonname, m->on);
}

/* getfsstat(2): the count for NULL, else the records that fit (bufsize is a long on FreeBSD). */
int getfsstat(void *buf, long bufsize, int mode) {
  (void)mode;
  if (buf == NULL) return NMOUNTS;
  int n = bufsize / S_statfs < NMOUNTS ? (int)(bufsize / S_statfs) : NMOUNTS;
  for (int i = 0; i < n; i++) fill_statfs((unsigned char *)buf + (size_t)i * S_statfs, &MOUNTS[i]);
  return n;
}

/* statfs(2): the file system a path is on (the longest mount point that prefixes it). */
int statfs(const char *path, void *buf) {
  int best = -1;
  size_t len = 0;
  if (path[0] != '/') { errno = ENOENT; return -1; }
  if (!strncmp(path, "/nope", 5)) { errno = ENOENT; return -1; }
  for (int i = 0; i < NMOUNTS; i++) {
    size_t l = strlen(MOUNTS[i].on);
    if (!strncmp(path, MOUNTS[i].on, l) && (l == 1 || path[l] == 0 || path[l] == '/') && l >= len) { best = i; len = l; }
  }
  fill_statfs(buf, &MOUNTS[best]);
  return 0;
}

/* pathconf(2) with FreeBSD's names (_PC_NAME_MAX 4, _PC_PATH_MAX 5). */
long pathconf(const char *path, int name) {
  if (path[0] == '/' && (name == 4 || name == 5)) return name == 4 ? 255 : 1024;
  errno = EINVAL;
  return -1;
}

/* ---- libutil: kinfo_getfile ---- */

/* A socket's addresses: (a, b, c, d, port) for AF_INET, (port) of :: for AF_INET6, a path for AF_UNIX. */
struct sa_spec { int a, b, c, d, port; const char *path; };
struct file_spec { int fd, type, vtype; const char *path; int domain, stype; struct sa_spec local, peer; };
/* KF_TYPE_VNODE 1, KF_TYPE_SOCKET 2, KF_TYPE_PIPE 3; KF_VTYPE_VREG 1, VDIR 2, VCHR 4; KF_FD_TYPE_CWD -1, ROOT -2,
   TEXT -5 */
static const struct file_spec FILES_700[] = {
  { -5, 1, 1, "/bin/sh" }, { -1, 1, 2, "/home/me/work" }, { -2, 1, 2, "/" }, { 0, 1, 4, "/dev/pts/0" },
  { 1, 1, 4, "/dev/pts/0" }, { 3, 1, 1, "/home/me/work/notes.txt" }, { 4, 3, 0, "" },
  /* sockets (KF_TYPE_SOCKET 2): AF_INET 2 / AF_INET6 28 / AF_UNIX 1, SOCK_STREAM 1 / SOCK_DGRAM 2 */
  { 5, 2, 0, "", 2, 1, { 10, 0, 2, 15, 22, NULL }, { 10, 0, 2, 2, 50000, NULL } },
  { 6, 2, 0, "", 28, 2, { 0, 0, 0, 0, 5353, NULL }, { 0, 0, 0, 0, 0, NULL } },
  { 7, 1, 1, "/var/log/app.log", 0, 0, { 0 }, { 0 } },
  { 8, 2, 0, "", 1, 1, { 0, 0, 0, 0, 0, "/var/run/log" }, { 0, 0, 0, 0, 0, NULL } },
  { 9, 2, 0, "", 2, 1, { 0, 0, 0, 0, 8080, NULL }, { 0, 0, 0, 0, 0, NULL } },
};

/* FreeBSD's sockaddrs: a length byte, the family, then the port (network order) and address, or the path. */
static void sockaddr_of(unsigned char *sa, int family, const struct sa_spec *s) {
  memset(sa, 0, 128);
  sa[1] = (unsigned char)family;
  if (family == 1) {
    size_t n = s->path ? strlen(s->path) : 0;
    sa[0] = (unsigned char)(2 + n);
    if (n) memcpy(sa + 2, s->path, n);
    return;
  }
  sa[0] = family == 2 ? 16 : 28;
  sa[2] = (unsigned char)(s->port >> 8);
  sa[3] = (unsigned char)s->port;
  if (family == 2) { sa[4] = (unsigned char)s->a; sa[5] = (unsigned char)s->b; sa[6] = (unsigned char)s->c; sa[7] = (unsigned char)s->d; }
}

/* kinfo_getfile(3): a malloc'd array of KINFO_FILE_SIZE records, the caller's to free(3). */
void *kinfo_getfile(int pid, int *cnt) {
  const struct proc_spec *s = spec_of(pid);
  if (s == NULL) { errno = ESRCH; return NULL; }
  if (foreign(s)) { errno = EPERM; return NULL; }
  int n = pid == 700 ? (int)(sizeof FILES_700 / sizeof FILES_700[0]) : 0;
  unsigned char *out = calloc(n ? n : 1, S_kinfo_file);
  for (int i = 0; i < n; i++) {
    unsigned char *r = out + (size_t)i * S_kinfo_file;
    put32(r, 0, S_kinfo_file);
    put32(r, O_kf_type, FILES_700[i].type);
    put32(r, O_kf_fd, FILES_700[i].fd);
    put32(r, O_kf_un_kf_file_kf_file_type, FILES_700[i].vtype);
    strcpy((char *)r + O_kf_path, FILES_700[i].path);
    if (FILES_700[i].type == 2) {
      put32(r, O_kf_sock_domain, FILES_700[i].domain);
      put32(r, O_kf_sock_type, FILES_700[i].stype);
      sockaddr_of(r + O_kf_sa_local, FILES_700[i].domain, &FILES_700[i].local);
      sockaddr_of(r + O_kf_sa_peer, FILES_700[i].domain, &FILES_700[i].peer);
    }
  }
  *cnt = n;
  return out;
}

/* ---- network: NET_RT_IFLIST (if_msghdr, then the interface's sockaddr_dl), getifaddrs ---- */

#define SDL_SIZE 54 /* struct sockaddr_dl: 8 bytes of header, 46 of data */
#define IFMSG_LEN ((S_if_msghdr + SDL_SIZE + 7) & ~7)
#define IFM_FLAGS 8 /* after ifm_msglen, ifm_version, ifm_type and ifm_addrs (net/if.h); not in the measured table */

struct nic_spec { const char *name; int index, flags; unsigned mtu; uint64_t baud, ib, ob, ip, op, ie, oe, iqd, oqd; };
/* lo0 (UP LOOPBACK RUNNING MULTICAST), em0 (UP BROADCAST RUNNING SIMPLEX MULTICAST), usbus0 (left out) */
static const struct nic_spec NICS[] = {
  { "lo0", 2, 0x1 | 0x8 | 0x40 | 0x8000, 16384, 0, 5000, 5000, 50, 50, 0, 0, 0, 0 },
  { "em0", 1, 0x1 | 0x2 | 0x40 | 0x800 | 0x8000, 1500, 1000000000ULL, 9876543210ULL, 1234567890ULL, 7000000, 3000000, 1, 2, 3, 4 },
  { "usbus0", 3, 0x1 | 0x40, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0 },
};
#define NNICS (int)(sizeof NICS / sizeof NICS[0])
static unsigned char iflist[NNICS * IFMSG_LEN + 16];

static size_t build_iflist(void) {
  unsigned char *p = iflist;
  memset(iflist, 0, sizeof iflist);
  for (int i = 0; i < NNICS; i++) {
    const struct nic_spec *c = &NICS[i];
    put16(p, 0, IFMSG_LEN);
    p[2] = 5;  /* RTM_VERSION */
    p[3] = 14; /* RTM_IFINFO */
    put32(p, IFM_FLAGS, c->flags);
    put16(p, O_ifm_index, c->index);
    unsigned char *d = p + O_ifm_data;
    put32(d, O_ifi_mtu, (int32_t)c->mtu);
    put64(d, O_ifi_baudrate, (int64_t)c->baud);
    put64(d, O_ifi_ibytes, (int64_t)c->ib);
    put64(d, O_ifi_obytes, (int64_t)c->ob);
    put64(d, O_ifi_ipackets, (int64_t)c->ip);
    put64(d, O_ifi_opackets, (int64_t)c->op);
    put64(d, O_ifi_ierrors, (int64_t)c->ie);
    put64(d, O_ifi_oerrors, (int64_t)c->oe);
    put64(d, O_ifi_iqdrops, (int64_t)c->iqd);
    put64(d, O_ifi_oqdrops, (int64_t)c->oqd);
    unsigned char *sdl = p + S_if_msghdr;
    sdl[0] = SDL_SIZE;
    sdl[1] = 18; /* AF_LINK */
    put16(sdl, 2, c->index);
    sdl[5] = (unsigned char)strlen(c->name);
    memcpy(sdl + 8, c->name, strlen(c->name));
    p += IFMSG_LEN;
  }
  /* an address message (RTM_NEWADDR, 0xc) after them, skipped by the walk */
  put16(p, 0, 16);
  p[2] = 5;
  p[3] = 0xc;
  return (size_t)(p - iflist) + 16;
}

static int net_sysctl(const int *mib, unsigned n, void *oldp, size_t *oldlenp) {
  if (n == 6 && mib[1] == 17 && mib[2] == 0 && mib[3] == 0 && mib[4] == 3 && mib[5] == 0)
    return answer(iflist, build_iflist(), oldp, oldlenp);
  errno = ENOENT;
  return -1;
}

/* getifaddrs(3), FreeBSD's sockaddrs (a length byte, an 8-bit family): em0's link address, its IPv4 address, lo0's
   IPv4 and IPv6 loopback. struct ifaddrs is laid out as on every system here (56 bytes, pointers first). */
struct ifa { struct ifa *next; const char *name; unsigned flags; void *addr, *mask, *dst; void *data; };
static unsigned char sa_em_link[SDL_SIZE], sa_em4[16], sa_em4_mask[16], sa_em4_bcast[16], sa_lo4[16], sa_lo4_mask[16];
static unsigned char sa_lo6[28];
static int ifaddrs_out;

static void inet4(unsigned char *s, uint8_t a, uint8_t b, uint8_t c, uint8_t d) {
  memset(s, 0, 16);
  s[0] = 16;
  s[1] = 2;
  s[4] = a; s[5] = b; s[6] = c; s[7] = d;
}

int getifaddrs(struct ifa **out) {
  memset(sa_em_link, 0, sizeof sa_em_link);
  sa_em_link[0] = SDL_SIZE; sa_em_link[1] = 18; put16(sa_em_link, 2, 1); sa_em_link[5] = 3; sa_em_link[6] = 6;
  memcpy(sa_em_link + 8, "em0\x08\x00\x27\xaa\xbb\xcc", 9);
  inet4(sa_em4, 10, 0, 2, 15); inet4(sa_em4_mask, 255, 255, 255, 0); inet4(sa_em4_bcast, 10, 0, 2, 255);
  inet4(sa_lo4, 127, 0, 0, 1); inet4(sa_lo4_mask, 255, 0, 0, 0);
  memset(sa_lo6, 0, sizeof sa_lo6); sa_lo6[0] = 28; sa_lo6[1] = 28; sa_lo6[8 + 15] = 1;
  struct ifa *a = calloc(4, sizeof *a);
  a[0] = (struct ifa){ &a[1], "em0", 0x8843, sa_em_link, NULL, NULL, NULL };
  a[1] = (struct ifa){ &a[2], "em0", 0x8843, sa_em4, sa_em4_mask, sa_em4_bcast, NULL };
  a[2] = (struct ifa){ &a[3], "lo0", 0x8049, sa_lo4, sa_lo4_mask, NULL, NULL };
  a[3] = (struct ifa){ NULL, "lo0", 0x8049, sa_lo6, NULL, NULL, NULL };
  ifaddrs_out++;
  *out = a;
  return 0;
}

void freeifaddrs(struct ifa *a) { if (a) { free(a); ifaddrs_out--; } }
int standin_ifaddrs_out(void) { return ifaddrs_out; }

/* kinfo_getvmmap(3): 700's mappings (the binary's text and data, the heap, the stack), malloc'd, the caller's to
   free(3). KVME_TYPE_VNODE 2, KVME_TYPE_DEFAULT 1, KVME_TYPE_SWAP 3; KVME_PROT_READ 1, WRITE 2, EXEC 4. */
struct map_spec { uint64_t start, end; int type, prot, resident, priv, ref, shadow; const char *path; };
static const struct map_spec MAPS_700[] = {
  { 0x200000, 0x236000, 2, 5, 40, 0, 7, 1, "/bin/sh" },
  { 0x236000, 0x238000, 2, 3, 2, 2, 1, 1, "/bin/sh" },
  { 0x800000000, 0x800400000, 1, 3, 100, 90, 1, 0, "" },
  { 0x7ffffffdf000, 0x7ffffffff000, 3, 3, 8, 8, 1, 0, "" },
};

void *kinfo_getvmmap(int pid, int *cnt) {
  const struct proc_spec *s = spec_of(pid);
  if (s == NULL) { errno = ESRCH; return NULL; }
  if (foreign(s)) { errno = EPERM; return NULL; }
  int n = pid == 700 ? (int)(sizeof MAPS_700 / sizeof MAPS_700[0]) : 0;
  unsigned char *out = calloc(n ? n : 1, S_kinfo_vmentry);
  for (int i = 0; i < n; i++) {
    unsigned char *r = out + (size_t)i * S_kinfo_vmentry;
    const struct map_spec *m = &MAPS_700[i];
    put32(r, 0, S_kinfo_vmentry);
    put32(r, 4, m->type); /* kve_type: the int after kve_structsize */
    put64(r, O_kve_start, (int64_t)m->start);
    put64(r, O_kve_end, (int64_t)m->end);
    put32(r, O_kve_protection, m->prot);
    put32(r, O_kve_resident, m->resident);
    put32(r, O_kve_private_resident, m->priv);
    put32(r, O_kve_ref_count, m->ref);
    put32(r, O_kve_shadow_count, m->shadow);
    strcpy((char *)r + O_kve_path, m->path);
  }
  *cnt = n;
  return out;
}

/* ---- resource limits (KERN_PROC_RLIMIT), affinity, terminals ---- */

#define RLIM_INF 0x7fffffffffffffffULL
/* RLIM_NLIMITS 15 on FreeBSD; RLIMIT_NOFILE is 8, RLIMIT_CORE 4 */
static uint64_t limits[15][2];

static int rlimit_sysctl(int pid, int resource, void *oldp, size_t *oldlenp, const void *newp) {
  const struct proc_spec *s = spec_of(pid);
  if (s == NULL) { errno = ESRCH; return -1; }
  if (foreign(s) && newp != NULL) { errno = EPERM; return -1; }
  if (resource < 0 || resource >= 15) { errno = EINVAL; return -1; }
  if (limits[8][0] == 0) {
    for (int i = 0; i < 15; i++) { limits[i][0] = RLIM_INF; limits[i][1] = RLIM_INF; }
    limits[8][0] = 1024; limits[8][1] = 4096;
    limits[4][0] = 0;
  }
  if (oldp != NULL && answer(limits[resource], 16, oldp, oldlenp) != 0) return -1;
  if (newp != NULL) {
    uint64_t v[2];
    memcpy(v, newp, 16);
    if (v[0] > v[1]) { errno = EINVAL; return -1; }
    if (v[1] > limits[resource][1]) { errno = EPERM; return -1; } /* raising the hard limit needs root */
    limits[resource][0] = v[0];
    limits[resource][1] = v[1];
  }
  return 0;
}

static unsigned char mask_700[128] = { 0x0f };

/* cpuset_getaffinity(2) / cpuset_setaffinity(2) of a pid (CPU_LEVEL_WHICH 3, CPU_WHICH_PID 2); ERANGE for a mask
   smaller than the kernel's (128 bytes here), EINVAL for an empty or unavailable set, EPERM another user's. */
int cpuset_getaffinity(int level, int which, int64_t id, size_t size, unsigned char *mask) {
  const struct proc_spec *s = spec_of((int)id);
  if (level != 3 || which != 2) { errno = EINVAL; return -1; }
  if (s == NULL) { errno = ESRCH; return -1; }
  if (size < sizeof mask_700) { errno = ERANGE; return -1; }
  memset(mask, 0, size);
  if (id == 700) memcpy(mask, mask_700, sizeof mask_700);
  else mask[0] = 0x0f;
  return 0;
}

int cpuset_setaffinity(int level, int which, int64_t id, size_t size, const unsigned char *mask) {
  const struct proc_spec *s = spec_of((int)id);
  if (level != 3 || which != 2) { errno = EINVAL; return -1; }
  if (s == NULL) { errno = ESRCH; return -1; }
  if (foreign(s)) { errno = EPERM; return -1; }
  if (size < sizeof mask_700) { errno = ERANGE; return -1; }
  int any = 0;
  for (size_t i = 0; i < size; i++) {
    if (i > 0 && mask[i]) { errno = EINVAL; return -1; } /* only CPUs 0-3 exist */
    if (i == 0 && (mask[0] & 0xf0)) { errno = EINVAL; return -1; }
    any |= mask[i];
  }
  if (!any) { errno = EINVAL; return -1; }
  if (id == 700) mask_700[0] = mask[0];
  return 0;
}

/* devname(3): the pts of 700; other numbers are "#C:0x..." as FreeBSD writes unknown devices. */
const char *devname(uint64_t dev, unsigned short type) {
  return dev == 0x5a && type == 0x2000 ? "pts/0" : "#C:0x1234";
}

/* net.inet.tcp.pcblist: an xinpgen, xtcpcb records (fd 5's connection ESTABLISHED; a listener on :22 of nobody's
   here; fd 9's 0.0.0.0:8080 LISTEN), an xinpgen. INP_IPV4 is inp_vflag 0x1. */
static unsigned char tcplist[64 + 3 * 744 + 64];

static void tcp_entry(unsigned char *x, const unsigned char laddr[4], int lport, const unsigned char faddr[4], int fport,
                      int state) {
  memset(x, 0, S_xtcpcb);
  put64(x, 0, S_xtcpcb);
  unsigned char *inp = x + O_xt_inp;
  put64(inp, 0, 400);
  inp[O_inp_inc_inc_ie_ie_fport] = (unsigned char)(fport >> 8);
  inp[O_inp_inc_inc_ie_ie_fport + 1] = (unsigned char)fport;
  inp[O_inp_inc_inc_ie_ie_lport] = (unsigned char)(lport >> 8);
  inp[O_inp_inc_inc_ie_ie_lport + 1] = (unsigned char)lport;
  memcpy(inp + O_inp_inc_inc_ie_ie_dependfaddr_id46_addr_ia46_addr4, faddr, 4);
  memcpy(inp + O_inp_inc_inc_ie_ie_dependladdr + 12, laddr, 4);
  inp[O_inp_vflag] = 0x1;
  put32(x, O_t_state, state);
}

static size_t build_tcplist(void) {
  static const unsigned char here[4] = { 10, 0, 2, 15 }, peer[4] = { 10, 0, 2, 2 }, any[4] = { 0, 0, 0, 0 };
  memset(tcplist, 0, sizeof tcplist);
  put64(tcplist, 0, S_xinpgen);
  put32(tcplist, O_xig_count, 3);
  tcp_entry(tcplist + 64, any, 22, any, 0, 1);
  tcp_entry(tcplist + 64 + 744, here, 22, peer, 50000, 4);
  tcp_entry(tcplist + 64 + 2 * 744, any, 8080, any, 0, 1);
  put64(tcplist, 64 + 3 * 744, S_xinpgen);
  return sizeof tcplist;
}

/* ---- kqueue (FreeBSD 12+'s 64-byte struct kevent) ---- */

#include <fcntl.h>
#include <unistd.h>
struct kev { uint64_t ident; int16_t filter; uint16_t flags; uint32_t fflags; int64_t data; void *udata; uint64_t ext[4]; };
static struct { int kq, pid; } watches[16];
static int kevent_adds;

int kqueue(void) { return open("/dev/null", O_RDONLY); }

/* EV_ADD of EVFILT_PROC (-5) / NOTE_EXIT for a pid (ESRCH when it is gone); an event once it has left the table. */
int kevent(int kq, const void *changes, int nchanges, void *events, int nevents, const void *timeout) {
  (void)timeout;
  if (nchanges == 1) {
    struct kev c;
    memcpy(&c, changes, sizeof c);
    if (c.filter != -5 || !(c.flags & 1) || c.fflags != 0x80000000u) { errno = EINVAL; return -1; }
    if (spec_of((int)c.ident) == NULL) { errno = ESRCH; return -1; }
    for (int i = 0; i < 16; i++) if (watches[i].kq == 0) { watches[i].kq = kq; watches[i].pid = (int)c.ident; break; }
    kevent_adds++;
    return 0;
  }
  for (int i = 0; i < 16 && nevents > 0; i++) {
    if (watches[i].kq == kq && spec_of(watches[i].pid) == NULL) {
      struct kev e = { .ident = (uint64_t)watches[i].pid, .filter = -5, .fflags = 0x80000000u };
      memcpy(events, &e, sizeof e);
      watches[i].kq = 0;
      return 1;
    }
  }
  return 0;
}

int standin_kevent_adds(void) { return kevent_adds; }

/* ---- utmpx (utmpx.h: ut_type, ut_tv, ut_id, ut_pid, ut_user, ut_line, ut_host; 280 bytes) ---- */

static unsigned char utx[3][280];
static int utx_next;

static void utx_fill(unsigned char *u, int type, int64_t sec, int pid, const char *user, const char *line, const char *host) {
  memset(u, 0, 280);
  put16(u, 0, type);
  put64(u, 8, sec);
  put32(u, 32, pid);
  strcpy((char *)u + 36, user);
  strcpy((char *)u + 68, line);
  strcpy((char *)u + 84, host);
}

void setutxent(void) {
  utx_next = 0;
  utx_fill(utx[0], 1, 1700000000, 0, "", "~", "");                /* BOOT_TIME */
  utx_fill(utx[1], 4, 1700001100, 700, "me", "pts/0", "10.0.2.2"); /* USER_PROCESS (4 on FreeBSD) */
  utx_fill(utx[2], 7, 1700000900, 650, "me", "pts/1", "");        /* DEAD_PROCESS */
}
void endutxent(void) { utx_next = 0; }
const void *getutxent(void) { return utx_next < 3 ? utx[utx_next++] : NULL; }
