import type { SafeTensor } from './dtypes.js';
import { SafetensorsError } from './errors.js';
import { bfloat16ToFloat32, float16ToFloat32 } from './half-precision.js';

/**
 * The values of a real-valued tensor as float32, e.g. to build a TensorFlow.js tensor.
 *
 * F16 and BF16 are decoded exactly; F64 and the integer types are rounded to the nearest float32 (I64/U64
 * through `Number`). For F32 the tensor's own array is returned, not a copy. F8 and C64 tensors throw a
 * `SafetensorsError` ('unsupported-dtype').
 */
export function toFloat32Array(tensor: SafeTensor, name?: string): Float32Array {
  switch (tensor.dtype) {
    case 'F32':
      return tensor.data as Float32Array;
    case 'F16':
      return float16ToFloat32(tensor.data as Uint16Array);
    case 'BF16':
      return bfloat16ToFloat32(tensor.data as Uint16Array);
    case 'I64':
    case 'U64':
      return Float32Array.from(tensor.data as BigInt64Array | BigUint64Array, Number);
    case 'F64':
    case 'BOOL':
    case 'U8':
    case 'I8':
    case 'I16':
    case 'U16':
    case 'I32':
    case 'U32':
      return Float32Array.from(tensor.data as ArrayLike<number>);
    default:
      throw new SafetensorsError('unsupported-dtype', `cannot convert ${tensor.dtype} values to float32`, {
        tensor: name,
      });
  }
}
