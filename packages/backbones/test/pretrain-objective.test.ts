import { SeededRandom } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { createBackbone } from '../src/index.js';
import { type AugmentationOptions, augmentView, centreView, maxStretch } from '../src/pretrain/augment.js';
import { GroupedBatchSampler } from '../src/pretrain/batches.js';
import { pretrainContrastive, scheduledRate } from '../src/pretrain/contrastive.js';
import { ntXentLoss } from '../src/pretrain/nt-xent.js';
import type { PreparedSegment } from '../src/pretrain/windows.js';
import { randomValues } from './helpers.js';

/** NT-Xent in float64 with loops, straight from the SimCLR paper's definition. */
function naiveNtXent(z: number[][], temperature: number): number {
  const unit = z.map((row) => {
    const length = Math.hypot(...row);
    return row.map((v) => v / length);
  });
  const n = z.length;
  let total = 0;
  for (let i = 0; i < n; i++) {
    const partner = (i + n / 2) % n;
    let denominator = 0;
    for (let k = 0; k < n; k++) {
      if (k === i) continue;
      denominator += Math.exp(unit[i].reduce((s, v, d) => s + v * unit[k][d], 0) / temperature);
    }
    const positive = unit[i].reduce((s, v, d) => s + v * unit[partner][d], 0) / temperature;
    total += -positive + Math.log(denominator);
  }
  return total / n;
}

/** A segment whose lead j holds a sine of period `period` samples times (j + 1): easy to recognise. */
function sineSegment(
  group: string,
  length: number,
  leads: number,
  margin: number,
  period: number,
): PreparedSegment {
  const total = length + 2 * margin;
  const data = new Float32Array(total * leads);
  for (let t = 0; t < total; t++) {
    for (let j = 0; j < leads; j++) data[t * leads + j] = (j + 1) * Math.sin((2 * Math.PI * t) / period);
  }
  return {
    id: `${group}@0`,
    group,
    data,
    length: total,
    leads,
    margin,
    leadMask: new Uint8Array(leads).fill(1),
    leadStd: Float32Array.from({ length: leads }, (_, j) => (j + 1) / Math.SQRT2),
  };
}

const NO_CHANGE: AugmentationOptions = {
  maxShiftS: 0,
  scale: [1, 1],
  noiseStd: [0, 0],
  wanderAmplitude: [0, 0],
  wanderHz: [0.1, 0.1],
  leadDropout: [0, 0],
};

describe('NT-Xent', () => {
  it('equals a float64 implementation of the definition', () => {
    const values = randomValues(6 * 5, 3);
    const rows = Array.from({ length: 6 }, (_, i) => Array.from(values.subarray(i * 5, i * 5 + 5)));
    for (const temperature of [0.1, 0.5]) {
      const loss = ntXentLoss(tf.tensor2d(rows), temperature);
      expect(loss.dataSync()[0]).toBeCloseTo(naiveNtXent(rows, temperature), 4);
      loss.dispose();
    }
  });

  it('is lowest when each view matches its partner and rejects odd batches', () => {
    const matched = tf.tensor2d([
      [1, 0],
      [0, 1],
      [1, 0],
      [0, 1],
    ]);
    const crossed = tf.tensor2d([
      [1, 0],
      [0, 1],
      [0, 1],
      [1, 0],
    ]);
    const [a, b] = [ntXentLoss(matched, 0.1), ntXentLoss(crossed, 0.1)];
    expect(a.dataSync()[0]).toBeLessThan(b.dataSync()[0]);
    expect(() => ntXentLoss(tf.zeros([3, 2]) as tf.Tensor2D, 0.1)).toThrowError(/even number/);
    tf.dispose([matched, crossed, a, b]);
  });
});

