import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { BackboneConfigError, createBackbone, loadTorchWeights, type XResNet1dConfig } from '../src/index.js';
import { expectClose, randomValues } from './helpers.js';
import { add, batchNorm, conv1d, map, mean, type Seq, torchStateDict, toSeq, type Weights } from './naive.js';

const relu = (v: number) => Math.max(v, 0);

/** fastai ConvLayer in eval mode: conv (padding (k-1)/2, no bias) -> BatchNorm -> optional ReLU. */
function convLayer(
  x: Seq,
  get: Weights,
  prefix: string,
  out: number,
  k: number,
  stride: number,
  activation: boolean,
): Seq {
  const p = Math.floor((k - 1) / 2);
  const y = batchNorm(
    conv1d(x, get(`${prefix}.0.weight`), null, { out, k, stride, pad: [p, p] }),
    get,
    `${prefix}.1`,
  );
  return activation ? map(y, relu) : y;
}

/** nn.MaxPool1d(3, 2, padding=1). */
function maxPool(x: Seq): Seq {
  const outTime = Math.floor((x.length + 2 - 3) / 2) + 1;
  return Array.from({ length: outTime }, (_, t) =>
    x[0].map((_, c) =>
      Math.max(...[2 * t - 1, 2 * t, 2 * t + 1].filter((i) => i >= 0 && i < x.length).map((i) => x[i][c])),
    ),
  );
}

/** nn.AvgPool1d(2, ceil_mode=True): the last window of an odd length holds one sample. */
function avgPoolCeil(x: Seq): Seq {
  return Array.from({ length: Math.ceil(x.length / 2) }, (_, t) =>
    x[0].map((_, c) => mean([2 * t, 2 * t + 1].filter((i) => i < x.length).map((i) => x[i][c]))),
  );
}

/** XResNet1d up to the concat pooling, eval mode. */
function naiveXResNet(x: Seq, get: Weights, c: XResNet1dConfig): number[] {
  let h = x;
  c.stemSizes.forEach((size, i) => {
    h = convLayer(h, get, `${i}`, size, c.stemKernelSize, i === 0 ? 2 : 1, true);
  });
  h = maxPool(h);
  c.blocks.forEach((count, s) => {
    const nf = c.stageSizes[s];
    for (let b = 0; b < count; b++) {
      const prefix = `${c.stemSizes.length + 1 + s}.${b}`;
      const stride = b === 0 && s > 0 ? 2 : 1;
      const inWidth = h[0].length;
      const outWidth = nf * c.expansion;
      const plan: [number, number, number][] =
        c.expansion === 1
          ? [
              [nf, c.kernelSize, stride],
              [outWidth, c.kernelSize, 1],
            ]
          : [
              [nf, 1, 1],
              [nf, c.kernelSize, stride],
              [outWidth, 1, 1],
            ];
      let branch = h;
      plan.forEach(([out, k, st], j) => {
        branch = convLayer(branch, get, `${prefix}.convs.${j}`, out, k, st, j < plan.length - 1);
      });
      let identity = stride === 1 ? h : avgPoolCeil(h);
      if (inWidth !== outWidth)
        identity = convLayer(
          identity,
          get,
          `${prefix}.idpath.${stride === 1 ? 0 : 1}`,
          outWidth,
          1,
          1,
          false,
        );
      h = map(add(branch, identity), relu);
    }
  });
  const channels = h[0].map((_, ch) => h.map((row) => row[ch]));
  return [...channels.map((v) => Math.max(...v)), ...channels.map(mean)];
}

const variants: [string, Partial<XResNet1dConfig>][] = [
  [
    'basic blocks',
    { expansion: 1, blocks: [1, 2], stemSizes: [4, 6], stageSizes: [6, 8], kernelSize: 3, stemKernelSize: 5 },
  ],
  [
    'bottleneck blocks',
    { expansion: 4, blocks: [1, 1], stemSizes: [4, 8], stageSizes: [2, 3], kernelSize: 3, stemKernelSize: 3 },
  ],
];

