/**
 * The FFI facade the platform code uses: the runtime's adapter (created on
 * first use), lazily opened libraries, and bounded reads of native memory.
 *
 * @module
 */
import { createBunAdapter } from "./bun.ts";
import { createDenoAdapter } from "./deno.ts";
import { createNodeAdapter } from "./node.ts";
import { isBun, isNode, libraryFile } from "./runtime.ts";
import type { FfiAdapter, Pointer, Symbols, SymbolTable } from "./types.ts";

export type { FfiAdapter, NativeType, Pointer, SymbolDef, Symbols, SymbolTable } from "./types.ts";

let adapter: FfiAdapter | undefined;

/** The adapter of the runtime we run on, created on first use. */
export function ffi(): FfiAdapter {
  return adapter ??= isBun ? createBunAdapter() : isNode ? createNodeAdapter() : createDenoAdapter();
}

/** A library opened on first use of `symbols`. */
export interface LazyLibrary<S extends SymbolTable> {
  /** The symbols; the first access opens the library (and throws if none of its names opens). */
  readonly symbols: Symbols<S>;
  /** The file name that opened, once it has. */
  readonly path: string | undefined;
}

/**
 * Declares a library by its candidate file names, tried in order on first use.
 * Declaring opens nothing.
 */
export function lazyLibrary<S extends SymbolTable>(
  candidates: readonly string[],
  symbols: S,
): LazyLibrary<S> {
  let opened: Symbols<S> | undefined;
  let path: string | undefined;
  return {
    get symbols(): Symbols<S> {
      if (opened) return opened;
      const errors: string[] = [];
      for (const name of candidates) {
        try {
          opened = ffi().open(libraryFile(name), symbols);
          path = name;
          return opened;
        } catch (e) {
          errors.push(`${name}: ${(e as Error).message}`);
        }
      }
      throw new Error(`Cannot open any of ${candidates.join(", ")}: ${errors.join("; ")}`);
    },
    get path(): string | undefined {
      return path;
    },
  };
}

const utf8 = new TextDecoder("utf-8");

/**
 * The NUL-terminated string at `ptr + offset`, decoded as UTF-8, reading at
 * most `max` bytes (a string without a NUL within them is cut there).
 */
export function readCString(ptr: Pointer | null, offset = 0, max = 65536): string {
  if (ptr === null) return "";
  const a = ffi();
  const len = a.cStringLength(ptr, offset, max);
  return utf8.decode(a.copy(ptr, offset, len));
}

/** Decodes the NUL-terminated bytes at the start of `buf` (a `char[N]` field). */
export function cStringFromBytes(buf: Uint8Array, offset = 0, max = buf.length - offset): string {
  let end = offset;
  const stop = Math.min(buf.length, offset + max);
  while (end < stop && buf[end] !== 0) end++;
  return utf8.decode(buf.subarray(offset, end));
}

const encoder = new TextEncoder();

/**
 * The pointer a C function wrote into an out-parameter buffer (`T **out`,
 * a `HANDLE *`), little-endian 64-bit; `null` for NULL.
 */
export function pointerOut(buf: Uint8Array, offset = 0): Pointer | null {
  return ffi().fromAddress(new DataView(buf.buffer, buf.byteOffset).getBigUint64(offset, true));
}

/**
 * The address of `buf`'s first byte, for a struct field that points at it
 * or a call that takes an integer address. Take it right before the call
 * that uses it: Bun pins the buffer then, and a buffer's address is only
 * good while nothing can move it.
 */
export function addressOf(buf: Uint8Array): bigint {
  const a = ffi();
  return a.address(a.pointerOf(buf));
}

/** The DWORD (unsigned 32-bit, little-endian) a C function wrote into an out-parameter buffer (`DWORD *`). */
export function dwordOut(buf: Uint8Array, offset = 0): number {
  return new DataView(buf.buffer, buf.byteOffset).getUint32(offset, true);
}

/** The 64-bit unsigned integer (`SIZE_T *`, `ULARGE_INTEGER *`) a C function wrote into an out-parameter buffer. */
export function u64Out(buf: Uint8Array, offset = 0): bigint {
  return new DataView(buf.buffer, buf.byteOffset).getBigUint64(offset, true);
}

/** `s` as a NUL-terminated UTF-8 buffer, for a `const char *` parameter. */
export function cString(s: string): Uint8Array {
  if (s.includes("\0")) throw new TypeError(`A path or name cannot contain a NUL byte: ${JSON.stringify(s)}`);
  const bytes = new Uint8Array(s.length * 3 + 1);
  const { written } = encoder.encodeInto(s, bytes);
  return bytes.subarray(0, written + 1);
}
