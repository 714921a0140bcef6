import {
  EcgIoError,
  type EcgRecord,
  type LeadName,
  type LeadSource,
  resample,
  selectLeads,
  zScore,
} from '@enecg/ecg-io';
import * as tf from '@tensorflow/tfjs';
import type { InputSpec, Normalization } from '../core/input-spec.js';
import { RecordInputError } from '../errors.js';

/**
 * Which window of a longer record to keep: its `start` (default), `center` or `end`, or the index of its first
 * sample (after resampling).
 */
export type CropPosition = 'start' | 'center' | 'end' | number;

/** Options of {@link prepareRecord}. */
export interface PrepareRecordOptions {
  /** Default `start`. */
  crop?: CropPosition;
  /** Compute missing limb leads from two present ones (Einthoven/Goldberger). Default true. */
  deriveLimbLeads?: boolean;
}

/** Everything {@link prepareRecord} did to a record. */
export interface InputReport {
  record: string;
  /** Per lead of the spec, in order: copied (`real`), computed from two limb leads (`derived`) or zeros (`padded`). */
  leads: { lead: LeadName; source: LeadSource }[];
  /** Sampling rates when the record was resampled, else null. */
  resampled: { fromHz: number; toHz: number } | null;
  /** Samples per lead after resampling, before cropping or padding. */
  availableSamples: number;
  /** Samples dropped before and after the kept window. */
  cropped: { before: number; after: number };
  /** Zeros appended after the end (the record was shorter than the input). */
  padded: number;
  /** Missing samples (NaN in the record) that were set to 0 mV before resampling. */
  missingSamples: number;
  /** Normalisation applied (the spec's). */
  normalization: Normalization;
  /** Statistics a `zscore` normalisation computed (one per present lead, or one for all), else null. */
  statistics: { mean: number[]; std: number[] } | null;
}

/** A record turned into one backbone input. */
export interface PreparedRecord {
  /** `[length, leads]` float32, sample-major: lead `j` of sample `t` is `data[t * leads + j]`. */
  data: Float32Array;
  shape: [length: number, leads: number];
  /** Per lead of the spec: 1 when present (real or derived), 0 when padded with zeros. */
  leadMask: Uint8Array;
  report: InputReport;
}

/**
 * Turns an ECG record into the input a backbone declares (`backbone.input`), in this order:
 *
 * 1. Leads: `selectLeads` of @enecg/ecg-io puts the record's leads (matched by canonical name, whatever the file
 *    calls them) into the spec's order; missing limb leads are derived from two present ones, other missing
 *    leads are zeros (`leadMask` 0). A record without any of the leads is rejected.
 * 2. Missing samples (NaN) become 0 mV.
 * 3. Resampling to the spec's rate with ecg-io's polyphase `resample`.
 * 4. Normalisation over the whole resampled record (padded leads stay 0 and do not enter the statistics).
 * 5. Length: a longer record is cropped to one window (`crop`, default its start); a shorter one gets zeros
 *    appended. Embed more windows of a long record by calling this with numeric `crop` positions.
 *
 * Every step is reported in `report`.
 *
 * @throws RecordInputError when no lead of the spec can be taken from the record, the sampling rate is invalid,
 *   the leads differ in length, or a numeric `crop` is out of range.
 */
