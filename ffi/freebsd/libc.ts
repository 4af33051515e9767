/**
 * FreeBSD's C library (`libc.so.7`) beyond what every POSIX system shares,
 * and the numbers the FreeBSD backend passes (sys/sysctl.h, sys/resource.h,
 * sys/proc.h, sys/wait.h, time.h of FreeBSD 14).
 *
 * @module
 */
import { lazyLibrary } from "../mod.ts";

/** The numbers of the FreeBSD backend. */
export const FREEBSD = {
  /** sys/sysctl.h: the process table MIB. */
  CTL_KERN: 1,
  KERN_PROC: 14,
  KERN_PROC_PID: 1,
  KERN_PROC_ARGS: 7,
  KERN_PROC_PROC: 8,
  KERN_PROC_PATHNAME: 12,
  /** sys/sysctl.h: `KERN_PROC_PID | KERN_PROC_INC_THREAD` gives one `kinfo_proc` per thread. */
  KERN_PROC_INC_THREAD: 0x10,
  /** sys/user.h: the size every `kinfo_proc` record must have. */
  KINFO_PROC_SIZE: 1088,
  /** sys/resource.h: the `kern.cp_time` states. */
  CP_USER: 0,
  CP_NICE: 1,
  CP_SYS: 2,
  CP_INTR: 3,
  CP_IDLE: 4,
  CPUSTATES: 5,
  /** time.h: the ticks per second psutil divides `kern.cp_time` by. */
  CLOCKS_PER_SEC: 128,
  /** sys/proc.h `ki_stat` values. */
  SIDL: 1,
  SRUN: 2,
  SSLEEP: 3,
  SSTOP: 4,
  SZOMB: 5,
  SWAIT: 6,
  SLOCK: 7,
  KERN_PROC_ENV: 35,
  KERN_PROC_RLIMIT: 37,
  /** sys/cpuset.h: a process's own mask; the mask's size asked for (`CPU_MAXSIZE` 1024 bits). */
  CPU_LEVEL_WHICH: 3,
  CPU_WHICH_PID: 2,
  CPUSET_BYTES: 128,
  /** sys/types.h `NODEV`, sys/stat.h `S_IFCHR`: no terminal; a character device, for `devname`. */
  NODEV: 0xffffffffffffffffn,
  S_IFCHR: 0x2000,
  /** sys/user.h: descriptor records, their types, and the pseudo-descriptors (`kf_fd`) of a process's directories. */
  KINFO_FILE_SIZE: 1392,
  KF_TYPE_VNODE: 1,
  KF_TYPE_SOCKET: 2,
  KF_VTYPE_VREG: 1,
  KF_FD_TYPE_CWD: -1,
  /** sys/user.h: mapping records and their protections. */
  KINFO_VMENTRY_SIZE: 1160,
  KVME_PROT_READ: 0x1,
  KVME_PROT_WRITE: 0x2,
  KVME_PROT_EXEC: 0x4,
  /** sys/socket.h, net/route.h: the routing sysctl's interface list and its per-interface message. */
  CTL_NET: 4,
  PF_ROUTE: 17,
  NET_RT_IFLIST: 3,
  RTM_IFINFO: 0xe,
  /** net/if.h: psutil's `isup` is a running interface (`IFF_DRV_RUNNING`). */
  IFF_RUNNING: 0x40,
  /** sys/mount.h: `getfsstat` without waiting. */
  MNT_NOWAIT: 2,
  /** sys/wait.h: `waitpid` without waiting. */
  WNOHANG: 1,
} as const;

/** FreeBSD's own calls in libc. */
export const freebsdLibc = lazyLibrary(
  ["libc.so.7"],
  {
    /** int getloadavg(double loadavg[], int nelem); */
    getloadavg: { parameters: ["buffer", "i32"], result: "i32" },
    /** int getfsstat(struct statfs *buf, long bufsize, int mode);  (NULL counts them) */
    getfsstat: { parameters: ["buffer", "i64", "i32"], result: "i32" },
    /** int statfs(const char *path, struct statfs *buf); */
    statfs: { parameters: ["buffer", "buffer"], result: "i32" },
    /** void free(void *ptr);  (what kinfo_getfile returns) */
    free: { parameters: ["pointer"], result: "void" },
    /** int cpuset_getaffinity(cpulevel_t level, cpuwhich_t which, id_t id, size_t setsize, cpuset_t *mask); */
    cpuset_getaffinity: { parameters: ["i32", "i32", "i64", "usize", "buffer"], result: "i32" },
    /** int cpuset_setaffinity(cpulevel_t level, cpuwhich_t which, id_t id, size_t setsize, const cpuset_t *mask); */
    cpuset_setaffinity: { parameters: ["i32", "i32", "i64", "usize", "buffer"], result: "i32" },
    /** char *devname(dev_t dev, mode_t type);  (a static buffer; "#..." when no device has the number) */
    devname: { parameters: ["u64", "u16"], result: "pointer" },
    /** int kqueue(void); */
    kqueue: { parameters: [], result: "i32" },
    /** int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents, const struct timespec *timeout); */
    kevent: { parameters: ["i32", "buffer", "i32", "buffer", "i32", "buffer"], result: "i32" },
    /** pid_t waitpid(pid_t pid, int *status, int options);  (psutil's wait: it reaps the child) */
    waitpid: { parameters: ["i32", "buffer", "i32"], result: "i32" },
  } as const,
);

