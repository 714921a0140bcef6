import { readFile } from 'node:fs/promises';
import { isBeat, readAnnotations } from '@enecg/ecg-io';
import { nodeFileSource } from '@enecg/ecg-io/node';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AnnotatedWfdbDataset, annotatedWfdbDataset, windowStarts } from '../src/data/annotated-wfdb.js';
import { medianRrMs } from '../src/data/rr.js';
import { SIMULATED_TASKS, simulatedDataset } from '../src/data/simulated.js';

describe('medianRrMs', () => {
  it('is the median interval in ms, null below two beats', () => {
    expect(medianRrMs([0, 360, 720, 1800], 360)).toBe(1000); // intervals 1000, 1000, 3000 ms
    expect(medianRrMs([0, 250, 750], 250)).toBe(1500); // 1000, 2000 -> mean of the middle two
    expect(medianRrMs([5], 360)).toBeNull();
  });
});

describe('windowStarts', () => {
  it('cuts non-overlapping windows that never straddle a block', () => {
    expect(windowStarts(35, 10, Number.POSITIVE_INFINITY)).toEqual([0, 10, 20]);
    // Blocks of 25 frames: [0, 25) holds windows at 0 and 10, [25, 50) at 25 and 35, [50, 60) one at 50.
    expect(windowStarts(60, 10, 25)).toEqual([0, 10, 25, 35, 50]);
    expect(windowStarts(9, 10, Number.POSITIVE_INFINITY)).toEqual([]);
  });
});

describe('simulatedDataset', () => {
  it('labels every record for every task from the simulator', () => {
    const dataset = simulatedDataset({ count: 12, seed: 3 });
    expect(dataset.tasks).toEqual(SIMULATED_TASKS);
    expect(dataset.examples).toHaveLength(12);
    expect(new Set(dataset.examples.map((e) => e.subjectId)).size).toBe(6); // two records per patient
    for (const { record, targets } of dataset.examples) {
      expect(record.signals).toHaveLength(12);
      expect(targets.rr_interval as number).toBeGreaterThan(300);
      expect(targets.rr_interval as number).toBeLessThan(2000);
      expect([0, 1, 2, 3]).toContain(targets.rhythm);
      expect((targets.superclasses as number[]).length).toBe(3);
    }
    expect(() => simulatedDataset({ count: 2, tasks: ['age'] })).toThrow(/unknown simulated task 'age'/);
  });
});

describe('annotatedWfdbDataset on the real sample records', () => {
  let dataset: AnnotatedWfdbDataset;
  let beats: { sample: number; symbol: string }[];

  beforeAll(async () => {
    requireData();
    dataset = await annotatedWfdbDataset(nodeFileSource(sampleData()), {
      records: ['100', 'a103l', '3000003_0003', 'n16', '1003'],
    });
    const annotations = readAnnotations(new Uint8Array(await readFile(sampleData('100.atr'))));
    beats = annotations.filter((a) => isBeat(a.code)).map((a) => ({ sample: a.sample, symbol: a.symbol }));
  });

  it('cuts MIT-BIH 100 into 180 ten-second windows labelled from 100.atr', () => {
    const windows = dataset.examples.filter((e) => e.subjectId === '100');
    expect(windows).toHaveLength(180); // 650000 frames at 360 Hz
    expect(dataset.rrSource['100']).toBe('annotations');
    const first = beats.filter((b) => b.sample < 3600).map((b) => b.sample);
    expect(windows[0].targets.rr_interval).toBeCloseTo(medianRrMs(first, 360) as number, 9);
    expect(windows[0].record.length).toBe(3600);
    expect(windows[0].record.signals.map((s) => s.lead)).toEqual(['II', 'V5']);
    // Windows with an 'A' or 'V' beat, counted straight from the annotation file.
    const abnormal = new Set(
      beats.filter((b) => b.symbol !== 'N' && b.sample < 180 * 3600).map((b) => Math.floor(b.sample / 3600)),
    );
    expect(abnormal.size).toBeGreaterThan(10);
    expect(windows.filter((w) => w.targets.abnormal_beat === 1)).toHaveLength(abnormal.size);
  });

  it('labels unannotated records by R-peak detection and says why others were skipped', () => {
    expect(dataset.rrSource.a103l).toBe('detection');
    const a103l = dataset.examples.filter((e) => e.subjectId === 'a103l');
    expect(a103l).toHaveLength(33); // 5.5 min
    for (const window of a103l) expect(window.targets.abnormal_beat).toBeNull();
    const rr = a103l.map((w) => w.targets.rr_interval as number);
    expect(Math.min(...rr)).toBeGreaterThan(300);
    expect(Math.max(...rr)).toBeLessThan(2000);
    const reasons = Object.fromEntries(dataset.skipped.map((s) => [s.record, s.reason]));
    expect(reasons['3000003_0003']).toMatch(/shorter than one 10 s window/);
    expect(reasons.n16).toMatch(/no ECG channel/);
    expect(reasons['1003']).toMatch(/unreadable samples/);
    expect(dataset.tasks.map((t) => t.name)).toEqual(['rr_interval', 'abnormal_beat']);
  });

  it('makes contiguous blocks pseudo-subjects on request', async () => {
    const blocks = await annotatedWfdbDataset(nodeFileSource(sampleData()), {
      records: ['a103l'],
      blockMinutes: 2,
    });
    expect([...new Set(blocks.examples.map((e) => e.subjectId))]).toEqual([
      'a103l#block0',
      'a103l#block1',
      'a103l#block2',
    ]);
    expect(blocks.examples).toHaveLength(12 + 12 + 9);
  });
});