describe('augmentations', () => {
  const segment = sineSegment('a', 200, 3, 10, 50);

  it('without changes a view is the centre window', () => {
    const view = augmentView(segment, 100, new SeededRandom(1), NO_CHANGE);
    expect(Array.from(view)).toEqual(Array.from(centreView(segment)));
  });

  it('shifts by whole samples within the margin, never stretching time', () => {
    const random = new SeededRandom(2);
    const shifts = new Set<number>();
    for (let trial = 0; trial < 20; trial++) {
      const view = augmentView(segment, 100, random, { ...NO_CHANGE, maxShiftS: 0.1 });
      // The view must be an exact copy of the segment starting `margin + shift` samples in, |shift| <= 10.
      const shift = [...Array(21).keys()]
        .map((k) => k - 10)
        .find((candidate) => Array.from(view).every((v, i) => v === segment.data[(10 + candidate) * 3 + i]));
      expect(shift).toBeDefined();
      shifts.add(shift!);
    }
    expect(shifts.size).toBeGreaterThan(3);
  });

  it('scales each lead by one factor in the range', () => {
    const random = new SeededRandom(5);
    const clean = centreView(segment);
    for (let trial = 0; trial < 10; trial++) {
      const view = augmentView(segment, 100, random, { ...NO_CHANGE, scale: [0.5, 2] });
      for (let j = 0; j < 3; j++) {
        const factor = view[12 * 3 + j] / clean[12 * 3 + j];
        expect(factor).toBeGreaterThanOrEqual(0.5 - 1e-6);
        expect(factor).toBeLessThanOrEqual(2 + 1e-6);
        for (let t = 0; t < 200; t += 9) expect(view[t * 3 + j]).toBeCloseTo(factor * clean[t * 3 + j], 4);
      }
    }
  });

  it('lead dropout zeroes leads but always keeps one', () => {
    const random = new SeededRandom(3);
    let sawDrop = false;
    for (let trial = 0; trial < 50; trial++) {
      const view = augmentView(segment, 100, random, { ...NO_CHANGE, leadDropout: [0.9, 1] });
      const alive = [0, 1, 2].filter((j) =>
        Array.from({ length: 200 }, (_, t) => view[t * 3 + j]).some((v) => v !== 0),
      );
      expect(alive.length).toBeGreaterThanOrEqual(1);
      if (alive.length < 3) sawDrop = true;
    }
    expect(sawDrop).toBe(true);
  });

  it('plays a view faster by linear interpolation, centred, for the speed task', () => {
    const wide = sineSegment('w', 200, 3, 30, 50); // 260 samples
    expect(maxStretch(wide, 2)).toBeCloseTo(259 / 199, 12);
    expect(maxStretch(wide, 1.25)).toBe(1.25);
    const view = augmentView(wide, 100, new SeededRandom(6), NO_CHANGE, 1.2);
    // Sample t comes from position (259 - 199 * 1.2) / 2 + 1.2 t of the segment, whose lead 0 is sin(2 pi n / 50).
    const first = (259 - 199 * 1.2) / 2;
    for (let t = 0; t < 200; t += 3) {
      expect(Math.abs(view[t * 3] - Math.sin((2 * Math.PI * (first + 1.2 * t)) / 50))).toBeLessThan(0.003);
    }
    expect(() => augmentView(wide, 100, new SeededRandom(6), NO_CHANGE, 1.4)).toThrowError(/needs more than/);
  });

  it('noise and wander are scaled by the lead standard deviation', () => {
    const random = new SeededRandom(4);
    const view = augmentView(segment, 100, random, { ...NO_CHANGE, noiseStd: [0.1, 0.1] });
    const clean = centreView(segment);
    for (const j of [0, 2]) {
      let sum = 0;
      for (let t = 0; t < 200; t++) sum += (view[t * 3 + j] - clean[t * 3 + j]) ** 2;
      const std = Math.sqrt(sum / 200);
      expect(std / (0.1 * segment.leadStd[j])).toBeGreaterThan(0.75);
      expect(std / (0.1 * segment.leadStd[j])).toBeLessThan(1.25);
    }
  });
});

describe('batch sampling and schedule', () => {
  it('never puts two segments of a group in one batch while other groups remain', () => {
    const groups = ['a', 'a', 'a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'];
    const sampler = new GroupedBatchSampler(groups, 4, 1);
    const seen = new Map<number, number>();
    for (let step = 0; step < 10; step++) {
      const batch = sampler.next();
      expect(new Set(batch).size).toBe(4);
      expect(new Set(batch.map((i) => groups[i])).size).toBe(4);
      for (const i of batch) seen.set(i, (seen.get(i) ?? 0) + 1);
    }
    expect(seen.size).toBe(groups.length); // every segment is used
  });

  it('warms up linearly then decays by a cosine to a tenth', () => {
    expect(scheduledRate(5, 100, 10, 1)).toBeCloseTo(0.5, 12);
    expect(scheduledRate(10, 100, 10, 1)).toBeCloseTo(1, 12);
    expect(scheduledRate(55, 100, 10, 1)).toBeCloseTo(0.1 + 0.9 * 0.5, 12);
    expect(scheduledRate(100, 100, 10, 1)).toBeCloseTo(0.1, 12);
  });
});

