import {
  float32ToBfloat16,
  float32ToFloat16,
  type SafeTensor,
  serializeSafetensors,
} from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  createBackbone,
  loadTorchWeights,
  WeightFormatError,
  WeightKeysError,
  WeightShapeError,
} from '../src/index.js';
import { TINY_CONFIGS } from './tiny-configs.js';

/** A DLinear state dict in PyTorch layout: weight[out][in] = out + in / 100, biases [out] = -out. */
function dlinearStateDict(): Map<string, SafeTensor> {
  const weight = new Float32Array(4 * 24).map((_, i) => Math.floor(i / 24) + (i % 24) / 100);
  const bias = Float32Array.of(0, -1, -2, -3);
  return new Map<string, SafeTensor>([
    ['Linear_Seasonal.weight', { dtype: 'F32', shape: [4, 24], data: weight }],
    ['Linear_Seasonal.bias', { dtype: 'F32', shape: [4], data: bias }],
    ['Linear_Trend.weight', { dtype: 'F32', shape: [4, 24], data: weight }],
    ['Linear_Trend.bias', { dtype: 'F32', shape: [4], data: bias }],
  ]);
}

const dlinear = () => createBackbone('dlinear', { config: TINY_CONFIGS.dlinear });

describe('loadTorchWeights', () => {
  it('puts PyTorch values at their TF.js positions and reports what it did', () => {
    const backbone = dlinear();
    const file = dlinearStateDict();
    file.set('projection.weight', { dtype: 'F32', shape: [5, 72], data: new Float32Array(360) });
    const report = loadTorchWeights(backbone, serializeSafetensors(file));
    expect(report).toEqual({
      loaded: ['Linear_Seasonal.weight', 'Linear_Seasonal.bias', 'Linear_Trend.weight', 'Linear_Trend.bias'],
      ignored: ['projection.weight'],
      missing: [],
      unexpected: [],
    });
    const weights = backbone.getWeights();
    const kernel = weights.get('Linear_Trend.weight')!; // TF.js [in, out]
    expect(kernel.shape).toEqual([24, 4]);
    expect((kernel.arraySync() as number[][])[5]).toEqual([0.05, 1.05, 2.05, 3.05].map(Math.fround));
    expect(Array.from(weights.get('Linear_Trend.bias')!.dataSync())).toEqual([0, -1, -2, -3]);
    tf.dispose([...weights.values()]);
    backbone.dispose();
  });

  it('names missing and unexpected keys, and changes nothing', () => {
    const backbone = dlinear();
    const before = backbone.getWeights();
    const file = dlinearStateDict();
    file.delete('Linear_Trend.bias');
    file.set('Linear_Trend.gamma', { dtype: 'F32', shape: [4], data: new Float32Array(4) });
    const bytes = serializeSafetensors(file);
    expect(() => loadTorchWeights(backbone, bytes, { source: 'dlinear.safetensors' })).toThrow(
      WeightKeysError,
    );
    expect(() => loadTorchWeights(backbone, bytes, { source: 'dlinear.safetensors' })).toThrow(
      'dlinear.safetensors: missing tensors: Linear_Trend.bias; unexpected tensors: Linear_Trend.gamma',
    );
    const after = backbone.getWeights();
    expect(Array.from(after.get('Linear_Trend.weight')!.dataSync())).toEqual(
      Array.from(before.get('Linear_Trend.weight')!.dataSync()),
    );
    const report = loadTorchWeights(backbone, bytes, { strict: false });
    expect(report.missing).toEqual(['Linear_Trend.bias']);
    expect(report.unexpected).toEqual(['Linear_Trend.gamma']);
    tf.dispose([...before.values(), ...after.values()]);
    backbone.dispose();
  });

  it('names the key and both PyTorch shapes on a shape mismatch (e.g. a weight left in TF.js layout)', () => {
    const backbone = dlinear();
    const file = dlinearStateDict();
    file.set('Linear_Seasonal.weight', { dtype: 'F32', shape: [24, 4], data: new Float32Array(96) });
    expect(() => loadTorchWeights(backbone, file)).toThrow(WeightShapeError);
    expect(() => loadTorchWeights(backbone, file)).toThrow(
      'tensor "Linear_Seasonal.weight" has shape [24,4], expected [4,24] (PyTorch layout, linear)',
    );
    backbone.dispose();
  });

  it('reads F16, BF16 and F64 checkpoints', () => {
    const backbone = dlinear();
    const file = dlinearStateDict();
    const weight = file.get('Linear_Trend.weight')!.data as Float32Array;
    file.set('Linear_Trend.weight', { dtype: 'F16', shape: [4, 24], data: float32ToFloat16(weight) });
    file.set('Linear_Seasonal.weight', { dtype: 'BF16', shape: [4, 24], data: float32ToBfloat16(weight) });
    file.set('Linear_Trend.bias', { dtype: 'F64', shape: [4], data: Float64Array.of(0, -1, -2, -3) });
    loadTorchWeights(backbone, serializeSafetensors(file));
    const weights = backbone.getWeights();
    // 1.05 in half precision is 1.0498046875; in bfloat16 1.046875.
    expect((weights.get('Linear_Trend.weight')!.arraySync() as number[][])[5][1]).toBe(1.0498046875);
    expect((weights.get('Linear_Seasonal.weight')!.arraySync() as number[][])[5][1]).toBe(1.046875);
    tf.dispose([...weights.values()]);
    backbone.dispose();
  });

  it('turns a malformed file into a WeightFormatError', () => {
    const backbone = dlinear();
    expect(() =>
      loadTorchWeights(backbone, new Uint8Array([1, 2, 3]), { source: 'broken.safetensors' }),
    ).toThrow(WeightFormatError);
    backbone.dispose();
  });
});
