import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackboneConfigError, createBackbone, loadTorchWeights } from '../src/index.js';
import { expectClose, randomValues } from './helpers.js';
import { type Seq, torchStateDict, toSeq, type Weights } from './naive.js';

/** DLinear as Time-Series-Library computes it, for one sample. */
function naiveDLinear(
  x: Seq,
  get: Weights,
  kernel: number,
  outLength: number,
  individual: boolean,
): number[] {
  const [time, leads] = [x.length, x[0].length];
  const half = (kernel - 1) / 2;
  const padded = [...new Array(half).fill(x[0]), ...x, ...new Array(half).fill(x[time - 1])];
  const trend = x.map((_, t) =>
    Array.from({ length: leads }, (_, c) => {
      let sum = 0;
      for (let j = 0; j < kernel; j++) sum += padded[t + j][c];
      return sum / kernel;
    }),
  );
  const out: number[] = [];
  for (let p = 0; p < outLength; p++) {
    for (let c = 0; c < leads; c++) {
      const key = (name: string) => (individual ? `${name}.${c}` : name);
      const [ws, bs, wt, bt] = [
        get(`${key('Linear_Seasonal')}.weight`),
        get(`${key('Linear_Seasonal')}.bias`),
        get(`${key('Linear_Trend')}.weight`),
        get(`${key('Linear_Trend')}.bias`),
      ];
      let value = bs[p] + bt[p];
      for (let t = 0; t < time; t++)
        value += ws[p * time + t] * (x[t][c] - trend[t][c]) + wt[p * time + t] * trend[t][c];
      out.push(value);
    }
  }
  return out;
}

describe('dlinear', () => {
  const config = { inputLength: 12, leads: ['I', 'II', 'V1'] as const, movingAverage: 5, outputLength: 4 };

  for (const individual of [false, true]) {
    it(`matches the reference computation with PyTorch weights (individual: ${individual})`, () => {
      const backbone = createBackbone('dlinear', {
        config: { ...config, leads: [...config.leads], individual },
      });
      const expectedKeys = individual
        ? [0, 1, 2]
            .flatMap((c) => [`Linear_Seasonal.${c}.weight`, `Linear_Seasonal.${c}.bias`])
            .concat([0, 1, 2].flatMap((c) => [`Linear_Trend.${c}.weight`, `Linear_Trend.${c}.bias`]))
        : ['Linear_Seasonal.weight', 'Linear_Seasonal.bias', 'Linear_Trend.weight', 'Linear_Trend.bias'];
      expect(backbone.weightInfo().map((w) => w.name)).toEqual(expectedKeys);
      const { file, get } = torchStateDict(backbone, 1);
      loadTorchWeights(backbone, file);
      const xValues = randomValues(2 * 12 * 3, 2);
      const x = tf.tensor3d(xValues, [2, 12, 3]);
      const embedding = backbone.embed(x);
      expect(embedding.shape).toEqual([2, 12]);
      const actual = embedding.dataSync();
      for (let b = 0; b < 2; b++) {
        const expected = naiveDLinear(toSeq(xValues, 12, 3, b * 36), get, 5, 4, individual);
        expectClose(actual.subarray(b * 12, (b + 1) * 12), expected, 1e-5);
      }
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }

  it('starts with the reference initial weights 1 / inputLength', () => {
    const backbone = createBackbone('dlinear', { config: { ...config, leads: [...config.leads] } });
    const weights = backbone.getWeights();
    expectClose(weights.get('Linear_Trend.weight')!.dataSync(), new Array(12 * 4).fill(1 / 12), 1e-7);
    tf.dispose([...weights.values()]);
    backbone.dispose();
  });

  it('maps each lead to its own length in the published preset (12000-d for 12 leads x 1000 samples)', () => {
    const backbone = createBackbone('dlinear', { preset: 'published' });
    expect(backbone.embeddingSize).toBe(12_000);
    expect(backbone.parameterCounts().total).toBe(2 * (1000 * 1000 + 1000));
    backbone.dispose();
  });

  it('rejects an even moving-average window', () => {
    expect(() => createBackbone('dlinear', { config: { movingAverage: 4 } })).toThrow(BackboneConfigError);
    expect(() => createBackbone('dlinear', { config: { movingAverage: 4 } })).toThrow(
      /movingAverage: must be odd, got 4/,
    );
  });
});
