// Train a gate to route between two fixed experts, each right on half of the inputs, with a custom
// training loop; then the same with a Switch router and sparse dispatch.
// Run after `pnpm --filter @enecg/moe build`: node examples/toy-routing.mjs
import { MixtureOfExperts, SoftmaxGate, SwitchRouter } from '@enecg/moe';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');

// y = x1 + 1 when x0 > 0, otherwise y = x1 − 1. Expert 0 computes x1 + 1, expert 1 computes x1 − 1.
const experts = [
  (x) => tf.add(tf.slice(x, [0, 1], [-1, 1]), 1),
  (x) => tf.sub(tf.slice(x, [0, 1], [-1, 1]), 1),
];

function batch(size, seed) {
  return tf.tidy(() => {
    const x = tf.randomUniform([size, 2], -1, 1, 'float32', seed);
    const right = tf.cast(tf.lessEqual(tf.slice(x, [0, 0], [-1, 1]), 0), 'float32'); // 1 where expert 1 is right
    const y = tf.add(tf.slice(x, [0, 1], [-1, 1]), tf.sub(1, tf.mul(2, right)));
    return { x, y, right: tf.squeeze(right, [1]) };
  });
}

function train(name, moe, steps = 150) {
  const optimizer = tf.train.adam(0.05);
  for (let step = 0; step < steps; step++) {
    const { x, y, right } = batch(64, step);
    const loss = optimizer.minimize(
      () => {
        const { output, totalAuxLoss } = moe.apply(x, { training: true });
        return tf.add(tf.losses.meanSquaredError(y, output), totalAuxLoss);
      },
      true,
      moe.trainableVariables(),
    );
    if (step % 50 === 0) console.log(`${name} step ${step}: loss ${loss.dataSync()[0].toFixed(4)}`);
    tf.dispose([x, y, right, loss]);
  }
  optimizer.dispose();

  const test = batch(1000, -1);
  const accuracy = tf.tidy(() => {
    const { gateWeights, auxLosses } = moe.apply(test.x);
    for (const [lossName, value] of Object.entries(auxLosses)) {
      console.log(`${name} ${lossName}: ${value.dataSync()[0].toFixed(5)}`);
    }
    return tf
      .mean(tf.cast(tf.equal(tf.argMax(gateWeights, 1), tf.cast(test.right, 'int32')), 'float32'))
      .dataSync()[0];
  });
  console.log(`${name} routing accuracy on held-out inputs: ${(accuracy * 100).toFixed(1)}%`);
  tf.dispose([test.x, test.y, test.right]);
  moe.dispose();
}

// EnECG's dense ensemble: every expert runs, weighted by a softmax gate (an MLP).
train(
  'softmax',
  new MixtureOfExperts({
    gate: new SoftmaxGate({ inputFeatures: 2, numExperts: 2, hiddenUnits: [8], seed: 1 }),
    experts,
  }),
);

// Switch routing: one expert per example, at most ceil(64 / 2 · 1.5) = 48 examples per expert.
const router = new SwitchRouter({
  inputFeatures: 2,
  numExperts: 2,
  capacityFactor: 1.5,
  overflow: 'next',
  seed: 2,
});
train('switch', new MixtureOfExperts({ gate: router, experts, mode: 'sparse' }));
console.log(`tensors left: ${tf.memory().numTensors}`);
