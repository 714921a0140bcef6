import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { requireData, sampleData } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { EcgFormatError, UnsupportedFormatError } from '../../src/errors.js';
import {
  formatHeader,
  parsePatientInfo,
  parseWfdbHeader,
  type WfdbSignalSpec,
} from '../../src/wfdb/index.js';

beforeAll(() => {
  requireData();
});

function parseSample(name: string) {
  return parseWfdbHeader(readFileSync(sampleData(name)), name);
}

function signal(overrides: Partial<WfdbSignalSpec>): WfdbSignalSpec {
  return {
    fileName: '100.dat',
    format: 212,
    samplesPerFrame: 1,
    skew: 0,
    byteOffset: 0,
    adcGain: 200,
    baseline: 1024,
    hasBaseline: false,
    units: 'mV',
    adcResolution: 11,
    adcZero: 1024,
    initialValue: 995,
    checksum: -22131,
    blockSize: 0,
    description: 'MLII',
    ...overrides,
  };
}

describe('parseWfdbHeader on real headers', () => {
  it('reads every field of MIT-BIH record 100 (CRLF lines, blank line, comments before the record line)', () => {
    expect(parseSample('100.hea')).toEqual({
      kind: 'single',
      recordName: '100',
      numberOfSignals: 2,
      samplingFrequency: 360,
      counterFrequency: undefined,
      baseCounter: undefined,
      numberOfSamples: 650000,
      baseTime: undefined,
      baseDate: undefined,
      signals: [signal({}), signal({ initialValue: 1011, checksum: 20052, description: 'V5' })],
      comments: ['unnecessary comment', '69 M 1085 1629 x1', 'Aldomet, Inderal'],
      warnings: [],
    });
  });

  it('reads samples per frame, skew, baselines, units, base time and date', () => {
    const header = parseSample('03700181.hea');
    expect(header).toMatchObject({
      numberOfSamples: 75000,
      baseTime: { hours: 17, minutes: 27, seconds: 45 },
      baseDate: { year: 1994, month: 8, day: 15 },
    });
    if (header.kind !== 'single') throw new Error('expected a single-segment header');
    expect(
      header.signals.map((s) => [s.samplesPerFrame, s.skew, s.adcGain, s.baseline, s.hasBaseline, s.units]),
    ).toEqual([
      [4, 0, 2963.77, 0, false, 'mV'],
      [1, 0, 12.84, -1605, true, 'mmHg'],
      [1, 4, 2000, 0, false, 'mV'],
    ]);
    // Trailing blanks after a description are not part of it.
    expect(header.signals.map((s) => s.description)).toEqual(['MCL1', 'ABP', 'RESP']);
  });

  it('reads byte offsets, exponent gains, counter frequencies and M:SS.mmm base times', () => {
    const a103l = parseSample('a103l.hea');
    expect(a103l.kind === 'single' && a103l.signals.map((s) => [s.byteOffset, s.adcGain])).toEqual([
      [24, 7247],
      [24, 10520],
      [24, 12530],
    ]);
    expect(parseSample('12726.hea')).toMatchObject({ samplingFrequency: 250, counterFrequency: 24000 });
    expect(parseSample('mixedsignals.hea')).toMatchObject({
      samplingFrequency: 62.4725,
      counterFrequency: 999.56,
    });
    expect(parseSample('multi-segment/s00001/3975656_0001.hea').baseTime).toEqual({
      hours: 0,
      minutes: 31,
      seconds: 51.982,
    });
    const wave = parseSample('wave_4.hea');
    expect(wave.kind === 'single' && wave.signals[6]).toMatchObject({
      adcGain: -19.3447902992,
      baseline: 3064,
    });
  });

  it('fills WFDB defaults for omitted optional fields', () => {
    const header = parseSample('n8_evoked_raw_95_F1_R9.hea');
    expect(header.kind === 'single' && header.signals[0]).toEqual({
      fileName: 'n8_evoked_raw_95_F1_R9.dat',
      format: 24,
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      adcGain: 2.4011e-11,
      baseline: 0,
      hasBaseline: false,
      units: 'nV',
      adcResolution: 12,
      adcZero: 0,
      initialValue: 0,
      checksum: undefined,
      blockSize: 0,
      description: '',
    });
    // A comment line without a final line feed, starting with ##.
    expect(header.comments).toEqual([
      '#<SPL>: 95 <Stim Freq (kHz)>: 1 <Ear>: r <Trial Length (samples)>: 2002 <Condition>: Normal',
    ]);
    const minimal = parseWfdbHeader('rec 1\nrec.dat 80\n', 'rec.hea');
    expect(minimal).toMatchObject({ samplingFrequency: 250, numberOfSamples: undefined });
    expect(minimal.kind === 'single' && minimal.signals[0]).toMatchObject({
      adcGain: 0,
      units: 'mV',
      adcResolution: 8,
      initialValue: 0,
      checksum: undefined,
    });
  });

  it('decodes Latin-1 bytes when the header is not valid UTF-8', () => {
    const header = parseSample('test_generator_2.hea');
    expect(header.kind === 'single' && header.signals.map((s) => s.units)).toEqual([
      ...Array(8).fill('uV'),
      '\u00b0',
      '\u00b0',
      'uV',
      'mV',
    ]);
    const utf8 = parseWfdbHeader(
      new TextEncoder().encode('r 1\nr.dat 16 1/\u00b5V 16 0 0 0 0 \u00e9lectrode\n'),
      'r.hea',
    );
    expect(utf8.kind === 'single' && [utf8.signals[0].units, utf8.signals[0].description]).toEqual([
      '\u00b5V',
      '\u00e9lectrode',
    ]);
  });

  it('reads multi-segment master headers and layout headers', () => {
    const master = parseSample('multi-segment/s00001/s00001-2896-10-10-00-31.hea');
    expect(master).toMatchObject({
      kind: 'multi',
      recordName: 's00001-2896-10-10-00-31',
      numberOfSignals: 4,
      numberOfSamples: 14518365,
      baseTime: { hours: 0, minutes: 31, seconds: 25.894 },
      baseDate: { year: 2896, month: 10, day: 10 },
    });
    expect(master.kind === 'multi' && master.segments.slice(0, 3)).toEqual([
      { name: '3975656_layout', length: 0 },
      { name: '~', length: 3261 },
      { name: '3975656_0001', length: 6750 },
    ]);
    const layout = parseSample('multi-segment/s00001/3975656_layout.hea');
    expect(layout).toMatchObject({
      numberOfSamples: undefined,
      baseTime: { hours: 0, minutes: 31, seconds: 25.894 },
    });
    expect(layout.kind === 'single' && layout.signals[1]).toMatchObject({
      fileName: '~',
      format: 0,
      adcGain: 55,
      adcResolution: 14,
      initialValue: -8192,
      description: 'V',
    });
  });
});

