import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { DiskEmbeddingStore } from '../src/cache/disk-store.js';
import { contentHash, FeatureCache, MemoryEmbeddingStore } from '../src/cache/feature-cache.js';

describe('FeatureCache', () => {
  it('computes only missing embeddings, in one batch, and returns them in record order', async () => {
    const cache = new FeatureCache(new MemoryEmbeddingStore());
    const calls: number[][] = [];
    const compute = async (positions: number[]) => {
      calls.push(positions);
      return positions.map((p) => Float32Array.of(p, p * 10));
    };
    const first = await cache.embed('m@1', ['a', 'b', 'c'], compute);
    expect(first.map((e) => Array.from(e))).toEqual([
      [0, 0],
      [1, 10],
      [2, 20],
    ]);
    const second = await cache.embed('m@1', ['c', 'x', 'a'], compute);
    expect(calls).toEqual([[0, 1, 2], [1]]);
    expect(second.map((e) => Array.from(e))).toEqual([
      [2, 20],
      [1, 10],
      [0, 0],
    ]);
    expect(cache.stats).toEqual({ hits: 2, misses: 4 });
    // Other weights for the same backbone are another key space.
    await cache.embed('m@2', ['a'], compute);
    expect(calls.length).toBe(3);
  });

  it('rejects a compute function that returns the wrong count', async () => {
    const cache = new FeatureCache();
    await expect(cache.embed('m', ['a', 'b'], async () => [new Float32Array(1)])).rejects.toThrowError(
      /returned 1 embeddings for 2 records/,
    );
  });

  it('persists embeddings on disk bit for bit', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'enecg-cache-'));
    const embedding = Float32Array.of(1.5, -0.1, Number.MAX_VALUE, 3e-40);
    await new DiskEmbeddingStore(folder).set('backbone@w/record', embedding);
    const again = await new DiskEmbeddingStore(folder).get('backbone@w/record');
    expect(again).toEqual(embedding);
    expect(await new DiskEmbeddingStore(folder).get('other')).toBeUndefined();
    await rm(folder, { recursive: true });
  });
});

describe('contentHash', () => {
  it('is the SHA-256 of the framed bytes and distinguishes how data is split', async () => {
    const empty = await contentHash([]);
    expect(empty).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    const a = await contentHash([Float32Array.of(1, 2), Float32Array.of(3)]);
    const b = await contentHash([Float32Array.of(1), Float32Array.of(2, 3)]);
    expect(a).not.toBe(b);
    expect(await contentHash([Float32Array.of(1, 2), Float32Array.of(3)])).toBe(a);
  });
});
