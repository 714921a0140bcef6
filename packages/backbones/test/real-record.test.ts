import { readRecordFromPath } from '@enecg/ecg-io/node';
import { requireData, sampleData } from '@enecg/test-data';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackbone, listBackbones, prepareRecord } from '../src/index.js';

// A real 15-lead PTB record (12 standard leads + Frank X, Y, Z; 1000 Hz), first 10 s.
describe('a real PTB record through every built-in (default sizes)', () => {
  let record: Awaited<ReturnType<typeof readRecordFromPath>>;
  beforeAll(async () => {
    requireData();
    record = await readRecordFromPath(sampleData('s0010_re'), { to: 10_000 });
  });

  for (const { id } of listBackbones()) {
    it(id, () => {
      const backbone = createBackbone(id);
      const { data, shape, report } = prepareRecord(record, backbone.input);
      expect(report.leads.every((l) => l.source === 'real')).toBe(true);
      expect(report.resampled).toEqual({ fromHz: 1000, toHz: backbone.input.sampleRate });
      expect(report.availableSamples).toBe(Math.ceil(10 * backbone.input.sampleRate));
      expect(report.padded + report.cropped.after).toBe(
        Math.abs(report.availableSamples - backbone.input.length),
      );
      const x = tf.tensor3d(data, [1, ...shape]);
      const embedding = backbone.embed(x);
      expect(embedding.shape).toEqual([1, backbone.embeddingSize]);
      expect(embedding.dataSync().every(Number.isFinite)).toBe(true);
      tf.dispose([x, embedding]);
      backbone.dispose();
    });
  }
});
