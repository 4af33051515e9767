/**
 * The Node side of the FFI adapter: `node:ffi` (Node 26.1 and later). Only
 * this file touches it, and it loads it only when the adapter is created,
 * which happens only under Node: the types it needs are declared here.
 *
 * Pointers are `bigint` addresses in `node:ffi`; this adapter gives them out
 * as its opaque `Pointer` (`0n` as `null`).
 *
 * @module
 */
import type { FfiAdapter, NativeType, Pointer, Symbols, SymbolTable } from "./types.ts";

/** The first Node version with `node:ffi`. */
export const NODE_FFI_SINCE = "26.1.0";

/** The part of `node:ffi` this adapter uses. */
interface NodeFfi {
  DynamicLibrary: new (path: string) => {
    getFunction(name: string, signature: { arguments: string[]; return: string }): (...args: unknown[]) => unknown;
    close(): void;
  };
  getRawPointer(source: ArrayBufferView | ArrayBuffer): bigint;
  toArrayBuffer(pointer: bigint, length: number, copy?: boolean): ArrayBuffer;
  getUint8(pointer: bigint, offset?: number): number;
  getInt32(pointer: bigint, offset?: number): number;
  getUint64(pointer: bigint, offset?: number): bigint;
}

const NODE_TYPE: Record<NativeType, string> = {
  void: "void",
  i8: "int8",
  u8: "uint8",
  i16: "int16",
  u16: "uint16",
  i32: "int32",
  u32: "uint32",
  i64: "int64",
  u64: "uint64",
  isize: "int64",
  usize: "uint64",
  f32: "float32",
  f64: "float64",
  pointer: "pointer",
  // "pointer" rather than "buffer": it takes a typed array (at its byte offset), a bigint address and null.
  buffer: "pointer",
};

const asBig = (p: Pointer | null): bigint => (p ?? 0n) as unknown as bigint;
const asOurs = (n: bigint | null): Pointer | null => (n ? n as unknown as Pointer : null);

interface NodeProcess {
  versions: { node: string };
  getBuiltinModule?: (id: string) => unknown;
}

function nodeProcess(): NodeProcess {
  return (globalThis as unknown as { process: NodeProcess }).process;
}

/**
 * Why this Node cannot run the library, or `null` when it has `node:ffi`:
 * the version it needs, or the flag or build that turned it off. The
 * platform layer throws it as one `NotImplementedError` at the first call.
 */
export function nodeFfiMissing(): string | null {
  const proc = nodeProcess();
  const ffi = proc.getBuiltinModule?.("node:ffi") as NodeFfi | undefined;
  if (ffi?.DynamicLibrary) return null;
  const [major, minor] = proc.versions.node.split(".").map(Number);
  return major < 26 || (major === 26 && minor < 1)
    ? `@x/psutil needs node:ffi, which Node ${NODE_FFI_SINCE} and later have; this is Node ${proc.versions.node}`
    : `@x/psutil needs node:ffi, which this Node ${proc.versions.node} does not offer (turned off by ` +
      "--no-experimental-ffi, or a build without it)";
}

function loadNodeFfi(): NodeFfi {
  const missing = nodeFfiMissing();
  if (missing !== null) throw new Error(missing);
  return nodeProcess().getBuiltinModule!("node:ffi") as NodeFfi;
}

const WIDE = new Set<NativeType>(["i64", "u64", "isize", "usize"]);

/**
 * Whether this `node:ffi` takes a number for a 64-bit integer parameter (26.12
 * on Linux does; 26.10 for Windows throws "must be a uint64"): asked once of
 * the C runtime's `llabs(long long)`. Where it does not, numbers are turned
 * into BigInts for those parameters.
 */
function takesNumbersForWide(ffi: NodeFfi): boolean {
  const windows = (globalThis as unknown as { process: { platform: string } }).process.platform === "win32";
  try {
    const lib = new ffi.DynamicLibrary(windows ? "msvcrt.dll" : "libc.so.6");
    const llabs = lib.getFunction("llabs", { arguments: ["int64"], return: "int64" });
    try {
      return llabs(-1) === 1n;
    } finally {
      lib.close();
    }
  } catch {
    return false;
  }
}

/** Builds the adapter over `node:ffi`. */
export function createNodeAdapter(): FfiAdapter {
  const ffi = loadNodeFfi();
  const libraries: unknown[] = [];
  const numbersForWide = takesNumbersForWide(ffi);
  return {
    runtime: "node",
    open<S extends SymbolTable>(path: string, symbols: S): Symbols<S> {
      const lib = new ffi.DynamicLibrary(path);
      libraries.push(lib); // open for the program's life, whatever holds the functions
      const out: Record<string, unknown> = {};
      for (const [name, def] of Object.entries(symbols)) {
        const signature = {
          arguments: def.parameters.map((t) => NODE_TYPE[t]),
          // A "buffer" result is a pointer we read ourselves.
          return: def.result === "buffer" ? "pointer" : NODE_TYPE[def.result],
        };
        let fn: (...args: unknown[]) => unknown;
        try {
          fn = lib.getFunction(name, signature);
        } catch (e) {
          if (def.optional) {
            out[name] = null;
            continue;
          }
          lib.close();
          throw e;
        }
        const wide = def.parameters.map((t) => WIDE.has(t));
        if (!numbersForWide && wide.includes(true)) {
          const call = fn;
          fn = (...args: unknown[]) => call(...args.map((v, i) => wide[i] && typeof v === "number" ? BigInt(v) : v));
        }
        // Pointer results come back as bigint addresses: 0n is NULL, as under the other runtimes.
        out[name] = signature.return === "pointer" ? (...args: unknown[]) => asOurs(fn(...args) as bigint) : fn;
      }
      return out as Symbols<S>;
    },
    pointerOf(buf: Uint8Array): Pointer {
      return ffi.getRawPointer(buf) as unknown as Pointer;
    },
    address(ptr: Pointer | null): bigint {
      return asBig(ptr);
    },
    fromAddress(addr: bigint): Pointer | null {
      return asOurs(addr);
    },
    copy(ptr: Pointer, offset: number, length: number): Uint8Array {
      if (length === 0) return new Uint8Array(0);
      return new Uint8Array(ffi.toArrayBuffer(asBig(ptr) + BigInt(offset), length, true));
    },
    byteAt(ptr: Pointer, offset: number): number {
      return ffi.getUint8(asBig(ptr), offset);
    },
    cStringLength(ptr: Pointer, offset: number, max: number): number {
      const p = asBig(ptr);
      let n = 0;
      while (n < max && ffi.getUint8(p, offset + n) !== 0) n++;
      return n;
    },
    int32At(ptr: Pointer, offset: number): number {
      return ffi.getInt32(asBig(ptr), offset);
    },
    uint64At(ptr: Pointer, offset: number): bigint {
      return ffi.getUint64(asBig(ptr), offset);
    },
    view(ptr: Pointer, length: number): ArrayBuffer {
      return ffi.toArrayBuffer(asBig(ptr), length, false);
    },
  };
}
