import {
  type EcgRecord,
  type FileSource,
  type LeadName,
  openPtbXl,
  readWfdbRecord,
  type SimulatedDatasetRecord,
  simulateDataset,
} from '@enecg/ecg-io';

/** A record of the WFDB sample data used for pretraining, and the ECG signals taken from it. */
export interface SampleRecordSpec {
  /** Record name (header path without `.hea`). */
  name: string;
  /** Signals to keep (descriptions as in the header). */
  signals: readonly string[];
  /** Leads to take a signal as when its description names none (e.g. MCL1, a modified V1, as V1). */
  leadOverrides?: Readonly<Record<string, LeadName>>;
  /** Read multi-frequency signals at their own rate (their samples per frame times the frame rate). */
  expanded?: boolean;
}

/**
 * The real recordings of `wfdb-sample/sample-data` used for pretraining (ECG signals only). Left out:
 * MIT-BIH record `100`, kept for the probes (`HELD_OUT_RECORDS`); the `V` signals of `a103l`, `v102s` and
 * `3000003_0003` (an unnamed precordial lead); `test01_00s` (`ECG 1`-`ECG 4`, no lead names).
 */
export const SAMPLE_PRETRAINING_RECORDS: readonly SampleRecordSpec[] = [
  // 10 min, MCL1 at 500 Hz (4 samples per 125 Hz frame); MCL1 is the bipolar chest lead that mimics V1.
  { name: '03700181', signals: ['MCL1'], leadOverrides: { MCL1: 'V1' }, expanded: true },
  { name: 'a103l', signals: ['II'] }, // 5.5 min, 250 Hz
  { name: 'v102s', signals: ['II'] }, // 5 min, 250 Hz
  {
    name: 's0010_re', // 38 s, 1000 Hz, PTB
    signals: ['i', 'ii', 'iii', 'avr', 'avl', 'avf', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6'],
  },
  { name: '3000003_0003', signals: ['II'] }, // 8 s, 125 Hz
];

/** Records never used for pretraining: the probes' (and EnECG's) real evaluation data. */
export const HELD_OUT_RECORDS: readonly string[] = ['100'];

/** PTB-XL's recommended training folds; `readPtbXlPretrainingRecords` reads no other fold. */
export const PTB_XL_PRETRAINING_FOLDS: readonly number[] = [1, 2, 3, 4, 5, 6, 7, 8];

/**
 * Reads a record as `spec` says: only its ECG signals, leads overridden where asked, and multi-frequency signals
 * at their own rate (the record's `samplingFrequency` becomes theirs).
 */
export async function readSampleRecord(source: FileSource, spec: SampleRecordSpec): Promise<EcgRecord> {
  if (HELD_OUT_RECORDS.includes(spec.name)) {
    throw new RangeError(
      `record ${spec.name} is held out of pretraining (it is the probes' evaluation data)`,
    );
  }
  const record = await readWfdbRecord(source, spec.name, {
    signals: [...spec.signals],
    expanded: spec.expanded ?? false,
  });
  const perFrame = new Set(record.signals.map((s) => (record.expanded ? s.samplesPerFrame : 1)));
  if (perFrame.size !== 1) {
    throw new RangeError(`record ${spec.name}: the selected signals have different rates (${[...perFrame]})`);
  }
  const factor = [...perFrame][0];
  return {
    ...record,
    samplingFrequency: record.samplingFrequency * factor,
    length: record.physical[0].length,
    expanded: false,
    signals: record.signals.map((signal) => ({
      ...signal,
      samplesPerFrame: 1,
      lead: spec.leadOverrides?.[signal.name] ?? signal.lead,
    })),
  };
}

/** Every record of {@link SAMPLE_PRETRAINING_RECORDS} from a FileSource over `wfdb-sample/sample-data`. */
export async function readSamplePretrainingRecords(source: FileSource): Promise<EcgRecord[]> {
  const records: EcgRecord[] = [];
  for (const spec of SAMPLE_PRETRAINING_RECORDS) records.push(await readSampleRecord(source, spec));
  return records;
}

/** Options of {@link readPtbXlPretrainingRecords}. */
export interface PtbXlPretrainingOptions {
  /** 100 Hz (`records100`, default) or 500 Hz (`records500`). */
  rate?: 100 | 500;
  /** Most records to read, spread evenly over the training folds' entries (default all). */
  limit?: number;
  /** Called after each record. */
  onRecord?: (done: number, total: number) => void;
}

/** Records of a PTB-XL folder for pretraining, from its training folds only. */
export interface PtbXlPretrainingRecords {
  records: { ecgId: number; patientId: number; fold: number; record: EcgRecord }[];
  /** Entries of folds 1-8 in the folder (before `limit`). */
  available: number;
  folds: readonly number[];
}

/**
 * Reads PTB-XL records for pretraining from folds 1-8 only (`PTB_XL_PRETRAINING_FOLDS`); folds 9 and 10
 * (validation and test) are never opened. Works on any FileSource (`nodeFileSource(dir)` in Node).
 */
export async function readPtbXlPretrainingRecords(
  source: FileSource,
  options: PtbXlPretrainingOptions = {},
): Promise<PtbXlPretrainingRecords> {
  const { rate = 100, limit = Infinity, onRecord } = options;
  const dataset = await openPtbXl(source, { folds: [...PTB_XL_PRETRAINING_FOLDS] });
  const entries = dataset.entries.filter((entry) => PTB_XL_PRETRAINING_FOLDS.includes(entry.stratFold));
  const chosen =
    entries.length <= limit
      ? entries
      : Array.from({ length: limit }, (_, i) => entries[Math.floor((i * entries.length) / limit)]);
  const records: PtbXlPretrainingRecords['records'] = [];
  for (const entry of chosen) {
    records.push({
      ecgId: entry.ecgId,
      patientId: entry.patientId,
      fold: entry.stratFold,
      record: await dataset.readRecord(entry, rate),
    });
    onRecord?.(records.length, chosen.length);
  }
  return { records, available: entries.length, folds: PTB_XL_PRETRAINING_FOLDS };
}

/** Options of {@link simulatedPretrainingRecords}. */
export interface SimulatedCorpusOptions {
  count: number;
  seed: number;
  /** Seconds per record (default 12: a 10 s window plus time-shift margins). */
  durationS?: number;
}

/** Simulated 12-lead records (every condition of `simulateDataset`, default noise), one per patient. */
export function simulatedPretrainingRecords(options: SimulatedCorpusOptions): SimulatedDatasetRecord[] {
  return simulateDataset({ count: options.count, seed: options.seed, durationS: options.durationS ?? 12 });
}
