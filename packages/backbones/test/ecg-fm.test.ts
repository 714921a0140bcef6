import { parseSafetensors, type SafeTensor, serializeSafetensors } from '@enecg/safetensors';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createBackbone, type EcgFmConfig, loadTorchWeights } from '../src/index.js';
import { expectClose, randomValues } from './helpers.js';
import {
  add,
  attention,
  channelNorm,
  conv1d,
  gelu,
  layerNorm,
  linear,
  map,
  mean,
  type Seq,
  torchStateDict,
  toSeq,
  type Weights,
} from './naive.js';

interface Sizes {
  convLayers: [number, number, number][];
  mode: 'default' | 'layer_norm';
  modelDim: number;
  heads: number;
  ffDim: number;
  kernel: number;
  groups: number;
  layers: number;
  layerNormFirst: boolean;
}

/** ECGTransformerModel forward (no padding mask, eval mode) and the mean over frames. */
function naiveEcgFm(x: Seq, get: Weights, s: Sizes): number[] {
  let h = x;
  s.convLayers.forEach(([out, k, stride], i) => {
    const prefix = `feature_extractor.conv_layers.${i}`;
    h = conv1d(h, get(`${prefix}.0.weight`), null, { out, k, stride });
    if (s.mode === 'layer_norm') h = layerNorm(h, get(`${prefix}.2.1.weight`), get(`${prefix}.2.1.bias`));
    else if (i === 0) h = channelNorm(h, get(`${prefix}.2.weight`), get(`${prefix}.2.bias`));
    h = map(h, gelu);
  });
  h = layerNorm(h, get('layer_norm.weight'), get('layer_norm.bias'));
  h = linear(h, get('post_extract_proj.weight'), get('post_extract_proj.bias'), s.modelDim);
  // Weight norm over dim 2: w[o, c, k] = g[k] v[o, c, k] / ||v[:, :, k]||.
  const g = get('conv_pos.pos_conv.0.parametrizations.weight.original0');
  const v = get('conv_pos.pos_conv.0.parametrizations.weight.original1');
  const w = new Float32Array(v.length);
  for (let k = 0; k < s.kernel; k++) {
    let norm = 0;
    for (let i = k; i < v.length; i += s.kernel) norm += v[i] ** 2;
    for (let i = k; i < v.length; i += s.kernel) w[i] = (g[k] * v[i]) / Math.sqrt(norm);
  }
  const half = Math.floor(s.kernel / 2);
  const positional = conv1d(h, w, get('conv_pos.pos_conv.0.bias'), {
    out: s.modelDim,
    k: s.kernel,
    pad: [half, half],
    groups: s.groups,
  });
  h = add(h, map(positional.slice(0, h.length), gelu)); // SamePad drops the extra frame of an even kernel
  const norm = (y: Seq, name: string) => layerNorm(y, get(`${name}.weight`), get(`${name}.bias`));
  if (!s.layerNormFirst) h = norm(h, 'encoder.layer_norm');
  const headDim = s.modelDim / s.heads;
  for (let i = 0; i < s.layers; i++) {
    const p = `encoder.layers.${i}`;
    const attend = (y: Seq) =>
      attention(
        y,
        get,
        {
          q: `${p}.self_attn.q_proj`,
          k: `${p}.self_attn.k_proj`,
          v: `${p}.self_attn.v_proj`,
          o: `${p}.self_attn.out_proj`,
        },
        { heads: s.heads, headDim, bias: true, scale: 1 / Math.sqrt(headDim) },
      );
    const feedForward = (y: Seq) =>
      linear(
        map(linear(y, get(`${p}.fc1.weight`), get(`${p}.fc1.bias`), s.ffDim), gelu),
        get(`${p}.fc2.weight`),
        get(`${p}.fc2.bias`),
        s.modelDim,
      );
    if (s.layerNormFirst) {
      h = add(h, attend(norm(h, `${p}.self_attn_layer_norm`)));
      h = add(h, feedForward(norm(h, `${p}.final_layer_norm`)));
    } else {
      h = norm(add(h, attend(h)), `${p}.self_attn_layer_norm`);
      h = norm(add(h, feedForward(h)), `${p}.final_layer_norm`);
    }
  }
  if (s.layerNormFirst) h = norm(h, 'encoder.layer_norm');
  return h[0].map((_, d) => mean(h.map((row) => row[d])));
}

