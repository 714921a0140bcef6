// Forward pass of dense combination vs sparse dispatch: 8 MLP experts (128 → 256 → 128), a top-2 gate,
// batch 256, CPU backend. Run: pnpm --filter @enecg/moe bench
import * as tf from '@tensorflow/tfjs';
import { bench, describe } from 'vitest';
import { type CombineMode, MixtureOfExperts, NoisyTopKGate } from '../src/index.js';

await tf.setBackend('cpu');
const [numExperts, features, hidden, batch] = [8, 128, 256, 256];
const experts = Array.from({ length: numExperts }, () =>
  tf.sequential({
    layers: [
      tf.layers.dense({ units: hidden, inputShape: [features], activation: 'relu' }),
      tf.layers.dense({ units: features }),
    ],
  }),
);
const gate = new NoisyTopKGate({ inputFeatures: features, numExperts, k: 2, seed: 1 });
gate.setWeights({
  'gate/kernel': tf.randomNormal([features, numExperts], 0, 0.3, 'float32', 1),
  'noise/kernel': tf.zeros([features, numExperts]),
});
const x = tf.randomNormal([batch, features], 0, 1, 'float32', 2);

const modes: CombineMode[] = ['dense', 'sparse'];

describe(`MoE forward, ${numExperts} experts, k = 2, batch ${batch}`, () => {
  for (const mode of modes) {
    const moe = new MixtureOfExperts({ gate, experts, mode });
    bench(mode, () => {
      tf.tidy(() => moe.apply(x).output.dataSync());
    });
  }
});

describe(`MoE gradients (gate and experts), ${numExperts} experts, k = 2, batch ${batch}`, () => {
  for (const mode of modes) {
    const moe = new MixtureOfExperts({ gate, experts, mode });
    const variables = moe.trainableVariables();
    bench(mode, () => {
      const { value, grads } = tf.variableGrads(() => tf.mean(tf.square(moe.apply(x).output)), variables);
      tf.dispose([value, ...Object.values(grads)]);
    });
  }
});
