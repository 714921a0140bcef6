import * as tf from '@tensorflow/tfjs';
import { useBackend } from '../backend/wasm-backend.js';
import type { Backbone } from '../core/backbone.js';
import { BackendUnavailableError } from '../errors.js';
import { loadBackboneWeights, serializeBackbone } from '../weights/backbone-file.js';
import {
  type Check,
  type CheckContext,
  CheckSkipped,
  embedValues,
  ensure,
  relativeDifference,
  sameValues,
  withBackbone,
} from './check.js';

/** Replaces every weight with values in [0.5, 1.5) (positive, so running variances stay valid). */
function scramble(backbone: Backbone): void {
  const weights = backbone.getWeights();
  const scrambled = new Map(
    [...weights].map(([name, t], i) => [name, tf.randomUniform(t.shape, 0.5, 1.5, 'float32', i)]),
  );
  backbone.setWeights(scrambled);
  tf.dispose([...weights.values(), ...scrambled.values()]);
}

/** Embedding and gradients (unfrozen, inference mode) of one backbone on each of the two backends. */
async function onBothBackends(
  context: CheckContext,
  backbone: Backbone,
): Promise<{ embedding: Float32Array; gradients: Float32Array[] }[]> {
  const original = tf.getBackend();
  const x = context.input();
  const results: { embedding: Float32Array; gradients: Float32Array[] }[] = [];
  try {
    for (const name of context.options.backends) {
      try {
        await useBackend(name);
      } catch (error) {
        if (error instanceof BackendUnavailableError) throw new CheckSkipped(error.message);
        throw error;
      }
      backbone.unfreeze();
      const variables = backbone.trainableVariables();
      const { value, grads } = tf.variableGrads(
        () => tf.mean(tf.square(backbone.embed(x))) as tf.Scalar,
        variables,
      );
      const gradients = variables.map((v) => grads[v.name].dataSync() as Float32Array);
      tf.dispose([value, ...Object.values(grads)]);
      results.push({ embedding: embedValues(backbone, x), gradients });
    }
  } finally {
    x.dispose();
    await tf.setBackend(original);
  }
  return results;
}

/** Weight files round-trip; two backends agree on embeddings and gradients. */
export const PORTABILITY_CHECKS: readonly Check[] = [
  {
    name: 'round-trip',
    description:
      'serializeBackbone -> loadBackboneWeights and getWeights -> setWeights restore bitwise the same output',
    run: async (context) => {
      const x = context.input();
      try {
        await withBackbone(context, async (original) => {
          const expected = embedValues(original, x);
          const bytes = await serializeBackbone(original);
          await withBackbone(context, async (copy) => {
            scramble(copy);
            ensure(
              !sameValues(embedValues(copy, x), expected),
              'scrambling the weights did not change the output',
            );
            await loadBackboneWeights(copy, bytes);
            ensure(
              sameValues(embedValues(copy, x), expected),
              'the output differs after loading the weights file',
            );
            scramble(copy);
            const weights = original.getWeights();
            copy.setWeights(weights);
            tf.dispose([...weights.values()]);
            ensure(
              sameValues(embedValues(copy, x), expected),
              'the output differs after setWeights(getWeights())',
            );
          });
        });
      } finally {
        x.dispose();
      }
    },
  },
  {
    name: 'cross-backend',
    description:
      'embeddings (tolerance) and gradients (gradientTolerance) agree between the two backends, relative to their largest value',
    run: (context) =>
      withBackbone(context, async (backbone) => {
        const [a, b] = await onBothBackends(context, backbone);
        const [first, second] = context.options.backends;
        const difference = relativeDifference(a.embedding, b.embedding);
        ensure(
          difference <= context.options.tolerance,
          `embeddings differ by ${difference.toExponential(2)} (relative) between ${first} and ${second}`,
        );
        // Relative to the largest gradient of the backbone: some gradients are exactly zero in theory (e.g. the key
        // bias of softmax attention) and only rounding noise in practice.
        const scale = Math.max(...a.gradients.map((g) => g.reduce((m, v) => Math.max(m, Math.abs(v)), 0)));
        const names = backbone
          .weightInfo()
          .filter((w) => w.kind === 'parameter')
          .map((w) => w.name);
        a.gradients.forEach((gradient, i) => {
          const largest = gradient.reduce((m, v, j) => Math.max(m, Math.abs(v - b.gradients[i][j])), 0);
          const gradientDifference = scale === 0 ? largest : largest / scale;
          ensure(
            gradientDifference <= context.options.gradientTolerance,
            `gradients of ${names[i]} differ by ${gradientDifference.toExponential(2)} of the largest gradient between ${first} and ${second}`,
          );
        });
      }),
  },
];
