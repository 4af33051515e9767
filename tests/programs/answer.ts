// What the stand-in target programs print for one call: its value, or the error it threw as its class, code, errno
// and message. It imports nothing of the library's: the programs choose the target OS before the library's first import.

/** `fn()`'s value, or what it threw as `{ error, code, errno, message }`. */
export function answer(fn: () => unknown): unknown {
  try {
    return fn();
  } catch (e) {
    const err = e as Error & { code?: string; errno?: number };
    return { error: err.constructor.name, code: err.code ?? null, errno: err.errno ?? null, message: err.message };
  }
}
