/**
 * The C library of the POSIX systems (Linux glibc or musl, macOS, FreeBSD):
 * the symbols every POSIX backend shares, and `errno` read through the
 * libc's own accessor right after a failing call.
 *
 * @module
 */
import { POSIX_ABI } from "../abi.ts";
import { ffi, lazyLibrary } from "../mod.ts";
import type { Pointer } from "../types.ts";

/** Candidate file names of the C library of the current OS; the first that opens wins. */
export const LIBC_NAMES: readonly string[] = POSIX_ABI.libc;

/** Symbols present in every supported libc with the same prototype. */
export const libcSymbols = {
  /**
   * int open(const char *path, int flags, ...);
   * Declared without the variadic mode: files are only opened for reading, and
   * Apple's arm64 ABI passes variadic arguments on the stack.
   */
  open: { parameters: ["buffer", "i32"], result: "i32" },
  /** ssize_t read(int fd, void *buf, size_t count); */
  read: { parameters: ["i32", "buffer", "usize"], result: "isize" },
  /** ssize_t pread(int fd, void *buf, size_t count, off_t offset); */
  pread: { parameters: ["i32", "buffer", "usize", "i64"], result: "isize" },
  /** int access(const char *path, int mode); */
  access: { parameters: ["buffer", "i32"], result: "i32" },
  /** ssize_t readlink(const char *path, char *buf, size_t bufsiz); */
  readlink: { parameters: ["buffer", "buffer", "usize"], result: "isize" },
  /** ssize_t sendto(int fd, const void *buf, size_t len, int flags, const struct sockaddr *addr, socklen_t addrlen); */
  sendto: { parameters: ["i32", "buffer", "usize", "i32", "buffer", "u32"], result: "isize" },
  /** ssize_t recv(int fd, void *buf, size_t len, int flags); */
  recv: { parameters: ["i32", "buffer", "usize", "i32"], result: "isize" },
  /** int close(int fd); */
  close: { parameters: ["i32"], result: "i32" },
  /** long sysconf(int name); */
  sysconf: { parameters: ["i32"], result: "i64" },
  /** pid_t getpid(void); */
  getpid: { parameters: [], result: "i32" },
  /** int kill(pid_t pid, int sig); */
  kill: { parameters: ["i32", "i32"], result: "i32" },
  /** int getpwuid_r(uid_t uid, struct passwd *pwd, char *buf, size_t buflen, struct passwd **result); */
  getpwuid_r: { parameters: ["u32", "buffer", "buffer", "usize", "buffer"], result: "i32" },
  /** int getpriority(int which, id_t who); */
  getpriority: { parameters: ["i32", "u32"], result: "i32" },
  /** int setpriority(int which, id_t who, int prio); */
  setpriority: { parameters: ["i32", "u32", "i32"], result: "i32" },
  /** int statvfs(const char *path, struct statvfs *buf); */
  statvfs: { parameters: ["buffer", "buffer"], result: "i32" },
  /** long pathconf(const char *path, int name); */
  pathconf: { parameters: ["buffer", "i32"], result: "i64" },
  /** int getifaddrs(struct ifaddrs **ifap); */
  getifaddrs: { parameters: ["buffer"], result: "i32" },
  /** void freeifaddrs(struct ifaddrs *ifa); */
  freeifaddrs: { parameters: ["pointer"], result: "void" },
  /** void setutxent(void); */
  setutxent: { parameters: [], result: "void" },
  /** struct utmpx *getutxent(void); */
  getutxent: { parameters: [], result: "pointer" },
  /** void endutxent(void); */
  endutxent: { parameters: [], result: "void" },
  /** int utmpxname(const char *file);  (glibc: which utmp file getutxent reads) */
  utmpxname: { parameters: ["buffer"], result: "i32", optional: true },
  /** int getrlimit(int resource, struct rlimit *rlim); */
  getrlimit: { parameters: ["i32", "buffer"], result: "i32" },
  /** int socket(int domain, int type, int protocol); */
  socket: { parameters: ["i32", "i32", "i32"], result: "i32" },
  /** int waitid(idtype_t idtype, id_t id, siginfo_t *infop, int options); */
  waitid: { parameters: ["i32", "u32", "buffer", "i32"], result: "i32" },
  /** int poll(struct pollfd *fds, nfds_t nfds, int timeout); */
  poll: { parameters: ["buffer", "u64", "i32"], result: "i32" },
  /** char *strerror(int errnum); */
  strerror: { parameters: ["i32"], result: "pointer" },
  /** int *__errno_location(void);  (glibc, musl) */
  __errno_location: { parameters: [], result: "pointer", optional: true },
  /** int *__error(void);  (macOS, FreeBSD) */
  __error: { parameters: [], result: "pointer", optional: true },
  /** int sysctl(const int *name, u_int namelen, void *oldp, size_t *oldlenp, const void *newp, size_t newlen);  (the BSDs) */
  sysctl: { parameters: ["buffer", "u32", "buffer", "buffer", "pointer", "usize"], result: "i32", optional: true },
  /** int sysctlbyname(const char *name, void *oldp, size_t *oldlenp, const void *newp, size_t newlen);  (the BSDs) */
  sysctlbyname: { parameters: ["buffer", "buffer", "buffer", "pointer", "usize"], result: "i32", optional: true },
} as const;

/** The C library, opened on first use. */
export const libc = lazyLibrary(LIBC_NAMES, libcSymbols);

let errnoPtr: Pointer | null | undefined;

/**
 * The calling thread's `errno`. Call it in the statement right after the call
 * that failed: the address is per thread and is cached for this one.
 */
export function lastErrno(): number {
  if (errnoPtr === undefined) {
    const s = libc.symbols;
    const fn = s.__errno_location ?? s.__error;
    if (!fn) throw new Error("The C library has no errno accessor");
    errnoPtr = fn();
  }
  return errnoPtr === null ? 0 : ffi().int32At(errnoPtr, 0);
}
