// decodeFlac on real WFDB FLAC signal files and on reference-encoder fixtures (see make-fixtures.ts).
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { requireData, sampleData, targetOutput } from '@enecg/test-data';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeFlac } from '../../src/wfdb/flac.js';
import { flacFixtures, variableBlockFixture } from './fixture-signals.js';

beforeAll(() => {
  requireData();
});

function read(path: string): Uint8Array {
  return new Uint8Array(readFileSync(path));
}

const fixtureDir = join(dirname(fileURLToPath(import.meta.url)), 'fixtures');

describe('decodeFlac on WFDB sample files', () => {
  it('decodes flacformats.d0-d2 (formats 508, 516, 524) to the digital values of rdsamp (record-flac)', () => {
    const rows = gunzipSync(readFileSync(targetOutput('record-flac.gz')))
      .toString()
      .trim()
      .split('\n')
      .map((line) => line.trim().split(/\s+/).map(Number));
    // flacformats.hea: signal 0 is flacformats.d0 (508, 8 bits), signal 1 .d1 (516, 16 bits), signal 2 .d2
    // (524, 24 bits), one signal per file, so column k of rdsamp's output is the only channel of .dk.
    const bits = [8, 16, 24];
    bits.forEach((bitsPerSample, k) => {
      const decoded = decodeFlac(read(sampleData(`flacformats.d${k}`)), `flacformats.d${k}`);
      expect(decoded.bitsPerSample).toBe(bitsPerSample);
      expect(decoded.sampleRate).toBe(96000);
      expect(decoded.channels).toHaveLength(1);
      expect([...decoded.channels[0]]).toEqual(rows.map((row) => row[k]));
    });
  });

  it('decodes flac_3_constant.dat: 3 channels of 5,600,000 constant samples (25, 50, 75; 50 with a wasted bit)', () => {
    const decoded = decodeFlac(read(sampleData('flac_3_constant.dat')), 'flac_3_constant.dat');
    expect(decoded.bitsPerSample).toBe(8);
    expect(decoded.channels.map((c) => c.length)).toEqual([5600000, 5600000, 5600000]);
    decoded.channels.forEach((channel, c) => {
      const value = [25, 50, 75][c];
      expect(channel.every((v) => v === value)).toBe(true);
    });
  });
});

describe('decodeFlac on reference-encoder fixtures', () => {
  const fixtures = [
    ...flacFixtures(),
    { ...variableBlockFixture(), covers: 'variable block sizes 40-1152, frames numbered by sample' },
  ];
  for (const fixture of fixtures) {
    it(`decodes ${fixture.file} to the encoded samples (${fixture.covers})`, () => {
      const decoded = decodeFlac(read(join(fixtureDir, fixture.file)), fixture.file);
      expect(decoded.bitsPerSample).toBe(fixture.bitsPerSample);
      expect(decoded.sampleRate).toBe(fixture.sampleRate);
      expect(decoded.channels).toHaveLength(fixture.channels.length);
      decoded.channels.forEach((channel, c) => {
        expect(channel).toEqual(fixture.channels[c]);
      });
    });
  }
});
