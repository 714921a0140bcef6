import { canonicalLeadName, type EcgRecord, type LeadName, resample, simulateEcg } from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import {
  createBackbone,
  type InputSpec,
  prepareBatch,
  prepareRecord,
  RecordInputError,
} from '../src/index.js';
import { expectClose } from './helpers.js';

/** A record with the given signals (names as a file would write them), in mV. */
function record(name: string, samplingFrequency: number, signals: [string, ArrayLike<number>][]): EcgRecord {
  return {
    name,
    samplingFrequency,
    length: signals[0][1].length,
    startFrame: 0,
    signals: signals.map(([label]) => ({
      name: label,
      lead: canonicalLeadName(label),
      units: 'mV',
      gain: 200,
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
    digital: [],
    physical: signals.map(([, values]) => Float64Array.from(values)),
    expanded: false,
    comments: [],
    patient: { fields: {} },
    warnings: [],
  };
}

const spec = (leads: LeadName[], length: number, overrides: Partial<InputSpec> = {}): InputSpec => ({
  sampleRate: 100,
  length,
  leads,
  normalization: { kind: 'none' },
  ...overrides,
});

/** Lead `j` of a prepared input. */
const lead = (data: Float32Array, leads: number, j: number) =>
  Array.from(data.filter((_, i) => i % leads === j));

describe('prepareRecord', () => {
  it('orders leads as the spec, derives missing limb leads and zero-pads the rest', () => {
    const r = record('r1', 100, [
      ['V1', [5, 6, 7, 8]],
      ['MLII', [10, 20, 30, 40]],
      ['I', [1, 2, 3, 4]],
    ]);
    const { data, leadMask, report } = prepareRecord(r, spec(['I', 'II', 'III', 'aVR', 'V1', 'V2'], 4));
    expect(lead(data, 6, 0)).toEqual([1, 2, 3, 4]);
    expect(lead(data, 6, 1)).toEqual([10, 20, 30, 40]);
    expect(lead(data, 6, 2)).toEqual([9, 18, 27, 36]); // III = II - I
    expect(lead(data, 6, 3)).toEqual([-5.5, -11, -16.5, -22]); // aVR = -(I + II) / 2
    expect(lead(data, 6, 4)).toEqual([5, 6, 7, 8]);
    expect(lead(data, 6, 5)).toEqual([0, 0, 0, 0]);
    expect(Array.from(leadMask)).toEqual([1, 1, 1, 1, 1, 0]);
    expect(report.leads.map((l) => l.source)).toEqual([
      'real',
      'real',
      'derived',
      'derived',
      'real',
      'padded',
    ]);
    expect(report).toMatchObject({
      resampled: null,
      availableSamples: 4,
      cropped: { before: 0, after: 0 },
      padded: 0,
    });
  });

  it('resamples with ecg-io to the declared rate', () => {
    const sine = Array.from({ length: 500 }, (_, t) => Math.sin((2 * Math.PI * 2 * t) / 500));
    const { data, report } = prepareRecord(record('r2', 500, [['II', sine]]), spec(['II'], 100));
    expect(report.resampled).toEqual({ fromHz: 500, toHz: 100 });
    expect(report.availableSamples).toBe(100);
    expectClose(data, resample(sine, 500, 100), 1e-6);
    // Away from the zero-padded ends, the 2 Hz sine sampled at 100 Hz.
    const interior = Array.from({ length: 60 }, (_, i) => i + 20);
    expectClose(
      interior.map((t) => data[t]),
      interior.map((t) => Math.sin((2 * Math.PI * 2 * t) / 100)),
      1e-2,
    );
  });

  it('crops a longer record to the start, centre, end or a given sample, and pads a shorter one', () => {
    const r = record('r3', 100, [['I', [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]]]);
    const s = spec(['I'], 4);
    expect(Array.from(prepareRecord(r, s).data)).toEqual([0, 1, 2, 3]);
    const centre = prepareRecord(r, s, { crop: 'center' });
    expect(Array.from(centre.data)).toEqual([3, 4, 5, 6]);
    expect(centre.report.cropped).toEqual({ before: 3, after: 3 });
    expect(Array.from(prepareRecord(r, s, { crop: 'end' }).data)).toEqual([6, 7, 8, 9]);
    expect(Array.from(prepareRecord(r, s, { crop: 2 }).data)).toEqual([2, 3, 4, 5]);
    expect(() => prepareRecord(r, s, { crop: 7 })).toThrow(
      'record "r3": crop start 7 is outside 0..6 (10 samples, window 4)',
    );
    const padded = prepareRecord(record('r4', 100, [['I', [1, 2, 3]]]), spec(['I'], 5));
    expect(Array.from(padded.data)).toEqual([1, 2, 3, 0, 0]);
    expect(padded.report.padded).toBe(2);
  });

  it('z-scores each present lead over the whole record before cropping; padded leads stay zero', () => {
    const r = record('r5', 100, [
      ['I', [1, 2, 3, 4, 5, 6]],
      ['II', [2, 2, 2, 2, 2, 8]],
    ]);
    const { data, report } = prepareRecord(
      r,
      spec(['I', 'II', 'V1'], 3, { normalization: { kind: 'zscore', scope: 'perLead' } }),
      {
        deriveLimbLeads: false,
      },
    );
    const std = Math.sqrt(35 / 12); // population std of 1..6
    expectClose(lead(data, 3, 0), [-2.5 / std, -1.5 / std, -0.5 / std], 1e-6);
    expectClose(lead(data, 3, 1), [-1 / Math.sqrt(5), -1 / Math.sqrt(5), -1 / Math.sqrt(5)], 1e-6); // mean 3, std sqrt 5
    expect(lead(data, 3, 2)).toEqual([0, 0, 0]);
    expectClose(report.statistics!.mean, [3.5, 3], 1e-12);
  });

  it('standardises with fixed statistics and counts missing samples', () => {
    const r = record('r6', 100, [['V2', [1, Number.NaN, 3]]]);
    const { data, report } = prepareRecord(
      r,
      spec(['V2'], 3, { normalization: { kind: 'standardize', mean: 1, std: 2 } }),
    );
    expect(Array.from(data)).toEqual([0, -0.5, 1]);
    expect(report.missingSamples).toBe(1);
    expect(report.statistics).toBeNull();
  });

  it('rejects a record without any of the leads, naming both sides', () => {
    const r = record('r7', 100, [['ECG1', [1, 2]]]);
    expect(() => prepareRecord(r, spec(['V1', 'V2'], 2))).toThrow(RecordInputError);
    expect(() => prepareRecord(r, spec(['V1', 'V2'], 2))).toThrow(
      'record "r7": has none of the leads V1, V2 (it has: ECG1)',
    );
  });

  it('stacks a batch and feeds a backbone end to end (simulated 10 s, 500 Hz, 12 leads -> xresnet1d)', () => {
    const records = [1, 2].map((seed) => simulateEcg({ seed, durationS: 10 }).record);
    const backbone = createBackbone('xresnet1d');
    const { input, leadMask, reports } = prepareBatch(records, backbone.input, { crop: 'center' });
    expect(input.shape).toEqual([2, 250, 12]);
    expect(leadMask.map((m) => Array.from(m))).toEqual([new Array(12).fill(1), new Array(12).fill(1)]);
    expect(reports[0]).toMatchObject({
      resampled: { fromHz: 500, toHz: 100 },
      availableSamples: 1000,
      cropped: { before: 375, after: 375 },
    });
    const embedding = backbone.embed(input);
    expect(embedding.shape).toEqual([2, backbone.embeddingSize]);
    expect(embedding.dataSync().every(Number.isFinite)).toBe(true);
    tf.dispose([input, embedding]);
    backbone.dispose();
  });
});
