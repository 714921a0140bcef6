import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { relativePositionBucket } from '../src/architectures/moment/relative-position-bias.js';
import { createBackbone, loadTorchWeights } from '../src/index.js';
import { expectClose, randomValues } from './helpers.js';
import {
  add,
  attention,
  geluTanh,
  linear,
  mean,
  position,
  rmsNorm,
  type Seq,
  torchStateDict,
  toSeq,
  type Weights,
} from './naive.js';

/** Hugging Face T5's bucket formula, written out again: 32 buckets, max distance 128. */
function t5Bucket(relative: number): number {
  const half = 16;
  const exact = 8;
  const base = relative > 0 ? half : 0;
  const n = Math.abs(relative);
  if (n < exact) return base + n;
  return (
    base +
    Math.min(exact + Math.floor((Math.log(n / exact) / Math.log(128 / exact)) * (half - exact)), half - 1)
  );
}

interface Sizes {
  patch: number;
  stride: number;
  modelDim: number;
  heads: number;
  headDim: number;
  ffDim: number;
  layers: number;
}

/** MOMENT.embed for one sample (mask of ones, reduction 'mean'). */
function naiveMoment(x: Seq, get: Weights, s: Sizes): number[] {
  const leads = x[0].length;
  const patches = Math.floor((x.length - s.patch) / s.stride) + 1;
  const table = get('encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight'); // [buckets, heads]
  const perLead = Array.from({ length: leads }, (_, c) => {
    const series = x.map((row) => row[c]);
    const m = mean(series);
    const std = Math.sqrt(mean(series.map((v) => (v - m) ** 2)));
    const normalized = series.map((v) => (v - m) / (std + 1e-5));
    const tokens: Seq = Array.from({ length: patches }, (_, p) =>
      normalized.slice(p * s.stride, p * s.stride + s.patch),
    );
    let h = add(
      linear(tokens, get('patch_embedding.value_embedding.weight'), null, s.modelDim),
      tokens.map((_, p) => position(p, s.modelDim)),
    );
    for (let i = 0; i < s.layers; i++) {
      const block = `encoder.block.${i}.layer`;
      const attended = attention(
        rmsNorm(h, get(`${block}.0.layer_norm.weight`)),
        get,
        {
          q: `${block}.0.SelfAttention.q`,
          k: `${block}.0.SelfAttention.k`,
          v: `${block}.0.SelfAttention.v`,
          o: `${block}.0.SelfAttention.o`,
        },
        {
          heads: s.heads,
          headDim: s.headDim,
          bias: false,
          scale: 1,
          scoreBias: (head, q, k) => table[t5Bucket(k - q) * s.heads + head],
        },
      );
      h = add(h, attended);
      const normed = rmsNorm(h, get(`${block}.1.layer_norm.weight`));
      const gate = linear(normed, get(`${block}.1.DenseReluDense.wi_0.weight`), null, s.ffDim);
      const up = linear(normed, get(`${block}.1.DenseReluDense.wi_1.weight`), null, s.ffDim);
      const hidden = gate.map((row, t) => row.map((v, j) => geluTanh(v) * up[t][j]));
      h = add(h, linear(hidden, get(`${block}.1.DenseReluDense.wo.weight`), null, s.modelDim));
    }
    h = rmsNorm(h, get('encoder.final_layer_norm.weight'));
    return h[0].map((_, d) => mean(h.map((row) => row[d]))); // mean over patches
  });
  return perLead[0].map((_, d) => mean(perLead.map((lead) => lead[d]))); // then over leads (same as the other order)
}

describe('moment', () => {
  it('buckets relative positions as T5 (32 buckets, max distance 128)', () => {
    const cases: [number, number][] = [
      [0, 0],
      [-1, 1],
      [-7, 7],
      [-8, 8],
      [-16, 10],
      [-127, 15],
      [-128, 15],
      [-1000, 15],
      [1, 17],
      [7, 23],
      [8, 24],
      [16, 26],
      [200, 31],
    ];
    for (const [relative, bucket] of cases) expect(relativePositionBucket(relative, 32, 128)).toBe(bucket);
  });

  for (const stride of [4, 2]) {
    it(`matches MOMENT.embed with PyTorch weights (patch 4, stride ${stride})`, () => {
      const sizes: Sizes = { patch: 4, stride, modelDim: 8, heads: 2, headDim: 3, ffDim: 12, layers: 2 };
      const backbone = createBackbone('moment', {
        config: {
          inputLength: 32,
          leads: ['II', 'V5'],
          patchLength: 4,
          patchStride: stride,
          modelDim: 8,
          heads: 2,
          headDim: 3,
          ffDim: 12,
          layers: 2,
        },
      });
      const { file, get } = torchStateDict(backbone, 5, 0.5);
      loadTorchWeights(backbone, file);
      const xValues = randomValues(2 * 32 * 2, 6).map((v, i) => v + (i % 2) * 3); // second lead offset by 3 mV
      const x = tf.tensor3d(xValues, [2, 32, 2]);
      const embedding = backbone.embed(x);
      const expected = [0, 1].flatMap((b) => naiveMoment(toSeq(xValues, 32, 2, b * 64), get, sizes));
      expectClose(embedding.dataSync(), expected, 1e-4);
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }

  it('names its weights as the MOMENT state_dict and ignores the unused ones', () => {
    const backbone = createBackbone('moment', { config: { layers: 1, feedForward: 'relu' } });
    expect(backbone.weightInfo().map((w) => w.name)).toEqual([
      'patch_embedding.value_embedding.weight',
      'encoder.block.0.layer.0.SelfAttention.relative_attention_bias.weight',
      'encoder.block.0.layer.0.layer_norm.weight',
      'encoder.block.0.layer.0.SelfAttention.q.weight',
      'encoder.block.0.layer.0.SelfAttention.k.weight',
      'encoder.block.0.layer.0.SelfAttention.v.weight',
      'encoder.block.0.layer.0.SelfAttention.o.weight',
      'encoder.block.0.layer.1.layer_norm.weight',
      'encoder.block.0.layer.1.DenseReluDense.wi.weight',
      'encoder.block.0.layer.1.DenseReluDense.wo.weight',
      'encoder.final_layer_norm.weight',
    ]);
    for (const key of [
      'patch_embedding.mask_embedding',
      'encoder.embed_tokens.weight',
      'head.linear.weight',
    ]) {
      expect(backbone.ignoredTorchKeys.some((p) => p.test(key))).toBe(true);
    }
    backbone.dispose();
  });

  it('declares 512 samples without normalisation (RevIN is inside)', () => {
    const backbone = createBackbone('moment');
    expect(backbone.input.length).toBe(512);
    expect(backbone.input.normalization).toEqual({ kind: 'none' });
    backbone.dispose();
  });
});
