// Bad EDF input: EcgFormatError naming file, field, byte offset and expected value; never another error.
import { readFileSync } from 'node:fs';
import { requireData, sampleData } from '@enecg/test-data';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { readEdf } from '../../src/edf/index.js';
import { EcgFormatError, EcgIoError } from '../../src/errors.js';
import { type BuiltEdf, buildEdf, tal } from './edf-builder.js';

let generator: Uint8Array;
let edfAnn: Uint8Array;

/** test_generator_2.edf cut to its first `records` data records, with the header saying so. */
function shortGenerator(records: number): Uint8Array {
  const recordBytes = (11 * 200 + 51) * 2;
  const bytes = generator.slice(0, 13 * 256 + records * recordBytes);
  bytes.set(new TextEncoder().encode(String(records).padEnd(8)), 236);
  return bytes;
}

beforeAll(() => {
  requireData();
  generator = new Uint8Array(readFileSync(sampleData('test_generator_2.edf')));
  edfAnn = new Uint8Array(readFileSync(sampleData('test_edfann.edf')));
});

function errorOf(bytes: Uint8Array): EcgFormatError {
  try {
    readEdf(bytes, { fileName: 'bad.edf' });
  } catch (error) {
    expect(error).toBeInstanceOf(EcgFormatError);
    return error as EcgFormatError;
  }
  throw new Error('readEdf accepted a bad file');
}

/** A valid one-signal file with `changes` applied to its fields. */
function built(changes: Partial<BuiltEdf> = {}): Uint8Array {
  return buildEdf({
    dataRecords: '1',
    signals: [{ label: 'ECG', samplesPerRecord: 2, samples: [1, 2] }],
    ...changes,
  });
}

/** `bytes` with `text` written at `offset`, space-padded to `width`. */
function withField(bytes: Uint8Array, offset: number, width: number, text: string): Uint8Array {
  const copy = bytes.slice();
  copy.set(new TextEncoder().encode(text.padEnd(width)), offset);
  return copy;
}

describe('readEdf rejects', () => {
  it('bad numbers in header fields, naming field, offset and the text found', () => {
    expect(errorOf(built({ recordDuration: '1,0' }))).toMatchObject({
      file: 'bad.edf',
      byteOffset: 244,
      field: 'EDF header: duration of a data record',
      expected: 'a decimal number',
      found: '1,0',
    });
    expect(errorOf(built({ dataRecords: 'ten' }))).toMatchObject({
      byteOffset: 236,
      field: 'EDF header: number of data records',
    });
    const digitalMinimum = errorOf(withField(generator, 256 + 12 * (16 + 80 + 8 * 3) + 3 * 8, 8, '-32k'));
    expect(digitalMinimum).toMatchObject({
      field: 'EDF header: digital minimum of signal 3 (ECG)',
      found: '-32k',
    });
    expect(digitalMinimum.message).toContain('bad.edf, byte 1720');
  });

  it('wrong header sizes and signal counts', () => {
    expect(errorOf(built({ headerBytes: '256' }))).toMatchObject({
      byteOffset: 184,
      expected: '512 (256 x (1 + 1 signals))',
      found: '256',
    });
    expect(errorOf(built({ signalCount: '9999' }))).toMatchObject({
      field: 'EDF header: number of signals',
      found: '9999',
    });
    expect(errorOf(new Uint8Array(100))).toMatchObject({
      field: 'EDF header',
      expected: 'at least 256 bytes',
    });
    expect(errorOf(withField(generator, 0, 8, '1'))).toMatchObject({
      field: 'EDF header: version',
      found: '1',
    });
  });

  it('signal limits that define no calibration, and impossible dates and times', () => {
    const signal = { label: 'ECG', samplesPerRecord: 2, samples: [1, 2] };
    const cases: [Partial<BuiltEdf>, string][] = [
      [{ signals: [{ ...signal, physicalMaximum: '-10' }] }, 'physical maximum of signal 0 (ECG)'],
      [{ signals: [{ ...signal, digitalMinimum: '32767' }] }, 'digital minimum of signal 0 (ECG)'],
      [{ signals: [{ ...signal, digitalMaximum: '40000' }] }, 'digital maximum of signal 0 (ECG)'],
      [
        { signals: [{ ...signal, samplesPerRecord: 0, samples: [] }] },
        'number of samples in each data record of signal 0 (ECG)',
      ],
      [{ startDate: '30.02.20' }, 'startdate of recording'],
      [{ startTime: '24.00.00' }, 'starttime of recording'],
    ];
    for (const [changes, field] of cases) expect(errorOf(built(changes)).field).toBe(`EDF header: ${field}`);
  });

  it('truncated data, and absurd record counts without allocating for them', () => {
    expect(errorOf(generator.subarray(0, generator.length - 1))).toMatchObject({
      field: 'EDF header: number of data records',
      byteOffset: 13 * 256 + 599 * 4502,
      expected: '600 records of 4502 bytes (2701200 bytes of data)',
      found: '2701199 bytes of data',
    });
    expect(errorOf(withField(shortGenerator(2), 236, 8, '99999999'))).toMatchObject({
      expected: '99999999 records of 4502 bytes (450199995498 bytes of data)',
    });
  });

  it('malformed EDF+ annotation lists and EDF+D records out of order', () => {
    const annotated = (records: string[], reserved = 'EDF+C') =>
      buildEdf({
        reserved,
        dataRecords: String(records.length),
        signals: [
          { label: 'x', samplesPerRecord: 1, samples: records.map(() => 0) },
          { label: 'EDF Annotations', samplesPerRecord: 10, records },
        ],
      });
    const onset = errorOf(annotated([tal('12', [''])]));
    expect(onset).toMatchObject({ field: 'EDF+ annotation', byteOffset: 768 + 2, found: '12' });
    expect(errorOf(annotated(['+0\x14\x14'.padEnd(20, 'x')])).message).toContain('not ended by a 0 byte');
    expect(errorOf(annotated([tal('+0', ['']), tal('+0.2', [''])], 'EDF+D'))).toMatchObject({
      field: 'EDF+ annotation (time keeping)',
      expected: 'an onset of at least 1 s',
      found: '0.2 s',
    });
    expect(errorOf(annotated([tal('+0', ['']), '\0'], 'EDF+D')).message).toContain(
      'no time-keeping annotation',
    );
  });

  it('nothing but EcgIoError subclasses for randomly corrupted real files', () => {
    const files = [shortGenerator(3), edfAnn];
    const headerSizes = [13 * 256, 2 * 256];
    fc.assert(
      fc.property(
        fc.nat(1),
        fc.array(fc.tuple(fc.boolean(), fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 6,
        }),
        fc.boolean(),
        (which, edits, cut) => {
          const original = files[which];
          const bytes = original.slice(0, cut ? original.length - 7 : original.length);
          // Half the edits hit the header, where most of the checks are.
          for (const [inHeader, position, value] of edits) {
            bytes[position % (inHeader ? headerSizes[which] : bytes.length)] = value;
          }
          try {
            readEdf(bytes, { fileName: 'fuzz.edf' });
          } catch (error) {
            if (!(error instanceof EcgIoError)) throw error;
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