describe('pretrainContrastive', () => {
  it('lowers the loss on a tiny run, leaves no tensor behind and re-freezes the backbone', async () => {
    const length = 64;
    const make = (i: number) => sineSegment(`g${i}`, length, 2, 8, 8 + 3 * i);
    const segments = Array.from({ length: 8 }, (_, i) => make(i));
    const backbone = createBackbone('xresnet1d', {
      config: {
        leads: ['I', 'II'],
        inputLength: length,
        stemSizes: [8, 8, 8],
        stageSizes: [8, 8],
        blocks: [1, 1],
      },
      seed: 1,
    });
    const before = backbone.getWeights();
    const tensors = tf.memory().numTensors;
    const result = await pretrainContrastive(backbone, segments, {
      steps: 30,
      batchSize: 4,
      learningRate: 3e-3,
      warmupSteps: 3,
      seed: 5,
      validation: segments,
      augmentation: { ...NO_CHANGE, maxShiftS: 0.04, noiseStd: [0, 0.05] },
    });
    expect(tf.memory().numTensors).toBe(tensors);
    expect(backbone.frozen).toBe(true);
    expect(result.losses).toHaveLength(30);
    const first = result.losses.slice(0, 5).reduce((a, b) => a + b) / 5;
    expect(result.finalLoss).toBeLessThan(first * 0.8);
    expect(result.validation.map((v) => v.step)).toEqual([0, 30]);
    expect(result.validation[1].loss).toBeLessThan(result.validation[0].loss);
    const after = backbone.getWeights();
    const changed = [...before.keys()].some(
      (name) => tf.tidy(() => before.get(name)!.sub(after.get(name)!).abs().max().dataSync()[0]) > 0,
    );
    expect(changed).toBe(true);
    tf.dispose([...before.values(), ...after.values()]);
    backbone.dispose();
  }, 60_000);

  it('learns the speed pretext task alongside NT-Xent', async () => {
    const length = 64;
    const segments = Array.from({ length: 8 }, (_, i) => sineSegment(`g${i}`, length, 2, 16, 10 + 2 * i));
    const backbone = createBackbone('xresnet1d', {
      config: {
        leads: ['I', 'II'],
        inputLength: length,
        stemSizes: [8, 8, 8],
        stageSizes: [8, 8],
        blocks: [1, 1],
      },
      seed: 2,
    });
    const tensors = tf.memory().numTensors;
    const result = await pretrainContrastive(backbone, segments, {
      steps: 40,
      batchSize: 4,
      learningRate: 3e-3,
      warmupSteps: 3,
      seed: 6,
      speedWeight: 1,
      speedRange: [0.8, 1.25],
      validation: segments,
      augmentation: NO_CHANGE,
    });
    expect(tf.memory().numTensors).toBe(tensors);
    const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;
    expect(result.components.speed).toHaveLength(40);
    expect(mean(result.components.speed.slice(-10))).toBeLessThan(mean(result.components.speed.slice(0, 10)));
    // The total is NT-Xent plus the weighted speed term.
    result.losses.forEach((loss, i) => {
      expect(loss).toBeCloseTo(result.components.contrastive[i] + result.components.speed[i], 4);
    });
    const [before, after] = result.validation;
    expect(after.speed).toBeLessThan(before.speed);
    expect(after.loss).toBeCloseTo(after.contrastive + after.speed, 4);
    backbone.dispose();
  }, 60_000);

  it('rejects segments of the wrong input shape', async () => {
    const backbone = createBackbone('xresnet1d', { seed: 1 });
    await expect(
      pretrainContrastive(backbone, [sineSegment('a', 100, 12, 5, 10), sineSegment('b', 100, 12, 5, 10)], {
        steps: 1,
        batchSize: 2,
      }),
    ).rejects.toThrowError(/gives \[100, 12\] inputs, xresnet1d expects \[250, 12\]/);
    backbone.dispose();
  });
});
