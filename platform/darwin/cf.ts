/**
 * CoreFoundation values as JavaScript ones, every object the backend owns
 * released in the scope that made it: strings, numbers, dictionaries'
 * values, data bytes; and IOKit registry objects released likewise.
 *
 * @module
 */
import { cString, ffi, type Pointer } from "../../ffi/mod.ts";
import { CF, coreFoundation, ioKit } from "../../ffi/darwin/frameworks.ts";

/**
 * A scope for CF objects and IOKit handles: `own` and `ownIo` register what
 * the caller must release, and everything registered is released when `fn`
 * returns or throws.
 */
export function withCF<T>(fn: (scope: CFScope) => T): T {
  const scope = new CFScope();
  try {
    return fn(scope);
  } finally {
    scope.releaseAll();
  }
}

/** What {@link withCF} releases at the end. */
export class CFScope {
  #objects: Pointer[] = [];
  #io: number[] = [];

  /** `p` (a CF object the caller owns), released at the end of the scope; `null` stays `null`. */
  own(p: Pointer | null): Pointer | null {
    if (p !== null) this.#objects.push(p);
    return p;
  }

  /** An IOKit object handle, released at the end of the scope; 0 stays 0. */
  ownIo(h: number): number {
    if (h !== 0) this.#io.push(h);
    return h;
  }

  /** A CFString of `s`, released at the end of the scope. */
  string(s: string): Pointer {
    const p = coreFoundation.symbols.CFStringCreateWithCString(null, cString(s), CF.kCFStringEncodingUTF8);
    if (p === null) throw new Error(`CFStringCreateWithCString failed for ${JSON.stringify(s)}`);
    this.#objects.push(p);
    return p;
  }

  /** `dict[key]` (not owned), `null` when absent or `dict` is `null`. */
  get(dict: Pointer | null, key: string): Pointer | null {
    if (dict === null) return null;
    return coreFoundation.symbols.CFDictionaryGetValue(dict, this.string(key));
  }

  /** Releases everything, the last registered first. */
  releaseAll(): void {
    const c = coreFoundation.symbols;
    for (let i = this.#objects.length - 1; i >= 0; i--) c.CFRelease(this.#objects[i]);
    for (let i = this.#io.length - 1; i >= 0; i--) ioKit.symbols.IOObjectRelease(this.#io[i]);
    this.#objects = [];
    this.#io = [];
  }
}

/** The text of a CFString, `null` when `p` is not one. */
export function cfString(p: Pointer | null): string | null {
  const c = coreFoundation.symbols;
  if (p === null || c.CFGetTypeID(p) !== c.CFStringGetTypeID()) return null;
  for (let size = 256; size <= 1 << 16; size *= 4) {
    const buf = new Uint8Array(size);
    if (c.CFStringGetCString(p, buf, BigInt(size), CF.kCFStringEncodingUTF8)) {
      const end = buf.indexOf(0);
      return new TextDecoder().decode(buf.subarray(0, end < 0 ? size : end));
    }
  }
  return null;
}

/** A CFNumber as a 64-bit integer (`kCFNumberSInt64Type`), `null` when `p` is not one or it does not convert. */
export function cfInt(p: Pointer | null, type: number = CF.kCFNumberSInt64Type): number | null {
  const c = coreFoundation.symbols;
  if (p === null || c.CFGetTypeID(p) !== c.CFNumberGetTypeID()) return null;
  const out = new BigInt64Array(1);
  if (!c.CFNumberGetValue(p, BigInt(type), new Uint8Array(out.buffer))) return null;
  return type === CF.kCFNumberSInt64Type ? Number(out[0]) : new Int32Array(out.buffer)[0];
}

/** The bytes of a CFData (a copy), `null` when `p` is not one. */
export function cfData(p: Pointer | null): Uint8Array | null {
  const c = coreFoundation.symbols;
  if (p === null || c.CFGetTypeID(p) !== c.CFDataGetTypeID()) return null;
  const len = Number(c.CFDataGetLength(p));
  const bytes = c.CFDataGetBytePtr(p);
  return len <= 0 || bytes === null ? new Uint8Array(0) : ffi().copy(bytes, 0, len);
}

/** Whether `p` is a CFDictionary. */
export function isCfDict(p: Pointer | null): p is Pointer {
  const c = coreFoundation.symbols;
  return p !== null && c.CFGetTypeID(p) === c.CFDictionaryGetTypeID();
}
