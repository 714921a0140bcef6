/**
 * Element types of the safetensors format. Sub-byte types (F4, F6_*) are not supported.
 * F16 and BF16 are kept as raw 16-bit patterns (see {@link toFloat32Array}); the F8 types as raw bytes;
 * C64 as interleaved (real, imaginary) float32 pairs.
 */
export type SafeDtype =
  | 'BOOL'
  | 'U8'
  | 'I8'
  | 'F8_E5M2'
  | 'F8_E4M3'
  | 'F8_E8M0'
  | 'F8_E4M3FNUZ'
  | 'F8_E5M2FNUZ'
  | 'I16'
  | 'U16'
  | 'F16'
  | 'BF16'
  | 'I32'
  | 'U32'
  | 'F32'
  | 'C64'
  | 'F64'
  | 'I64'
  | 'U64';

/** The typed arrays a {@link SafeTensor} may hold. */
export type SafeTensorData =
  | Uint8Array
  | Int8Array
  | Int16Array
  | Uint16Array
  | Int32Array
  | Uint32Array
  | Float32Array
  | Float64Array
  | BigInt64Array
  | BigUint64Array;

/** One tensor: its element type, its shape (row-major, little-endian data) and its values. */
export interface SafeTensor {
  dtype: SafeDtype;
  /** Dimensions; `[]` is a scalar. */
  shape: number[];
  /**
   * The values, in the typed array that {@link dtypeInfo} names for `dtype`. Its length is the product of
   * `shape` (twice that for C64).
   */
  data: SafeTensorData;
}

type TypedArrayConstructor = {
  new (length: number): SafeTensorData;
  new (buffer: ArrayBufferLike, byteOffset: number, length: number): SafeTensorData;
  readonly BYTES_PER_ELEMENT: number;
  readonly name: string;
};

/** How a dtype is stored in memory. */
export interface DtypeInfo {
  /** Bytes per tensor element (C64: 8, two float32). */
  readonly bytesPerElement: number;
  /** Typed-array entries per tensor element (2 for C64, otherwise 1). */
  readonly lanes: number;
  /** The typed array that holds the data. */
  readonly arrayType: TypedArrayConstructor;
}

// Listed in the order of the reference implementation's Dtype enum; the writer sorts tensors by descending
// rank of this order (then by name), as the Rust and Python writers do, so that every tensor is aligned.
const DTYPES: ReadonlyArray<[SafeDtype, DtypeInfo]> = [
  ['BOOL', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['U8', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['I8', { bytesPerElement: 1, lanes: 1, arrayType: Int8Array }],
  ['F8_E5M2', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['F8_E4M3', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['F8_E8M0', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['F8_E4M3FNUZ', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['F8_E5M2FNUZ', { bytesPerElement: 1, lanes: 1, arrayType: Uint8Array }],
  ['I16', { bytesPerElement: 2, lanes: 1, arrayType: Int16Array }],
  ['U16', { bytesPerElement: 2, lanes: 1, arrayType: Uint16Array }],
  ['F16', { bytesPerElement: 2, lanes: 1, arrayType: Uint16Array }],
  ['BF16', { bytesPerElement: 2, lanes: 1, arrayType: Uint16Array }],
  ['I32', { bytesPerElement: 4, lanes: 1, arrayType: Int32Array }],
  ['U32', { bytesPerElement: 4, lanes: 1, arrayType: Uint32Array }],
  ['F32', { bytesPerElement: 4, lanes: 1, arrayType: Float32Array }],
  ['C64', { bytesPerElement: 8, lanes: 2, arrayType: Float32Array }],
  ['F64', { bytesPerElement: 8, lanes: 1, arrayType: Float64Array }],
  ['I64', { bytesPerElement: 8, lanes: 1, arrayType: BigInt64Array }],
  ['U64', { bytesPerElement: 8, lanes: 1, arrayType: BigUint64Array }],
];

const DTYPE_INFO = new Map<string, DtypeInfo>(DTYPES);
const DTYPE_RANK = new Map<string, number>(DTYPES.map(([dtype], index) => [dtype, index]));

/** Every dtype this library reads and writes, in the reference implementation's order. */
export const SAFE_DTYPES: readonly SafeDtype[] = DTYPES.map(([dtype]) => dtype);

/** True when `value` names a dtype this library supports. */
export function isSafeDtype(value: unknown): value is SafeDtype {
  return typeof value === 'string' && DTYPE_INFO.has(value);
}

/** How values of `dtype` are stored: bytes per element and the typed array that holds them. */
export function dtypeInfo(dtype: SafeDtype): DtypeInfo {
  return DTYPE_INFO.get(dtype)!;
}

/** Position of a dtype in the reference implementation's order (used to sort tensors when writing). */
export function dtypeRank(dtype: SafeDtype): number {
  return DTYPE_RANK.get(dtype)!;
}
