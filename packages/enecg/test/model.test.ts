import { type Backbone, createBackbone, useBackend } from '@enecg/backbones';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeatureCache } from '../src/cache/feature-cache.js';
import { EnEcg } from '../src/model/enecg.js';
import { EnEcgConfigError, EnEcgDataError, EnEcgError } from '../src/model/errors.js';
import type { ProgressEvent } from '../src/model/types.js';
import type { LabelledEcg } from '../src/tasks/task.js';
import { EXPERT_IDS, makeRecord, syntheticExamples, TASKS, tinyBackbones } from './model-fixtures.js';

let backbones: Backbone[];
const data = syntheticExamples(128);
const train = data.slice(0, 80);
const validation = data.slice(80, 96);
const test = data.slice(96);
const GATE = { durationS: 0.4 };
const LEVEL = TASKS[1];

beforeAll(async () => {
  // ENECG_TEST_BACKEND=wasm runs these tests on the wasm backend (default cpu).
  if (process.env.ENECG_TEST_BACKEND === 'wasm') await useBackend('wasm');
  else await tf.setBackend('cpu');
  backbones = tinyBackbones();
});

afterAll(() => {
  for (const backbone of backbones) backbone.dispose();
});

const mean = (values: number[]) => values.reduce((a, b) => a + b, 0) / values.length;

