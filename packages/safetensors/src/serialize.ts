import { dtypeInfo, dtypeRank, isSafeDtype, SAFE_DTYPES, type SafeTensor } from './dtypes.js';
import { SafetensorsError } from './errors.js';

/**
 * Writes tensors (and an optional `__metadata__` string map) as a safetensors file.
 *
 * Like the reference writers, tensors are laid out by descending dtype width, then by name, and the JSON
 * header is padded with spaces to a multiple of 8 bytes, so every tensor's data is aligned in the file.
 * Throws a `SafetensorsError` ('invalid-tensor' or 'metadata') for a tensor whose data does not fit its dtype and
 * shape, or a metadata value that is not a string.
 */
export function serializeSafetensors(
  tensors: Map<string, SafeTensor> | Record<string, SafeTensor>,
  metadata?: Record<string, string>,
): Uint8Array {
  const entries = tensors instanceof Map ? [...tensors] : Object.entries(tensors);
  for (const [name, tensor] of entries) checkTensor(name, tensor);
  if (metadata !== undefined) checkMetadata(metadata);

  entries.sort(
    ([nameA, a], [nameB, b]) =>
      dtypeRank(b.dtype) - dtypeRank(a.dtype) || (nameA < nameB ? -1 : nameA > nameB ? 1 : 0),
  );

  // Built by hand rather than with one JSON.stringify of an object, which would move integer-like tensor
  // names ("0", "1", ...) ahead of `__metadata__` and of the data order.
  const fields: string[] = [];
  if (metadata !== undefined) fields.push(`"__metadata__":${JSON.stringify(metadata)}`);
  let offset = 0;
  for (const [name, tensor] of entries) {
    const end = offset + tensor.data.byteLength;
    const info = { dtype: tensor.dtype, shape: tensor.shape, data_offsets: [offset, end] };
    fields.push(`${JSON.stringify(name)}:${JSON.stringify(info)}`);
    offset = end;
  }
  const json = new TextEncoder().encode(`{${fields.join(',')}}`);
  const headerLength = Math.ceil(json.byteLength / 8) * 8;

  const file = new Uint8Array(8 + headerLength + offset);
  new DataView(file.buffer).setBigUint64(0, BigInt(headerLength), true);
  file.set(json, 8);
  file.fill(0x20, 8 + json.byteLength, 8 + headerLength);
  let position = 8 + headerLength;
  for (const [, { data }] of entries) {
    file.set(new Uint8Array(data.buffer, data.byteOffset, data.byteLength), position);
    position += data.byteLength;
  }
  return file;
}

function checkTensor(name: string, tensor: SafeTensor): void {
  const context = { tensor: name };
  if (name === '__metadata__') {
    throw new SafetensorsError(
      'invalid-tensor',
      '"__metadata__" is reserved and cannot name a tensor',
      context,
    );
  }
  if (!isSafeDtype(tensor.dtype)) {
    throw new SafetensorsError(
      'unknown-dtype',
      `unknown dtype ${JSON.stringify(tensor.dtype)}; supported: ${SAFE_DTYPES.join(', ')}`,
      context,
    );
  }
  if (
    !Array.isArray(tensor.shape) ||
    !tensor.shape.every((size) => Number.isSafeInteger(size) && size >= 0)
  ) {
    throw new SafetensorsError(
      'invalid-tensor',
      `shape ${JSON.stringify(tensor.shape)} is not a list of non-negative integers`,
      context,
    );
  }
  const { arrayType, lanes } = dtypeInfo(tensor.dtype);
  if (!(tensor.data instanceof arrayType)) {
    throw new SafetensorsError(
      'invalid-tensor',
      `${tensor.dtype} data must be a ${arrayType.name}, got ${tensor.data?.constructor?.name ?? typeof tensor.data}`,
      context,
    );
  }
  const expected = tensor.shape.reduce((product, size) => product * size, 1) * lanes;
  if (tensor.data.length !== expected) {
    throw new SafetensorsError(
      'invalid-tensor',
      `shape [${tensor.shape}] of ${tensor.dtype} needs ${expected} values, the data has ${tensor.data.length}`,
      context,
    );
  }
}

function checkMetadata(metadata: Record<string, string>): void {
  for (const [key, value] of Object.entries(metadata)) {
    if (typeof value !== 'string') {
      throw new SafetensorsError(
        'metadata',
        `metadata value for ${JSON.stringify(key)} is ${JSON.stringify(value)}, not a string`,
      );
    }
  }
}
