/**
 * Windows services (psutil's `win_service_iter` and `win_service_get`).
 * Only Windows has them: elsewhere both throw `NotImplementedError`.
 *
 * @module
 */
import { NotImplementedError } from "../errors.ts";
import { backend } from "../platform/mod.ts";

/** A Windows service, as psutil's `WindowsService`. */
export interface WindowsService {
  /** The service's key name. */
  name(): string;
  /** The name shown to users. */
  displayName(): string;
  /** The command line that starts it. */
  binpath(): string;
  /** The account it runs as. */
  username(): string;
  /** `"automatic"`, `"manual"` or `"disabled"`. */
  startType(): string;
  /** Its process id, `null` when it is not running. */
  pid(): number | null;
  /** `"running"`, `"paused"`, `"start_pending"`, `"pause_pending"`, `"continue_pending"`, `"stop_pending"` or `"stopped"`. */
  status(): string;
  /** Its description. */
  description(): string;
  /** Every field at once. */
  asDict(): Record<string, unknown>;
}

/**
 * Every installed Windows service. Throws `NotImplementedError` on other
 * systems.
 *
 * @example
 * ```ts
 * import { WINDOWS, winServiceIter } from "./mod.ts";
 * if (WINDOWS) for (const s of winServiceIter()) console.log(s.name(), s.status());
 * ```
 */
export function winServiceIter(): IterableIterator<WindowsService> {
  throw new NotImplementedError("winServiceIter", backend.os);
}

/**
 * The Windows service named `name`. Throws `NotImplementedError` on other
 * systems.
 *
 * @example
 * ```ts
 * import { WINDOWS, winServiceGet } from "./mod.ts";
 * if (WINDOWS) console.log(winServiceGet("Spooler").status());
 * ```
 */
export function winServiceGet(name: string): WindowsService {
  if (typeof name !== "string" || name === "") throw new TypeError("winServiceGet: name must be a non-empty string");
  throw new NotImplementedError("winServiceGet", backend.os);
}