function tinyConfig(s: Sizes): Partial<EcgFmConfig> {
  return {
    inputLength: 40,
    leads: ['I', 'II', 'V3'],
    convLayers: s.convLayers,
    extractorMode: s.mode,
    modelDim: s.modelDim,
    heads: s.heads,
    ffDim: s.ffDim,
    positionalKernel: s.kernel,
    positionalGroups: s.groups,
    layers: s.layers,
    layerNormFirst: s.layerNormFirst,
  };
}

const base: Sizes = {
  convLayers: [
    [6, 3, 2],
    [5, 2, 2],
  ],
  mode: 'default',
  modelDim: 8,
  heads: 2,
  ffDim: 10,
  kernel: 4,
  groups: 2,
  layers: 2,
  layerNormFirst: false,
};

describe('ecg-fm', () => {
  const variants: [string, Sizes][] = [
    ['post-norm, group norm, even positional kernel', base],
    [
      'pre-norm, layer norms, odd positional kernel',
      { ...base, mode: 'layer_norm', layerNormFirst: true, kernel: 3 },
    ],
  ];
  for (const [name, sizes] of variants) {
    it(`matches the fairseq-signals forward with PyTorch weights (${name})`, () => {
      const backbone = createBackbone('ecg-fm', { config: tinyConfig(sizes) });
      const { file, get } = torchStateDict(backbone, 7, 0.6);
      loadTorchWeights(backbone, file);
      const xValues = randomValues(2 * 40 * 3, 8);
      const x = tf.tensor3d(xValues, [2, 40, 3]);
      const embedding = backbone.embed(x);
      const expected = [0, 1].flatMap((b) => naiveEcgFm(toSeq(xValues, 40, 3, b * 120), get, sizes));
      expectClose(embedding.dataSync(), expected, 1e-4);
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }

  it('reads old-style weight-norm keys (weight_g, weight_v) and a key prefix, skipping pretraining-only tensors', () => {
    const reference = createBackbone('ecg-fm', { config: tinyConfig(base) });
    const { file } = torchStateDict(reference, 9);
    loadTorchWeights(reference, file);
    const renamed = new Map<string, SafeTensor>();
    for (const [key, tensor] of parseSafetensors(file).tensors) {
      const old = key
        .replace('parametrizations.weight.original0', 'weight_g')
        .replace('parametrizations.weight.original1', 'weight_v');
      renamed.set(`w2v_encoder.w2v_model.${old}`, tensor);
    }
    renamed.set('w2v_encoder.w2v_model.quantizer.vars', {
      dtype: 'F32',
      shape: [1],
      data: new Float32Array(1),
    });
    const backbone = createBackbone('ecg-fm', { config: tinyConfig(base), seed: 1 });
    const report = loadTorchWeights(backbone, serializeSafetensors(renamed), {
      prefix: 'w2v_encoder.w2v_model.',
    });
    expect(report.ignored).toEqual(['w2v_encoder.w2v_model.quantizer.vars']);
    const x = tf.randomNormal([1, 40, 3]);
    const [a, b] = [reference.embed(x), backbone.embed(x)];
    expect(Array.from(b.dataSync())).toEqual(Array.from(a.dataSync()));
    tf.dispose([x, a, b]);
    reference.dispose();
    backbone.dispose();
  });

  it('has the encoder parameters of ECG-FM in the published preset (90.9 M with the pretraining modules)', () => {
    const backbone = createBackbone('ecg-fm', { preset: 'ecg-fm' });
    expect(backbone.embeddingSize).toBe(768);
    expect(backbone.input).toMatchObject({ sampleRate: 500, length: 2500 });
    const features = 12 * 256 * 2 + 3 * 256 * 256 * 2 + 2 * 256; // convolutions, group norm
    const projection = 2 * 256 + 256 * 768 + 768; // layer norm, post_extract_proj
    const positional = 128 + 128 * 48 * 768 + 768; // g, v, bias
    const layer = 4 * (768 * 768 + 768) + 2 * 2 * 768 + (768 * 3072 + 3072) + (3072 * 768 + 768);
    const encoder = features + projection + positional + 2 * 768 + 12 * layer;
    expect(encoder).toBe(90_373_248);
    expect(backbone.parameterCounts().total).toBe(encoder);
    // The 90.9 M of the paper also count what only pretraining uses: mask_emb, the quantizer (codebook
    // 640 x 128 and its 256 -> 640 projection), project_q (256 -> 256) and final_proj (768 -> 256).
    const pretrainingOnly = 768 + 640 * 128 + (256 * 640 + 640) + (256 * 256 + 256) + (768 * 256 + 256);
    expect(((encoder + pretrainingOnly) / 1e6).toFixed(1)).toBe('90.9');
    backbone.dispose();
  });
});
