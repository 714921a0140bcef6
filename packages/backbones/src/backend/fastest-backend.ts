import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { BackendUnavailableError } from '../errors.js';
import { useBackend, type WasmBackendOptions } from './wasm-backend.js';

/** Options of {@link selectFastestBackend}. */
export interface FastestBackendOptions extends WasmBackendOptions {
  /**
   * Backends to try. Default: `webgpu` (when registered), `webgl` (in browsers), `wasm`, `cpu`.
   */
  candidates?: readonly string[];
  /** Batch size of the timed forward passes (default 1). */
  batchSize?: number;
  /** Timed forward passes per backend after one warm-up pass (default 3); the median counts. */
  repeats?: number;
}

/** Result of {@link selectFastestBackend}. */
export interface FastestBackend {
  /** The backend now active. */
  backend: string;
  /** Median forward time in milliseconds per candidate; `null` for a backend that could not start. */
  timings: Record<string, number | null>;
}

/**
 * Times `backbone.embed` on each available candidate backend and leaves the fastest active. Meant for frozen
 * backbones used as feature extractors (inference only); weights follow to the chosen backend.
 *
 * @throws BackendUnavailableError when no candidate backend starts.
 */
export async function selectFastestBackend(
  backbone: Backbone,
  options: FastestBackendOptions = {},
): Promise<FastestBackend> {
  const { batchSize = 1, repeats = 3 } = options;
  const candidates = options.candidates ?? defaultCandidates();
  const timings: Record<string, number | null> = {};
  const x = tf.randomNormal(
    [batchSize, backbone.input.length, backbone.input.leads.length],
    0,
    1,
    'float32',
    1,
  );
  try {
    for (const name of candidates) {
      try {
        await useBackend(name, options);
      } catch (error) {
        if (!(error instanceof BackendUnavailableError)) throw error;
        timings[name] = null;
        continue;
      }
      timings[name] = await medianForwardTime(backbone, x, repeats);
    }
  } finally {
    x.dispose();
  }
  const available = Object.entries(timings).filter((entry): entry is [string, number] => entry[1] !== null);
  if (available.length === 0) {
    throw new BackendUnavailableError(candidates.join(', '), 'none of the candidate backends could start');
  }
  const [fastest] = available.reduce((best, entry) => (entry[1] < best[1] ? entry : best));
  await useBackend(fastest, options);
  return { backend: fastest, timings };
}

async function medianForwardTime(backbone: Backbone, x: tf.Tensor, repeats: number): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i <= repeats; i++) {
    const start = performance.now();
    const embedding = backbone.embed(x);
    await embedding.data();
    embedding.dispose();
    if (i > 0) times.push(performance.now() - start); // the first pass warms up (kernel setup, data moves)
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function defaultCandidates(): string[] {
  const registered = (name: string) => tf.findBackendFactory(name) !== null;
  const inBrowser = typeof document !== 'undefined';
  return [
    ...(registered('webgpu') ? ['webgpu'] : []),
    ...(inBrowser && registered('webgl') ? ['webgl'] : []),
    'wasm',
    'cpu',
  ];
}