describe('xresnet1d', () => {
  for (const [name, overrides] of variants) {
    it(`matches the fastai model in eval mode with PyTorch weights (${name}, odd length)`, () => {
      const backbone = createBackbone('xresnet1d', {
        config: { inputLength: 23, leads: ['I', 'II', 'V6'], ...overrides },
      });
      const { file, get } = torchStateDict(backbone, 11, 0.7);
      loadTorchWeights(backbone, file);
      const xValues = randomValues(2 * 23 * 3, 12);
      const x = tf.tensor3d(xValues, [2, 23, 3]);
      const embedding = backbone.embed(x);
      const config = backbone.config;
      expect(embedding.shape).toEqual([
        2,
        2 * config.stageSizes[config.stageSizes.length - 1] * config.expansion,
      ]);
      const expected = [0, 1].flatMap((b) => naiveXResNet(toSeq(xValues, 23, 3, b * 69), get, config));
      expectClose(embedding.dataSync(), expected, 1e-4);
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }

  it('names its weights by the indices of the fastai nn.Sequential and ignores duplicates and the head', () => {
    const backbone = createBackbone('xresnet1d', { config: variants[0][1] });
    const bn = (p: string) => ['weight', 'bias', 'running_mean', 'running_var'].map((n) => `${p}.1.${n}`);
    const layer = (p: string) => [`${p}.0.weight`, ...bn(p)];
    expect(backbone.weightInfo().map((w) => w.name)).toEqual([
      ...layer('0'),
      ...layer('1'),
      ...layer('3.0.convs.0'),
      ...layer('3.0.convs.1'),
      ...layer('4.0.convs.0'),
      ...layer('4.0.convs.1'),
      ...layer('4.0.idpath.1'),
      ...layer('4.1.convs.0'),
      ...layer('4.1.convs.1'),
    ]);
    expect(backbone.weightInfo().filter((w) => w.kind === 'buffer')).toHaveLength(2 * 9);
    for (const key of ['3.0.convpath.0.0.0.weight', '0.1.num_batches_tracked', '5.8.weight']) {
      expect(backbone.ignoredTorchKeys.some((p) => p.test(key))).toBe(true);
    }
    expect(backbone.ignoredTorchKeys.some((p) => p.test('4.0.convs.0.0.weight'))).toBe(false);
    backbone.dispose();
  });

  it('declares 2.5 s at 100 Hz standardised with the configured statistics', () => {
    const backbone = createBackbone('xresnet1d', { config: { inputMean: 0.01, inputStd: 0.2 } });
    expect(backbone.input).toMatchObject({ sampleRate: 100, length: 250 });
    expect(backbone.input.normalization).toEqual({ kind: 'standardize', mean: 0.01, std: 0.2 });
    backbone.dispose();
  });

  it('has the layout of xresnet1d101 in its preset', () => {
    const backbone = createBackbone('xresnet1d', { preset: 'xresnet1d101' });
    expect(backbone.embeddingSize).toBe(512);
    // 3 + 4 + 23 + 3 bottleneck blocks of 3 ConvLayers and 3 stem ConvLayers; the only identity ConvLayer is in the
    // first block (64 -> 256 channels): every later stage keeps 64 x 4 = 256 channels, its identity path only pools.
    const convs = backbone.weightInfo().filter((w) => w.layout === 'conv1d');
    expect(convs).toHaveLength(33 * 3 + 3 + 1);
    expect(convs.filter((w) => w.name.includes('idpath')).map((w) => w.name)).toEqual([
      '4.0.idpath.0.0.weight',
    ]);
    backbone.dispose();
  });

  it('rejects a stem width the expansion does not divide', () => {
    expect(() => createBackbone('xresnet1d', { config: { expansion: 4, stemSizes: [4, 6] } })).toThrow(
      BackboneConfigError,
    );
  });
});
