/**
 * libSystem (`/usr/lib/libSystem.B.dylib`): the Mach, libproc and libc calls of the
 * macOS backend, and the Mach numbers they take, from the macOS 13 SDK
 * (mach/host_info.h, mach/processor_info.h, mach/machine.h, time.h, dlfcn.h).
 * Every prototype takes pointers and integers only: no struct by value, no
 * variadic call.
 *
 * @module
 */
import { lazyLibrary } from "../mod.ts";
import { currentArch } from "../runtime.ts";

/** The library's path on every macOS. */
export const LIBSYSTEM = "/usr/lib/libSystem.B.dylib";

/**
 * The exported name of a 64-bit-inode function (`struct statfs` with
 * `MFSTYPENAMELEN` names): `name$INODE64` on x86_64, where the plain name is
 * the old 32-bit-inode one; the plain name on arm64, which has only that.
 */
export const INODE64: (name: string) => string = (name) =>
  currentArch === "x86_64" || currentArch === "x64" ? `${name}$INODE64` : name;

/** `getfsstat` under its exported name on this architecture. */
export const GETFSSTAT: string = INODE64("getfsstat");

/** Mach and libc numbers the backend passes or compares with. */
export const MACH = {
  KERN_SUCCESS: 0,
  /** `host_statistics` flavor: `vm_statistics_data_t`, `HOST_VM_INFO_COUNT` `integer_t`s. */
  HOST_VM_INFO: 2,
  HOST_VM_INFO_COUNT: 15,
  /** `host_statistics` flavor: `host_cpu_load_info_data_t`. */
  HOST_CPU_LOAD_INFO: 3,
  HOST_CPU_LOAD_INFO_COUNT: 4,
  /** `host_processor_info` flavor: one `processor_cpu_load_info_data_t` per CPU. */
  PROCESSOR_CPU_LOAD_INFO: 2,
  CPU_STATE_USER: 0,
  CPU_STATE_SYSTEM: 1,
  CPU_STATE_IDLE: 2,
  CPU_STATE_NICE: 3,
  /** Clock ticks per second of the `cpu_ticks` counters (time.h `CLK_TCK`). */
  CLK_TCK: 100,
  /** sys/sysctl.h: the MIB of the process table, one process, its arguments and their bound. */
  CTL_KERN: 1,
  KERN_ARGMAX: 8,
  KERN_PROC: 14,
  KERN_PROC_ALL: 0,
  KERN_PROC_PID: 1,
  KERN_PROCARGS2: 49,
  /** sys/proc.h `p_stat` values. */
  SIDL: 1,
  SRUN: 2,
  SSLEEP: 3,
  SSTOP: 4,
  SZOMB: 5,
  /** sys/proc_info.h: `proc_pidinfo` flavors and the buffer `proc_pidpath` needs. */
  PROC_PIDTASKINFO: 4,
  PROC_PIDVNODEPATHINFO: 9,
  PROC_PIDPATHINFO_MAXSIZE: 4096,
  PROC_PIDLISTFDS: 1,
  PROC_PIDTHREADINFO: 5,
  PROC_PIDLISTTHREADS: 6,
  /** sys/resource.h: the `proc_pid_rusage` flavor with `ri_phys_footprint`. */
  RUSAGE_INFO_V2: 2,
  /** sys/stat.h: a character device, for `devname`. */
  S_IFCHR: 0x2000,
  /** sys/proc_info.h: `proc_pidfdinfo` flavors, descriptor types, `in_sockinfo` versions, TCP states. */
  PROC_PIDFDVNODEPATHINFO: 2,
  PROC_PIDFDSOCKETINFO: 3,
  PROX_FDTYPE_VNODE: 1,
  PROX_FDTYPE_SOCKET: 2,
  INI_IPV4: 1,
  INI_IPV6: 2,
  TSI_S_CLOSED: 0,
  TSI_S_LISTEN: 1,
  TSI_S_SYN_SENT: 2,
  TSI_S_SYN_RECEIVED: 3,
  TSI_S_ESTABLISHED: 4,
  TSI_S__CLOSE_WAIT: 5,
  TSI_S_FIN_WAIT_1: 6,
  TSI_S_CLOSING: 7,
  TSI_S_LAST_ACK: 8,
  TSI_S_FIN_WAIT_2: 9,
  TSI_S_TIME_WAIT: 10,
  /** sys/socket.h families and types the connection kinds name. */
  AF_UNIX: 1,
  AF_INET: 2,
  SOCK_STREAM: 1,
  SOCK_DGRAM: 2,
  /** sys/wait.h: `waitid` for one pid, exited, without waiting or reaping; `si_code` of a normal exit. */
  P_PID: 1,
  WEXITED: 4,
  WNOHANG: 1,
  WNOWAIT: 0x20,
  CLD_EXITED: 1,
  /** sys/types.h `NODEV`: no controlling terminal. */
  NODEV: -1,
  /** sys/socket.h, net/route.h: the interface list of the routing sysctl, and its per-interface message. */
  CTL_NET: 4,
  PF_ROUTE: 17,
  NET_RT_IFLIST2: 6,
  RTM_IFINFO2: 18,
  /** net/if.h: psutil's `isup` is a running interface. */
  IFF_RUNNING: 0x40,
  /** sys/mount.h: `getfsstat` without waiting for file systems that do not answer. */
  MNT_NOWAIT: 2,
  /** dlfcn.h `RTLD_DEFAULT`: `(void *)-2`, every image loaded. */
  RTLD_DEFAULT: -2n,
} as const;

