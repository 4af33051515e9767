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
/* x86_64 only: the nominal frequency and its bounds, in Hz (quads) */
const uint64_t fx_hw_cpufrequency = 2400000000ULL;
const uint64_t fx_hw_cpufrequency_min = 1200000000ULL;
const uint64_t fx_hw_cpufrequency_max = 3500000000ULL;
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

/* ---- processes: kinfo_proc for {CTL_KERN, KERN_PROC, ...}, and what libproc answers per pid ---- */
#include <sys/proc.h>
#include <sys/proc_info.h>
#include <sys/signal.h>
#include <sys/wait.h>
#include <mach/mach_time.h>
#include <pwd.h>
#include <stddef.h>

#define KINFO(pid_, ppid_, stat_, comm_, nice_, ruid_, euid_, suid_, rgid_, egid_, sgid_, sec_, usec_, tdev_) { \
  .kp_proc = { .p_pid = pid_, .p_stat = stat_, .p_comm = comm_, .p_nice = nice_, \
               .p_un = { .__p_starttime = { .tv_sec = sec_, .tv_usec = usec_ } } }, \
  .kp_eproc = { .e_ppid = ppid_, .e_tdev = tdev_, \
                .e_pcred = { .p_ruid = ruid_, .p_svuid = suid_, .p_rgid = rgid_, .p_svgid = sgid_ }, \
                .e_ucred = { .cr_uid = euid_, .cr_ngroups = 2, .cr_groups = { egid_, 12 } } } }

/* launchd (root, refused to others), a user's python, a zombie, a long name the kernel cut to MAXCOMLEN (16), the
 * kernel task. */
const struct kinfo_proc fx_kinfo[5] = {
  KINFO(1, 0, SRUN, "launchd", 0, 0, 0, 0, 0, 0, 0, 1700000001, 500000, NODEV),
  KINFO(4242, 1, SRUN, "python3.11", 5, 501, 501, 501, 20, 20, 20, 1700001000, 250000, 0x10000000),
  KINFO(4243, 4242, SZOMB, "defunct-child", 0, 501, 501, 501, 20, 20, 20, 1700002000, 0, NODEV),
  KINFO(4300, 1, SSLEEP, "a-very-long-proc", -3, 501, 0, 501, 20, 80, 20, 1700003000, 125000, 0x10000007),
  KINFO(0, 0, SRUN, "kernel_task", 0, 0, 0, 0, 0, 0, 0, 1700000000, 0, NODEV),
};
const int fx_kinfo_count = sizeof fx_kinfo / sizeof fx_kinfo[0];
const int fx_kinfo_size = sizeof(struct kinfo_proc);
const int fx_kinfo_off_pid = offsetof(struct kinfo_proc, kp_proc.p_pid);
const int fx_kinfo_off_stat = offsetof(struct kinfo_proc, kp_proc.p_stat);
const int fx_kinfo_off_nice = offsetof(struct kinfo_proc, kp_proc.p_nice);
const int fx_kinfo_off_ruid = offsetof(struct kinfo_proc, kp_eproc.e_pcred.p_ruid);

/* PROC_PIDTASKINFO of 4242 and 4300, in Mach absolute units (mach_timebase_info answers 125/3, as Apple silicon). */
const struct proc_taskinfo fx_taskinfo_4242 = {
  .pti_virtual_size = 420906795008ULL, .pti_resident_size = 12345678, .pti_total_user = 3000000000ULL,
  .pti_total_system = 300000000ULL, .pti_faults = 1000, .pti_pageins = 20, .pti_csw = 777, .pti_threadnum = 3,
};
const struct proc_taskinfo fx_taskinfo_4300 = {
  .pti_virtual_size = 1073741824ULL, .pti_resident_size = 4096000, .pti_total_user = 24000000ULL,
  .pti_total_system = 48000000ULL, .pti_faults = 5, .pti_pageins = 0, .pti_csw = 12, .pti_threadnum = 1,
};
const struct mach_timebase_info fx_timebase = { .numer = 125, .denom = 3 };

/* PROC_PIDVNODEPATHINFO of 4242 */
const struct proc_vnodepathinfo fx_vnodepath_4242 = { .pvi_cdir = { .vip_path = "/Users/me/project" } };

/* KERN_PROCARGS2: argc, the exec path and its padding, the arguments, the environment. */
const char fx_procargs_4242[] = "\x03\0\0\0/usr/local/bin/python3.11\0\0\0\0\0\0"
  "python3\0-m\0http.server\0PATH=/usr/bin:/bin\0HOME=/Users/me\0LANG=en_US.UTF-8\0\0";
const char fx_procargs_4300[] = "\x02\0\0\0/opt/tool/bin/a-very-long-process-name\0\0"
  "/opt/tool/bin/a-very-long-process-name\0--serve\0\0";
