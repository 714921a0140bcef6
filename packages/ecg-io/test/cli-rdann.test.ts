// `ecgio rdann` against WFDB rdann reference output (wfdb-sample/target-output/ann-1 and ann-2).
import { readFileSync } from 'node:fs';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { type CliRun, runCli } from './cli/fake-context.js';

beforeAll(() => {
  requireData();
});

/** Runs `ecgio rdann ...args` with sample-data as working folder. */
function run(...args: string[]): Promise<CliRun> {
  return runCli(['rdann', ...args], sampleData());
}

describe('ecgio rdann', () => {
  it('prints 100.atr exactly as rdann -r 100 -a atr (ann-1)', async () => {
    const result = await run('-r', '100', '-a', 'atr');
    expect(result).toEqual({ code: 0, stdout: readFileSync(targetOutput('ann-1'), 'latin1'), stderr: '' });
  });

  it('prints times of day from the base time of 12726.hea (ann-2)', async () => {
    const result = await run('-r', '12726', '-a', 'anI');
    expect(result.stdout).toBe(readFileSync(targetOutput('ann-2'), 'latin1'));
  });

  it('selects annotations from -f up to -t, as the lines of ann-1 between 10 s and 12 s', async () => {
    const expected = readFileSync(targetOutput('ann-1'), 'latin1')
      .split('\n')
      .filter((line) => /^ {4}0:1[01]\./.test(line));
    expect(expected).toHaveLength(2);
    const result = await run('-r', '100', '-a', 'atr', '-f', '0:10', '-t', 's4320');
    expect(result.stdout).toBe(`${expected.join('\n')}\n`);
  });

  it('assumes 250 samples per second without a header (huge.qrs: 10^10 samples = 11111 h 6 min 40 s)', async () => {
    const result = await run('-r', 'huge', '-a', 'qrs');
    expect(result.stdout).toBe('11111:06:40.000  10000000000     N    0    0    0\n');
    expect(result.stderr).toContain('assuming 250 samples per second');
  });

  it('reports usage errors and missing annotation files', async () => {
    // Through the dispatcher: usage errors exit 2, read errors exit 1, each with a message on stderr.
    const noAnnotator = await run('-r', '100');
    expect(noAnnotator.code).toBe(2);
    expect(noAnnotator.stderr).toMatch(/-a/);
    expect((await run('-a', 'atr')).code).toBe(2);
    const missing = await run('-r', '100', '-a', 'nothere');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('100.nothere');
    expect((await run('--help')).stdout).toContain('usage: ecgio rdann');
  });
});