describe('EnEcg: learning', () => {
  it('learns a class only one expert can see, and its gate favours that expert', async () => {
    const model = EnEcg.create(
      { experts: EXPERT_IDS, tasks: [LEVEL], head: { hidden: [32] }, gate: GATE, seed: 1 },
      { backbones },
    );
    await model.fit(train, { epochs: 80, learningRate: 1e-2, batchSize: 16 });
    const report = await model.evaluate(test);
    expect(report.tasks.level.count).toBe(32);
    // Measured over model seeds 1-5: accuracy 0.97-1 (chance about 0.5), gate weight 0.87-0.95.
    expect(report.tasks.level.metrics.accuracy).toBeGreaterThan(0.9);
    expect(report.tasks.level.headline).toEqual({
      metric: 'auroc',
      value: report.tasks.level.metrics.auroc,
      higherIsBetter: true,
    });
    expect(report.tasks.level.metrics.auroc).toBeGreaterThan(0.9);
    // Lead I (xresnet1d) holds the class; V1 (dlinear) is noise, so a mixture of probabilities that trusts the
    // noise expert cannot be confident: the gate moves its weight to xresnet1d.
    const predictions = await model.predictBatch(test.map((e) => e.record));
    const gate = mean(predictions.map((p) => p.tasks.level.gateWeights.xresnet1d));
    expect(gate).toBeGreaterThan(0.8);
    for (const p of predictions) {
      const weights = Object.values(p.tasks.level.gateWeights);
      expect(weights[0] + weights[1]).toBeCloseTo(1, 5);
    }
    model.dispose();
  });

  it('trains regression, classification and multi-label tasks together, skipping unknown targets', async () => {
    // Some targets are unknown: masked out of the loss, the statistics and the metrics.
    const withNulls = (examples: LabelledEcg[], every: number): LabelledEcg[] =>
      examples.map((e, i) => (i % every === 0 ? { ...e, targets: { ...e.targets, amplitude: null } } : e));
    const trainSet = withNulls(train, 5);
    const testSet = withNulls(test, 8);
    const model = EnEcg.create(
      { experts: EXPERT_IDS, tasks: TASKS, head: { hidden: [32] }, gate: GATE, seed: 2 },
      { backbones },
    );
    const history = await model.fit(trainSet, {
      validation,
      epochs: 60,
      patience: 10,
      learningRate: 1e-2,
      batchSize: 16,
    });
    expect(history.bestEpoch).toBe(
      history.epochs.reduce((best, e) => (e.validationLoss! < best.validationLoss! ? e : best)).epoch,
    );
    const report = await model.evaluate(testSet);
    const amplitude = report.tasks.amplitude;
    expect(amplitude.count).toBe(28);
    const known = testSet.filter((e) => e.targets.amplitude !== null);
    const truth = known.map((e) => e.targets.amplitude as number);
    const trainMean = mean(
      trainSet.flatMap((e) => (e.targets.amplitude === null ? [] : [e.targets.amplitude as number])),
    );
    const baseline = mean(truth.map((t) => Math.abs(t - trainMean)));
    expect(amplitude.headline.metric).toBe('mae');
    // Measured over model seeds 1-4: 0.10-0.17 mV against 0.38 mV for the training mean.
    expect(amplitude.metrics.mae).toBeLessThan(0.6 * baseline);
    expect(amplitude.metrics.rmse).toBeCloseTo(Math.sqrt(amplitude.metrics.mse), 10);
    expect(report.tasks.level.metrics.accuracy).toBeGreaterThan(0.85);
    expect(Object.keys(report.tasks.flags.metrics).sort()).toEqual(['auroc', 'f1']);
    expect(report.tasks.flags.count).toBe(32);
    // The report's numbers are those of the predictions (de-standardised to mV).
    const predictions = await model.predictBatch(known.map((e) => e.record));
    const mae = mean(
      predictions.map((p, i) => Math.abs((p.tasks.amplitude.prediction as number) - truth[i])),
    );
    expect(mae).toBeCloseTo(amplitude.metrics.mae, 5);
    const first = predictions[0].tasks;
    expect(first.level.label).toBe(
      LEVEL.kind === 'classification' ? LEVEL.classes[first.level.prediction as number] : '',
    );
    expect(first.flags.prediction).toEqual(first.flags.probabilities!.map((p) => (p >= 0.5 ? 1 : 0)));
    expect(Object.keys(first.amplitude.experts)).toEqual(EXPERT_IDS);
    model.dispose();
  });

  it('uses fixed equal weights with the uniform gate, and weight 1 with a single expert', async () => {
    const uniform = EnEcg.create(
      { experts: EXPERT_IDS, tasks: [LEVEL], head: { hidden: [8] }, gate: { ...GATE, kind: 'uniform' } },
      { backbones },
    );
    expect(uniform.parameterCounts().gates).toBe(0);
    expect(uniform.gateInput).toBeNull();
    await uniform.fit(train.slice(0, 16), { epochs: 1 });
    const [p] = await uniform.predictBatch([test[0].record]);
    expect(p.tasks.level.gateWeights).toEqual({ xresnet1d: 0.5, dlinear: 0.5 });
    const single = EnEcg.create(
      { experts: ['dlinear'], tasks: [LEVEL], head: { hidden: [8] }, gate: GATE },
      { backbones: [backbones[1]] },
    );
    expect(single.parameterCounts().gates).toBe(0);
    const q = await single.predict(test[0].record);
    expect(q.tasks.level.gateWeights).toEqual({ dlinear: 1 });
    expect(q.tasks.level.probabilities).toEqual(q.tasks.level.experts.dlinear.probabilities);
    uniform.dispose();
    single.dispose();
  });
  it("trains 'full' heads without hidden layers, and crops long records as configured", async () => {
    const full = EnEcg.create(
      { experts: EXPERT_IDS, tasks: [LEVEL], head: { mode: 'full', hidden: [] }, gate: GATE, seed: 3 },
      { backbones },
    );
    const counts = full.parameterCounts();
    // Linear heads on 16 and 4 features, 2 classes; every head weight trains.
    expect(counts.heads).toBe(16 * 2 + 2 + 4 * 2 + 2);
    expect(counts.headsTrainable).toBe(counts.heads);
    const history = await full.fit(train, { epochs: 20, learningRate: 1e-2, batchSize: 16 });
    expect(history.epochs[19].loss).toBeLessThan(history.epochs[0].loss);
    // The synthetic records (60 samples) are longer than xresnet1d's window (40): 'start' and 'center' differ.
    const start = EnEcg.create(
      {
        experts: EXPERT_IDS,
        tasks: [LEVEL],
        head: { mode: 'full', hidden: [] },
        gate: GATE,
        seed: 3,
        crop: 'start',
      },
      { backbones },
    );
    const center = EnEcg.create(
      { experts: EXPERT_IDS, tasks: [LEVEL], head: { mode: 'full', hidden: [] }, gate: GATE, seed: 3 },
      { backbones },
    );
    const [a] = await start.predictBatch([test[0].record]);
    const [b] = await center.predictBatch([test[0].record]);
    expect(a.tasks.level.experts.xresnet1d.probabilities).not.toEqual(
      b.tasks.level.experts.xresnet1d.probabilities,
    );
    for (const model of [full, start, center]) model.dispose();
  });
});

