/*
 * The C floor of the benchmark: the same kernel work the library does, with
 * nothing on top, so a JavaScript figure can be read against what the kernel
 * itself costs. Built by bench/compare.ts with the system's C compiler when
 * one is present (`cc -O2 bench/floor.c`); prints one JSON object of
 * microseconds per call, best of ROUNDS rounds.
 *
 *   fresh        per process table pass: getdents64 of /proc, then
 *                open/read/close of stat, status and cmdline of every pid
 *   kept         the same pass with every stat kept open and re-read by pread
 *   meminfo      open/read/close of /proc/meminfo and a parse of its numbers
 *   connections  the inet sock_diag dumps (TCP and UDP, IPv4 and IPv6) and
 *                the descriptor scan of every process (readlink of each fd)
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <fcntl.h>
#include <linux/inet_diag.h>
#include <linux/netlink.h>
#include <linux/sock_diag.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

#define ROUNDS 5
static char buf[1 << 16];
static int pidv[1 << 16];
static int npid;

static double now_us(void) {
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return t.tv_sec * 1e6 + t.tv_nsec / 1e3;
}

static int list_numeric(const char *path, int *out, int max) {
  int fd = open(path, O_RDONLY | O_DIRECTORY | O_CLOEXEC), n = 0;
  if (fd < 0) return 0;
  char d[32768];
  for (;;) {
    long r = syscall(SYS_getdents64, fd, d, sizeof d);
    if (r <= 0) break;
    for (long off = 0; off < r;) {
      struct dirent64 *e = (struct dirent64 *)(d + off);
      if (e->d_name[0] >= '0' && e->d_name[0] <= '9' && n < max) out[n++] = atoi(e->d_name);
      off += e->d_reclen;
    }
  }
  close(fd);
  return n;
}

static long read_file(const char *path) {
  int fd = open(path, O_RDONLY | O_CLOEXEC);
  if (fd < 0) return -1;
  long n = read(fd, buf, sizeof buf);
  close(fd);
  return n;
}

static long fresh(void) {
  char p[64];
  long total = 0;
  npid = list_numeric("/proc", pidv, 1 << 16);
  for (int i = 0; i < npid; i++) {
    static const char *files[] = {"stat", "status", "cmdline"};
    for (int f = 0; f < 3; f++) {
      snprintf(p, sizeof p, "/proc/%d/%s", pidv[i], files[f]);
      total += read_file(p);
    }
  }
  return total;
}

static int keptfd[1 << 16];
static long kept(void) {
  long total = 0;
  for (int i = 0; i < npid; i++) {
    if (keptfd[i] >= 0) total += pread(keptfd[i], buf, sizeof buf, 0);
  }
  return total;
}

static long meminfo(void) {
  long n = read_file("/proc/meminfo"), sum = 0, v = 0;
  for (long i = 0; i < n; i++) {
    char c = buf[i];
    if (c >= '0' && c <= '9') v = v * 10 + c - '0';
    else if (c == '\n') { sum += v; v = 0; }
  }
  return sum;
}

/* proto 0: both TCP families in one dump of the older TCPDIAG_GETSOCK request with AF_UNSPEC, as the library asks. */
static long dump(int family, int proto) {
  int s = socket(AF_NETLINK, SOCK_DGRAM | SOCK_CLOEXEC, NETLINK_SOCK_DIAG);
  if (s < 0) return 0;
  struct { struct nlmsghdr h; union { struct inet_diag_req_v2 r; struct inet_diag_req old; }; } req;
  memset(&req, 0, sizeof req);
  req.h.nlmsg_flags = NLM_F_REQUEST | NLM_F_DUMP;
  if (proto == 0) {
    req.h.nlmsg_len = NLMSG_LENGTH(sizeof req.old);
    req.h.nlmsg_type = TCPDIAG_GETSOCK;
    req.old.idiag_family = family;
    req.old.idiag_states = 0x1ffe;
  } else {
    req.h.nlmsg_len = NLMSG_LENGTH(sizeof req.r);
    req.h.nlmsg_type = SOCK_DIAG_BY_FAMILY;
    req.r.sdiag_family = family;
    req.r.sdiag_protocol = proto;
    req.r.idiag_states = 0x1ffe; /* ESTABLISHED..NEW_SYN_RECV, as the library asks */
  }
  send(s, &req, req.h.nlmsg_len, 0);
  long rows = 0;
  for (int done = 0; !done;) {
    long n = recv(s, buf, sizeof buf, 0);
    if (n <= 0) break;
    for (struct nlmsghdr *h = (struct nlmsghdr *)buf; NLMSG_OK(h, n); h = NLMSG_NEXT(h, n)) {
      if (h->nlmsg_type == NLMSG_DONE || h->nlmsg_type == NLMSG_ERROR) { done = 1; break; }
      struct inet_diag_msg *m = NLMSG_DATA(h);
      rows += m->idiag_inode != 0;
    }
  }
  close(s);
  return rows;
}

static int fdv[1 << 16];
static long connections(void) {
  long rows = dump(AF_UNSPEC, 0) + dump(AF_INET, IPPROTO_UDP) + dump(AF_INET6, IPPROTO_UDP);
  char p[64], link[64];
  npid = list_numeric("/proc", pidv, 1 << 16);
  for (int i = 0; i < npid; i++) {
    snprintf(p, sizeof p, "/proc/%d/fd", pidv[i]);
    int n = list_numeric(p, fdv, 1 << 16);
    for (int f = 0; f < n; f++) {
      snprintf(p, sizeof p, "/proc/%d/fd/%d", pidv[i], fdv[f]);
      long l = readlink(p, link, sizeof link);
      rows += l > 8 && memcmp(link, "socket:[", 8) == 0;
    }
  }
  return rows;
}

static double best(long (*fn)(void), int reps) {
  double b = 1e18;
  volatile long sink = fn();
  for (int r = 0; r < ROUNDS; r++) {
    double t = now_us();
    for (int i = 0; i < reps; i++) sink += fn();
    double per = (now_us() - t) / reps;
    if (per < b) b = per;
  }
  (void)sink;
  return b;
}

int main(void) {
  double f = best(fresh, 5);
  char p[64];
  for (int i = 0; i < npid; i++) {
    snprintf(p, sizeof p, "/proc/%d/stat", pidv[i]);
    keptfd[i] = open(p, O_RDONLY | O_CLOEXEC);
  }
  double k = best(kept, 20);
  double m = best(meminfo, 500);
  double c = best(connections, 5);
  printf("{\"processes\": %d, \"fresh\": %.1f, \"kept\": %.1f, \"meminfo\": %.2f, \"connections\": %.1f}\n", npid, f, k, m,
         c);
  return 0;
}
