import * as tf from '@tensorflow/tfjs';
import type { Backbone } from '../core/backbone.js';
import { type Check, embedValues, ensure, sameValues, withBackbone } from './check.js';

/** `mean((embedding @ head)^2)`: a loss through the backbone and a small trainable head. */
function headLoss(backbone: Backbone, x: tf.Tensor, head: tf.Variable, training: boolean): tf.Scalar {
  return tf.mean(tf.square(tf.matMul(backbone.embed(x, { training }), head))) as tf.Scalar;
}

/** Every weight's values, by name. */
function weightValues(backbone: Backbone): Map<string, Float32Array> {
  const weights = backbone.getWeights();
  const values = new Map([...weights].map(([name, t]) => [name, t.dataSync() as Float32Array]));
  tf.dispose([...weights.values()]);
  return values;
}

/** Frozen mode, trainability when unfrozen, and tensor hygiene. */
export const TRAINING_CHECKS: readonly Check[] = [
  {
    name: 'frozen',
    description:
      'frozen: no trainable variable; weights and output bitwise unchanged by an optimizer step over every variable; inference mode even when training is asked',
    run: (context) =>
      withBackbone(context, (backbone) => {
        backbone.freeze();
        ensure(backbone.trainableVariables().length === 0, 'a frozen backbone lists trainable variables');
        ensure(backbone.parameterCounts().trainable === 0, 'a frozen backbone counts trainable parameters');
        const x = context.input();
        const head = tf.variable(tf.randomNormal([backbone.embeddingSize, 1], 0, 0.1, 'float32', 1));
        const optimizer = tf.train.adam(0.1);
        try {
          const before = weightValues(backbone);
          const output = embedValues(backbone, x);
          // minimize() and variableGrads() without a list take every trainable variable of the engine.
          optimizer.minimize(() => headLoss(backbone, x, head, true));
          const { grads } = tf.variableGrads(() => headLoss(backbone, x, head, true));
          const own = new Set(backbone.variables().map((v) => v.name));
          const leaked = Object.keys(grads).filter((name) => own.has(name));
          tf.dispose(Object.values(grads));
          ensure(leaked.length === 0, `gradients were computed for ${leaked.length} frozen variables`);
          const after = weightValues(backbone);
          const changed = [...before].filter(([name, values]) => !sameValues(values, after.get(name)!));
          ensure(changed.length === 0, `weights changed: ${changed.map(([name]) => name).join(', ')}`);
          // Catches trainable state kept outside the backbone's weights.
          ensure(sameValues(embedValues(backbone, x), output), 'the output changed after the optimizer step');
          ensure(
            sameValues(embedValues(backbone, x, true), embedValues(backbone, x, false)),
            'training: true changes the output of a frozen backbone (dropout or batch statistics active)',
          );
        } finally {
          tf.dispose([x, head]);
          optimizer.dispose();
        }
      }),
  },
  {
    name: 'trainable',
    description:
      'unfrozen: every parameter is trainable with finite gradients, and an optimizer step changes the output',
    run: (context) =>
      withBackbone(context, (backbone) => {
        backbone.unfreeze();
        const counts = backbone.parameterCounts();
        ensure(
          counts.trainable === counts.total && counts.total > 0,
          `trainable ${counts.trainable} of ${counts.total}`,
        );
        const x = context.input();
        const optimizer = tf.train.sgd(0.1);
        try {
          const variables = backbone.trainableVariables();
          const { value, grads } = tf.variableGrads(
            () => tf.mean(tf.square(backbone.embed(x, { training: true }))) as tf.Scalar,
            variables,
          );
          value.dispose();
          const values = variables.map((v) => grads[v.name]?.dataSync());
          ensure(
            values.every((g) => g !== undefined),
            'some parameters got no gradient',
          );
          ensure(
            values.every((g) => g!.every(Number.isFinite)),
            'some gradients are not finite',
          );
          ensure(
            values.some((g) => g!.some((v) => v !== 0)),
            'every gradient is zero',
          );
          const before = embedValues(backbone, x);
          optimizer.applyGradients(grads);
          tf.dispose(Object.values(grads));
          ensure(
            !sameValues(before, embedValues(backbone, x)),
            'an optimizer step did not change the embedding',
          );
        } finally {
          x.dispose();
          optimizer.dispose();
        }
      }),
  },
  {
    name: 'no-leaks',
    description:
      'embedding and training steps leave no tensor behind, and dispose frees every tensor of the backbone',
    run: async (context) => {
      const x = context.input();
      const optimizer = tf.train.sgd(0.01);
      const atStart = tf.memory().numTensors;
      const backbone = context.create();
      try {
        backbone.embed(x).dispose(); // warm-up
        let before = tf.memory().numTensors;
        backbone.embed(x).dispose();
        backbone.embed(x, { training: true }).dispose();
        ensure(tf.memory().numTensors === before, `embed leaked ${tf.memory().numTensors - before} tensors`);
        backbone.unfreeze();
        const step = () =>
          optimizer.minimize(() => tf.mean(tf.square(backbone.embed(x, { training: true }))) as tf.Scalar);
        step(); // warm-up
        before = tf.memory().numTensors;
        step();
        ensure(
          tf.memory().numTensors === before,
          `a training step leaked ${tf.memory().numTensors - before} tensors`,
        );
      } finally {
        backbone.dispose();
      }
      const left = tf.memory().numTensors - atStart;
      x.dispose();
      optimizer.dispose();
      ensure(left === 0, `dispose() left ${left} tensors`);
    },
  },
];
