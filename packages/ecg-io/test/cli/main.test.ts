import { readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { INFO_USAGE } from '../../src/cli/info.js';
import { RDANN_USAGE } from '../../src/cli/rdann.js';
import { printfFixed, RDSAMP_USAGE } from '../../src/cli/rdsamp.js';
import { readEdf } from '../../src/edf/index.js';
import { writeRecordFiles } from '../../src/node.js';
import { writeWfdbRecord } from '../../src/wfdb/index.js';
import { runCli } from './fake-context.js';

beforeAll(() => {
  requireData();
});

const run = (...args: string[]) => runCli(args, sampleData());

describe('ecgio dispatcher', () => {
  it('prints the command list for --help', async () => {
    const result = await run('--help');
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/^usage: ecgio COMMAND \[OPTIONS \.\.\.\]\n/);
    expect(result.stdout).toMatch(/\n {2}rdsamp {2}print the samples/);
    expect(result.stdout).toMatch(/\n {2}rdann {3}print the annotations/);
    expect(result.stdout).toMatch(/\n {2}info {4}summarise a record/);
  });

  it('exits 2 with the usage for a missing or unknown command', async () => {
    for (const [args, message] of [
      [[], 'ecgio: no command given\n'],
      [['bogus'], 'ecgio: unknown command "bogus"\n'],
      [['toString'], 'ecgio: unknown command "toString"\n'],
    ] as const) {
      const result = await run(...args);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.startsWith(`${message}usage: ecgio COMMAND`)).toBe(true);
    }
  });

  it('prints per-command help', async () => {
    expect(await run('rdann', '--help')).toEqual({ code: 0, stdout: RDANN_USAGE, stderr: '' });
    expect(await run('rdsamp', '--help')).toEqual({ code: 0, stdout: RDSAMP_USAGE, stderr: '' });
    expect(await run('rdsamp', '-h')).toEqual({ code: 0, stdout: RDSAMP_USAGE, stderr: '' });
    expect(await run('info', '--help')).toEqual({ code: 0, stdout: INFO_USAGE, stderr: '' });
  });

  it.each([
    [['rdsamp', '-r', '100', '-x'], 'unknown option -x'],
    [['rdsamp', '-f', '1'], '-r RECORD is required'],
    [['rdsamp', '-r', '100', '-f'], '-f needs a value'],
    [['rdsamp', '-r', '100', '-s'], '-s needs at least one value'],
    [['rdsamp', '-r', '100', '-f', 'soon'], '-f: invalid time "soon" (expected seconds, [h:]m:s, sNNN or e)'],
    [['rdsamp', '-r', '100', 'extra'], 'unexpected argument "extra"'],
    [['info'], 'give exactly one FILE'],
    [['info', '100.hea', '--verbose'], 'unknown option --verbose'],
  ])('usage error %j -> exit 2', async (args, message) => {
    const result = await run(...args);
    expect(result).toEqual({
      code: 2,
      stdout: '',
      stderr: `ecgio ${args[0]}: ${message}\nRun "ecgio ${args[0]} --help" for usage.\n`,
    });
  });

  it.each([
    [
      ['rdsamp', '-r', 'nothing-here'],
      /^ecgio rdsamp: nothing-here\.hea: no such file: .*nothing-here\.hea\n$/,
    ],
    [
      ['rdsamp', '-r', '100', '-s', 'V1'],
      /^ecgio rdsamp: 100\.hea, field "signals": no signal "V1" in this record/,
    ],
    [
      ['rdsamp', '-r', '100', '-f', 's650001'],
      /^ecgio rdsamp: 100: start time is after the end of the record \(sample 650000\)\n$/,
    ],
    [['info', 'drive02-no-len.hea'], /^ecgio info: drive02\.dat: no such file: .*drive02\.dat\n$/],
  ])('read error %j -> exit 1 with the file named', async (args, message) => {
    const result = await run(...args);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(message);
  });
});