const char fx_path_4242[] = "/usr/local/bin/python3.11";
const char fx_path_4300[] = "/opt/tool/bin/a-very-long-process-name";
const int fx_argmax = 1048576;

/* What waitid answers for 4300, as if it were this process's child that exited with 3. */
const siginfo_t fx_siginfo_4300 = { .si_signo = SIGCHLD, .si_code = CLD_EXITED, .si_pid = 4300, .si_status = 3 };

/* struct passwd, for getpwuid_r: where pw_name is, and the record's size. */
const int fx_passwd_size = sizeof(struct passwd);
const int fx_passwd_off_name = offsetof(struct passwd, pw_name);

/* ---- file systems: getfsstat's struct statfs (64-bit inodes), statvfs of the two APFS volumes ---- */
#include <sys/mount.h>
#include <sys/statvfs.h>
#include <utmpx.h>

const struct statfs fx_statfs[4] = {
  { .f_bsize = 4096, .f_iosize = 1048576, .f_blocks = 122086953, .f_bfree = 80000000, .f_bavail = 79000000,
    .f_fstypename = "apfs", .f_mntonname = "/", .f_mntfromname = "/dev/disk3s1s1",
    .f_flags = MNT_RDONLY | MNT_LOCAL | MNT_JOURNALED | MNT_ROOTFS | MNT_DOVOLFS | MNT_QUARANTINE },
  { .f_bsize = 512, .f_fstypename = "devfs", .f_mntonname = "/dev", .f_mntfromname = "devfs",
    .f_flags = MNT_LOCAL | MNT_DONTBROWSE | MNT_DOVOLFS | MNT_MULTILABEL },
  { .f_bsize = 4096, .f_fstypename = "apfs", .f_mntonname = "/System/Volumes/Data", .f_mntfromname = "/dev/disk3s5",
    .f_flags = MNT_LOCAL | MNT_JOURNALED | MNT_DOVOLFS | MNT_NOSUID | MNT_NODEV | MNT_DONTBROWSE | MNT_NOATIME },
  { .f_bsize = 4096, .f_fstypename = "autofs", .f_mntonname = "/System/Volumes/Data/home",
    .f_mntfromname = "map auto_home", .f_flags = MNT_AUTOMOUNTED | MNT_DONTBROWSE | MNT_NOSUID },
};
const int fx_statfs_count = sizeof fx_statfs / sizeof fx_statfs[0];
const int fx_statfs_size = sizeof(struct statfs);
const struct statvfs fx_statvfs_data = {
  .f_bsize = 1048576, .f_frsize = 4096, .f_blocks = 122086953, .f_bfree = 30000000, .f_bavail = 29000000,
  .f_files = 4000000, .f_ffree = 3000000, .f_favail = 3000000, .f_namemax = 255,
};

/* ---- the utmpx database: a console login, a remote one, the boot record ---- */
const struct utmpx fx_utmpx[3] = {
  { .ut_user = "me", .ut_line = "console", .ut_pid = 150, .ut_type = USER_PROCESS,
    .ut_tv = { .tv_sec = 1700000500, .tv_usec = 0 }, .ut_host = "" },
  { .ut_user = "me", .ut_line = "ttys000", .ut_pid = 4242, .ut_type = USER_PROCESS,
    .ut_tv = { .tv_sec = 1700001200, .tv_usec = 5 }, .ut_host = "10.0.0.7" },
  { .ut_type = BOOT_TIME, .ut_tv = { .tv_sec = 1700000000, .tv_usec = 0 } },
};
const int fx_utmpx_count = sizeof fx_utmpx / sizeof fx_utmpx[0];
const int fx_utmpx_size = sizeof(struct utmpx);

/* ---- network: the NET_RT_IFLIST2 dump (if_msghdr2 + sockaddr_dl per interface), getifaddrs' sockaddrs ---- */
#include <sys/socket.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/route.h>
#include <netinet/in.h>
#include <ifaddrs.h>

struct ifinfo2 { struct if_msghdr2 m; struct sockaddr_dl sdl; };
struct other_msg { u_short msglen; u_char version, type; int pad[5]; };
struct iflist2 { struct ifinfo2 lo0; struct other_msg marea; struct ifinfo2 en0; };

#define IFINFO2(index_, flags_, name_, nlen_) \
  .m = { .ifm_msglen = sizeof(struct ifinfo2), .ifm_version = RTM_VERSION, .ifm_type = RTM_IFINFO2, \
         .ifm_index = index_, .ifm_flags = flags_, .ifm_addrs = RTA_IFP }, \
  .sdl = { .sdl_len = sizeof(struct sockaddr_dl), .sdl_family = AF_LINK, .sdl_index = index_, .sdl_nlen = nlen_, \
           .sdl_data = name_ }

