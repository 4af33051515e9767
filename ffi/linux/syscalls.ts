/**
 * Linux system call numbers the library calls through `syscall(2)`, for the
 * architecture this runs on: x86_64 has its own table; aarch64 (arm64) uses
 * the generic one (include/uapi/asm-generic/unistd.h, where `newfstatat` is
 * named `fstatat`). The pidfd calls have
 * the same numbers on both.
 *
 * @module
 */
import { currentArch } from "../runtime.ts";

const ARM64 = currentArch === "aarch64" || currentArch === "arm64";

/** The numbers, by call name. */
export const SYS: {
  readonly getdents64: number;
  readonly ioprio_get: number;
  readonly ioprio_set: number;
  readonly newfstatat: number;
  readonly pidfd_open: number;
  readonly pidfd_send_signal: number;
} = ARM64
  ? { getdents64: 61, ioprio_get: 31, ioprio_set: 30, newfstatat: 79, pidfd_open: 434, pidfd_send_signal: 424 }
  : { getdents64: 217, ioprio_get: 252, ioprio_set: 251, newfstatat: 262, pidfd_open: 434, pidfd_send_signal: 424 };
