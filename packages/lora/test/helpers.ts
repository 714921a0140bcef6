import * as tf from '@tensorflow/tfjs';

/** Values of a tensor as a plain array. */
export function values(tensor: tf.Tensor): number[] {
  return Array.from(tensor.dataSync());
}

/** Runs `model` on `x` and returns the output values, disposing the output. */
export function predictValues(model: tf.LayersModel, x: tf.Tensor): number[] {
  const y = model.predict(x) as tf.Tensor;
  const result = values(y);
  y.dispose();
  return result;
}

/** Largest absolute difference between two arrays of the same length. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** A copy of every weight value of a model, by weight name. */
export function snapshotWeights(model: tf.LayersModel): Map<string, Float32Array> {
  return new Map(
    model.weights.map((w) => [w.originalName, Float32Array.from(w.read().dataSync() as Float32Array)]),
  );
}

/** Deterministic pseudo-random numbers in [-1, 1) (a linear congruential generator). */
export function pseudoRandom(count: number, seed = 1): Float32Array {
  const out = new Float32Array(count);
  let state = seed >>> 0;
  for (let i = 0; i < count; i++) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    out[i] = state / 2 ** 31 - 1;
  }
  return out;
}

/** Sets every weight of `layer` to deterministic pseudo-random values. */
export function fillWeights(layer: tf.layers.Layer, seed: number): void {
  layer.weights.forEach((weight, index) => {
    const shape = weight.shape as number[];
    const size = shape.reduce((a, b) => a * b, 1);
    weight.write(tf.tensor(pseudoRandom(size, seed * 100 + index), shape));
  });
}

/**
 * A small functional model: input [4] -> encoder (nested Sequential: fc1 Dense 6 relu, fc2 Dense 5 tanh)
 * -> head Dense 3. Weights are deterministic.
 */
export function nestedModel(): tf.LayersModel {
  const encoder = tf.sequential({
    name: 'encoder',
    layers: [
      tf.layers.dense({ units: 6, inputShape: [4], activation: 'relu', name: 'fc1' }),
      tf.layers.dense({ units: 5, activation: 'tanh', name: 'fc2' }),
    ],
  });
  const input = tf.input({ shape: [4], name: 'features' });
  const hidden = encoder.apply(input) as tf.SymbolicTensor;
  const output = tf.layers.dense({ units: 3, name: 'head' }).apply(hidden) as tf.SymbolicTensor;
  const model = tf.model({ inputs: input, outputs: output, name: 'classifier' });
  let seed = 1;
  for (const layer of [...encoder.layers, model.getLayer('head')]) fillWeights(layer, seed++);
  return model;
}

/**
 * A safetensors file written by hand from the format description (8-byte little-endian header length,
 * JSON header, little-endian float32 data), as PyTorch/PEFT would write float32 tensors.
 */
export function float32SafetensorsFile(
  tensors: Array<[name: string, shape: number[], values: number[]]>,
): Uint8Array {
  const header: Record<string, unknown> = { __metadata__: { format: 'pt' } };
  let offset = 0;
  for (const [name, shape, data] of tensors) {
    header[name] = { dtype: 'F32', shape, data_offsets: [offset, offset + 4 * data.length] };
    offset += 4 * data.length;
  }
  const json = new TextEncoder().encode(JSON.stringify(header));
  const bytes = new Uint8Array(8 + json.length + offset);
  const view = new DataView(bytes.buffer);
  view.setBigUint64(0, BigInt(json.length), true);
  bytes.set(json, 8);
  let position = 8 + json.length;
  for (const [, , data] of tensors) {
    for (const value of data) {
      view.setFloat32(position, value, true);
      position += 4;
    }
  }
  return bytes;
}
