// @enecg/safetensors: read and write the safetensors format (https://github.com/huggingface/safetensors)
// in browsers and Node, with no dependencies.
export { toFloat32Array } from './convert.js';
export {
  type DtypeInfo,
  dtypeInfo,
  isSafeDtype,
  SAFE_DTYPES,
  type SafeDtype,
  type SafeTensor,
  type SafeTensorData,
} from './dtypes.js';
export { SafetensorsError, type SafetensorsErrorCode, type SafetensorsErrorContext } from './errors.js';
export {
  bfloat16ToFloat32,
  float16ToFloat32,
  float32ToBfloat16,
  float32ToFloat16,
} from './half-precision.js';
export { MAX_HEADER_LENGTH } from './header.js';
export { type ParsedSafetensors, type ParseOptions, parseSafetensors } from './parse.js';
export { serializeSafetensors } from './serialize.js';
