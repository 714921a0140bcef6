// Float32 tensors in safetensors files (gates and 'full' heads of a saved model), via @enecg/safetensors, with
// errors that name the model file.
import { parseSafetensors, SafetensorsError, serializeSafetensors, toFloat32Array } from '@enecg/safetensors';
import { EnEcgFileError } from './errors.js';

/** A tensor as stored in a weights file: shape and float32 values. */
export interface F32Tensor {
  shape: number[];
  data: Float32Array;
}

/** Writes float32 tensors with string metadata. */
export function writeWeightsFile(
  tensors: ReadonlyMap<string, F32Tensor>,
  metadata: Record<string, string>,
): Uint8Array {
  return serializeSafetensors(
    new Map([...tensors].map(([name, { shape, data }]) => [name, { dtype: 'F32' as const, shape, data }])),
    metadata,
  );
}

/**
 * Reads a safetensors file as float32 tensors (F16/BF16/F64 are converted).
 *
 * @throws EnEcgFileError naming `file` when it is not a valid safetensors file.
 */
export function readWeightsFile(
  bytes: Uint8Array,
  file: string,
): { tensors: Map<string, F32Tensor>; metadata: Record<string, string> } {
  try {
    const parsed = parseSafetensors(bytes, { source: file });
    const tensors = new Map<string, F32Tensor>();
    for (const [name, tensor] of parsed.tensors) {
      tensors.set(name, { shape: [...tensor.shape], data: toFloat32Array(tensor, name) });
    }
    return { tensors, metadata: parsed.metadata };
  } catch (error) {
    if (error instanceof SafetensorsError) throw new EnEcgFileError(file, error.message);
    throw error;
  }
}