/** The symbols the macOS backend calls in libSystem. */
export const libSystem = lazyLibrary(
  [LIBSYSTEM],
  {
    /** mach_port_t mach_host_self(void);  (a new send right each call: deallocate it) */
    mach_host_self: { parameters: [], result: "u32" },
    /** int proc_pidinfo(int pid, int flavor, uint64_t arg, void *buffer, int buffersize);  (bytes written, 0 on error) */
    proc_pidinfo: { parameters: ["i32", "i32", "u64", "buffer", "i32"], result: "i32" },
    /** int proc_pidfdinfo(int pid, int fd, int flavor, void *buffer, int buffersize);  (bytes written, 0 on error) */
    proc_pidfdinfo: { parameters: ["i32", "i32", "i32", "buffer", "i32"], result: "i32" },
    /** int proc_pid_rusage(int pid, int flavor, rusage_info_t *buffer);  (0, or -1 and errno) */
    proc_pid_rusage: { parameters: ["i32", "i32", "buffer"], result: "i32" },
    /** char *devname(dev_t dev, mode_t type);  (a static buffer; "??" when no device has the number) */
    devname: { parameters: ["i32", "u16"], result: "pointer" },
    /** int setrlimit(int resource, const struct rlimit *rlp);  (the calling process's only) */
    setrlimit: { parameters: ["i32", "buffer"], result: "i32" },
    /** int kqueue(void); */
    kqueue: { parameters: [], result: "i32" },
    /**
     * int kevent(int kq, const struct kevent *changelist, int nchanges, struct kevent *eventlist, int nevents,
     *     const struct timespec *timeout);
     */
    kevent: { parameters: ["i32", "buffer", "i32", "buffer", "i32", "buffer"], result: "i32" },
    /** int proc_pidpath(int pid, void *buffer, uint32_t buffersize);  (the length, 0 on error) */
    proc_pidpath: { parameters: ["i32", "buffer", "u32"], result: "i32" },
    /** kern_return_t mach_timebase_info(mach_timebase_info_t info); */
    mach_timebase_info: { parameters: ["buffer"], result: "i32" },
    /** kern_return_t mach_port_deallocate(ipc_space_t task, mach_port_name_t name); */
    mach_port_deallocate: { parameters: ["u32", "u32"], result: "i32" },
    /** kern_return_t host_statistics(host_t host, host_flavor_t flavor, host_info_t info, mach_msg_type_number_t *count); */
    host_statistics: { parameters: ["u32", "i32", "buffer", "buffer"], result: "i32" },
    /**
     * kern_return_t host_processor_info(host_t host, processor_flavor_t flavor, natural_t *count,
     *     processor_info_array_t *info, mach_msg_type_number_t *info_count);
     * The array is out of line: `vm_deallocate` it.
     */
    host_processor_info: { parameters: ["u32", "i32", "buffer", "buffer", "buffer"], result: "i32" },
    /** kern_return_t vm_deallocate(vm_map_t task, vm_address_t address, vm_size_t size); */
    vm_deallocate: { parameters: ["u32", "usize", "usize"], result: "i32" },
    /**
     * void *dlsym(void *handle, const char *symbol);  (for `mach_task_self_`, a global: Bun reads no statics)
     * The handle is declared as a 64-bit integer, passed in the same register as a pointer: `RTLD_DEFAULT` is
     * `(void *)-2`, which Bun's pointers (doubles) cannot hold.
     */
    dlsym: { parameters: ["i64", "buffer"], result: "pointer" },
  } as const,
);

