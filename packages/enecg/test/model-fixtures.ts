// Tiny backbones and synthetic labelled ECGs whose right answers are known, for the model tests.
import { type Backbone, createBackbone } from '@enecg/backbones';
import { canonicalLeadName, type EcgRecord, SeededRandom } from '@enecg/ecg-io';
import type { LabelledEcg, TaskSpec } from '../src/tasks/task.js';

/** Sampling rate and length of the synthetic records (100 Hz, 0.6 s). */
export const RATE = 100;
export const SAMPLES = 60;

/**
 * Expert 'xresnet1d' sees lead I only, with a fixed standardisation (amplitude is kept: its embedding determines
 * the amplitude target); expert 'dlinear' sees lead V1 only, which is independent noise, z-scored.
 */
export function tinyBackbones(seed = 0): Backbone[] {
  return [
    createBackbone('xresnet1d', {
      config: { inputLength: 40, leads: ['I'], blocks: [1, 1], stageSizes: [8, 8], stemSizes: [4, 4, 8] },
      seed,
    }),
    createBackbone('dlinear', {
      config: { inputLength: 24, leads: ['V1'], movingAverage: 5, outputLength: 4 },
      seed,
    }),
  ];
}

/** The config ids of `tinyBackbones`, in order. */
export const EXPERT_IDS = ['xresnet1d', 'dlinear'];

/** Regression of the lead-I amplitude, classification (low/high amplitude), multi-label (high, V1 positive). */
export const TASKS: TaskSpec[] = [
  { name: 'amplitude', kind: 'regression', unit: 'mV' },
  { name: 'level', kind: 'classification', classes: ['low', 'high'] },
  { name: 'flags', kind: 'multilabel', labels: ['high', 'v1-up'] },
];

/** A record with the given leads (physical values in mV). */
export function makeRecord(name: string, leads: Record<string, Float64Array>, rate = RATE): EcgRecord {
  const entries = Object.entries(leads);
  const length = entries[0][1].length;
  return {
    name,
    samplingFrequency: rate,
    length,
    startFrame: 0,
    signals: entries.map(([lead]) => ({
      name: lead,
      lead: canonicalLeadName(lead),
      units: 'mV',
      gain: 1000,
      baseline: 0,
      adcResolution: 16,
      adcZero: 0,
      initialValue: 0,
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      format: 16,
      fileName: `${name}.dat`,
    })),
    digital: entries.map(([, values]) => Int32Array.from(values, (v) => Math.round(v * 1000))),
    physical: entries.map(([, values]) => values),
    expanded: true,
    comments: [],
    patient: { fields: {} },
    warnings: [],
  };
}

/**
 * `count` examples: lead I = a·sin(2π·5t + φ) with amplitude a ~ U(0.5, 2) (the regression target), lead II a
 * scaled copy of lead I, lead V1 independent noise. Targets: amplitude a; level 'high' when a > 1.25; flags
 * [a > 1.25, mean of V1 > 0].
 */
export function syntheticExamples(count: number, seed = 1): LabelledEcg[] {
  const random = new SeededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const amplitude = random.uniform(0.5, 2);
    const phase = random.uniform(0, 2 * Math.PI);
    const leadI = new Float64Array(SAMPLES);
    const leadII = new Float64Array(SAMPLES);
    const v1 = new Float64Array(SAMPLES);
    for (let t = 0; t < SAMPLES; t++) {
      leadI[t] = amplitude * Math.sin(2 * Math.PI * 5 * (t / RATE) + phase) + random.normal(0, 0.02);
      leadII[t] = 1.5 * leadI[t];
      v1[t] = random.normal(0, 1);
    }
    const high = amplitude > 1.25 ? 1 : 0;
    const v1Up = v1.reduce((a, b) => a + b, 0) > 0 ? 1 : 0;
    return {
      id: `ex${i}`,
      subjectId: `s${i}`,
      record: makeRecord(`ex${i}`, { I: leadI, II: leadII, V1: v1 }),
      targets: { amplitude, level: high, flags: [high, v1Up] },
    };
  });
}
