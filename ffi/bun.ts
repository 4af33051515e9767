/**
 * The Bun side of the FFI adapter. Only this file touches `bun:ffi`, and it
 * loads it only when the adapter is created, which happens only under Bun:
 * the types it needs are declared here, so `deno check` needs nothing of Bun's.
 *
 * @module
 */
import type { FfiAdapter, NativeType, Pointer, Symbols, SymbolTable } from "./types.ts";

/** The part of `bun:ffi` this adapter uses. */
interface BunFfi {
  dlopen(
    path: string,
    symbols: Record<string, { args: string[]; returns: string }>,
  ): { symbols: Record<string, (...args: unknown[]) => unknown>; close(): void };
  ptr(view: ArrayBufferView, byteOffset?: number): number;
  toArrayBuffer(ptr: number, byteOffset: number, byteLength: number): ArrayBuffer;
  read: {
    u8(ptr: number, offset: number): number;
    i32(ptr: number, offset: number): number;
    u64(ptr: number, offset: number): bigint;
  };
}

interface BunImportMeta {
  require(id: string): unknown;
}

const BUN_TYPE: Record<NativeType, string> = {
  void: "void",
  i8: "i8",
  u8: "u8",
  i16: "i16",
  u16: "u16",
  i32: "i32",
  u32: "u32",
  i64: "i64",
  u64: "u64",
  isize: "i64",
  usize: "u64",
  f32: "f32",
  f64: "f64",
  pointer: "ptr",
  // "ptr" rather than "buffer": it takes a typed array (at its byte offset) and also null.
  buffer: "ptr",
};

const asNum = (p: Pointer | null): number => (p ?? 0) as unknown as number;
const asOurs = (n: number | null): Pointer | null => (n ? n as unknown as Pointer : null);

/** Builds the adapter over `bun:ffi`. */
export function createBunAdapter(): FfiAdapter {
  const ffi = (import.meta as unknown as BunImportMeta).require("bun:ffi") as BunFfi;
  const toBun = (def: SymbolTable[string]) => ({
    args: def.parameters.map((t) => BUN_TYPE[t]),
    // A "buffer" result is a pointer we read ourselves.
    returns: def.result === "buffer" ? "ptr" : BUN_TYPE[def.result],
  });
  return {
    runtime: "bun",
    open<S extends SymbolTable>(path: string, symbols: S): Symbols<S> {
      const required: Record<string, { args: string[]; returns: string }> = {};
      const optional: string[] = [];
      for (const [name, def] of Object.entries(symbols)) {
        if (def.optional) optional.push(name);
        else required[name] = toBun(def);
      }
      const out: Record<string, unknown> = { ...ffi.dlopen(path, required).symbols };
      for (const name of optional) {
        try {
          out[name] = ffi.dlopen(path, { [name]: toBun(symbols[name]) }).symbols[name];
        } catch {
          out[name] = null;
        }
      }
      return out as Symbols<S>;
    },
    pointerOf(buf: Uint8Array): Pointer {
      return ffi.ptr(buf) as unknown as Pointer;
    },
    address(ptr: Pointer | null): bigint {
      return BigInt(asNum(ptr));
    },
    fromAddress(addr: bigint): Pointer | null {
      return asOurs(Number(addr));
    },
    copy(ptr: Pointer, offset: number, length: number): Uint8Array {
      if (length === 0) return new Uint8Array(0);
      return new Uint8Array(ffi.toArrayBuffer(asNum(ptr), offset, length)).slice();
    },
    byteAt(ptr: Pointer, offset: number): number {
      return ffi.read.u8(asNum(ptr), offset);
    },
    cStringLength(ptr: Pointer, offset: number, max: number): number {
      const p = asNum(ptr);
      let n = 0;
      while (n < max && ffi.read.u8(p, offset + n) !== 0) n++;
      return n;
    },
    int32At(ptr: Pointer, offset: number): number {
      return ffi.read.i32(asNum(ptr), offset);
    },
    uint64At(ptr: Pointer, offset: number): bigint {
      return ffi.read.u64(asNum(ptr), offset);
    },
    view(ptr: Pointer, length: number): ArrayBuffer {
      return ffi.toArrayBuffer(asNum(ptr), 0, length);
    },
  };
}
