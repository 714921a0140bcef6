import type * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';

/** Options of `runConformance`. */
export interface ConformanceOptions {
  /** The two backends the cross-backend checks compare; default `['cpu', 'wasm']`. */
  backends?: readonly [string, string];
  /** Largest relative difference of embeddings between the two backends (default 1e-4). */
  tolerance?: number;
  /** Largest difference of gradients between the two backends, relative to the largest gradient (default 1e-3). */
  gradientTolerance?: number;
  /** Batch size of the test inputs (default 2). */
  batchSize?: number;
  /** Seed of the test inputs (default 7). */
  seed?: number;
}

/** What a check needs: a factory of fresh backbones and the test input. */
export interface CheckContext {
  /** Builds a fresh backbone; two calls must give equal weights. */
  create: () => Backbone;
  options: Required<ConformanceOptions>;
  /** Random test input `[batchSize, length, leads]` for backbones of this factory. */
  input(): tf.Tensor3D;
}

/** Thrown by a check to fail with a message. */
export class CheckFailure extends Error {}

/** Thrown by a check that cannot run here (e.g. a backend is missing). */
export class CheckSkipped extends Error {}

/** One check of the suite: throws CheckFailure (or any error) to fail, CheckSkipped to skip. */
export interface Check {
  name: string;
  /** What the check guarantees, one sentence. */
  description: string;
  run(context: CheckContext): Promise<void>;
}

/** Throws CheckFailure with `message` unless `condition`. */
export function ensure(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CheckFailure(message);
}

/** `max |a - b| / max(max |a|, max |b|)` (0 for two zero arrays). */
export function relativeDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let difference = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    difference = Math.max(difference, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(a[i]), Math.abs(b[i]));
  }
  return scale === 0 ? difference : difference / scale;
}

/** Whether two arrays hold bitwise the same float32 values. */
export function sameValues(a: ArrayLike<number>, b: ArrayLike<number>): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (!Object.is(a[i], b[i])) return false;
  return true;
}

/** Runs `body` with a fresh backbone and disposes it afterwards. */
export async function withBackbone<T>(
  context: CheckContext,
  body: (backbone: Backbone) => T | Promise<T>,
): Promise<T> {
  const backbone = context.create();
  try {
    return await body(backbone);
  } finally {
    backbone.dispose();
  }
}

/** The embedding of `x` as an array (the tensor is disposed). */
export function embedValues(backbone: Backbone, x: tf.Tensor, training = false): Float32Array {
  const embedding = backbone.embed(x, { training });
  const values = embedding.dataSync() as Float32Array;
  embedding.dispose();
  return values;
}
