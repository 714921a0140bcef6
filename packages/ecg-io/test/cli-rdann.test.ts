// `ecgio rdann` against WFDB rdann reference output (wfdb-sample/target-output/ann-1 and ann-2).
import { readFileSync } from 'node:fs';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import type { CliContext } from '../src/cli/context.js';
import { CliUsageError } from '../src/cli/context.js';
import { rdann } from '../src/cli/rdann.js';
import { MissingFileError } from '../src/errors.js';

beforeAll(() => {
  requireData();
});

/** Runs the rdann command with sample-data as working folder. */
async function run(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const context: CliContext = {
    stdout: (text) => {
      stdout += text;
    },
    stderr: (text) => {
      stderr += text;
    },
    cwd: sampleData(),
  };
  const code = await rdann(args, context);
  return { code, stdout, stderr };
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
    await expect(run('-r', '100')).rejects.toBeInstanceOf(CliUsageError);
    await expect(run('-a', 'atr')).rejects.toBeInstanceOf(CliUsageError);
    await expect(run('-r', '100', '-a', 'nothere')).rejects.toBeInstanceOf(MissingFileError);
    expect((await run('--help')).stdout).toContain('usage: ecgio rdann');
  });
});