export function prepareRecord(
  record: EcgRecord,
  spec: InputSpec,
  options: PrepareRecordOptions = {},
): PreparedRecord {
  const { crop = 'start', deriveLimbLeads = true } = options;
  const fromHz = record.samplingFrequency;
  if (!(fromHz > 0)) throw new RecordInputError(record.name, `invalid sampling frequency ${fromHz} Hz`);

  let selected: ReturnType<typeof selectLeads>;
  try {
    selected = selectLeads(record, spec.leads, { derive: deriveLimbLeads, pad: 'zeros' });
  } catch (error) {
    if (error instanceof EcgIoError) throw new RecordInputError(record.name, error.message);
    throw error;
  }
  const present = selected.source.map((source) => source !== 'padded');
  if (!present.some(Boolean)) {
    const has = record.signals.map((s) => s.lead ?? s.name).join(', ');
    throw new RecordInputError(
      record.name,
      `has none of the leads ${spec.leads.join(', ')} (it has: ${has})`,
    );
  }

  let missingSamples = 0;
  const cleaned = selected.signals.map((signal) =>
    signal.map((v) => {
      if (Number.isFinite(v)) return v;
      missingSamples++;
      return 0;
    }),
  );
  const resampled =
    fromHz === spec.sampleRate ? cleaned : cleaned.map((signal) => resample(signal, fromHz, spec.sampleRate));
  const { leads: normalized, statistics } = normalize(resampled, present, spec.normalization);
  const window = cropOrPad(record.name, resampled[0].length, spec.length, crop);

  const leadCount = spec.leads.length;
  const data = new Float32Array(spec.length * leadCount);
  normalized.forEach((signal, j) => {
    if (!present[j]) return;
    for (let t = 0; t < window.kept; t++) data[t * leadCount + j] = signal[window.start + t];
  });
  return {
    data,
    shape: [spec.length, leadCount],
    leadMask: Uint8Array.from(present, Number),
    report: {
      record: record.name,
      leads: selected.leads.map((lead, j) => ({ lead, source: selected.source[j] })),
      resampled: fromHz === spec.sampleRate ? null : { fromHz, toHz: spec.sampleRate },
      availableSamples: resampled[0].length,
      cropped: { before: window.start, after: resampled[0].length - window.start - window.kept },
      padded: spec.length - window.kept,
      missingSamples,
      normalization: spec.normalization,
      statistics,
    },
  };
}

/** A batch of records as one `[batch, length, leads]` tensor, with each record's lead mask and report. */
export interface PreparedBatch {
  input: tf.Tensor3D;
  leadMask: Uint8Array[];
  reports: InputReport[];
}

/** {@link prepareRecord} for several records, stacked into one tensor (the caller disposes `input`). */
export function prepareBatch(
  records: readonly EcgRecord[],
  spec: InputSpec,
  options: PrepareRecordOptions = {},
): PreparedBatch {
  const prepared = records.map((record) => prepareRecord(record, spec, options));
  const size = spec.length * spec.leads.length;
  const data = new Float32Array(prepared.length * size);
  for (const [i, p] of prepared.entries()) data.set(p.data, i * size);
  return {
    input: tf.tensor3d(data, [prepared.length, spec.length, spec.leads.length]),
    leadMask: prepared.map((p) => p.leadMask),
    reports: prepared.map((p) => p.report),
  };
}

function normalize(
  leads: Float64Array[],
  present: boolean[],
  normalization: Normalization,
): { leads: Float64Array[]; statistics: { mean: number[]; std: number[] } | null } {
  if (normalization.kind === 'none') return { leads, statistics: null };
  const used = leads.filter((_, j) => present[j]);
  let scaled: Float64Array[];
  let statistics: { mean: number[]; std: number[] } | null = null;
  if (normalization.kind === 'zscore') {
    const result = zScore(used, normalization.scope);
    scaled = result.leads;
    statistics = { mean: result.stats.mean, std: result.stats.std };
  } else {
    const { mean, std } = normalization;
    scaled = used.map((lead) => lead.map((v) => (v - mean) / std));
  }
  let next = 0;
  return { leads: leads.map((lead, j) => (present[j] ? scaled[next++] : lead)), statistics };
}

function cropOrPad(
  record: string,
  available: number,
  length: number,
  crop: CropPosition,
): { start: number; kept: number } {
  if (available <= length) return { start: 0, kept: available };
  const last = available - length;
  if (typeof crop === 'number') {
    if (!Number.isInteger(crop) || crop < 0 || crop > last) {
      throw new RecordInputError(
        record,
        `crop start ${crop} is outside 0..${last} (${available} samples, window ${length})`,
      );
    }
    return { start: crop, kept: length };
  }
  const start = crop === 'start' ? 0 : crop === 'end' ? last : Math.floor(last / 2);
  return { start, kept: length };
}
