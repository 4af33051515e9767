/**
 * The Deno side of the FFI adapter: `Deno.dlopen` and `Deno.UnsafePointerView`.
 * Only this file touches Deno's FFI namespace.
 *
 * @module
 */
import type { FfiAdapter, Pointer, Symbols, SymbolTable } from "./types.ts";

type DenoPtr = Deno.PointerObject | null;
const asDeno = (p: Pointer | null): DenoPtr => p as unknown as DenoPtr;
const asOurs = (p: DenoPtr): Pointer | null => p as unknown as Pointer | null;

/** Builds the adapter over Deno's built-in FFI. */
export function createDenoAdapter(): FfiAdapter {
  return {
    runtime: "deno",
    open<S extends SymbolTable>(path: string, symbols: S): Symbols<S> {
      const lib = Deno.dlopen(path, symbols as unknown as Deno.ForeignLibraryInterface);
      return lib.symbols as unknown as Symbols<S>;
    },
    pointerOf(buf: Uint8Array): Pointer {
      return asOurs(Deno.UnsafePointer.of(buf as Uint8Array<ArrayBuffer>)) as Pointer;
    },
    address(ptr: Pointer | null): bigint {
      return BigInt(Deno.UnsafePointer.value(asDeno(ptr)));
    },
    fromAddress(addr: bigint): Pointer | null {
      return asOurs(Deno.UnsafePointer.create(addr));
    },
    copy(ptr: Pointer, offset: number, length: number): Uint8Array {
      if (length === 0) return new Uint8Array(0);
      const view = new Deno.UnsafePointerView(asDeno(ptr)!);
      const out = new Uint8Array(length);
      view.copyInto(out, offset);
      return out;
    },
    byteAt(ptr: Pointer, offset: number): number {
      return new Deno.UnsafePointerView(asDeno(ptr)!).getUint8(offset);
    },
    cStringLength(ptr: Pointer, offset: number, max: number): number {
      const view = new Deno.UnsafePointerView(asDeno(ptr)!);
      let n = 0;
      while (n < max && view.getUint8(offset + n) !== 0) n++;
      return n;
    },
    int32At(ptr: Pointer, offset: number): number {
      return new Deno.UnsafePointerView(asDeno(ptr)!).getInt32(offset);
    },
    uint64At(ptr: Pointer, offset: number): bigint {
      return new Deno.UnsafePointerView(asDeno(ptr)!).getBigUint64(offset);
    },
    view(ptr: Pointer, length: number): ArrayBuffer {
      return Deno.UnsafePointerView.getArrayBuffer(asDeno(ptr)!, length);
    },
  };
}