describe('EnEcg: training loop', () => {
  const config = { experts: EXPERT_IDS, tasks: TASKS, head: { hidden: [16] }, gate: GATE, seed: 5 };
  const small = train.slice(0, 40);
  const smallValidation = validation.slice(0, 8);

  it('is reproducible: the same seeds give the same history and predictions', async () => {
    const run = async (fitSeed?: number) => {
      const model = EnEcg.create(config, { backbones });
      const history = await model.fit(small, {
        validation: smallValidation,
        epochs: 3,
        batchSize: 16,
        seed: fitSeed,
      });
      const prediction = await model.predict(test[0].record);
      model.dispose();
      return { losses: history.epochs, prediction };
    };
    const a = await run();
    const b = await run();
    expect(b.losses).toEqual(a.losses);
    expect(b.prediction).toEqual(a.prediction);
    const c = await run(99); // other shuffling and dropout masks
    expect(c.losses[2].loss).not.toBe(a.losses[2].loss);
  });

  it('gives the same numbers with cached embeddings as when recomputing them every epoch', async () => {
    const cache = new FeatureCache();
    const options = { validation: smallValidation, epochs: 3, batchSize: 16 };
    const cachedModel = EnEcg.create(config, { backbones });
    const cached = await cachedModel.fit(small, { ...options, cache });
    // Each record embedded once per expert, plus its gate input.
    expect(cache.stats).toEqual({ hits: 0, misses: (40 + 8) * 3 });
    const recomputingModel = EnEcg.create(config, { backbones });
    const recomputed = await recomputingModel.fit(small, { ...options, recomputeEmbeddings: true });
    recomputed.epochs.forEach((epoch, i) => {
      expect(epoch.loss).toBeCloseTo(cached.epochs[i].loss, 6);
      expect(epoch.validationLoss!).toBeCloseTo(cached.epochs[i].validationLoss!, 6);
    });
    expect(cache.stats.misses).toBe(144); // recomputing does not touch the cache
    // A model sharing the cache embeds nothing again and trains the same way.
    const sharing = EnEcg.create(config, { backbones });
    const again = await sharing.fit(small, { ...options, cache });
    expect(cache.stats).toEqual({ hits: 144, misses: 144 });
    expect(again.epochs).toEqual(cached.epochs);
    // cacheFeatures embeds ahead of time: here only the records not seen yet.
    await sharing.cacheFeatures(
      test.map((e) => e.record),
      { cache },
    );
    expect(cache.stats).toEqual({ hits: 144, misses: 144 + 32 * 3 });
    await sharing.evaluate(test, { cache });
    expect(cache.stats).toEqual({ hits: 144 + 32 * 3, misses: 144 + 32 * 3 });
    for (const model of [cachedModel, recomputingModel, sharing]) model.dispose();
  });

  it('keeps the tensor count constant across epochs and frees everything on dispose', async () => {
    const baseline = tf.memory().numTensors;
    const model = EnEcg.create(config, { backbones });
    const created = tf.memory().numTensors;
    const atEpochEnd: number[] = [];
    await model.fit(small, {
      validation: smallValidation,
      epochs: 5,
      patience: 10,
      batchSize: 16,
      onProgress: (event) => {
        if (event.validationLoss !== undefined) atEpochEnd.push(tf.memory().numTensors);
      },
    });
    expect(atEpochEnd).toHaveLength(5);
    // From epoch 2 on, early stopping holds one copy of the weights; nothing else accumulates.
    expect(new Set(atEpochEnd.slice(1)).size).toBe(1);
    expect(tf.memory().numTensors).toBe(created);
    await model.evaluate(test);
    await model.predictBatch([test[0].record, test[1].record]);
    expect(tf.memory().numTensors).toBe(created);
    model.dispose();
    expect(tf.memory().numTensors).toBe(baseline);
    await expect(model.predict(test[0].record)).rejects.toThrowError(EnEcgError);
    // The backbones belong to the caller and still work.
    expect(backbones[0].parameterCounts().total).toBeGreaterThan(0);
  });

  it('reports progress: embed, train (with epochs and losses) and evaluate', async () => {
    const events: ProgressEvent[] = [];
    const evaluateEvents: ProgressEvent[] = [];
    const model = EnEcg.create(config, { backbones });
    const history = await model.fit(small, {
      validation: smallValidation,
      epochs: 2,
      batchSize: 16,
      cache: new FeatureCache(),
      onProgress: (event) => events.push(event),
    });
    await model.evaluate(test, { onProgress: (event) => evaluateEvents.push(event) });
    expect(new Set(events.map((e) => e.phase))).toEqual(new Set(['embed', 'train']));
    const embed = events.filter((e) => e.phase === 'embed');
    const trainEvents = events.filter((e) => e.phase === 'train');
    const evaluate = evaluateEvents.filter((e) => e.phase === 'evaluate');
    // evaluate embeds the test records (not cached yet) first
    expect(evaluateEvents.filter((e) => e.phase === 'embed').at(-1)).toMatchObject({ done: 96, total: 96 });
    expect(embed[0].total).toBe((40 + 8) * 3);
    expect(embed.at(-1)?.done).toBe(embed[0].total);
    expect(trainEvents.map((e) => e.done)).toEqual([1, 2, 3, 3, 4, 5, 6, 6]);
    expect(trainEvents.every((e) => e.total === 6 && e.epochs === 2)).toBe(true);
    expect(trainEvents.at(-1)).toMatchObject({ epoch: 2, loss: history.epochs[1].loss });
    expect(trainEvents.at(-1)?.validationLoss).toBe(history.epochs[1].validationLoss);
    expect(evaluate.at(-1)).toEqual({ phase: 'evaluate', done: 32, total: 32 });
    model.dispose();
  });

  it('follows the warm-up + cosine schedule and stops early, restoring the best epoch', async () => {
    const model = EnEcg.create(config, { backbones });
    const history = await model.fit(small, {
      validation: smallValidation,
      epochs: 4,
      batchSize: 20,
      learningRate: 0.01,
      warmupSteps: 2,
    });
    // 2 steps per epoch, 8 in all: the rate after each epoch's last step (steps 1, 3, 5, 7).
    const cosine = (step: number) => 0.01 * 0.5 * (1 + Math.cos((Math.PI * (step - 2)) / 6));
    expect(history.epochs.map((e) => e.learningRate)).toEqual([0.01, cosine(3), cosine(5), cosine(7)]);
    const noisy = EnEcg.create(config, { backbones });
    // A huge learning rate makes the validation loss worse after the first epochs.
    const stopped = await noisy.fit(small, {
      validation: smallValidation,
      epochs: 30,
      patience: 2,
      learningRate: 5,
    });
    expect(stopped.stoppedEarly).toBe(true);
    expect(stopped.epochs.length).toBe(stopped.bestEpoch + 2);
    const best = stopped.epochs[stopped.bestEpoch - 1].validationLoss!;
    expect(Math.min(...stopped.epochs.map((e) => e.validationLoss!))).toBe(best);
    model.dispose();
    noisy.dispose();
  });
});

