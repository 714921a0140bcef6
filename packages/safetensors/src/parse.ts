import { dtypeInfo, type SafeTensor } from './dtypes.js';
import { readSafetensorsHeader } from './header.js';

/** Options of {@link parseSafetensors}. */
export interface ParseOptions {
  /** Name of the file or URL, used in error messages. */
  source?: string;
  /**
   * Copy every tensor's data into its own buffer. By default a tensor whose data is suitably aligned is a view
   * into `bytes` (no copy), so changing `bytes` afterwards changes the tensor; unaligned data is always copied.
   */
  copy?: boolean;
}

/** The content of a safetensors file. */
export interface ParsedSafetensors {
  /** Tensors by name, in the order of their data in the file. */
  tensors: Map<string, SafeTensor>;
  /** The `__metadata__` string map (empty when the file has none). */
  metadata: Record<string, string>;
}

/**
 * Reads a complete safetensors file. Validates the header (see `SafetensorsError` for what is checked) and
 * returns every tensor with its data in the typed array of its dtype.
 */
export function parseSafetensors(
  bytes: Uint8Array | ArrayBuffer,
  options: ParseOptions = {},
): ParsedSafetensors {
  const file = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const header = readSafetensorsHeader(file, options.source);
  const tensors = new Map<string, SafeTensor>();
  for (const [name, info] of header.tensors) {
    const { arrayType, bytesPerElement, lanes } = dtypeInfo(info.dtype);
    const begin = header.dataStart + info.dataOffsets[0];
    const end = header.dataStart + info.dataOffsets[1];
    const length = ((end - begin) / bytesPerElement) * lanes;
    const absoluteOffset = file.byteOffset + begin;
    // A typed-array view must start at a multiple of its element size; copy when the data does not.
    const data =
      options.copy || absoluteOffset % arrayType.BYTES_PER_ELEMENT !== 0
        ? new arrayType(file.slice(begin, end).buffer, 0, length)
        : new arrayType(file.buffer, absoluteOffset, length);
    tensors.set(name, { dtype: info.dtype, shape: info.shape, data });
  }
  return { tensors, metadata: header.metadata };
}
