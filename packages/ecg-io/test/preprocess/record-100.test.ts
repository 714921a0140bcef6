import { readFile } from 'node:fs/promises';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { readAnnotations } from '../../src/annotations/index.js';
import { readRecordFromPath } from '../../src/node.js';
import { heartRate } from '../../src/preprocess/heart-rate.js';
import { matchBeats } from '../../src/preprocess/match-beats.js';
import { detectRPeaks } from '../../src/preprocess/pan-tompkins.js';
import type { EcgRecord } from '../../src/record.js';

/** MIT-BIH beat annotation codes (non-beat annotations such as rhythm changes are not beats). */
const BEAT_SYMBOLS = new Set([
  'N',
  'L',
  'R',
  'B',
  'A',
  'a',
  'J',
  'S',
  'V',
  'r',
  'F',
  'e',
  'j',
  'n',
  'E',
  '/',
  'f',
  'Q',
  '?',
]);

describe('detectRPeaks on MIT-BIH record 100 (30 min, lead MLII)', () => {
  let record: EcgRecord;
  let reference: number[];
  let peaks: Int32Array;

  beforeAll(async () => {
    requireData();
    record = await readRecordFromPath(sampleData('100'));
    const annotations = readAnnotations(new Uint8Array(await readFile(sampleData('100.atr'))), {
      fileName: '100.atr',
    });
    reference = annotations.filter((a) => BEAT_SYMBOLS.has(a.symbol)).map((a) => a.sample);
    peaks = detectRPeaks(record.physical[0], record.samplingFrequency);
  });

  it('reads the expected record and reference beats', () => {
    expect(record.signals[0].lead).toBe('II');
    expect(record.samplingFrequency).toBe(360);
    expect(record.physical[0].length).toBe(650000);
    expect(reference.length).toBe(2273);
  });

  it('reaches sensitivity and positive predictivity >= 99 % with a 150 ms match window', () => {
    const match = matchBeats(peaks, reference, Math.round(0.15 * record.samplingFrequency));
    expect(match.sensitivity).toBeGreaterThanOrEqual(0.99);
    expect(match.ppv).toBeGreaterThanOrEqual(0.99);
  });

  it('places beats on the annotated R peaks (median offset within 2 samples, 5.6 ms)', () => {
    const offsets = reference.map((r) => {
      let best = Number.POSITIVE_INFINITY;
      for (const p of peaks) if (Math.abs(p - r) < Math.abs(best)) best = p - r;
      return best;
    });
    offsets.sort((a, b) => a - b);
    expect(Math.abs(offsets[offsets.length >> 1])).toBeLessThanOrEqual(2);
  });

  it('gives the heart rate of the reference beats within 0.5 bpm', () => {
    const fs = record.samplingFrequency;
    expect(heartRate(peaks, fs).meanBpm).toBeCloseTo(heartRate(reference, fs).meanBpm, 0);
    expect(heartRate(peaks, fs).medianBpm).toBeCloseTo(heartRate(reference, fs).medianBpm, 0);
  });
});
