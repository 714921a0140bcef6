// Write two tensors and some metadata to a safetensors file, read it back, decode a float16 tensor.
// Run after `pnpm --filter @enecg/safetensors build`: node examples/round-trip.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { float32ToFloat16, parseSafetensors, serializeSafetensors, toFloat32Array } from '@enecg/safetensors';

const file = join(tmpdir(), 'example.safetensors');
const bytes = serializeSafetensors(
  {
    'encoder.weight': { dtype: 'F32', shape: [2, 3], data: new Float32Array([1, 2, 3, 4, 5, 6]) },
    'encoder.bias': { dtype: 'F16', shape: [2], data: float32ToFloat16([0.5, -0.25]) },
  },
  { format: 'pt' },
);
writeFileSync(file, bytes);

const { tensors, metadata } = parseSafetensors(readFileSync(file), { source: file });
console.log(metadata); // { format: 'pt' }
for (const [name, tensor] of tensors) {
  console.log(name, tensor.dtype, tensor.shape, Array.from(toFloat32Array(tensor, name)));
}
// encoder.weight F32 [ 2, 3 ] [ 1, 2, 3, 4, 5, 6 ]
// encoder.bias F16 [ 2 ] [ 0.5, -0.25 ]
