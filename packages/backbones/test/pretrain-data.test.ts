import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type EcgRecord, STANDARD_12_LEADS, simulateEcg, writeWfdbRecord } from '@enecg/ecg-io';
import { nodeFileSource, writeRecordFiles } from '@enecg/ecg-io/node';
import { dataDir, sampleData } from '@enecg/test-data';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBackbone } from '../src/index.js';
import {
  annotatedWindows,
  centreCropSpan,
  hasAbnormalBeat,
  medianRrMs,
} from '../src/pretrain/annotated-windows.js';
import {
  PTB_XL_PRETRAINING_FOLDS,
  readPtbXlPretrainingRecords,
  readSamplePretrainingRecords,
  readSampleRecord,
} from '../src/pretrain/corpus.js';
import { corpusSegments } from '../src/pretrain/corpus-segments.js';
import { prepareSegments, sliceRecord } from '../src/pretrain/windows.js';

const hasData = existsSync(sampleData('100.hea'));
const NO_DATA = `shared ECG data not found under ${dataDir()} (set ENECG_DATA_DIR)`;

/** A 1-lead record at `fs` Hz whose sample n is n (so windows are easy to check). */
function rampRecord(fs: number, seconds: number): EcgRecord {
  const { record } = simulateEcg({ seed: 1, samplingFrequency: fs, durationS: seconds });
  const length = record.length;
  return {
    ...record,
    physical: record.physical.map(() => Float64Array.from({ length }, (_, n) => n)),
  };
}

describe('windows', () => {
  it('slices a record by samples and refuses ranges outside it', () => {
    const record = rampRecord(100, 10);
    const slice = sliceRecord(record, 200, 450);
    expect(slice.length).toBe(250);
    expect(slice.startFrame).toBe(200);
    expect(slice.physical[3][0]).toBe(200);
    expect(slice.physical[3][249]).toBe(449);
    expect(() => sliceRecord(record, 900, 1001)).toThrowError(/cannot slice samples \[900, 1001\) of 1000/);
  });

  it('cuts segments of the input duration plus margins, every half duration', () => {
    const record = simulateEcg({ seed: 2, samplingFrequency: 500, durationS: 12 }).record;
    const backbone = createBackbone('xresnet1d', { seed: 0 }); // 2.5 s at 100 Hz
    const segments = prepareSegments(record, backbone.input, { marginS: 0.25 });
    // Segments of 3 s every 1.25 s in 12 s: starts 0, 1.25, ..., 8.75 (8.75 + 3 <= 12).
    expect(segments).toHaveLength(8);
    expect(segments[1].id).toBe(`${record.name}@625`);
    for (const s of segments) {
      expect(s.length).toBe(300);
      expect(s.margin).toBe(25);
      expect(s.data).toHaveLength(300 * 12);
      expect(Array.from(s.leadMask)).toEqual(new Array(12).fill(1));
    }
    expect(prepareSegments(record, backbone.input, { maxSegments: 2 }).map((s) => s.id)).toEqual([
      `${record.name}@0`,
      `${record.name}@2500`,
    ]);
    backbone.dispose();
  });

  it('corpus segments put real records first and group simulated ones by record and patient', () => {
    const backbone = createBackbone('dlinear', { seed: 0 });
    const real = simulateEcg({ seed: 3, durationS: 30 }).record;
    const simulated = [
      { id: 's', patientId: 'p', condition: 'normal' as const, ...simulateEcg({ seed: 4, durationS: 12 }) },
    ];
    const { segments, summary } = corpusSegments(backbone.input, {
      real: [{ record: real, group: 'r' }],
      simulated,
    });
    // 30 s: 10.5 s segments every 5 s -> starts 0, 5, 10, 15 (15 + 10.5 <= 30).
    expect(summary).toEqual({ realSegments: 4, simulatedSegments: 1, perRecord: { [real.name]: 4 } });
    expect(segments.map((s) => s.group)).toEqual(['r', 'r', 'r', 'r', `${simulated[0].record.name}/p`]);
    backbone.dispose();
  });
});

describe('annotated windows', () => {
  const record = rampRecord(100, 30);
  const beats = [
    { sample: 50, symbol: 'N' },
    { sample: 130, symbol: 'N' },
    { sample: 200, symbol: 'N' },
    { sample: 290, symbol: 'N' },
    { sample: 450, symbol: 'A' },
    { sample: 1_050, symbol: 'N' },
    { sample: 1_120, symbol: 'N' },
  ];

  it('keeps the beats of each window and computes median RR and abnormal beats (hand-checked)', () => {
    const windows = annotatedWindows(record, beats, { windowS: 10, strideS: 5 });
    expect(windows.map((w) => [w.startS, w.endS])).toEqual([
      [0, 10],
      [5, 15],
      [10, 20],
      [15, 25],
      [20, 30],
    ]);
    // Window 0: beats at 0.5, 1.3, 2.0, 2.9, 4.5 s: intervals 800, 700, 900, 1600 ms -> median 850.
    expect(medianRrMs(windows[0])).toBeCloseTo(850, 9);
    expect(hasAbnormalBeat(windows[0])).toBe(true);
    expect(hasAbnormalBeat(windows[0], 0, 4)).toBe(false);
    // Window 1: only 10.5 and 11.2 s -> 700 ms; window 3 has no beat.
    expect(medianRrMs(windows[1])).toBeCloseTo(700, 9);
    expect(medianRrMs(windows[3])).toBeNaN();
  });

  it('gives the centre crop a backbone sees', () => {
    const [window] = annotatedWindows(record, beats, { windowS: 10, strideS: 10 });
    const xresnet = createBackbone('xresnet1d', { seed: 0 }); // 250 samples at 100 Hz: samples 375-624
    expect(centreCropSpan(window, xresnet.input)).toEqual({ fromS: 3.75, toS: 6.25 });
    const dlinear = createBackbone('dlinear', { seed: 0 }); // 10 s: everything
    expect(centreCropSpan(window, dlinear.input)).toEqual({ fromS: 0, toS: 10 });
    xresnet.dispose();
    dlinear.dispose();
  });
});

