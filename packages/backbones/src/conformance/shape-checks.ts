import * as tf from '@tensorflow/tfjs';
import { InputShapeError } from '../errors.js';
import {
  type Check,
  CheckFailure,
  embedValues,
  ensure,
  relativeDifference,
  sameValues,
  withBackbone,
} from './check.js';

/** Declared input and embedding size, output shape, rejected shapes, determinism, batch independence. */
export const SHAPE_CHECKS: readonly Check[] = [
  {
    name: 'declared-input',
    description: 'the input spec and embedding size are positive and consistent',
    run: (context) =>
      withBackbone(context, (backbone) => {
        const { sampleRate, length, leads } = backbone.input;
        ensure(sampleRate > 0, `sampleRate ${sampleRate} is not positive`);
        ensure(Number.isInteger(length) && length > 0, `length ${length} is not a positive integer`);
        ensure(
          leads.length > 0 && new Set(leads).size === leads.length,
          `leads [${leads}] are empty or repeat`,
        );
        const size = backbone.embeddingSize;
        ensure(Number.isInteger(size) && size > 0, `embeddingSize ${size} is not a positive integer`);
      }),
  },
  {
    name: 'output-shape',
    description: 'embed maps [batch, length, leads] to finite [batch, embeddingSize]',
    run: (context) =>
      withBackbone(context, (backbone) => {
        const x = context.input();
        try {
          const embedding = backbone.embed(x);
          const values = embedding.dataSync();
          embedding.dispose();
          ensure(values.length === x.shape[0] * backbone.embeddingSize, `got ${values.length} values`);
          ensure(values.every(Number.isFinite), 'the embedding has non-finite values');
        } finally {
          x.dispose();
        }
      }),
  },
  {
    name: 'rejects-wrong-shapes',
    description: 'inputs of another length, lead count or rank throw InputShapeError',
    run: (context) =>
      withBackbone(context, (backbone) => {
        const { length, leads } = backbone.input;
        for (const shape of [
          [1, length + 1, leads.length],
          [1, length, leads.length + 1],
          [length, leads.length],
        ]) {
          const x = tf.zeros(shape);
          try {
            backbone.embed(x).dispose();
            throw new CheckFailure(`an input of shape [${shape}] was accepted`);
          } catch (error) {
            if (!(error instanceof InputShapeError)) throw error;
          } finally {
            x.dispose();
          }
        }
      }),
  },
  {
    name: 'deterministic',
    description: 'the same input gives bitwise the same embedding, twice and from a second build',
    run: async (context) => {
      const x = context.input();
      try {
        const [first, second] = await withBackbone(context, (b) => [embedValues(b, x), embedValues(b, x)]);
        ensure(sameValues(first, second), 'two calls on the same input differ');
        const rebuilt = await withBackbone(context, (b) => embedValues(b, x));
        ensure(
          sameValues(first, rebuilt),
          'a second backbone from the same factory differs (unseeded weights?)',
        );
      } finally {
        x.dispose();
      }
    },
  },
  {
    name: 'batch-independent',
    description: 'each embedding depends on its own sample only (needed to cache embeddings per record)',
    run: (context) =>
      withBackbone(context, (backbone) => {
        const x = context.input();
        try {
          const batch = embedValues(backbone, x);
          const size = backbone.embeddingSize;
          for (let i = 0; i < x.shape[0]; i++) {
            const single = tf.slice(x, [i, 0, 0], [1, -1, -1]);
            const alone = embedValues(backbone, single);
            single.dispose();
            const difference = relativeDifference(batch.subarray(i * size, (i + 1) * size), alone);
            ensure(
              difference <= context.options.tolerance,
              `sample ${i}: relative difference ${difference.toExponential(2)} alone vs in the batch`,
            );
          }
        } finally {
          x.dispose();
        }
      }),
  },
];