describe('parsePatientInfo', () => {
  it('reads one key per line (PhysioNet Challenge and PTB styles)', () => {
    expect(parsePatientInfo(['Age: 74', 'Sex: Female', 'Dx: 164889003,59118001', 'Rx: Unknown'])).toEqual({
      age: 74,
      sex: 'female',
      diagnoses: ['164889003', '59118001'],
      fields: { Age: '74', Sex: 'Female', Dx: '164889003,59118001', Rx: 'Unknown' },
    });
    const ptb = parseSample('s0010_re.hea');
    expect(parsePatientInfo(ptb.comments)).toMatchObject({
      age: 81,
      sex: 'female',
      fields: { 'Reason for admission': 'Myocardial infarction', Smoker: 'no' },
    });
  });

  it('reads several <key>: value pairs on one line', () => {
    const header = parseSample('test01_00s.hea');
    expect(parsePatientInfo(header.comments)).toEqual({
      age: 25,
      sex: 'male',
      fields: { age: '25', sex: 'M', diagnoses: '(none)', medications: '(none)' },
    });
  });

  it('leaves unreadable values out of the typed fields', () => {
    expect(parsePatientInfo(['Age: NaN', 'Sex: Unknown'])).toEqual({
      sex: 'unknown',
      fields: { Age: 'NaN', Sex: 'Unknown' },
    });
    expect(parsePatientInfo(['69 M 1085 1629 x1'])).toEqual({ fields: {} });
  });
});

