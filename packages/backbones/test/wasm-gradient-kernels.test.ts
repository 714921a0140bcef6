import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { registerWasmGradientKernels } from '../src/index.js';
import { expectClose, onBackend, randomValues } from './helpers.js';

/** Naive weight gradient of a 1-D convolution (zero padding `[before, after]`) for `loss = sum(conv(x) * dy)`. */
function naiveConv1dFilterGradient(
  x: Float32Array,
  [batch, time, inChannels]: number[],
  dy: Float32Array,
  [outTime, outChannels]: number[],
  kernelSize: number,
  stride: number,
  before: number,
): Float32Array {
  const dw = new Float32Array(kernelSize * inChannels * outChannels);
  for (let n = 0; n < batch; n++)
    for (let t = 0; t < outTime; t++)
      for (let k = 0; k < kernelSize; k++) {
        const source = t * stride + k - before;
        if (source < 0 || source >= time) continue;
        for (let c = 0; c < inChannels; c++)
          for (let o = 0; o < outChannels; o++)
            dw[(k * inChannels + c) * outChannels + o] +=
              x[(n * time + source) * inChannels + c] * dy[(n * outTime + t) * outChannels + o];
      }
  return dw;
}

/** Gradients of `sum(conv1d(x, w) * dy)` with respect to x and w on the active backend. */
function conv1dGradients(
  x: tf.Tensor3D,
  w: tf.Tensor3D,
  dy: tf.Tensor3D,
  stride: number,
  pad: 'same' | 'valid',
): Float32Array[] {
  return tf.tidy(() => {
    const gradients = tf.grads((a: tf.Tensor, b: tf.Tensor) =>
      tf.sum(tf.mul(tf.conv1d(a as tf.Tensor3D, b as tf.Tensor3D, stride, pad), dy)),
    )([x, w]);
    return gradients.map((g) => g.dataSync() as Float32Array);
  });
}

describe('wasm gradient kernels', () => {
  beforeAll(() => registerWasmGradientKernels());

  it('registers Conv2DBackpropFilter and UnsortedSegmentSum for wasm only once', () => {
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBeDefined();
    expect(tf.getKernel('UnsortedSegmentSum', 'wasm')).toBeDefined();
    const before = tf.getKernel('Conv2DBackpropFilter', 'wasm');
    registerWasmGradientKernels();
    expect(tf.getKernel('Conv2DBackpropFilter', 'wasm')).toBe(before);
  });

  const cases: { name: string; stride: number; pad: 'same' | 'valid'; k: number }[] = [
    { name: 'stride 1, same', stride: 1, pad: 'same', k: 3 },
    { name: 'stride 2, same, even kernel', stride: 2, pad: 'same', k: 4 },
    { name: 'stride 3, valid', stride: 3, pad: 'valid', k: 5 },
    { name: 'stride 2, valid, kernel 2 (wav2vec 2.0 feature encoder)', stride: 2, pad: 'valid', k: 2 },
  ];
  for (const { name, stride, pad, k } of cases) {
    it(`conv1d weight and input gradients on wasm match a naive computation and the CPU backend (${name})`, async () => {
      const [batch, time, inChannels, outChannels] = [2, 17, 3, 4];
      const xValues = randomValues(batch * time * inChannels, 1);
      const wValues = randomValues(k * inChannels * outChannels, 2);
      const outShape = tf.tidy(
        () =>
          tf.conv1d(
            tf.zeros([batch, time, inChannels]) as tf.Tensor3D,
            tf.zeros([k, inChannels, outChannels]) as tf.Tensor3D,
            stride,
            pad,
          ).shape,
      );
      const dyValues = randomValues(outShape[0] * outShape[1] * outShape[2], 3);
      const compute = () =>
        tf.tidy(() =>
          conv1dGradients(
            tf.tensor3d(xValues, [batch, time, inChannels]),
            tf.tensor3d(wValues, [k, inChannels, outChannels]),
            tf.tensor3d(dyValues, outShape as [number, number, number]),
            stride,
            pad,
          ),
        );
      const onCpu = compute();
      const onWasm = await onBackend('wasm', compute);
      // 'same' pads floor(total / 2) before the first sample.
      const total = Math.max((outShape[1] - 1) * stride + k - time, 0);
      const before = pad === 'same' ? Math.floor(total / 2) : 0;
      const naive = naiveConv1dFilterGradient(
        xValues,
        [batch, time, inChannels],
        dyValues,
        [outShape[1], outChannels],
        k,
        stride,
        before,
      );
      expectClose(onWasm[1], naive, 1e-5);
      expectClose(onCpu[1], naive, 1e-5);
      expectClose(onWasm[0], onCpu[0], 1e-5);
    });
  }

  it('conv2d weight gradient on wasm matches the CPU backend (non-square kernel, stride [2, 1])', async () => {
    const x = randomValues(2 * 6 * 7 * 3, 4);
    const w = randomValues(3 * 2 * 3 * 5, 5);
    const compute = () =>
      tf.tidy(() => {
        const grad = tf.grad((filter: tf.Tensor) =>
          tf.sum(tf.square(tf.conv2d(tf.tensor4d(x, [2, 6, 7, 3]), filter as tf.Tensor4D, [2, 1], 'same'))),
        );
        return grad(tf.tensor4d(w, [3, 2, 3, 5])).dataSync() as Float32Array;
      });
    expectClose(await onBackend('wasm', compute), compute(), 1e-4);
  });

  it('gather gradients (UnsortedSegmentSum) on wasm sum the rows of repeated indices and drop none', async () => {
    const params = randomValues(5 * 3, 6);
    const indices = [4, 0, 4, 2, 4];
    const dy = randomValues(indices.length * 3, 7);
    const compute = () =>
      tf.tidy(() => {
        const grad = tf.grad((p: tf.Tensor) =>
          tf.sum(tf.mul(tf.gather(p, tf.tensor1d(indices, 'int32')), tf.tensor2d(dy, [5, 3]))),
        );
        return grad(tf.tensor2d(params, [5, 3])).dataSync() as Float32Array;
      });
    const expected = new Float32Array(15);
    indices.forEach((row, i) => {
      for (let c = 0; c < 3; c++) expected[row * 3 + c] += dy[i * 3 + c];
    });
    expectClose(await onBackend('wasm', compute), expected, 1e-6);
  });

  it('does not leak tensors on wasm', async () => {
    await onBackend('wasm', () => {
      const x = tf.randomNormal([2, 20, 3]) as tf.Tensor3D;
      const w = tf.randomNormal([3, 3, 4]) as tf.Tensor3D;
      const dy = tf.ones([2, 10, 4]) as tf.Tensor3D;
      conv1dGradients(x, w, dy, 2, 'same');
      const before = tf.memory().numTensors;
      const bytesBefore = tf.memory().numBytes;
      conv1dGradients(x, w, dy, 2, 'same');
      expect(tf.memory().numTensors).toBe(before);
      expect(tf.memory().numBytes).toBe(bytesBefore);
      tf.dispose([x, w, dy]);
    });
  });
});