describe('ecgio rdsamp options', () => {
  const lines = (text: string) => text.trimEnd().split('\n');

  it('selects signals by name, takes -l durations and [h:]m:s times, -p with 3 decimals', async () => {
    const a = await run('rdsamp', '-r', '100_3chan', '-s', 'III', 'I', '-f', '0:0.5', '-l', '0.01');
    const b = await run('rdsamp', '-r', '100_3chan', '-s', '2', '0', '-f', 's180', '-t', 's184');
    expect(a.code).toBe(0);
    // 0.5 s and 0.01 s at 360 Hz: samples 180 to 184 (3.6 rounded to 4).
    expect(lines(a.stdout)).toHaveLength(4);
    expect(a.stdout).toBe(b.stdout);
    const low = await run('rdsamp', '-r', '100_3chan', '-p', '-t', 's1');
    // (995 - 1024) / 200 and (1011 - 1024) / 200 as %7.3f.
    expect(low.stdout).toBe(' -0.145\t -0.065\t -0.145\n');
  });

  it('counts -f/-t in samples at the highest rate with -H', async () => {
    const result = await run('rdsamp', '-r', 'test01_00s_skewframe', '-P', '-H', '-f', 's3', '-t', 's7');
    const target = readFileSync(targetOutput('record-4d'), 'latin1');
    expect(lines(result.stdout)).toEqual(lines(target).slice(3, 7));
  });

  it('prints nothing from the end of the record (-f e) and accepts a header path with .hea', async () => {
    expect(await run('rdsamp', '-r', '100.hea', '-f', 'e')).toEqual({ code: 0, stdout: '', stderr: '' });
  });

  it('reports reading problems on stderr as warnings', async () => {
    const folder = await mkdtemp(join(tmpdir(), 'ecgio-cli-'));
    try {
      const written = writeWfdbRecord({
        name: 'r',
        samplingFrequency: 100,
        signals: [{ name: 'x', digital: [1, 2, 3] }],
      });
      const header = new TextDecoder().decode(written.files.get('r.hea')).replace(' 6 0 x', ' 7 0 x');
      await writeRecordFiles(
        folder,
        new Map([...written.files, ['r.hea', new TextEncoder().encode(header)]]),
      );
      const result = await runCli(['rdsamp', '-r', 'r'], folder);
      expect(result).toEqual({
        code: 0,
        stdout: '      1\n      2\n      3\n',
        stderr:
          'ecgio rdsamp: warning: r.dat: checksum mismatch in signal 0 (x): header says 7, samples sum to 6\n',
      });
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  });
});

describe('printfFixed', () => {
  it('rounds exact ties to even like C printf, everything else like toFixed', () => {
    // 1/512 = 0.001953125 lies exactly between 0.00195312 and 0.00195313.
    expect(printfFixed(1 / 512, 8)).toBe('0.00195312');
    expect(printfFixed(-1 / 512, 8)).toBe('-0.00195312');
    expect(printfFixed(3 / 512, 8)).toBe('0.00585938');
    expect(printfFixed(0.125, 2)).toBe('0.12');
    expect(printfFixed(0.375, 2)).toBe('0.38');
    expect(printfFixed(2.5, 0)).toBe('2');
    expect(printfFixed(-3.5, 0)).toBe('-4');
    expect(printfFixed(0.1, 2)).toBe('0.10');
    expect(printfFixed(-0.145, 3)).toBe('-0.145');
    expect(printfFixed(-0, 3)).toBe('-0.000');
    expect(printfFixed(-0.0001, 3)).toBe('-0.000');
  });
});

describe('ecgio info', () => {
  it('summarises a WFDB record', async () => {
    const result = await run('info', '100.hea');
    expect(result).toEqual({
      code: 0,
      stderr: '',
      stdout: [
        'Record:     100 (WFDB)',
        'Frequency:  360 Hz',
        'Duration:   30:05.556 (650000 frames)',
        'Start:      not given',
        'Signals:    2',
        '  #  Name  Lead  Units  Gain  Baseline  Format  Samples/frame  File',
        '  0  MLII  II    mV     200   1024      212     1              100.dat',
        '  1  V5    V5    mV     200   1024      212     1              100.dat',
        'Comments:',
        '  unnecessary comment',
        '  69 M 1085 1629 x1',
        '  Aldomet, Inderal',
        '',
      ].join('\n'),
    });
  });

  it('summarises multi-segment records, patient information and start times', async () => {
    const result = await run('info', 'multi-segment/s00001/s00001-2896-10-10-00-31');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'Record:     s00001-2896-10-10-00-31 (WFDB multi-segment, 21 segments, variable layout)\n',
    );
    expect(result.stdout).toContain('Duration:   32:15:46.920 (14518365 frames)\n');
    expect(result.stdout).toContain('Start:      2896-10-10 00:31:25.894\n');
    expect(result.stdout).toContain('  3  ABP   -     mmHg   1     0         0       1              ~\n');
    expect(result.stdout).toContain('Patient:    age 60, sex female\n');
  });

  it('summarises EDF+ files through readEdf, annotations included', async () => {
    const generator = await run('info', 'test_generator_2.edf');
    expect(generator.code).toBe(0);
    expect(generator.stdout).toContain('Record:     test_generator_2 (EDF+C)\nFrequency:  200 Hz\n');
    // 600 data records of 1 s at 200 samples per record.
    expect(generator.stdout).toContain(
      'Duration:   10:00.000 (120000 frames)\nStart:      2009-12-10 12:44:02.000\n',
    );
    expect(generator.stdout).toContain('Signals:    11\n');
    expect(generator.stdout).toContain(
      '  3   ECG          -     uV     32.7675  -0.5      edf     1              test_generator_2.edf\n',
    );
    const annotations = readEdf(new Uint8Array(readFileSync(sampleData('test_edfann.edf')))).annotations
      .length;
    expect(annotations).toBeGreaterThan(0);
    const annotationOnly = await run('info', 'test_edfann.edf');
    expect(annotationOnly.stdout).toContain('Frequency:  none (no signals)\n');
    expect(annotationOnly.stdout).toContain(`\nAnnotations: ${annotations}\n`);
    expect((await run('info', 'absent.bdf')).stderr).toMatch(/^ecgio info: absent\.bdf: no such file/);
  });

  it('needs only the header, not the signal files, when the header gives the length', async () => {
    // drive02.dat is not part of the sample data.
    const result = await run('info', 'drive02');
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      '  0  ECG       -     mV     1000    0         16      32             drive02.dat\n',
    );
  });
});
