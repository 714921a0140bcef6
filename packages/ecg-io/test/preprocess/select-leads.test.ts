import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { deriveLimbLeads, selectLeads } from '../../src/preprocess/select-leads.js';
import type { EcgRecord, SignalInfo } from '../../src/record.js';
import { maxAbsDiff, randomSignal } from './helpers.js';

const leadI = Float64Array.from([0.1, 0.4, -0.2, 1.0]);
const leadII = Float64Array.from([0.3, 0.8, 0.5, -0.6]);

describe('deriveLimbLeads', () => {
  it("applies Einthoven's and Goldberger's relations", () => {
    const { III, aVR, aVL, aVF } = deriveLimbLeads(leadI, leadII);
    expect(maxAbsDiff(III, [0.2, 0.4, 0.7, -1.6])).toBeLessThan(1e-15); // II - I
    expect(maxAbsDiff(aVR, [-0.2, -0.6, -0.15, -0.2])).toBeLessThan(1e-15); // -(I + II) / 2
    expect(maxAbsDiff(aVL, [-0.05, 0, -0.45, 1.3])).toBeLessThan(1e-15); // I - II / 2
    expect(maxAbsDiff(aVF, [0.25, 0.6, 0.6, -1.1])).toBeLessThan(1e-15); // II - I / 2
  });

  it('rejects leads of different lengths', () => {
    expect(() => deriveLimbLeads([1, 2], [1])).toThrowError(EcgRangeError);
  });
});

describe('selectLeads', () => {
  it('reorders named signals to the 12 standard leads, deriving limb leads and padding the rest', () => {
    const v2 = randomSignal(4, 1);
    const result = selectLeads({
      names: ['V2', 'ECG II', 'lead I', 'PLETH'],
      signals: [v2, leadII, leadI, [9, 9, 9, 9]],
    });
    expect(result.leads).toEqual(['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6']);
    expect(result.source).toEqual([
      'real',
      'real',
      'derived',
      'derived',
      'derived',
      'derived',
      'padded',
      'real',
      'padded',
      'padded',
      'padded',
      'padded',
    ]);
    expect(Array.from(result.signals[0])).toEqual(Array.from(leadI));
    expect(Array.from(result.signals[7])).toEqual(Array.from(v2));
    expect(maxAbsDiff(result.signals[2], deriveLimbLeads(leadI, leadII).III)).toBe(0);
    expect(Array.from(result.signals[6])).toEqual([0, 0, 0, 0]);
    expect(result.signals[0]).not.toBe(leadI); // copies
  });

  it('derives from any two limb leads (here II and aVL) and pads with NaN on request', () => {
    const { aVL } = deriveLimbLeads(leadI, leadII);
    const result = selectLeads({ names: ['aVL', 'II'], signals: [aVL, leadII] }, ['I', 'III', 'V1'], {
      pad: 'nan',
    });
    expect(result.source).toEqual(['derived', 'derived', 'padded']);
    expect(maxAbsDiff(result.signals[0], leadI)).toBeLessThan(1e-15);
    expect(maxAbsDiff(result.signals[1], deriveLimbLeads(leadI, leadII).III)).toBeLessThan(1e-15);
    expect(result.signals[2].every(Number.isNaN)).toBe(true);
  });

  it('pads instead of deriving when derive is off, or with a single limb lead', () => {
    const off = selectLeads({ names: ['I', 'II'], signals: [leadI, leadII] }, ['III'], { derive: false });
    expect(off.source).toEqual(['padded']);
    const single = selectLeads({ names: ['MLII', 'V5'], signals: [leadII, leadI] }, ['I', 'II', 'V5']);
    expect(single.source).toEqual(['padded', 'real', 'real']);
  });

  it('reads an EcgRecord through its canonical lead names (first signal wins on duplicates)', () => {
    const info = (name: string, lead: SignalInfo['lead']): SignalInfo => ({
      name,
      lead,
      units: 'mV',
      gain: 200,
      baseline: 0,
      adcResolution: 11,
      adcZero: 1024,
      initialValue: 0,
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      format: 212,
      fileName: 'r.dat',
    });
    const record: EcgRecord = {
      name: 'r',
      samplingFrequency: 360,
      length: 4,
      startFrame: 0,
      signals: [info('MLII', 'II'), info('V5', 'V5'), info('II again', 'II')],
      digital: [],
      physical: [leadII, leadI, Float64Array.from([7, 7, 7, 7])],
      expanded: false,
      comments: [],
      patient: { fields: {} },
      warnings: [],
    };
    const result = selectLeads(record, ['V5', 'II']);
    expect(result.source).toEqual(['real', 'real']);
    expect(Array.from(result.signals[1])).toEqual(Array.from(leadII));
  });

  it('rejects inputs it cannot align', () => {
    expect(() => selectLeads({ names: [], signals: [] })).toThrowError(/no signals/);
    expect(() => selectLeads({ names: ['I'], signals: [] })).toThrowError(/1 names were given for 0 signals/);
    expect(() => selectLeads({ names: ['I', 'II'], signals: [[1, 2], [1]] })).toThrowError(
      /differ in length/,
    );
  });

  it('gives padded leads the input length even when no lead is recognised', () => {
    const result = selectLeads({ names: ['RESP'], signals: [[1, 2, 3]] }, ['I']);
    expect(Array.from(result.signals[0])).toEqual([0, 0, 0]);
  });
});
