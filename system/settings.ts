/**
 * Library settings: the procfs root (psutil's `PROCFS_PATH`) and the sysfs
 * root, for containers and fixture trees.
 *
 * @module
 */
export { getProcfsPath, getSysfsPath, setProcfsPath, setSysfsPath } from "../platform/linux/procfs.ts";
