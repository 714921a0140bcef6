// Naive float64 reference implementations of the layers, reading weights in PyTorch layout, written
// independently of the library (loops over indices, no TF.js). A sequence is `number[][]`: [time][channel].
import { type SafeTensor, serializeSafetensors } from '@enecg/safetensors';
import type { Backbone } from '../src/index.js';
import { torchShape } from '../src/index.js';
import { randomValues } from './helpers.js';

export type Seq = number[][];
export type Weights = (key: string) => Float32Array;

/**
 * A PyTorch-layout state dict for `backbone` with deterministic values (running variances positive), as a
 * safetensors file and as a lookup for the naive implementations.
 */
export function torchStateDict(
  backbone: Backbone,
  seed: number,
  scale = 1,
): { file: Uint8Array; get: Weights } {
  const tensors = new Map<string, SafeTensor>();
  backbone.weightInfo().forEach((weight, i) => {
    const shape = torchShape(weight.shape, weight.layout);
    const count = shape.reduce((a, b) => a * b, 1);
    const values = randomValues(count, seed * 1000 + i).map((v) =>
      weight.name.endsWith('running_var') ? 0.5 + Math.abs(v) : v * scale,
    );
    tensors.set(weight.name, { dtype: 'F32', shape, data: values });
  });
  return {
    file: serializeSafetensors(tensors),
    get: (key) => {
      const tensor = tensors.get(key);
      if (tensor === undefined) throw new Error(`test state dict has no ${key}`);
      return tensor.data as Float32Array;
    },
  };
}

/** `[time][channel]` from a sample-major flat array. */
export function toSeq(data: ArrayLike<number>, time: number, channels: number, offset = 0): Seq {
  return Array.from({ length: time }, (_, t) =>
    Array.from({ length: channels }, (_, c) => data[offset + t * channels + c]),
  );
}

export const transpose = (x: Seq): Seq => x[0].map((_, c) => x.map((row) => row[c]));

/** nn.Linear: W `[out, in]`. */
export function linear(x: Seq, w: Float32Array, b: Float32Array | null, outFeatures: number): Seq {
  const inFeatures = w.length / outFeatures;
  return x.map((row) =>
    Array.from({ length: outFeatures }, (_, o) => {
      let sum = b ? b[o] : 0;
      for (let i = 0; i < inFeatures; i++) sum += w[o * inFeatures + i] * row[i];
      return sum;
    }),
  );
}

/** nn.Conv1d: W `[out, in/groups, k]`, zero or circular padding. */
export function conv1d(
  x: Seq,
  w: Float32Array,
  b: Float32Array | null,
  options: {
    out: number;
    k: number;
    stride?: number;
    pad?: [number, number];
    groups?: number;
    circular?: boolean;
  },
): Seq {
  const { out, k, stride = 1, pad = [0, 0], groups = 1, circular = false } = options;
  const time = x.length;
  const inChannels = x[0].length;
  const inPerGroup = inChannels / groups;
  const outPerGroup = out / groups;
  const at = (t: number, c: number) => {
    if (circular) return x[(t + time) % time][c];
    return t >= 0 && t < time ? x[t][c] : 0;
  };
  const outTime = Math.floor((time + pad[0] + pad[1] - k) / stride) + 1;
  return Array.from({ length: outTime }, (_, t) =>
    Array.from({ length: out }, (_, o) => {
      const g = Math.floor(o / outPerGroup);
      let sum = b ? b[o] : 0;
      for (let c = 0; c < inPerGroup; c++)
        for (let j = 0; j < k; j++)
          sum += w[(o * inPerGroup + c) * k + j] * at(t * stride + j - pad[0], g * inPerGroup + c);
      return sum;
    }),
  );
}

/** nn.Conv2d with square kernel `k`, padding `(k - 1) / 2`, stride 1: image `[h][w][c]`, W `[out, in, k, k]`. */
export function conv2dSame(
  image: number[][][],
  w: Float32Array,
  b: Float32Array,
  out: number,
  k: number,
): number[][][] {
  const [height, width, inChannels] = [image.length, image[0].length, image[0][0].length];
  const p = (k - 1) / 2;
  return Array.from({ length: height }, (_, y) =>
    Array.from({ length: width }, (_, x) =>
      Array.from({ length: out }, (_, o) => {
        let sum = b[o];
        for (let c = 0; c < inChannels; c++)
          for (let i = 0; i < k; i++)
            for (let j = 0; j < k; j++) {
              const yy = y + i - p;
              const xx = x + j - p;
              if (yy < 0 || yy >= height || xx < 0 || xx >= width) continue;
              sum += w[((o * inChannels + c) * k + i) * k + j] * image[yy][xx][c];
            }
        return sum;
      }),
    ),
  );
}

