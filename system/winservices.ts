/**
 * Windows services (psutil's `win_service_iter` and `win_service_get`),
 * through the service control manager. Only Windows has them: elsewhere
 * both throw `NotImplementedError`.
 *
 * @module
 */
import { NotImplementedError } from "../errors.ts";
import { backend } from "../platform/mod.ts";
import type { WindowsService } from "../types.ts";

/**
 * Every installed Windows service. Throws `NotImplementedError` on other
 * systems.
 *
 * @example
 * ```ts
 * import { WINDOWS, winServiceIter } from "@x/psutil";
 * if (WINDOWS) for (const s of winServiceIter()) console.log(s.name(), s.status());
 * ```
 */
export function winServiceIter(): IterableIterator<WindowsService> {
  if (!backend.winServiceIter) throw new NotImplementedError("winServiceIter", backend.os);
  return backend.winServiceIter()[Symbol.iterator]();
}

/**
 * The Windows service named `name`. Throws `NotImplementedError` on other
 * systems.
 *
 * @example
 * ```ts
 * import { WINDOWS, winServiceGet } from "@x/psutil";
 * if (WINDOWS) console.log(winServiceGet("Spooler").status());
 * ```
 */
export function winServiceGet(name: string): WindowsService {
  if (typeof name !== "string" || name === "") throw new TypeError("winServiceGet: name must be a non-empty string");
  if (!backend.winServiceGet) throw new NotImplementedError("winServiceGet", backend.os);
  return backend.winServiceGet(name);
}