/**
 * `int getfsstat(struct statfs *buf, int bufsize, int mode);` (the mounted
 * file systems; NULL counts them), under its exported name ({@link GETFSSTAT}).
 */
export const libSystemFs = lazyLibrary([LIBSYSTEM], {
  [GETFSSTAT]: { parameters: ["buffer", "i32", "i32"], result: "i32" },
});

/** sys/mount.h `MNT_*` flags (with their C names), in the order psutil names them in `opts` (after `ro`/`rw`). */
export const MOUNT_OPTIONS: ReadonlyArray<readonly [flag: number, option: string, cName: string]> = [
  [0x2, "sync", "MNT_SYNCHRONOUS"],
  [0x4, "noexec", "MNT_NOEXEC"],
  [0x8, "nosuid", "MNT_NOSUID"],
  [0x20, "union", "MNT_UNION"],
  [0x40, "async", "MNT_ASYNC"],
  [0x100, "exported", "MNT_EXPORTED"],
  [0x400, "quarantine", "MNT_QUARANTINE"],
  [0x1000, "local", "MNT_LOCAL"],
  [0x2000, "quota", "MNT_QUOTA"],
  [0x4000, "rootfs", "MNT_ROOTFS"],
  [0x8000, "dovolfs", "MNT_DOVOLFS"],
  [0x100000, "dontbrowse", "MNT_DONTBROWSE"],
  [0x200000, "ignore-ownership", "MNT_IGNORE_OWNERSHIP"],
  [0x400000, "automounted", "MNT_AUTOMOUNTED"],
  [0x800000, "journaled", "MNT_JOURNALED"],
  [0x1000000, "nouserxattr", "MNT_NOUSERXATTR"],
  [0x2000000, "defwrite", "MNT_DEFWRITE"],
  [0x4000000, "multilabel", "MNT_MULTILABEL"],
  [0x10000000, "noatime", "MNT_NOATIME"],
  [0x10000, "update", "MNT_UPDATE"],
  [0x40000, "reload", "MNT_RELOAD"],
  [0x80000, "force", "MNT_FORCE"],
  [0xf0000, "cmdflags", "MNT_CMDFLAGS"],
];

/** net/if.h `IFF_*` flags (with their C names) in the order psutil names them in `netIfStats` `flags`. */
export const IFF_NAMES: ReadonlyArray<readonly [flag: number, name: string, cName: string]> = [
  [0x1, "up", "IFF_UP"],
  [0x2, "broadcast", "IFF_BROADCAST"],
  [0x4, "debug", "IFF_DEBUG"],
  [0x8, "loopback", "IFF_LOOPBACK"],
  [0x10, "pointopoint", "IFF_POINTOPOINT"],
  [0x20, "notrailers", "IFF_NOTRAILERS"],
  [0x40, "running", "IFF_RUNNING"],
  [0x80, "noarp", "IFF_NOARP"],
  [0x100, "promisc", "IFF_PROMISC"],
  [0x200, "allmulti", "IFF_ALLMULTI"],
  [0x8000, "multicast", "IFF_MULTICAST"],
  [0x400, "oactive", "IFF_OACTIVE"],
  [0x800, "simplex", "IFF_SIMPLEX"],
  [0x1000, "link0", "IFF_LINK0"],
  [0x2000, "link1", "IFF_LINK1"],
  [0x4000, "link2", "IFF_LINK2"],
];
