import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { type Check, type CheckContext, CheckSkipped, type ConformanceOptions } from './check.js';
import { PORTABILITY_CHECKS } from './portability-checks.js';
import { SHAPE_CHECKS } from './shape-checks.js';
import { TRAINING_CHECKS } from './training-checks.js';

/** Every check of the suite, in the order they run. */
export const CONFORMANCE_CHECKS: readonly Check[] = [
  ...SHAPE_CHECKS,
  ...TRAINING_CHECKS,
  ...PORTABILITY_CHECKS,
];

/** The outcome of one check. */
export interface ConformanceResult {
  name: string;
  description: string;
  status: 'passed' | 'failed' | 'skipped';
  /** Why it failed or was skipped; empty when it passed. */
  message: string;
}

/** The outcome of {@link runConformance}. */
export interface ConformanceReport {
  backboneId: string;
  /** True when no check failed (skipped checks do not fail the suite). */
  passed: boolean;
  results: ConformanceResult[];
}

/**
 * Runs the conformance suite every backbone must pass (see CONTRIBUTING-BACKBONES.md) on backbones made by
 * `create` — e.g. `() => createBackbone('my-net', { config: tiny })`; two calls must give equal weights. Checks:
 * declared shapes, rejected shapes, determinism, batch independence, frozen mode, trainability, no tensor leaks,
 * weight-file round trip, and agreement between two backends (cpu and wasm by default). Keep the configuration
 * tiny: every check builds its own backbone. Restores the active backend.
 */
export async function runConformance(
  create: () => Backbone,
  options: ConformanceOptions = {},
): Promise<ConformanceReport> {
  const resolved: Required<ConformanceOptions> = {
    backends: options.backends ?? ['cpu', 'wasm'],
    tolerance: options.tolerance ?? 1e-4,
    gradientTolerance: options.gradientTolerance ?? 1e-3,
    batchSize: options.batchSize ?? 2,
    seed: options.seed ?? 7,
  };
  const probe = create();
  const { id, input } = probe;
  probe.dispose();
  const context: CheckContext = {
    create,
    options: resolved,
    input: () =>
      tf.randomNormal([resolved.batchSize, input.length, input.leads.length], 0, 1, 'float32', resolved.seed),
  };
  const results: ConformanceResult[] = [];
  for (const check of CONFORMANCE_CHECKS) {
    const result: ConformanceResult = {
      name: check.name,
      description: check.description,
      status: 'passed',
      message: '',
    };
    try {
      await check.run(context);
    } catch (error) {
      result.status = error instanceof CheckSkipped ? 'skipped' : 'failed';
      result.message = error instanceof Error ? error.message : String(error);
    }
    results.push(result);
  }
  return { backboneId: id, passed: results.every((r) => r.status !== 'failed'), results };
}
