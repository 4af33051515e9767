/**
 * What the BSDs (macOS, FreeBSD) share about sockets: psutil's connection
 * kinds as families and socket types (AF_INET 2, AF_UNIX 1, SOCK_STREAM 1 and
 * SOCK_DGRAM 2 everywhere; AF_INET6 is the OS's), and the TCP states of
 * netinet/tcp_fsm.h (`TCPS_*`, which macOS's `TSI_S_*` number alike) as
 * psutil's `CONN_*`.
 *
 * @module
 */
import {
  AF_INET6,
  CONN_CLOSE,
  CONN_CLOSE_WAIT,
  CONN_CLOSING,
  CONN_ESTABLISHED,
  CONN_FIN_WAIT1,
  CONN_FIN_WAIT2,
  CONN_LAST_ACK,
  CONN_LISTEN,
  CONN_SYN_RECV,
  CONN_SYN_SENT,
  CONN_TIME_WAIT,
} from "../../constants.ts";

/** sys/socket.h numbers that are the same on every BSD. */
export const AF_UNIX = 1, AF_INET = 2, SOCK_STREAM = 1, SOCK_DGRAM = 2;

/** psutil's kinds: the families and socket types each lists. */
export const KINDS: Readonly<Record<string, readonly [readonly number[], readonly number[]]>> = (() => {
  const both = [SOCK_STREAM, SOCK_DGRAM], S = [SOCK_STREAM], D = [SOCK_DGRAM];
  return {
    all: [[AF_INET, AF_INET6, AF_UNIX], both],
    inet: [[AF_INET, AF_INET6], both],
    inet4: [[AF_INET], both],
    inet6: [[AF_INET6], both],
    tcp: [[AF_INET, AF_INET6], S],
    tcp4: [[AF_INET], S],
    tcp6: [[AF_INET6], S],
    udp: [[AF_INET, AF_INET6], D],
    udp4: [[AF_INET], D],
    udp6: [[AF_INET6], D],
    unix: [[AF_UNIX], both],
  };
})();

/** `TCPS_CLOSED` .. `TCPS_TIME_WAIT` (0..10) as psutil's `CONN_*`. */
export const TCP_STATES: Readonly<Record<number, string>> = {
  0: CONN_CLOSE,
  1: CONN_LISTEN,
  2: CONN_SYN_SENT,
  3: CONN_SYN_RECV,
  4: CONN_ESTABLISHED,
  5: CONN_CLOSE_WAIT,
  6: CONN_FIN_WAIT1,
  7: CONN_CLOSING,
  8: CONN_LAST_ACK,
  9: CONN_FIN_WAIT2,
  10: CONN_TIME_WAIT,
};
