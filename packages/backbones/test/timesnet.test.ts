import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { dftBasis, meanAmplitudes, topPeriods } from '../src/architectures/timesnet/periods.js';
import { BackboneConfigError, createBackbone, loadTorchWeights } from '../src/index.js';
import { expectClose, randomValues } from './helpers.js';
import {
  add,
  conv1d,
  conv2dSame,
  gelu,
  layerNorm,
  map,
  mean,
  position,
  type Seq,
  torchStateDict,
  toSeq,
  type Weights,
} from './naive.js';

/** |rfft| along time averaged over channels, by the DFT definition. */
function amplitudes(x: Seq): number[] {
  const time = x.length;
  return Array.from({ length: Math.floor(time / 2) + 1 }, (_, f) =>
    mean(
      x[0].map((_, c) => {
        let re = 0;
        let im = 0;
        for (let t = 0; t < time; t++) {
          re += x[t][c] * Math.cos((2 * Math.PI * f * t) / time);
          im -= x[t][c] * Math.sin((2 * Math.PI * f * t) / time);
        }
        return Math.hypot(re, im);
      }),
    ),
  );
}

/** Inception_Block_V1: the mean of the convolutions with kernels 1, 3, ..., run one by one. */
function inception(
  image: number[][][],
  get: Weights,
  prefix: string,
  out: number,
  kernels: number,
): number[][][] {
  const results = Array.from({ length: kernels }, (_, j) =>
    conv2dSame(
      image,
      get(`${prefix}.kernels.${j}.weight`),
      get(`${prefix}.kernels.${j}.bias`),
      out,
      2 * j + 1,
    ),
  );
  return results[0].map((row, y) =>
    row.map((cell, x) => cell.map((_, o) => mean(results.map((r) => r[y][x][o])))),
  );
}

interface Sizes {
  modelDim: number;
  ffDim: number;
  topK: number;
  numKernels: number;
}

/** One TimesBlock on one sample given the frequencies to use (the reference with pred_len = 0). */
function timesBlock(x: Seq, get: Weights, prefix: string, sizes: Sizes, frequencies: number[]): Seq {
  const time = x.length;
  const amp = amplitudes(x);
  const top = Math.max(...frequencies.map((f) => amp[f]));
  const exps = frequencies.map((f) => Math.exp(amp[f] - top));
  const weights = exps.map((e) => e / exps.reduce((a, b) => a + b, 0));
  const results = frequencies.map((f) => {
    const period = Math.floor(time / f);
    const length = time % period === 0 ? time : (Math.floor(time / period) + 1) * period;
    const padded = [...x, ...Array.from({ length: length - time }, () => new Array(sizes.modelDim).fill(0))];
    const image = Array.from({ length: length / period }, (_, r) =>
      padded.slice(r * period, (r + 1) * period),
    );
    const hidden = inception(image, get, `${prefix}.conv.0`, sizes.ffDim, sizes.numKernels).map((row) =>
      row.map((cell) => cell.map(gelu)),
    );
    const out = inception(hidden, get, `${prefix}.conv.2`, sizes.modelDim, sizes.numKernels);
    return x.map((_, t) => out[Math.floor(t / period)][t % period]);
  });
  const mixed = x.map((row, t) =>
    row.map((_, c) => results.reduce((sum, r, j) => sum + weights[j] * r[t][c], 0)),
  );
  return add(mixed, x);
}

/** Frequencies with the largest amplitudes, frequency 0 excluded. */
function topFrequencies(amp: number[], k: number): number[] {
  return amp
    .map((a, f) => [a, f])
    .slice(1)
    .sort((a, b) => b[0] - a[0])
    .slice(0, k)
    .map(([, f]) => f);
}

/** TimesNet classification path up to the flattened GELU output, for a batch; periods per sample or per batch. */
function naiveTimesNet(
  samples: Seq[],
  get: Weights,
  sizes: Sizes,
  layers: number,
  scope: 'sample' | 'batch',
): number[][] {
  let h = samples.map((x) =>
    add(
      conv1d(x, get('enc_embedding.value_embedding.tokenConv.weight'), null, {
        out: sizes.modelDim,
        k: 3,
        pad: [1, 1],
        circular: true,
      }),
      x.map((_, t) => position(t, sizes.modelDim)),
    ),
  );
  for (let i = 0; i < layers; i++) {
    const amps = h.map(amplitudes);
    const batchMean = amps[0].map((_, f) => mean(amps.map((a) => a[f])));
    h = h.map((x, b) => {
      const frequencies = topFrequencies(scope === 'batch' ? batchMean : amps[b], sizes.topK);
      return layerNorm(
        timesBlock(x, get, `model.${i}`, sizes, frequencies),
        get('layer_norm.weight'),
        get('layer_norm.bias'),
      );
    });
  }
  return h.map((x) => map(x, gelu).flat());
}

