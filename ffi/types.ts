/**
 * The vocabulary of the FFI layer: native types in Deno's spelling, symbol
 * tables, and the adapter interface that `deno.ts` and `bun.ts` implement.
 *
 * @module
 */

/** A native type, spelled as `Deno.dlopen` spells it. */
export type NativeType =
  | "void"
  | "i8"
  | "u8"
  | "i16"
  | "u16"
  | "i32"
  | "u32"
  | "i64"
  | "u64"
  | "isize"
  | "usize"
  | "f32"
  | "f64"
  | "pointer"
  | "buffer";

/** One C function: its parameters and its result. */
export interface SymbolDef {
  readonly parameters: readonly NativeType[];
  readonly result: NativeType;
  /** When true, a library without this symbol still opens; the symbol is then `null`. */
  readonly optional?: boolean;
}

/** A library's symbols by C name. */
export type SymbolTable = Readonly<Record<string, SymbolDef>>;

declare const pointerBrand: unique symbol;
/**
 * An opaque native pointer: a `Deno.PointerObject` under Deno, a number under
 * Bun. Only `ffi/` looks inside it; `null` is the NULL pointer.
 */
export type Pointer = { readonly [pointerBrand]: true };

type Wide = "i64" | "u64" | "isize" | "usize";

/** The JavaScript type a parameter of native type `T` accepts. */
export type ParamValue<T extends NativeType> = T extends Wide ? bigint | number
  : T extends "pointer" ? Pointer | null
  : T extends "buffer" ? Uint8Array | null
  : number;

/** The JavaScript type a result of native type `T` comes back as: 64-bit integers are always `bigint`. */
export type ResultValue<T extends NativeType> = T extends "void" ? void
  : T extends Wide ? bigint
  : T extends "pointer" | "buffer" ? Pointer | null
  : number;

type Params<P extends readonly NativeType[]> = {
  -readonly [I in keyof P]: P[I] extends NativeType ? ParamValue<P[I]> : never;
};

/** The callable form of one symbol. */
export type SymbolFn<D extends SymbolDef> = (
  ...args: Params<D["parameters"]>
) => ResultValue<D["result"]>;

/** The callable form of a whole table; optional symbols may be `null`. */
export type Symbols<S extends SymbolTable> = {
  readonly [K in keyof S]: S[K]["optional"] extends true ? SymbolFn<S[K]> | null
    : SymbolFn<S[K]>;
};

/** What each runtime provides: opening libraries and touching raw memory. */
export interface FfiAdapter {
  /** `"deno"`, `"bun"` or `"node"`. */
  readonly runtime: "deno" | "bun" | "node";
  /** Opens `path` with `symbols`; throws when the library cannot be opened. */
  open<S extends SymbolTable>(path: string, symbols: S): Symbols<S>;
  /** The address of a buffer's first byte (valid while the buffer is alive and not moved). */
  pointerOf(buf: Uint8Array): Pointer;
  /** A pointer's address as an integer. */
  address(ptr: Pointer | null): bigint;
  /** A pointer from an address; `0n` gives `null`. */
  fromAddress(addr: bigint): Pointer | null;
  /** Copies `length` bytes starting `offset` bytes past `ptr`. */
  copy(ptr: Pointer, offset: number, length: number): Uint8Array;
  /** One byte at `ptr + offset`. */
  byteAt(ptr: Pointer, offset: number): number;
  /** The length of the NUL-terminated string at `ptr + offset`, reading at most `max` bytes. */
  cStringLength(ptr: Pointer, offset: number, max: number): number;
  /** A signed 32-bit integer at `ptr + offset`, in the machine's byte order. */
  int32At(ptr: Pointer, offset: number): number;
  /** A 64-bit pointer-sized unsigned integer at `ptr + offset`. */
  uint64At(ptr: Pointer, offset: number): bigint;
  /**
   * An `ArrayBuffer` over `length` bytes of native memory at `ptr`, not a
   * copy: writes reach the memory. Valid while that memory stays mapped (the
   * caller owns it, e.g. from `mmap`).
   */
  view(ptr: Pointer, length: number): ArrayBuffer;
}
