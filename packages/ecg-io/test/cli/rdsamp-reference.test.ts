// Every WFDB C-tool reference output in wfdb-sample/target-output, reproduced byte for byte by `ecgio rdsamp`.
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './fake-context.js';

beforeAll(() => {
  requireData();
});

function target(name: string): string {
  const bytes = readFileSync(targetOutput(name));
  return (name.endsWith('.gz') ? gunzipSync(bytes) : bytes).toString('latin1');
}

// The commands listed in wfdb-sample/README.md (310derive and 311derive live in sample-data too).
const CASES: [target: string, args: string[]][] = [
  ['record-1a', ['-r', 'test01_00s']],
  ['record-1b', ['-r', 'a103l', '-f', '50', '-t', '160', '-s', '2', '0', '-P']],
  ['record-1c', ['-r', 'a103l', '-f', '80', '-s', '0', '1']],
  ['record-1d', ['-r', '3000003_0003', '-f', '1', '-t', '8', '-s', '1', '-P']],
  ['record-1f.gz', ['-r', 'binformats']],
  ['record-flac.gz', ['-r', 'flacformats']],
  ['record-2c', ['-r', '100_3chan', '-P']],
  ['record-2d', ['-r', '310derive', '-f', '0.007']],
  ['record-2e', ['-r', '311derive', '-f', '0.005', '-t', '3.91', '-P']],
  ['record-4a', ['-r', 'test01_00s_skewframe']],
  ['record-4b', ['-r', '03700181']],
  ['record-4d', ['-r', 'test01_00s_skewframe', '-P', '-H']],
  [
    'record-multi-variable-a',
    ['-r', 'multi-segment/s00001/s00001-2896-10-10-00-31', '-f', 's14428365', '-t', 's14428375', '-P'],
  ],
];

/** Compares line by line, so a mismatch reports the first differing line instead of diffing megabytes. */
function expectSameLines(actual: string, expected: string): void {
  const a = actual.split('\n');
  const e = expected.split('\n');
  const first = e.findIndex((line, i) => a[i] !== line);
  expect({ line: first + 1, text: a[first] }).toEqual({ line: 0, text: undefined });
  expect(a.length).toBe(e.length);
}

describe('ecgio rdsamp reproduces WFDB rdsamp output', () => {
  it.each(CASES)('%s', async (name, args) => {
    const run = await runCli(['rdsamp', ...args], sampleData());
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expectSameLines(run.stdout, target(name));
  });

  it('record-multi-fixed-d (missing samples written as -2048 in the target)', async () => {
    const run = await runCli(
      ['rdsamp', '-r', 'multi-segment/041s/', '-s', '3', '2', '1', '-H'],
      sampleData(),
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('-32768');
    expectSameLines(run.stdout.replaceAll('-32768', '-2048'), target('record-multi-fixed-d.gz'));
  });

  // Its first line comes from the last frame of segment 3975656_0011, whose .dat file is not in the sample
  // data; the other lines are checked, and reading that frame must fail naming the missing file.
  it('record-multi-variable-b (lines 2-11; line 1 needs an absent signal file)', async () => {
    const record = 'multi-segment/s00001/s00001-2896-10-10-00-31';
    const run = await runCli(
      ['rdsamp', '-r', record, '-f', 's14428365', '-t', 's14428375', '-P'],
      sampleData(),
    );
    expectSameLines(run.stdout, target('record-multi-variable-b').split('\n').slice(1).join('\n'));
    const missing = await runCli(
      ['rdsamp', '-r', record, '-f', 's14428364', '-t', 's14428375', '-P'],
      sampleData(),
    );
    expect(missing.code).toBe(1);
    expect(missing.stdout).toBe('');
    expect(missing.stderr).toMatch(/^ecgio rdsamp: 3975656_0011\.dat: no such file: .*3975656_0011\.dat\n$/);
  });
});
