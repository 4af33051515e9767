/**
 * C struct layouts: fields in declaration order with their C names, natural
 * alignment (or a packing limit), computed offsets and size. Every struct in
 * the library is declared with this, so no numeric offset appears outside
 * `ffi/`.
 *
 * @module
 */

/** A scalar C type. `long`/`ulong` and `pointer` are 8 bytes (LP64 and LLP64 pointers). */
export type ScalarType =
  | "i8"
  | "u8"
  | "i16"
  | "u16"
  | "i32"
  | "u32"
  | "i64"
  | "u64"
  | "f64"
  | "pointer";

/** A field's type: a scalar, `T[n]`, raw bytes (`char[n]`), or a nested struct. */
export type FieldType =
  | ScalarType
  | { readonly array: ScalarType; readonly length: number }
  | { readonly bytes: number; readonly align?: number }
  | { readonly struct: Struct };

const SCALAR_SIZE: Record<ScalarType, number> = {
  i8: 1,
  u8: 1,
  i16: 2,
  u16: 2,
  i32: 4,
  u32: 4,
  i64: 8,
  u64: 8,
  f64: 8,
  pointer: 8,
};

interface FieldInfo {
  readonly type: FieldType;
  readonly offset: number;
  readonly size: number;
}

/** A computed struct layout. */
export interface Struct {
  /** The C name, for messages. */
  readonly name: string;
  /** `sizeof` the struct, padding included. */
  readonly size: number;
  /** The struct's alignment. */
  readonly align: number;
  /** Byte offset of a field; throws on an unknown name. */
  offset(field: string): number;
  /** The size of a field. */
  sizeOf(field: string): number;
  /** A numeric field as a number (64-bit fields through `Number`, exact below 2^53). */
  num(view: DataView, field: string, base?: number): number;
  /** A 64-bit (or pointer) field as a bigint; smaller fields widened. */
  big(view: DataView, field: string, base?: number): bigint;
  /** Element `i` of an array field, as a number. */
  at(view: DataView, field: string, i: number, base?: number): number;
  /** Writes a numeric field. */
  set(view: DataView, field: string, value: number | bigint, base?: number): void;
  /** The bytes of a `bytes` or nested field (a view, not a copy). */
  bytes(buf: Uint8Array, field: string, base?: number): Uint8Array;
  /** The field names in declaration order. */
  readonly fields: readonly string[];
}

function alignOf(t: FieldType, pack: number): number {
  let a: number;
  if (typeof t === "string") a = SCALAR_SIZE[t];
  else if ("array" in t) a = SCALAR_SIZE[t.array];
  else if ("bytes" in t) a = t.align ?? 1;
  else a = t.struct.align;
  return Math.min(a, pack);
}

function sizeOfType(t: FieldType): number {
  if (typeof t === "string") return SCALAR_SIZE[t];
  if ("array" in t) return SCALAR_SIZE[t.array] * t.length;
  if ("bytes" in t) return t.bytes;
  return t.struct.size;
}

const LE = true; // every target this library supports is little-endian

function readScalar(view: DataView, t: ScalarType, off: number): number | bigint {
  switch (t) {
    case "i8":
      return view.getInt8(off);
    case "u8":
      return view.getUint8(off);
    case "i16":
      return view.getInt16(off, LE);
    case "u16":
      return view.getUint16(off, LE);
    case "i32":
      return view.getInt32(off, LE);
    case "u32":
      return view.getUint32(off, LE);
    case "i64":
      return view.getBigInt64(off, LE);
    case "u64":
    case "pointer":
      return view.getBigUint64(off, LE);
    case "f64":
      return view.getFloat64(off, LE);
  }
}

function writeScalar(view: DataView, t: ScalarType, off: number, v: number | bigint): void {
  switch (t) {
    case "i8":
      return view.setInt8(off, Number(v));
    case "u8":
      return view.setUint8(off, Number(v));
    case "i16":
      return view.setInt16(off, Number(v), LE);
    case "u16":
      return view.setUint16(off, Number(v), LE);
    case "i32":
      return view.setInt32(off, Number(v), LE);
    case "u32":
      return view.setUint32(off, Number(v), LE);
    case "i64":
      return view.setBigInt64(off, BigInt(v), LE);
    case "u64":
    case "pointer":
      return view.setBigUint64(off, BigInt(v), LE);
    case "f64":
      return view.setFloat64(off, Number(v), LE);
  }
}

/**
 * Declares a struct from `[name, type]` pairs in C order. `pack` caps the
 * alignment as `#pragma pack(n)` does.
 */
export function defineStruct(
  name: string,
  fields: ReadonlyArray<readonly [string, FieldType]>,
  options: { pack?: number } = {},
): Struct {
  const pack = options.pack ?? 16;
  const info = new Map<string, FieldInfo>();
  let off = 0;
  let maxAlign = 1;
  for (const [fname, type] of fields) {
    const a = alignOf(type, pack);
    maxAlign = Math.max(maxAlign, a);
    off = Math.ceil(off / a) * a;
    const size = sizeOfType(type);
    if (info.has(fname)) throw new Error(`struct ${name}: duplicate field ${fname}`);
    info.set(fname, { type, offset: off, size });
    off += size;
  }
  const size = Math.ceil(off / maxAlign) * maxAlign;
  const get = (field: string): FieldInfo => {
    const f = info.get(field);
    if (!f) throw new Error(`struct ${name} has no field ${field}`);
    return f;
  };
  const scalar = (field: string): [ScalarType, number] => {
    const f = get(field);
    if (typeof f.type !== "string") throw new Error(`struct ${name}: ${field} is not a scalar`);
    return [f.type, f.offset];
  };
  return {
    name,
    size,
    align: maxAlign,
    fields: [...info.keys()],
    offset: (field) => get(field).offset,
    sizeOf: (field) => get(field).size,
    num(view, field, base = 0) {
      const [t, o] = scalar(field);
      return Number(readScalar(view, t, base + o));
    },
    big(view, field, base = 0) {
      const [t, o] = scalar(field);
      return BigInt(readScalar(view, t, base + o));
    },
    at(view, field, i, base = 0) {
      const f = get(field);
      if (typeof f.type === "string" || !("array" in f.type)) {
        throw new Error(`struct ${name}: ${field} is not an array`);
      }
      if (i < 0 || i >= f.type.length) throw new RangeError(`${name}.${field}[${i}] is out of range`);
      const t = f.type.array;
      return Number(readScalar(view, t, base + f.offset + i * SCALAR_SIZE[t]));
    },
    set(view, field, value, base = 0) {
      const [t, o] = scalar(field);
      writeScalar(view, t, base + o, value);
    },
    bytes(buf, field, base = 0) {
      const f = get(field);
      return buf.subarray(base + f.offset, base + f.offset + f.size);
    },
  };
}

/** A zeroed buffer the size of `s`, with a DataView over it. */
export function allocStruct(s: Struct, count = 1): { buf: Uint8Array; view: DataView } {
  const buf = new Uint8Array(s.size * count);
  return { buf, view: new DataView(buf.buffer) };
}
