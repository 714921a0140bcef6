// readEdf on small built files whose every field and sample is known: BDF, mixed rates, EDF+D gaps, EDF+ fields.
import { describe, expect, it } from 'vitest';
import { readEdf } from '../../src/edf/index.js';
import { INVALID_SAMPLE } from '../../src/record.js';
import { buildEdf, tal } from './edf-builder.js';

describe('readEdf on built files', () => {
  it('decodes 24-bit BDF samples, including both ends of the range', () => {
    const samples = [-8388608, 8388607, -1, 0, 1, 0x123456, -0x123456, 7];
    const record = readEdf(
      buildEdf({
        bdf: true,
        reserved: '24BIT',
        dataRecords: '2',
        signals: [
          {
            label: 'EKG II',
            samplesPerRecord: 4,
            physicalMinimum: '0',
            physicalMaximum: '16777215',
            samples,
          },
        ],
      }),
      { fileName: 'x.bdf' },
    );
    expect(record.header.variant).toBe('BDF');
    expect(record.name).toBe('x');
    expect([...record.digital[0]]).toEqual(samples);
    expect(record.signals[0]).toMatchObject({
      format: 'bdf',
      lead: 'II',
      adcResolution: 24,
      gain: 1,
      baseline: -8388608,
      samplesPerFrame: 1,
    });
    // Physical 0..16777215 over digital -8388608..8388607: physical = digital + 8388608.
    expect([...record.physical[0]]).toEqual(samples.map((d) => d + 8388608));
  });

  it('takes the greatest common divisor of samples per record as frames per record (500 + 250 per 0.5 s)', () => {
    const fast = Array.from({ length: 1000 }, (_, i) => i - 500);
    const slow = Array.from({ length: 500 }, (_, i) => 3 * i);
    const record = readEdf(
      buildEdf({
        dataRecords: '2',
        recordDuration: '0.5',
        signals: [
          { label: 'ECG V1', samplesPerRecord: 500, samples: fast },
          { label: 'Resp', samplesPerRecord: 250, samples: slow },
        ],
      }),
    );
    expect(record.samplingFrequency).toBe(500);
    expect(record.length).toBe(500);
    expect(record.signals.map((s) => [s.lead, s.samplesPerFrame])).toEqual([
      ['V1', 2],
      [null, 1],
    ]);
    expect(record.expanded).toBe(true);
    expect([...record.digital[0]]).toEqual(fast);
    expect([...record.digital[1]]).toEqual(slow);
    expect(
      readEdf(
        buildEdf({
          dataRecords: '2',
          recordDuration: '0.5',
          signals: [{ label: 'Resp', samplesPerRecord: 250, samples: slow }],
        }),
      ).samplingFrequency,
    ).toBe(500);
  });

  it('places EDF+D records at their onsets and fills the gaps with missing samples', () => {
    const values = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12];
    const record = readEdf(
      buildEdf({
        reserved: 'EDF+D',
        dataRecords: '3',
        recordDuration: '0.5',
        signals: [
          {
            label: 'ECG',
            samplesPerRecord: 4,
            samples: values,
            digitalMinimum: '-100',
            digitalMaximum: '100',
            physicalMinimum: '-1',
            physicalMaximum: '1',
          },
          {
            label: 'EDF Annotations',
            samplesPerRecord: 30,
            records: [tal('+0', ['']), tal('+0.5', ['']) + tal('+0.75', ['beat'], '0.1'), tal('+3', [''])],
          },
        ],
      }),
    );
    expect(record.header.variant).toBe('EDF+D');
    expect(record.recordOnsets).toEqual([0, 0.5, 3]);
    // 8 frames per second: records at frames 0, 4 and 24; frames 8-23 are missing.
    expect(record.gaps).toEqual([{ startFrame: 8, frames: 16 }]);
    expect(record.length).toBe(28);
    expect([...record.digital[0]]).toEqual([
      ...values.slice(0, 8),
      ...Array(16).fill(INVALID_SAMPLE),
      ...values.slice(8),
    ]);
    expect(record.physical[0][3]).toBe(0.04); // (4 - 0) / (200 / 2)
    expect(record.physical[0].slice(8, 24).every(Number.isNaN)).toBe(true);
    expect(record.annotations).toEqual([{ onset: 0.75, duration: 0.1, text: 'beat' }]);
  });

  it('starts the record at the first time-keeping onset and reads EDF+ patient and recording fields', () => {
    const record = readEdf(
      buildEdf({
        reserved: 'EDF+C',
        patient: 'MCH-0234567 F 02-MAY-1951 Haagse_Harry extra_info',
        recording: 'Startdate 02-MAR-2002 PSG-1234/2002 NN Telemetry03',
        startDate: '02.03.02',
        startTime: '23.59.59',
        dataRecords: '1',
        signals: [
          { label: 'ECG I', samplesPerRecord: 2, samples: [5, 6] },
          { label: 'EDF Annotations', samplesPerRecord: 8, records: [tal('+1.25', ['', 'start'])] },
        ],
      }),
    );
    expect([record.baseDate, record.baseTime]).toEqual(['2002-03-03', '00:00:00.250']);
    expect(record.annotations).toEqual([{ onset: 1.25, text: 'start' }]);
    expect(record.edfPatient).toEqual({
      code: 'MCH-0234567',
      sex: 'female',
      birthdate: '1951-05-02',
      name: 'Haagse Harry',
      additional: ['extra info'],
    });
    expect(record.patient).toMatchObject({ sex: 'female', age: 50 });
    expect(record.edfRecording).toEqual({
      startDate: '2002-03-02',
      administrationCode: 'PSG-1234/2002',
      technician: 'NN',
      equipment: 'Telemetry03',
      additional: [],
    });
    expect(record.warnings).toEqual([]);
  });

  it('applies the EDF Y2K rule to two-digit years (85-99: 1900s, 00-84: 2000s)', () => {
    const year = (startDate: string) =>
      readEdf(
        buildEdf({
          startDate,
          dataRecords: '0',
          signals: [{ label: 'x', samplesPerRecord: 1, samples: [] }],
        }),
      ).baseDate;
    expect([year('01.01.85'), year('31.12.84'), year('29.02.00')]).toEqual([
      '1985-01-01',
      '2084-12-31',
      '2000-02-29',
    ]);
  });

  it('counts records from the file size when the header says -1, and reports what it skips', () => {
    const file = buildEdf({
      dataRecords: '-1',
      records: 3,
      signals: [{ label: 'x', samplesPerRecord: 2, samples: [1, 2, 3, 4, 5, 6] }],
    });
    const record = readEdf(Uint8Array.from([...file, 9]), { fileName: 'open.edf' });
    expect([...record.digital[0]]).toEqual([1, 2, 3, 4, 5, 6]);
    expect(record.warnings).toEqual([
      'open.edf: number of data records unknown (-1); read 3 from the file size',
      'open.edf: 1 bytes after the last data record ignored',
    ]);
  });

  it('warns when EDF+C records are not contiguous, and reads them as continuous', () => {
    const record = readEdf(
      buildEdf({
        reserved: 'EDF+C',
        dataRecords: '2',
        signals: [
          { label: 'x', samplesPerRecord: 1, samples: [1, 2] },
          { label: 'EDF Annotations', samplesPerRecord: 4, records: [tal('+0', ['']), tal('+7', [''])] },
        ],
      }),
      { fileName: 'c.edf' },
    );
    expect(record.length).toBe(2);
    expect(record.warnings).toEqual([
      'c.edf: data record 1 starts at 7 s, not right after the previous one; read as continuous',
    ]);
  });
});