describe('EnEcg: configuration, data and counts', () => {
  it('counts trainable and frozen parameters', () => {
    const model = EnEcg.create(
      { experts: EXPERT_IDS, tasks: [TASKS[0], LEVEL], head: { hidden: [16] }, gate: GATE },
      { backbones },
    );
    const counts = model.parameterCounts();
    expect(model.trainableVariables().reduce((n, v) => n + v.size, 0)).toBe(counts.trainable);
    const experts = backbones[0].parameterCounts().total + backbones[1].parameterCounts().total;
    // Per head with input D, output K, hidden 16, r = min(8, D, 16): base D·16 + 16 + 16·K + K; LoRA D·r + r·16;
    // output copy 16·K + K (PEFT keeps the original output layer frozen and trains a copy).
    const head = (d: number, k: number) => {
      const r = Math.min(8, d, 16);
      const lora = d * r + r * 16;
      const output = 16 * k + k;
      return { total: d * 16 + 16 + output + lora + output, trainable: lora + output };
    };
    const sizes = [16, 4]; // xresnet1d [max, mean] of 8 channels; dlinear 4 outputs x 1 lead
    const heads = sizes.flatMap((d) => [head(d, 1), head(d, 2)]);
    const gates = 2 * (40 + 1) * 2; // per task a linear gate on 40 samples of lead II, 2 experts
    const headsTotal = heads.reduce((n, h) => n + h.total, 0);
    const headsTrainable = heads.reduce((n, h) => n + h.trainable, 0);
    expect(counts).toEqual({
      trainable: headsTrainable + gates,
      total: experts + headsTotal + gates,
      frozen: experts + headsTotal - headsTrainable,
      experts,
      heads: headsTotal,
      headsTrainable,
      gates,
    });
    model.dispose();
  });

  it('fills in the defaults of the configuration', () => {
    const model = EnEcg.create({ experts: EXPERT_IDS, tasks: [LEVEL] }, { backbones });
    expect(model.config).toMatchObject({
      head: { hidden: [256, 256], mode: 'lora', lora: { r: 8, alpha: 32, dropout: 0.05 } },
      gate: {
        kind: 'softmax',
        leads: ['II'],
        sampleRate: 100,
        durationS: 10,
        normalization: 'none',
        hidden: [],
      },
      crop: 'center',
      seed: 0,
    });
    expect(model.gateInput).toEqual({
      sampleRate: 100,
      length: 1000,
      leads: ['II'],
      normalization: { kind: 'none' },
    });
    model.dispose();
  });

  it('rejects invalid configurations with the option named', () => {
    const create =
      (config: object, list = backbones) =>
      () =>
        EnEcg.create({ experts: EXPERT_IDS, tasks: [LEVEL], ...config }, { backbones: list });
    expect(create({ experts: ['dlinear', 'dlinear'] })).toThrowError(/experts: ids must be distinct/);
    expect(create({ gate: { leads: ['XX'] } })).toThrowError(/gate.leads: 'XX' is not an ECG lead name/);
    expect(create({ head: { lora: { dropout: 1 } } })).toThrowError(EnEcgConfigError);
    expect(create({ tasks: [{ name: 'a b', kind: 'regression' }] })).toThrowError(/task names/);
    expect(create({}, [backbones[1], backbones[0]])).toThrowError(
      /backbone 0 is 'dlinear', expected 'xresnet1d'/,
    );
    const trainable = createBackbone('dlinear', {
      config: { inputLength: 24, leads: ['V1'] },
      frozen: false,
    });
    expect(create({ experts: ['xresnet1d', 'dlinear'] }, [backbones[0], trainable])).toThrowError(
      /not frozen/,
    );
    trainable.dispose();
  });

  it('names the example, task and field of bad data', async () => {
    const model = EnEcg.create(
      { experts: EXPERT_IDS, tasks: TASKS, head: { hidden: [8] }, gate: GATE },
      { backbones },
    );
    const bad = { ...train[3], targets: { ...train[3].targets, level: 5 } };
    const fit = (examples: LabelledEcg[]) => model.fit(examples, { epochs: 1 });
    await expect(fit([train[0], bad])).rejects.toThrowError(EnEcgDataError);
    await expect(fit([train[0], bad])).rejects.toThrowError(
      'example ex3, task level, field targets.level: expected a class index in 0..1 (low, high) or null, got 5',
    );
    const flags = { ...train[4], targets: { ...train[4].targets, flags: [1] } };
    await expect(fit([flags])).rejects.toThrowError(
      /example ex4, task flags.*expected an array of 2 values 0\/1/,
    );
    const unlabelled = train.slice(0, 4).map((e) => ({ ...e, targets: { ...e.targets, amplitude: null } }));
    await expect(fit(unlabelled)).rejects.toThrowError(/task amplitude: no training example has this target/);
    const noLeads = {
      ...train[5],
      id: 'no-leads',
      record: makeRecord('no-leads', { V5: new Float64Array(60) }),
    };
    await expect(fit([train[0], noLeads])).rejects.toThrowError(
      /example no-leads, field record: .*has none of the leads/,
    );
    model.dispose();
  });
});
