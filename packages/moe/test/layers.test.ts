import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { GatedSumLayer, MoeShapeError, SoftmaxGate, SoftmaxGateLayer } from '../src/index.js';
import { randomMatrix, values } from './helpers.js';

/** An EnECG-shaped Layers model: a softmax gate on one input weighs two dense experts on another. */
function ensembleModel(): tf.LayersModel {
  const gateInput = tf.input({ shape: [4], name: 'lead' });
  const expertInput = tf.input({ shape: [6], name: 'leads' });
  const gate = new SoftmaxGateLayer({
    numExperts: 2,
    hiddenUnits: [5],
    activation: 'gelu',
    dropout: 0.1,
    temperature: 1.5,
    seed: 4,
    name: 'gate',
  }).apply(gateInput) as tf.SymbolicTensor;
  const experts = [0, 1].map(
    (i) => tf.layers.dense({ units: 3, name: `expert${i}` }).apply(expertInput) as tf.SymbolicTensor,
  );
  const output = new GatedSumLayer({ name: 'ensemble' }).apply([gate, ...experts]) as tf.SymbolicTensor;
  return tf.model({ inputs: [gateInput, expertInput], outputs: output });
}

describe('SoftmaxGateLayer and GatedSumLayer', () => {
  it('compute the gate-weighted sum of the expert outputs in a Layers model', () => {
    const model = ensembleModel();
    const [lead, leads] = [randomMatrix(3, 4, 1), randomMatrix(3, 6, 2)];
    const predicted = values(model.predict([lead, leads]) as tf.Tensor);
    // The same computation, step by step.
    const gate = values(model.getLayer('gate').apply(lead) as tf.Tensor);
    const experts = [0, 1].map((i) => values(model.getLayer(`expert${i}`).apply(leads) as tf.Tensor));
    predicted.forEach((v, index) => {
      const example = Math.floor(index / 3);
      const expected = gate[2 * example] * experts[0][index] + gate[2 * example + 1] * experts[1][index];
      expect(v).toBeCloseTo(expected, 6);
    });
  });

  it('save and load with the model', async () => {
    const model = ensembleModel();
    let artifacts: tf.io.ModelArtifacts | undefined;
    await model.save(
      tf.io.withSaveHandler(async (saved) => {
        artifacts = saved;
        return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
      }),
    );
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const inputs = [randomMatrix(4, 4, 5), randomMatrix(4, 6, 6)];
    expect(values(loaded.predict(inputs) as tf.Tensor)).toEqual(values(model.predict(inputs) as tf.Tensor));
    const gateConfig = loaded.getLayer('gate').getConfig();
    expect(gateConfig).toMatchObject({
      numExperts: 2,
      hiddenUnits: [5],
      activation: 'gelu',
      dropout: 0.1,
      temperature: 1.5,
      seed: 4,
    });
  });

  it('train with model.fit', async () => {
    const model = ensembleModel();
    model.compile({ optimizer: tf.train.adam(0.05), loss: 'meanSquaredError' });
    const inputs = [randomMatrix(32, 4, 7), randomMatrix(32, 6, 8)];
    const target = randomMatrix(32, 3, 9);
    const gateBefore = values(model.getLayer('gate').getWeights()[0]);
    const history = await model.fit(inputs, target, { epochs: 20, batchSize: 32, verbose: 0 });
    const losses = history.history.loss as number[];
    expect(losses[losses.length - 1]).toBeLessThan(losses[0]);
    expect(values(model.getLayer('gate').getWeights()[0])).not.toEqual(gateBefore);
  });

  it('share weights between SoftmaxGate and its layer', () => {
    const gate = new SoftmaxGate({ inputFeatures: 4, numExperts: 3, seed: 1 });
    const model = tf.sequential({ layers: [tf.layers.inputLayer({ inputShape: [4] }), gate.layer] });
    const x = randomMatrix(2, 4, 3);
    expect(values(model.predict(x) as tf.Tensor)).toEqual(values(gate.apply(x).weights));
    gate.setWeights({ 'output/kernel': tf.ones([4, 3]), 'output/bias': tf.tensor1d([0, 0, Math.log(2)]) });
    // Logits [s, s, s + ln 2] → softmax [1, 1, 2] / 4.
    expect(values(model.predict(x) as tf.Tensor)).toEqual(
      [0.25, 0.25, 0.5, 0.25, 0.25, 0.5].map((v) => expect.closeTo(v, 6)),
    );
  });

  it('reject inputs of the wrong shapes', () => {
    const gates = tf.input({ shape: [3] });
    const outputs = [0, 1].map(() => tf.input({ shape: [2] }));
    expect(() => new GatedSumLayer().apply([gates, ...outputs])).toThrow(MoeShapeError);
    expect(() => new GatedSumLayer().apply([gates, ...outputs])).toThrow('(2 given)');
    expect(() => new SoftmaxGateLayer({ numExperts: 2 }).apply(tf.input({ shape: [3, 4] }))).toThrow(
      'flatten the gating input',
    );
  });
});
