import { mkdtemp, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireData, sampleData } from '@enecg/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../src/cli/main.js';

/** Runs the CLI in-process and collects its output. */
async function run(argv: string[], cwd = process.cwd()) {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    stdout: (text) => {
      stdout += text;
    },
    stderr: {
      write: (text) => {
        stderr += text;
      },
      isTTY: false,
    },
    cwd,
  });
  return { code, stdout, stderr };
}

describe('enecg CLI: usage and errors', () => {
  it('lists the commands and each command documents its options', async () => {
    const help = await run(['--help']);
    expect(help.code).toBe(0);
    for (const command of ['demo', 'eval', 'train', 'predict']) expect(help.stdout).toContain(`  ${command}`);
    const demoHelp = await run(['demo', '--help']);
    expect(demoHelp.stdout).toMatch(/--records/);
    expect(demoHelp.stdout).toMatch(/--json/);
  });

  it('exits 2 with a message for bad usage', async () => {
    expect((await run([])).code).toBe(2);
    const unknown = await run(['fly']);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toMatch(/unknown command "fly"/);
    const badOption = await run(['demo', '--colour']);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toMatch(/enecg demo: .*--colour/);
    const badValue = await run(['demo', '--folds', 'many']);
    expect(badValue.stderr).toMatch(/--folds: expected an integer >= 2, got 'many'/);
    const noData = await run(['eval']);
    expect(noData.stderr).toMatch(/--data <folder> is required/);
    const missingFolder = await run(['eval', '--data', 'no/such/folder']);
    expect(missingFolder.code).toBe(2);
    expect(missingFolder.stderr).toMatch(/'no\/such\/folder' is not a folder/);
  });

  it('exits 1 naming the file when an ECG cannot be read', async () => {
    const missing = await run(['predict', 'nothing-here.hea']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/nothing-here\.hea/);
  });
});

describe('enecg eval and predict on a real record', () => {
  let folder: string;
  let modelFolder: string;
  beforeAll(async () => {
    requireData();
    folder = await mkdtemp(join(tmpdir(), 'enecg-cli-'));
    modelFolder = join(folder, 'model');
    for (const file of ['a103l.hea', 'a103l.mat']) await symlink(sampleData(file), join(folder, file));
  });
  afterAll(() => rm(folder, { recursive: true }));

  it('prints one JSON object in the documented schema, progress on stderr', async () => {
    const { code, stdout, stderr } = await run([
      'eval',
      '--data',
      folder,
      '--block-minutes',
      '1',
      '--folds',
      '2',
      '--epochs',
      '1',
      '--json',
    ]);
    expect(code).toBe(0);
    const result = JSON.parse(stdout);
    expect(Object.keys(result.tasks)).toEqual(['rr_interval']);
    const rr = result.tasks.rr_interval;
    expect(rr.metric).toBe('mae');
    expect(rr.higherIsBetter).toBe(false);
    for (const part of [rr.enecg, rr.uniform, ...Object.values(rr.experts)]) {
      expect(Number.isFinite((part as { mean: number }).mean)).toBe(true);
    }
    expect(Object.keys(rr.experts)).toEqual(['dlinear', 'timesnet', 'moment', 'ecg-fm', 'xresnet1d']);
    expect(result.parameters.trainable).toBeLessThan(result.parameters.total);
    expect(result.folds).toBe(2);
    expect(result.seed).toBe(0);
    expect(stderr).toMatch(/models \[/);
  }, 240_000);

  it('trains, saves and predicts with the saved model', async () => {
    const trained = await run([
      'train',
      '--data',
      folder,
      '--block-minutes',
      '1',
      '--epochs',
      '2',
      '--out',
      modelFolder,
    ]);
    expect(trained.code).toBe(0);
    expect(trained.stdout).toMatch(/saved .*model/);
    const predicted = await run(['predict', join(folder, 'a103l.hea'), '--model', modelFolder, '--json']);
    expect(predicted.code).toBe(0);
    const prediction = JSON.parse(predicted.stdout);
    const rr = prediction.tasks.rr_interval;
    expect(rr.prediction).toBeGreaterThan(100);
    const weights = Object.values(rr.gateWeights) as number[];
    expect(weights.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    expect(Object.keys(rr.experts)).toHaveLength(5);
  }, 240_000);
});