describe('PTB-XL pretraining records', () => {
  let folder: string;
  const rows = [
    { ecgId: 1, patientId: 11, fold: 1 },
    { ecgId: 2, patientId: 12, fold: 8 },
    { ecgId: 3, patientId: 13, fold: 9 },
    { ecgId: 4, patientId: 14, fold: 10 },
    { ecgId: 5, patientId: 15, fold: 5 },
  ];

  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'pretrain-ptbxl-'));
    const statements = [
      ',description,diagnostic,form,rhythm,diagnostic_class,diagnostic_subclass,Statement Category,SCP-ECG Statement Description,AHA code,aECG REFID,CDISC Code,DICOM Code',
      'NORM,normal ECG,1.0,,,NORM,NORM,Normal/abnormal,normal ECG,1.0,,,F-000B7',
      'SR,sinus rhythm,,,1.0,,,Rhythm,sinus rhythm,21.0,MDC_ECG_RHY_SINUS,,',
    ].join('\n');
    const header =
      'ecg_id,patient_id,age,sex,height,weight,nurse,site,device,recording_date,report,scp_codes,heart_axis,infarction_stadium1,infarction_stadium2,validated_by,second_opinion,initial_autogenerated_report,validated_by_human,baseline_drift,static_noise,burst_noise,electrodes_problems,extra_beats,pacemaker,strat_fold,filename_lr,filename_hr';
    const lines = rows.map((r) => {
      const id = String(r.ecgId).padStart(5, '0');
      return [
        r.ecgId,
        `${r.patientId}.0`,
        '56.0',
        '1',
        '',
        '63.0',
        '2.0',
        '0.0',
        'CS-12   E',
        '1984-11-09 09:17:34',
        '"sinusrhythmus"',
        `"{'NORM': 100.0, 'SR': 0.0}"`,
        '',
        '',
        '',
        '',
        'False',
        'False',
        'True',
        '',
        '',
        '',
        '',
        '',
        '',
        r.fold,
        `records100/00000/${id}_lr`,
        `records500/00000/${id}_hr`,
      ].join(',');
    });
    await writeFile(join(folder, 'scp_statements.csv'), statements);
    await writeFile(join(folder, 'ptbxl_database.csv'), [header, ...lines].join('\n'));
    // Signal files exist only for the training folds: reading fold 9 or 10 would fail.
    for (const row of rows.filter((r) => r.fold <= 8)) {
      const { record } = simulateEcg({ seed: row.ecgId, samplingFrequency: 100 });
      const written = writeWfdbRecord({
        name: `${String(row.ecgId).padStart(5, '0')}_lr`,
        samplingFrequency: 100,
        signals: STANDARD_12_LEADS.map((lead, k) => ({
          name: lead,
          units: 'mV',
          gain: 1000,
          physical: record.physical[k],
        })),
      });
      await mkdir(join(folder, 'records100', '00000'), { recursive: true });
      await writeRecordFiles(join(folder, 'records100', '00000'), written.files);
    }
  });
  afterAll(() => rm(folder, { recursive: true }));

  it('reads folds 1-8 only, with patients for grouping', async () => {
    expect(PTB_XL_PRETRAINING_FOLDS).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    const progress: number[] = [];
    const read = await readPtbXlPretrainingRecords(nodeFileSource(folder), {
      onRecord: (done) => progress.push(done),
    });
    expect(read.available).toBe(3);
    expect(read.records.map((r) => [r.ecgId, r.fold, r.patientId])).toEqual([
      [1, 1, 11],
      [2, 8, 12],
      [5, 5, 15],
    ]);
    expect(progress).toEqual([1, 2, 3]);
    expect(read.records[0].record.samplingFrequency).toBe(100);
    expect(read.records[0].record.signals.map((s) => s.lead)).toEqual([...STANDARD_12_LEADS]);
    const limited = await readPtbXlPretrainingRecords(nodeFileSource(folder), { limit: 2 });
    expect(limited.records.map((r) => r.ecgId)).toEqual([1, 2]);
  });
});

describe('real sample records', () => {
  it.skipIf(!hasData)(
    `reads the pretraining records with their leads and rates (${hasData ? 'data found' : NO_DATA})`,
    async () => {
      const records = await readSamplePretrainingRecords(nodeFileSource(sampleData()));
      expect(
        records.map((r) => [r.name, r.samplingFrequency, r.signals.map((s) => s.lead).join(' ')]),
      ).toEqual([
        ['03700181', 500, 'V1'],
        ['a103l', 250, 'II'],
        ['v102s', 250, 'II'],
        ['s0010_re', 1000, STANDARD_12_LEADS.join(' ')],
        ['3000003_0003', 125, 'II'],
      ]);
      // MCL1 expanded: 4 samples per 125 Hz frame over 10 minutes.
      expect(records[0].length).toBe(300_000);
      expect(records[0].physical[0]).toHaveLength(300_000);
      await expect(
        readSampleRecord(nodeFileSource(sampleData()), { name: '100', signals: ['MLII'] }),
      ).rejects.toThrowError(/held out of pretraining/);
    },
  );
});
