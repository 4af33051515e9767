/**
 * The Linux-only symbols of the C library (glibc or musl), in a table of
 * their own: the POSIX table (`ffi/posix/libc.ts`) holds what every POSIX
 * libc has. It opens the same library file.
 *
 * @module
 */
import { lazyLibrary } from "../mod.ts";
import { LIBC_NAMES } from "../posix/libc.ts";

/** Symbols only Linux's C libraries have. */
export const linuxLibcSymbols = {
  /** int ioctl(int fd, unsigned long request, ...);  (declared with one pointer argument: every request used passes one) */
  ioctl: { parameters: ["i32", "u64", "buffer"], result: "i32" },
  /** int prlimit(pid_t pid, int resource, const struct rlimit *new, struct rlimit *old); */
  prlimit: { parameters: ["i32", "i32", "buffer", "buffer"], result: "i32", optional: true },
  /** int sched_getaffinity(pid_t pid, size_t cpusetsize, cpu_set_t *mask); */
  sched_getaffinity: { parameters: ["i32", "usize", "buffer"], result: "i32", optional: true },
  /** int sched_setaffinity(pid_t pid, size_t cpusetsize, const cpu_set_t *mask); */
  sched_setaffinity: { parameters: ["i32", "usize", "buffer"], result: "i32", optional: true },
  /**
   * long syscall(long number, ...);  (Linux: getdents64, newfstatat, ioprio_get/set, pidfd_open, pidfd_send_signal,
   * io_uring_setup/enter/register)
   * Declared with six fixed arguments after the number, the most a Linux
   * system call takes (io_uring_enter): the variadic ones travel in the same
   * registers on x86_64 and aarch64 Linux. Pass 0 for the arguments a call
   * does not take (an argument left out would be whatever the register held).
   */
  syscall: { parameters: ["i64", "i64", "i64", "i64", "i64", "i64", "i64"], result: "i64", optional: true },
  /** void *mmap(void *addr, size_t length, int prot, int flags, int fd, off_t offset); */
  mmap: { parameters: ["pointer", "usize", "i32", "i32", "i32", "i64"], result: "pointer", optional: true },
  /** int munmap(void *addr, size_t length); */
  munmap: { parameters: ["pointer", "usize"], result: "i32", optional: true },
  /** int sysinfo(struct sysinfo *info); */
  sysinfo: { parameters: ["buffer"], result: "i32", optional: true },
} as const;

/** Linux's C library, opened on first use, for its Linux-only symbols. */
export const linuxLibc = lazyLibrary(LIBC_NAMES, linuxLibcSymbols);