describe('parseWfdbHeader errors', () => {
  const cases: [string, string, { line: number; field: string; expected?: RegExp; found?: string }][] = [
    ['empty header', '# only a comment\n', { line: undefined as never, field: undefined as never }],
    ['missing number of signals', 'rec\n', { line: 1, field: 'number of signals' }],
    ['bad number of signals', 'rec x 360\n', { line: 1, field: 'number of signals', found: 'x' }],
    ['bad frequency', 'rec 1 abc\nr.dat 16\n', { line: 1, field: 'sampling frequency', found: 'abc' }],
    ['zero frequency', 'rec 1 0\nr.dat 16\n', { line: 1, field: 'sampling frequency', found: '0' }],
    ['negative length', 'rec 1 360 -5\nr.dat 16\n', { line: 1, field: 'number of samples', found: '-5' }],
    ['huge length', 'rec 1 360 1e30\nr.dat 16\n', { line: 1, field: 'number of samples', found: '1e30' }],
    [
      'bad base time',
      'rec 1 360 10 25:00:00\nr.dat 16\n',
      { line: 1, field: 'base time', found: '25:00:00' },
    ],
    [
      'bad base date',
      'rec 1 360 10 0:0:0 31/02/2000\nr.dat 16\n',
      { line: 1, field: 'base date', found: '31/02/2000' },
    ],
    [
      'junk after the date',
      'rec 1 360 10 0:0:0 1/2/2000 x\nr.dat 16\n',
      { line: 1, field: 'record line', found: 'x' },
    ],
    [
      'fewer signal lines than signals',
      'rec 3 360\n# comment\nr.dat 16\n\nr.dat 16\n',
      { line: 5, field: 'number of signals', expected: /3 signal specification lines/, found: '2' },
    ],
    ['no format', 'rec 1 360\nr.dat\n', { line: 2, field: 'format' }],
    ['malformed format', 'rec 1 360\nr.dat 16y2\n', { line: 2, field: 'format', found: '16y2' }],
    ['repeated modifier', 'rec 1 360\nr.dat 16x2x3\n', { line: 2, field: 'format', found: '16x2x3' }],
    ['zero samples per frame', 'rec 1 360\nr.dat 16x0\n', { line: 2, field: 'samples per frame' }],
    ['bad gain', 'rec 1 360\nr.dat 16 abc\n', { line: 2, field: 'ADC gain', found: 'abc' }],
    ['fractional baseline', 'rec 1 360\nr.dat 16 200(1.5)/mV\n', { line: 2, field: 'ADC gain' }],
    ['bad ADC resolution', 'rec 1 360\nr.dat 16 200 99\n', { line: 2, field: 'ADC resolution', found: '99' }],
    [
      'bad initial value',
      'rec 1 360\nr.dat 16 200 12 0 x\n',
      { line: 2, field: 'initial value', found: 'x' },
    ],
    ['bad checksum', 'rec 1 360\nr.dat 16 200 12 0 0 1.5\n', { line: 2, field: 'checksum', found: '1.5' }],
    [
      'mixed formats in one file',
      'rec 2 360\nr.dat 16\nr.dat 212\n',
      { line: 3, field: 'format', found: '212' },
    ],
    [
      'mixed byte offsets in one file',
      'rec 2\nr.dat 16+4\nr.dat 16\n',
      { line: 3, field: 'byteOffset', found: '0' },
    ],
    ['scattered signal file', 'rec 3\na.dat 16\nb.dat 16\na.dat 16\n', { line: 4, field: 'file name' }],
    [
      'FLAC signals at different rates',
      'rec 2\nf.dat 516x2\nf.dat 516\n',
      { line: 3, field: 'samplesPerFrame' },
    ],
    ['bad segment line', 'rec/2 1 360\nseg1 100\nseg2\n', { line: 3, field: 'segment line' }],
    ['zero segments', 'rec/0 1 360\n', { line: 1, field: 'number of segments', found: '0' }],
  ];
  it.each(cases)('%s', (_, text, where) => {
    const error = (() => {
      try {
        parseWfdbHeader(text, 'rec.hea');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(EcgFormatError);
    const formatError = error as EcgFormatError;
    expect(formatError.file).toBe('rec.hea');
    expect(formatError.line).toBe(where.line);
    expect(formatError.field).toBe(where.field);
    if (where.found !== undefined) expect(formatError.found).toBe(where.found);
    if (where.expected !== undefined) expect(formatError.expected).toMatch(where.expected);
    expect(formatError.message).toMatch(/^rec\.hea/);
  });

  it('rejects unknown formats with UnsupportedFormatError', () => {
    expect(() => parseWfdbHeader('rec 1\n# x\nr.dat 999 200\n', 'rec.hea')).toThrow(UnsupportedFormatError);
    expect(() => parseWfdbHeader('rec 1\n# x\nr.dat 999 200\n', 'rec.hea')).toThrow(
      'rec.hea, line 3, field "format": unknown signal format 999 (expected one of 0, 8, 16, 24, 32, 61, 80, 160, 212, 310, 311, 508, 516, 524, found "999")',
    );
  });

  it('warns about (and ignores) lines after the last signal line', () => {
    const header = parseWfdbHeader('rec 1\nr.dat 16\nx.dat 16\n', 'rec.hea');
    expect(header.kind === 'single' && header.signals.length).toBe(1);
    expect(header.warnings).toEqual([
      'rec.hea, line 3: ignored line after the last signal specification line: x.dat 16',
    ]);
  });
});

describe('formatHeader', () => {
  it('writes WFDB header text', () => {
    expect(formatHeader(parseSample('100.hea'))).toBe(
      '100 2 360 650000\n' +
        '100.dat 212 200/mV 11 1024 995 -22131 0 MLII\n' +
        '100.dat 212 200/mV 11 1024 1011 20052 0 V5\n' +
        '# unnecessary comment\n# 69 M 1085 1629 x1\n# Aldomet, Inderal\n',
    );
    expect(formatHeader(parseSample('03700181.hea'))).toBe(
      '03700181 3 125 75000 17:27:45 15/08/1994\n' +
        '03700181.dat 212x4 2963.77/mV 12 0 67 -11266 0 MCL1\n' +
        '03700181.dat 212 12.84(-1605)/mmHg 12 0 -943 -23651 0 ABP\n' +
        '03700181.dat 212:4 2000/mV 12 0 -304 6310 0 RESP\n',
    );
    expect(formatHeader(parseSample('multi-segment/041s/041s.hea'))).toBe(
      '041s/2 7 125 2000 8:26:04 26/10/1994\n041s01 1000\n041s02 1000\n',
    );
  });

  it('round-trips every sample header: parse(format(parse(file))) equals parse(file)', () => {
    const files: string[] = [];
    const walk = (dir: string) => {
      for (const entry of readdirSync(dir)) {
        const path = join(dir, entry);
        if (statSync(path).isDirectory()) walk(path);
        else if (entry.endsWith('.hea')) files.push(relative(sampleData(), path));
      }
    };
    walk(sampleData());
    expect(files.length).toBeGreaterThan(80);
    for (const file of files) {
      const header = parseSample(file);
      const again = parseWfdbHeader(formatHeader(header), file);
      if (header.kind === 'single' && again.kind === 'single') {
        // A missing checksum is written as the placeholder 0; every other field comes back unchanged.
        header.signals.forEach((s, i) => {
          expect(again.signals[i], `${file} signal ${i}`).toEqual({ ...s, checksum: s.checksum ?? 0 });
        });
      }
      expect({ ...again, signals: undefined }, file).toEqual({ ...header, signals: undefined });
    }
  });
});
