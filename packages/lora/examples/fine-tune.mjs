// Fine-tune a small "pretrained" TensorFlow.js model with LoRA, save the adapter as a PEFT folder and load
// it again. Run after `pnpm --filter @enecg/lora build`: node examples/fine-tune.mjs
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  applyLora,
  formatTrainableParameters,
  loadLora,
  readAdapterFolder,
  saveAdapterToFolder,
  trainableParameters,
} from '@enecg/lora/node';
import * as tf from '@tensorflow/tfjs';

await tf.setBackend('cpu');

// A stand-in for a pretrained model: an encoder (nested model) and a classification head.
function pretrainedModel() {
  const encoder = tf.sequential({
    name: 'encoder',
    layers: [
      tf.layers.dense({
        units: 32,
        inputShape: [16],
        activation: 'relu',
        name: 'fc1',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 32,
        activation: 'relu',
        name: 'fc2',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
      }),
    ],
  });
  const input = tf.input({ shape: [16] });
  const head = tf.layers.dense({
    units: 3,
    activation: 'softmax',
    name: 'classifier',
    kernelInitializer: tf.initializers.glorotUniform({ seed: 3 }),
  });
  return tf.model({ inputs: input, outputs: head.apply(encoder.apply(input)) });
}

// A new task: three classes decided by the signs of two input features.
const xs = tf.randomNormal([512, 16], 0, 1, 'float32', 7);
const labels = tf.tidy(() => {
  const [a, b] = tf.split(xs.slice([0, 0], [-1, 2]), 2, 1);
  return tf.oneHot(
    tf.add(tf.cast(tf.greater(a, 0), 'int32'), tf.cast(tf.greater(b, 0), 'int32')).squeeze([1]),
    3,
  );
});

const lora = applyLora(pretrainedModel(), {
  targetModules: ['fc1', 'fc2'], // suffixes of the paths encoder.fc1 and encoder.fc2
  r: 4,
  loraAlpha: 8,
  modulesToSave: ['classifier'], // the head trains in full
});
console.log(formatTrainableParameters(trainableParameters(lora)));

const model = lora.model;
model.compile({ optimizer: tf.train.adam(0.01), loss: 'categoricalCrossentropy', metrics: ['accuracy'] });
const history = await model.fit(xs, labels, { epochs: 30, batchSize: 64, verbose: 0 });
const first = history.history.loss[0];
const last = history.history.loss.at(-1);
console.log(
  `loss ${first.toFixed(3)} -> ${last.toFixed(3)}, accuracy ${history.history.acc.at(-1).toFixed(3)}`,
);

const folder = join(mkdtempSync(join(tmpdir(), 'lora-')), 'my-adapter');
await saveAdapterToFolder(lora, folder); // adapter_config.json + adapter_model.safetensors

const { lora: reloaded } = loadLora(pretrainedModel(), await readAdapterFolder(folder));
const probe = xs.slice([0, 0], [4, -1]);
const same = tf.equal(reloaded.model.predict(probe), model.predict(probe)).all().dataSync()[0] === 1;
console.log(`reloaded from ${folder}: identical outputs = ${same}`);