const struct iflist2 fx_iflist2 = {
  .lo0 = { IFINFO2(1, IFF_UP | IFF_LOOPBACK | IFF_RUNNING | IFF_MULTICAST, "lo0", 3),
           .m.ifm_data = { .ifi_mtu = 16384, .ifi_ibytes = 1234567, .ifi_obytes = 1234567, .ifi_ipackets = 9000,
                           .ifi_opackets = 9000, .ifi_ierrors = 0, .ifi_oerrors = 0, .ifi_iqdrops = 0 } },
  .marea = { .msglen = sizeof(struct other_msg), .version = RTM_VERSION, .type = RTM_NEWMADDR },
  .en0 = { IFINFO2(4, IFF_UP | IFF_BROADCAST | IFF_RUNNING | IFF_SIMPLEX | IFF_MULTICAST,
                   "en0\x3c\x22\xfb\x12\x34\x56", 3),
           .m.ifm_data = { .ifi_mtu = 1500, .ifi_baudrate = 1000000000ULL, .ifi_ibytes = 987654321012ULL,
                           .ifi_obytes = 123456789012ULL, .ifi_ipackets = 700000000, .ifi_opackets = 300000000,
                           .ifi_ierrors = 3, .ifi_oerrors = 4, .ifi_iqdrops = 5 } },
};

/* getifaddrs: what each node points at, and where struct ifaddrs keeps each pointer. */
const struct sockaddr_in fx_sa_lo4 = { .sin_len = sizeof(struct sockaddr_in), .sin_family = AF_INET,
                                      .sin_addr = { .s_addr = 0x0100007f } };
const struct sockaddr_in fx_sa_lo4_mask = { .sin_len = sizeof(struct sockaddr_in), .sin_family = AF_INET,
                                           .sin_addr = { .s_addr = 0x000000ff } };
const struct sockaddr_in6 fx_sa_lo6 = { .sin6_len = sizeof(struct sockaddr_in6), .sin6_family = AF_INET6,
                                       .sin6_addr = { .__u6_addr = { .__u6_addr8 = { [15] = 1 } } } };
/* KAME: the link-local address with its interface (1) in the second 16-bit word, sin6_scope_id 0. */
const struct sockaddr_in6 fx_sa_lo6_ll = { .sin6_len = sizeof(struct sockaddr_in6), .sin6_family = AF_INET6,
                                          .sin6_addr = { .__u6_addr = { .__u6_addr8 = { 0xfe, 0x80, 0, 1, [15] = 1 } } } };
const struct sockaddr_in fx_sa_en4 = { .sin_len = sizeof(struct sockaddr_in), .sin_family = AF_INET,
                                      .sin_addr = { .s_addr = 0x1401a8c0 } };
const struct sockaddr_in fx_sa_en4_mask = { .sin_len = sizeof(struct sockaddr_in), .sin_family = AF_INET,
                                           .sin_addr = { .s_addr = 0x00ffffff } };
const struct sockaddr_in fx_sa_en4_bcast = { .sin_len = sizeof(struct sockaddr_in), .sin_family = AF_INET,
                                            .sin_addr = { .s_addr = 0xff01a8c0 } };
const struct sockaddr_dl fx_sa_en0_link = { .sdl_len = sizeof(struct sockaddr_dl), .sdl_family = AF_LINK,
                                           .sdl_index = 4, .sdl_nlen = 3, .sdl_alen = 6,
                                           .sdl_data = "en0\x3c\x22\xfb\x12\x34\x56" };
const struct sockaddr_dl fx_sa_lo0_link = { .sdl_len = sizeof(struct sockaddr_dl), .sdl_family = AF_LINK,
                                           .sdl_index = 1, .sdl_nlen = 3, .sdl_data = "lo0" };
const int fx_ifaddrs_layout[7] = {
  sizeof(struct ifaddrs), offsetof(struct ifaddrs, ifa_next), offsetof(struct ifaddrs, ifa_name),
  offsetof(struct ifaddrs, ifa_flags), offsetof(struct ifaddrs, ifa_addr), offsetof(struct ifaddrs, ifa_netmask),
  offsetof(struct ifaddrs, ifa_dstaddr),
};

/* ---- descriptors: PROC_PIDLISTFDS, and what proc_pidfdinfo answers for each ---- */
#define NPORT(p) ((((p) & 0xff) << 8) | (((p) >> 8) & 0xff)) /* a port in network order, in an int's low bytes */