describe('timesnet', () => {
  const sizes: Sizes = { modelDim: 4, ffDim: 6, topK: 2, numKernels: 3 };
  const config = { inputLength: 18, leads: ['I', 'II', 'V2'] as const, layers: 2, ...sizes };

  it('finds the period of a sinusoid from its spectrum', () => {
    const time = 32;
    // Frequency 4 (period 8) with amplitude 1, frequency 2 (period 16) with 0.5, and an offset (frequency 0).
    const values = Array.from(
      { length: time },
      (_, t) => 3 + Math.sin((2 * Math.PI * 4 * t) / time) + 0.5 * Math.cos((2 * Math.PI * 2 * t) / time),
    );
    const x = tf.tensor3d(values, [1, time, 1]);
    const frequencies = Array.from({ length: 17 }, (_, f) => f);
    const basis = dftBasis(time, frequencies);
    const amp = meanAmplitudes(x, basis).dataSync() as Float32Array;
    // |DFT| of a unit sinusoid of T samples at its frequency is T/2; of a constant c it is c T.
    expectClose([amp[0], amp[2], amp[4], amp[3]], [96, 8, 16, 0], 1e-3);
    expect(topPeriods(amp, time, 2)).toEqual({ frequencies: [4, 2], periods: [8, 16] });
    tf.dispose([x, basis.cos, basis.sin]);
  });

  for (const periodScope of ['sample', 'batch'] as const) {
    it(`matches the reference computation with PyTorch weights (periods per ${periodScope})`, () => {
      const backbone = createBackbone('timesnet', {
        config: { ...config, leads: [...config.leads], periodScope },
      });
      const { file, get } = torchStateDict(backbone, 3, 0.5);
      const report = loadTorchWeights(backbone, file);
      expect(report.loaded).toHaveLength(1 + 2 * 2 * 2 * 3 + 2);
      const xValues = randomValues(2 * 18 * 3, 4);
      const x = tf.tensor3d(xValues, [2, 18, 3]);
      const embedding = backbone.embed(x);
      expect(embedding.shape).toEqual([2, 18 * 4]);
      const samples = [0, 1].map((b) => toSeq(xValues, 18, 3, b * 54));
      const expected = naiveTimesNet(samples, get, sizes, 2, periodScope).flat();
      expectClose(embedding.dataSync(), expected, 2e-4);
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }

  it('names its weights as the reference state_dict and skips the classifier when loading', () => {
    const backbone = createBackbone('timesnet', {
      config: { ...config, leads: [...config.leads], layers: 1, numKernels: 1 },
    });
    expect(backbone.weightInfo().map((w) => w.name)).toEqual([
      'enc_embedding.value_embedding.tokenConv.weight',
      'model.0.conv.0.kernels.0.weight',
      'model.0.conv.0.kernels.0.bias',
      'model.0.conv.2.kernels.0.weight',
      'model.0.conv.2.kernels.0.bias',
      'layer_norm.weight',
      'layer_norm.bias',
    ]);
    expect(backbone.ignoredTorchKeys.some((p) => p.test('projection.weight'))).toBe(true);
    expect(backbone.ignoredTorchKeys.some((p) => p.test('enc_embedding.position_embedding.pe'))).toBe(true);
    backbone.dispose();
  });

  it('pools by mean over time when asked', () => {
    const backbone = createBackbone('timesnet', {
      config: { ...config, leads: [...config.leads], pooling: 'mean' },
    });
    expect(backbone.embeddingSize).toBe(4);
    backbone.dispose();
  });

  it('rejects more periods than the input has frequencies', () => {
    expect(() => createBackbone('timesnet', { config: { inputLength: 6, topK: 4 } })).toThrow(
      BackboneConfigError,
    );
  });
});
