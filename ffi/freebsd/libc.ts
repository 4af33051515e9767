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
  /** sys/wait.h: `waitpid` without waiting. */
  WNOHANG: 1,
} as const;

/** FreeBSD's own calls in libc. */
export const freebsdLibc = lazyLibrary(
  ["libc.so.7"],
  {
    /** int getloadavg(double loadavg[], int nelem); */
    getloadavg: { parameters: ["buffer", "i32"], result: "i32" },
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
