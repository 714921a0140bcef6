/** What kind of problem a {@link SafetensorsError} reports. */
export type SafetensorsErrorCode =
  /** The 8-byte header length is missing, larger than the file, or above the 100 MB safety limit. */
  | 'header-length'
  /** The header is not UTF-8, does not start with `{`, or is not valid JSON. */
  | 'header-json'
  /** `__metadata__` is not a map from strings to strings. */
  | 'metadata'
  /** A tensor entry lacks `dtype`, `shape` or `data_offsets`, or one of them has the wrong form. */
  | 'tensor-info'
  /** A tensor's `dtype` is not one this library knows. */
  | 'unknown-dtype'
  /** Data offsets are out of range, overlap, leave a gap, or do not cover the whole byte buffer. */
  | 'offsets'
  /** The byte span of a tensor does not match its shape and dtype. */
  | 'size-mismatch'
  /** A tensor given to the writer has a data array of the wrong type or length for its dtype and shape. */
  | 'invalid-tensor'
  /** A conversion was asked for a dtype it does not support (e.g. F8 or C64 to float32). */
  | 'unsupported-dtype';

/** Where a {@link SafetensorsError} happened. */
export interface SafetensorsErrorContext {
  /** Name of the file or buffer, as given by the caller (`options.source`). */
  source?: string;
  /** Name of the tensor involved, when the problem concerns one tensor. */
  tensor?: string;
}

/** The only error type thrown by @enecg/safetensors. Its message says what was wrong and where. */
export class SafetensorsError extends Error {
  readonly code: SafetensorsErrorCode;
  readonly source?: string;
  readonly tensor?: string;

  constructor(code: SafetensorsErrorCode, message: string, context: SafetensorsErrorContext = {}) {
    const where = [context.source, context.tensor !== undefined ? `tensor "${context.tensor}"` : undefined]
      .filter((part) => part !== undefined)
      .join(', ');
    super(where ? `${where}: ${message}` : message);
    this.name = 'SafetensorsError';
    this.code = code;
    this.source = context.source;
    this.tensor = context.tensor;
  }
}
