import * as tf from '@tensorflow/tfjs';
import { expect } from 'vitest';

/** Deterministic pseudo-random numbers in [-1, 1) (mulberry32), for known test values. */
export function randomValues(count: number, seed: number): Float32Array {
  let state = seed >>> 0;
  const out = new Float32Array(count);
  for (let i = 0; i < count; i++) {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    out[i] = ((t ^ (t >>> 14)) >>> 0) / 2 ** 31 - 1;
  }
  return out;
}

/** Largest |a - b| over two equally long arrays. */
export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  expect(a.length).toBe(b.length);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

/** Expects every entry of `actual` within `tolerance` of `expected`. */
export function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance = 1e-5): void {
  expect(maxAbsDifference(actual, expected)).toBeLessThanOrEqual(tolerance);
}

/** Runs `body` on `backend` and switches back to the CPU backend. */
export async function onBackend<T>(backend: string, body: () => T | Promise<T>): Promise<T> {
  if (backend === 'wasm') await import('@tensorflow/tfjs-backend-wasm');
  await tf.setBackend(backend);
  try {
    return await body();
  } finally {
    await tf.setBackend('cpu');
  }
}
