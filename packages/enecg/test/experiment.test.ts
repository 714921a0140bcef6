import { afterAll, describe, expect, it, vi } from 'vitest';
import { formatResultsMarkdown } from '../src/experiment/format-results.js';
import { foldSplits, runExperiment } from '../src/experiment/run-experiment.js';
import { EnEcg } from '../src/model/enecg.js';
import { EXPERT_IDS, SAMPLES, syntheticExamples, TASKS, tinyBackbones } from './model-fixtures.js';

const backbones = tinyBackbones();
afterAll(() => {
  for (const b of backbones) b.dispose();
});

describe('foldSplits', () => {
  it('never puts a subject in two parts of a fold, and tests every example once', () => {
    const examples = syntheticExamples(30).map((e, i) => ({ ...e, subjectId: `p${i % 10}` }));
    const splits = foldSplits(examples, 'kfold', 5, 3);
    const tested = splits.flatMap((s) => s.test).sort((a, b) => a - b);
    expect(tested).toEqual(examples.map((_, i) => i));
    for (const split of splits) {
      const subjects = (indices: number[]) => new Set(indices.map((i) => examples[i].subjectId));
      const test = subjects(split.test);
      for (const s of [...subjects(split.train), ...subjects(split.validation)])
        expect(test.has(s)).toBe(false);
    }
    expect(() => foldSplits(examples.slice(0, 3), 'kfold', 5, 0)).toThrow(/5 folds need at least 5 subjects/);
    expect(() => foldSplits(examples, 'ptb-xl', 5, 0)).toThrow(/has no PTB-XL strat_fold/);
  });
});

describe('runExperiment', () => {
  it('trains a fresh model per fold and variant and reports the --json schema', async () => {
    const create = vi.spyOn(EnEcg, 'create');
    const fit = vi.spyOn(EnEcg.prototype, 'fit');
    const dataset = {
      name: 'synthetic',
      description: 'synthetic sines',
      tasks: TASKS,
      examples: syntheticExamples(72),
    };
    const result = await runExperiment(dataset, {
      backbones,
      folds: 3,
      seed: 5,
      gate: { leads: ['II'], sampleRate: 100, durationS: SAMPLES / 100 },
      head: { hidden: [32] },
      fit: { epochs: 40, learningRate: 1e-2, batchSize: 16, patience: 40 },
    });
    // 3 folds x (EnECG, uniform, 2 experts alone): every model new, none trained twice.
    expect(create).toHaveBeenCalledTimes(12);
    const models = create.mock.results.map((r) => r.value);
    expect(new Set(models).size).toBe(12);
    expect(new Set(fit.mock.contexts).size).toBe(12);
    create.mockRestore();
    fit.mockRestore();

    expect(Object.keys(result).sort()).toEqual(
      ['dataset', 'experts', 'folds', 'memory', 'parameters', 'seconds', 'seed', 'split', 'tasks'].sort(),
    );
    expect(result.folds).toBe(3);
    expect(result.seed).toBe(5);
    expect(result.experts).toEqual(EXPERT_IDS);
    const amplitude = result.tasks.amplitude;
    expect(amplitude.metric).toBe('mae');
    expect(amplitude.higherIsBetter).toBe(false);
    expect(Object.keys(amplitude.experts)).toEqual(EXPERT_IDS);
    // dlinear only sees lead V1 (noise): it cannot know the lead-I amplitude; EnECG can (through xresnet1d).
    expect(amplitude.enecg.mean).toBeLessThan(amplitude.experts.dlinear.mean);
    expect(result.tasks.level.metric).toBe('auroc');
    expect(result.tasks.level.enecg.mean).toBeGreaterThan(0.65); // chance: 0.5
    expect(result.parameters.trainable).toBeGreaterThan(0);
    expect(result.parameters.trainable).toBeLessThan(result.parameters.total);
    expect(result.memory.peakTensorBytes).toBeGreaterThan(0);

    const table = formatResultsMarkdown(result);
    expect(table).toContain('| amplitude | MAE (mV) ↓ |');
    expect(table).toMatch(/3-fold subject-level cross-validation, seed 5/);
  }, 120_000);
});
