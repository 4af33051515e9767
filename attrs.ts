/**
 * The attribute names of processes: those `asDict` and `processIter` read
 * (psutil's), and those a `Monitor` reads. The facade checks names against
 * them and the backends know which files each needs, so they live here,
 * beside `types.ts`, where every layer may import them.
 *
 * @module
 */

/** The names `asDict` and `processIter` accept, sorted as psutil sorts them. */
export const PROCESS_ATTRS = [
  "cmdline",
  "connections",
  "cpuAffinity",
  "cpuNum",
  "cpuPercent",
  "cpuTimes",
  "createTime",
  "cwd",
  "environ",
  "exe",
  "gids",
  "ioCounters",
  "ionice",
  "memoryFullInfo",
  "memoryInfo",
  "memoryMaps",
  "memoryPercent",
  "name",
  "nice",
  "numCtxSwitches",
  "numFds",
  "numHandles",
  "numThreads",
  "openFiles",
  "pid",
  "ppid",
  "status",
  "terminal",
  "threads",
  "uids",
  "username",
] as const;

/** An attribute name `asDict` and `processIter` accept. */
export type ProcessAttr = typeof PROCESS_ATTRS[number];

/** The attributes a `Monitor` can read. */
export const MONITOR_ATTRS = [
  "pid",
  "name",
  "ppid",
  "status",
  "cpuTimes",
  "cpuPercent",
  "memoryInfo",
  "memoryPercent",
  "username",
  "createTime",
  "cmdline",
  "nice",
  "numThreads",
  "cpuNum",
] as const;

/** An attribute a `Monitor` reads. */
export type MonitorAttr = typeof MONITOR_ATTRS[number];