/** libkvm (`libkvm.so.7`): swap totals without reading kernel memory (`kvm_open` on /dev/null, as psutil). */
export const libkvm = lazyLibrary(
  ["libkvm.so.7"],
  {
    /** kvm_t *kvm_open(const char *execfile, const char *corefile, const char *swapfile, int flags, const char *errstr); */
    kvm_open: { parameters: ["pointer", "buffer", "pointer", "i32", "buffer"], result: "pointer" },
    /** int kvm_getswapinfo(kvm_t *kd, struct kvm_swap *swap_ary, int swap_max, int flags); */
    kvm_getswapinfo: { parameters: ["pointer", "buffer", "i32", "i32"], result: "i32" },
    /** int kvm_close(kvm_t *kd); */
    kvm_close: { parameters: ["pointer"], result: "i32" },
  } as const,
);

/** libutil (`libutil.so.9`): a process's descriptors as `kinfo_file` records. */
export const libutil = lazyLibrary(
  ["libutil.so.9"],
  {
    /** struct kinfo_file *kinfo_getfile(pid_t pid, int *cntp);  (malloc'd: free it) */
    kinfo_getfile: { parameters: ["i32", "buffer"], result: "pointer" },
    /** struct kinfo_vmentry *kinfo_getvmmap(pid_t pid, int *cntp);  (malloc'd: free it) */
    kinfo_getvmmap: { parameters: ["i32", "buffer"], result: "pointer" },
  } as const,
);

/** sys/mount.h `MNT_*` flags (with their C names) in the order psutil names them in `opts` (after `ro`/`rw`). */
export const MOUNT_OPTIONS: ReadonlyArray<readonly [flag: number, option: string, cName: string]> = [
  [0x2, "sync", "MNT_SYNCHRONOUS"],
  [0x4, "noexec", "MNT_NOEXEC"],
  [0x8, "nosuid", "MNT_NOSUID"],
  [0x20, "union", "MNT_UNION"],
  [0x40, "async", "MNT_ASYNC"],
  [0x100000, "suiddir", "MNT_SUIDDIR"],
  [0x200000, "softdep", "MNT_SOFTDEP"],
  [0x400000, "nosymfollow", "MNT_NOSYMFOLLOW"],
  [0x2000000, "gjournal", "MNT_GJOURNAL"],
  [0x4000000, "multilabel", "MNT_MULTILABEL"],
  [0x8000000, "acls", "MNT_ACLS"],
  [0x10000000, "noatime", "MNT_NOATIME"],
  [0x40000000, "noclusterr", "MNT_NOCLUSTERR"],
  [0x80000000, "noclusterw", "MNT_NOCLUSTERW"],
  [0x10, "nfs4acls", "MNT_NFS4ACLS"],
];

/** net/if.h `IFF_*` flags (with their C names) in the order psutil names them in `netIfStats` `flags`. */
export const IFF_NAMES: ReadonlyArray<readonly [flag: number, name: string, cName: string]> = [
  [0x1, "up", "IFF_UP"],
  [0x2, "broadcast", "IFF_BROADCAST"],
  [0x4, "debug", "IFF_DEBUG"],
  [0x8, "loopback", "IFF_LOOPBACK"],
  [0x10, "pointopoint", "IFF_POINTOPOINT"],
  [0x40, "running", "IFF_DRV_RUNNING"],
  [0x80, "noarp", "IFF_NOARP"],
  [0x100, "promisc", "IFF_PROMISC"],
  [0x200, "allmulti", "IFF_ALLMULTI"],
  [0x8000, "multicast", "IFF_MULTICAST"],
  [0x400, "oactive", "IFF_DRV_OACTIVE"],
  [0x800, "simplex", "IFF_SIMPLEX"],
  [0x1000, "link0", "IFF_LINK0"],
  [0x2000, "link1", "IFF_LINK1"],
  [0x4000, "link2", "IFF_LINK2"],
];

/** sys/user.h `KVME_TYPE_*`: psutil's names of a mapping without a path. */
export const KVME_TYPE_NAMES: Readonly<Record<number, string>> = {
  0: "[none]",
  1: "[default]",
  2: "[vnode]",
  3: "[swap]",
  4: "[device]",
  5: "[phys]",
  6: "[dead]",
  7: "[sg]",
  255: "[unknown]",
};
