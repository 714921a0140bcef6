import { dtypeInfo, isSafeDtype, SAFE_DTYPES, type SafeDtype } from './dtypes.js';
import { SafetensorsError } from './errors.js';

/** The reference implementation refuses headers above 100 MB; so does this one. */
export const MAX_HEADER_LENGTH = 100_000_000;

/** Where one tensor lives in the data buffer, as declared by the header. */
export interface TensorInfo {
  dtype: SafeDtype;
  shape: number[];
  /** [begin, end) byte offsets relative to the start of the data buffer. */
  dataOffsets: [number, number];
}

/** A validated safetensors header. */
export interface SafetensorsHeader {
  /** Byte offset of the data buffer in the file: 8 + the declared header length. */
  dataStart: number;
  /** Tensors in the order of their data offsets. */
  tensors: Map<string, TensorInfo>;
  metadata: Record<string, string>;
}

/**
 * Reads and validates the header of a complete safetensors file: header length, JSON, metadata, every tensor
 * entry, and that the data offsets tile the data buffer exactly (no gap, no overlap, nothing out of range).
 */
export function readSafetensorsHeader(bytes: Uint8Array, source?: string): SafetensorsHeader {
  const json = decodeHeaderJson(bytes, source);
  const dataStart = 8 + json.length;
  const dataLength = bytes.byteLength - dataStart;
  const header = parseHeaderObject(json.text, source);

  let metadata: Record<string, string> = {};
  const entries: Array<[string, TensorInfo]> = [];
  for (const [name, value] of Object.entries(header)) {
    if (name === '__metadata__') {
      metadata = readMetadata(value, source);
    } else {
      entries.push([name, readTensorInfo(name, value, dataLength, source)]);
    }
  }

  entries.sort(([, a], [, b]) => a.dataOffsets[0] - b.dataOffsets[0] || a.dataOffsets[1] - b.dataOffsets[1]);
  let covered = 0;
  let previous: string | undefined;
  for (const [name, info] of entries) {
    const [begin] = info.dataOffsets;
    if (begin < covered) {
      throw new SafetensorsError(
        'offsets',
        `data_offsets [${info.dataOffsets}] overlap tensor "${previous}", which ends at byte ${covered}`,
        { source, tensor: name },
      );
    }
    if (begin > covered) {
      throw new SafetensorsError(
        'offsets',
        `data_offsets [${info.dataOffsets}] leave bytes ${covered}..${begin} of the data buffer unused`,
        { source, tensor: name },
      );
    }
    covered = info.dataOffsets[1];
    previous = name;
  }
  if (covered !== dataLength) {
    throw new SafetensorsError(
      'offsets',
      `the data buffer has ${dataLength} bytes but the tensors cover only the first ${covered}`,
      { source },
    );
  }
  return { dataStart, tensors: new Map(entries), metadata };
}

function decodeHeaderJson(bytes: Uint8Array, source?: string): { text: string; length: number } {
  if (bytes.byteLength < 8) {
    throw new SafetensorsError(
      'header-length',
      `file has ${bytes.byteLength} bytes, fewer than the 8-byte header length field`,
      { source },
    );
  }
  const declared = new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true);
  if (declared > BigInt(MAX_HEADER_LENGTH)) {
    throw new SafetensorsError(
      'header-length',
      `declared header length ${declared} exceeds the ${MAX_HEADER_LENGTH}-byte limit`,
      { source },
    );
  }
  const length = Number(declared);
  if (8 + length > bytes.byteLength) {
    throw new SafetensorsError(
      'header-length',
      `declared header length ${length} runs past the end of the ${bytes.byteLength}-byte file`,
      { source },
    );
  }
  if (length === 0 || bytes[8] !== 0x7b) {
    throw new SafetensorsError('header-json', 'the header must start with "{"', { source });
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(8, 8 + length));
  } catch {
    throw new SafetensorsError('header-json', 'the header is not valid UTF-8', { source });
  }
  return { text, length };
}

function parseHeaderObject(text: string, source?: string): Record<string, unknown> {
  try {
    // The text starts with "{", so whatever parses is an object.
    return JSON.parse(text) as Record<string, unknown>;
  } catch (error) {
    throw new SafetensorsError('header-json', `malformed header JSON: ${(error as Error).message}`, {
      source,
    });
  }
}

function readMetadata(value: unknown, source?: string): Record<string, string> {
  if (!isPlainObject(value)) {
    throw new SafetensorsError('metadata', '__metadata__ must be an object of string values', { source });
  }
  for (const [key, item] of Object.entries(value)) {
    if (typeof item !== 'string') {
      throw new SafetensorsError(
        'metadata',
        `__metadata__ value for ${JSON.stringify(key)} is ${JSON.stringify(item)}, not a string`,
        { source },
      );
    }
  }
  return value as Record<string, string>;
}

function readTensorInfo(name: string, value: unknown, dataLength: number, source?: string): TensorInfo {
  const context = { source, tensor: name };
  if (!isPlainObject(value)) {
    throw new SafetensorsError(
      'tensor-info',
      'entry is not an object with dtype, shape and data_offsets',
      context,
    );
  }
  const { dtype, shape, data_offsets: offsets } = value;
  if (!isSafeDtype(dtype)) {
    throw new SafetensorsError(
      'unknown-dtype',
      `unknown dtype ${JSON.stringify(dtype)}; supported: ${SAFE_DTYPES.join(', ')}`,
      context,
    );
  }
  if (!Array.isArray(shape) || !shape.every(isCount)) {
    throw new SafetensorsError(
      'tensor-info',
      `shape ${JSON.stringify(shape)} is not a list of non-negative integers`,
      context,
    );
  }
  if (!Array.isArray(offsets) || offsets.length !== 2 || !offsets.every(isCount)) {
    throw new SafetensorsError(
      'tensor-info',
      `data_offsets ${JSON.stringify(offsets)} is not a pair of non-negative integers`,
      context,
    );
  }
  const [begin, end] = offsets as [number, number];
  if (end < begin) {
    throw new SafetensorsError('offsets', `data_offsets [${begin}, ${end}] end before they begin`, context);
  }
  if (end > dataLength) {
    throw new SafetensorsError(
      'offsets',
      `data_offsets [${begin}, ${end}] are out of range: the data buffer has ${dataLength} bytes`,
      context,
    );
  }
  const expected =
    shape.reduce((product: number, size: number) => product * size, 1) * dtypeInfo(dtype).bytesPerElement;
  if (expected !== end - begin) {
    throw new SafetensorsError(
      'size-mismatch',
      `shape [${shape}] of ${dtype} needs ${expected} bytes but data_offsets [${begin}, ${end}] span ${end - begin}`,
      context,
    );
  }
  return { dtype, shape: [...shape], dataOffsets: [begin, end] };
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