export const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
const variance = (values: number[]) => {
  const m = mean(values);
  return mean(values.map((v) => (v - m) ** 2));
};

/** nn.LayerNorm over channels. */
export function layerNorm(x: Seq, gamma: Float32Array, beta: Float32Array, eps = 1e-5): Seq {
  return x.map((row) => {
    const m = mean(row);
    const s = Math.sqrt(variance(row) + eps);
    return row.map((v, c) => ((v - m) / s) * gamma[c] + beta[c]);
  });
}

/** T5LayerNorm: x / sqrt(mean(x^2) + eps) * weight. */
export function rmsNorm(x: Seq, weight: Float32Array, eps = 1e-6): Seq {
  return x.map((row) => {
    const s = Math.sqrt(mean(row.map((v) => v * v)) + eps);
    return row.map((v, c) => (v / s) * weight[c]);
  });
}

/** GroupNorm with one group per channel: each channel normalised over time. */
export function channelNorm(x: Seq, gamma: Float32Array, beta: Float32Array, eps = 1e-5): Seq {
  return transpose(
    transpose(x).map((channel, c) => {
      const m = mean(channel);
      const s = Math.sqrt(variance(channel) + eps);
      return channel.map((v) => ((v - m) / s) * gamma[c] + beta[c]);
    }),
  );
}

/** BatchNorm1d in eval mode (running statistics). */
export function batchNorm(x: Seq, get: Weights, prefix: string, eps = 1e-5): Seq {
  const [g, b, m, v] = ['weight', 'bias', 'running_mean', 'running_var'].map((n) => get(`${prefix}.${n}`));
  return x.map((row) => row.map((value, c) => ((value - m[c]) / Math.sqrt(v[c] + eps)) * g[c] + b[c]));
}

/** erf to ~1e-14 (Taylor series near 0, continued-fraction-free asymptotic via erfc for |x| > 3). */
export function erf(x: number): number {
  const sign = Math.sign(x);
  const a = Math.abs(x);
  if (a > 5) return sign;
  let term = a;
  let sum = a;
  for (let n = 1; n < 200; n++) {
    term *= (-a * a) / n;
    const add = term / (2 * n + 1);
    sum += add;
    if (Math.abs(add) < 1e-17) break;
  }
  return (sign * 2 * sum) / Math.sqrt(Math.PI);
}

export const gelu = (v: number) => 0.5 * v * (1 + erf(v / Math.SQRT2));
export const geluTanh = (v: number) =>
  0.5 * v * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v ** 3)));
export const map = (x: Seq, f: (v: number) => number): Seq => x.map((row) => row.map(f));
export const add = (a: Seq, b: Seq): Seq => a.map((row, t) => row.map((v, c) => v + b[t][c]));

/** Multi-head self-attention: q/k/v/o Linear weights under `prefix.<name>`, optional biases and score bias. */
export function attention(
  x: Seq,
  get: Weights,
  names: { q: string; k: string; v: string; o: string },
  options: {
    heads: number;
    headDim: number;
    bias: boolean;
    scale: number;
    scoreBias?: (h: number, i: number, j: number) => number;
  },
): Seq {
  const { heads, headDim, bias, scale } = options;
  const inner = heads * headDim;
  const project = (name: string, width: number) =>
    linear(x, get(`${name}.weight`), bias ? get(`${name}.bias`) : null, width);
  const [q, k, v] = [project(names.q, inner), project(names.k, inner), project(names.v, inner)];
  const time = x.length;
  const merged: Seq = Array.from({ length: time }, () => new Array(inner).fill(0));
  for (let h = 0; h < heads; h++) {
    for (let i = 0; i < time; i++) {
      const scores = Array.from({ length: time }, (_, j) => {
        let s = 0;
        for (let d = 0; d < headDim; d++) s += q[i][h * headDim + d] * k[j][h * headDim + d];
        return s * scale + (options.scoreBias ? options.scoreBias(h, i, j) : 0);
      });
      const top = Math.max(...scores);
      const exps = scores.map((s) => Math.exp(s - top));
      const total = exps.reduce((a, b) => a + b, 0);
      for (let j = 0; j < time; j++)
        for (let d = 0; d < headDim; d++)
          merged[i][h * headDim + d] += (exps[j] / total) * v[j][h * headDim + d];
    }
  }
  return linear(merged, get(`${names.o}.weight`), bias ? get(`${names.o}.bias`) : null, x[0].length);
}

/** Sinusoidal position table row `t` (sin on even, cos on odd channels). */
export function position(t: number, dim: number): number[] {
  return Array.from({ length: dim }, (_, c) => {
    const i = c - (c % 2);
    const angle = t * Math.exp((i * -Math.log(10000)) / dim);
    return c % 2 === 0 ? Math.sin(angle) : Math.cos(angle);
  });
}