const struct proc_fdinfo fx_fds_4242[10] = {
  { 0, PROX_FDTYPE_VNODE }, { 1, PROX_FDTYPE_VNODE }, { 3, PROX_FDTYPE_VNODE }, { 4, PROX_FDTYPE_SOCKET },
  { 5, PROX_FDTYPE_SOCKET }, { 6, PROX_FDTYPE_SOCKET }, { 7, PROX_FDTYPE_SOCKET }, { 8, PROX_FDTYPE_PIPE },
  { 9, PROX_FDTYPE_SOCKET }, { 10, PROX_FDTYPE_SOCKET },
};
const struct proc_fdinfo fx_fds_other[1] = { { 0, PROX_FDTYPE_VNODE } };
const struct vnode_fdinfowithpath fx_vnode_tty = { .pvip = { .vip_path = "/dev/ttys000" } };
const struct vnode_fdinfowithpath fx_vnode_db = { .pvip = { .vip_path = "/Users/me/project/data.db" } };
const struct vnode_fdinfowithpath fx_vnode_null = { .pvip = { .vip_path = "/dev/null" } };

#define INSOCK(family_, type_, proto_, kind_) .soi_family = family_, .soi_type = type_, .soi_protocol = proto_, \
  .soi_kind = kind_
/* 0.0.0.0:8000, listening */
const struct socket_fdinfo fx_sock_listen = { .psi = { INSOCK(AF_INET, SOCK_STREAM, IPPROTO_TCP, SOCKINFO_TCP),
  .soi_proto.pri_tcp = { .tcpsi_state = TSI_S_LISTEN,
    .tcpsi_ini = { .insi_vflag = INI_IPV4, .insi_lport = NPORT(8000) } } } };
/* 192.168.1.20:8000 <-> 10.0.0.7:51234, established */
const struct socket_fdinfo fx_sock_est = { .psi = { INSOCK(AF_INET, SOCK_STREAM, IPPROTO_TCP, SOCKINFO_TCP),
  .soi_proto.pri_tcp = { .tcpsi_state = TSI_S_ESTABLISHED,
    .tcpsi_ini = { .insi_vflag = INI_IPV4, .insi_lport = NPORT(8000), .insi_fport = NPORT(51234),
      .insi_laddr = { .ina_46 = { .i46a_addr4 = { .s_addr = 0x1401a8c0 } } },
      .insi_faddr = { .ina_46 = { .i46a_addr4 = { .s_addr = 0x0700000a } } } } } } };
/* [::]:5353, UDP */
const struct socket_fdinfo fx_sock_udp6 = { .psi = { INSOCK(AF_INET6, SOCK_DGRAM, IPPROTO_UDP, SOCKINFO_IN),
  .soi_proto.pri_in = { .insi_vflag = INI_IPV6, .insi_lport = NPORT(5353) } } };
/* [::1]:8080 <-> [::1]:60000, closing */
const struct socket_fdinfo fx_sock_tcp6 = { .psi = { INSOCK(AF_INET6, SOCK_STREAM, IPPROTO_TCP, SOCKINFO_TCP),
  .soi_proto.pri_tcp = { .tcpsi_state = TSI_S__CLOSE_WAIT,
    .tcpsi_ini = { .insi_vflag = INI_IPV6, .insi_lport = NPORT(8080), .insi_fport = NPORT(60000),
      .insi_laddr = { .ina_6 = { .__u6_addr = { .__u6_addr8 = { [15] = 1 } } } },
      .insi_faddr = { .ina_6 = { .__u6_addr = { .__u6_addr8 = { [15] = 1 } } } } } } } };
/* a UNIX stream socket bound to /tmp/app.sock, its peer unnamed */
const struct socket_fdinfo fx_sock_unix = { .psi = { INSOCK(AF_UNIX, SOCK_STREAM, 0, SOCKINFO_UN),
  .soi_proto.pri_un = { .unsi_addr = { .ua_sun = { .sun_len = 16, .sun_family = AF_UNIX, .sun_path = "/tmp/app.sock" } } } } };

/* ---- threads and resource usage of 4242 ---- */
/* PROC_PIDLISTTHREADS: four handles; the third thread ends before its PROC_PIDTHREADINFO. */
const uint64_t fx_threads_4242[4] = { 0x700000001000ULL, 0x700000002000ULL, 0x700000003000ULL, 0x700000004000ULL };
const struct proc_threadinfo fx_threadinfo_4242[4] = {
  { .pth_user_time = 100000000000ULL, .pth_system_time = 10000000000ULL, .pth_name = "main" },
  { .pth_user_time = 20000000000ULL, .pth_system_time = 2500000000ULL, .pth_name = "worker" },
  { 0 },
  { .pth_user_time = 5000000000ULL, .pth_system_time = 0, .pth_name = "io" },
};
const struct rusage_info_v2 fx_rusage_4242 = { .ri_phys_footprint = 9876543, .ri_resident_size = 12345678 };
