import type { EcgRecord } from '@enecg/ecg-io';
import type { InputSpec } from '../core/input-spec.js';
import { RecordInputError } from '../errors.js';
import { prepareRecord } from '../input/prepare-record.js';

/**
 * A window of a record turned into a backbone's input, with `margin` extra samples on each side so that
 * augmented views can be shifted in time: `[margin + length + margin, leads]`, sample-major.
 */
export interface PreparedSegment {
  /** Where it comes from: `<record>@<first sample>`. */
  id: string;
  /** Record (or patient) it belongs to: segments of one group are never negatives of each other. */
  group: string;
  data: Float32Array;
  /** Samples per lead, margins included. */
  length: number;
  leads: number;
  /** Extra samples before and after the input window. */
  margin: number;
  /** 1 for leads taken from the record (real or derived), 0 for padded ones. */
  leadMask: Uint8Array;
  /** Standard deviation of each lead over the segment (1 for padded leads). */
  leadStd: Float32Array;
}

/** Options of {@link prepareSegments}. */
export interface SegmentOptions {
  /** Seconds between window starts (default: half the input duration). */
  strideS?: number;
  /** Extra seconds on each side of every window, for time shifts (default 0.25). */
  marginS?: number;
  /** Record or patient id the segments belong to (default `record.name`). */
  group?: string;
  /** Most segments to take from this record (default all), evenly spread. */
  maxSegments?: number;
}

/**
 * Cuts a record into windows of the backbone's input duration (plus margins) and prepares each with
 * `prepareRecord` (leads, resampling, normalisation over the segment). A record shorter than one segment gives
 * one segment, zero-padded at the end.
 */
export function prepareSegments(
  record: EcgRecord,
  spec: InputSpec,
  options: SegmentOptions = {},
): PreparedSegment[] {
  const windowS = spec.length / spec.sampleRate;
  const { strideS = windowS / 2, marginS = 0.25, group = record.name, maxSegments = Infinity } = options;
  if (!(strideS > 0)) throw new RangeError(`prepareSegments: strideS must be > 0, got ${strideS}`);
  const fs = record.samplingFrequency;
  const margin = Math.round(marginS * spec.sampleRate);
  const segmentLength = spec.length + 2 * margin;
  const sourceLength = Math.round((windowS + 2 * marginS) * fs);
  const sourceStride = Math.max(1, Math.round(strideS * fs));
  let starts: number[] = [];
  for (let start = 0; start + sourceLength <= record.length; start += sourceStride) starts.push(start);
  if (starts.length === 0) starts = [0];
  if (starts.length > maxSegments) {
    starts = Array.from(
      { length: maxSegments },
      (_, i) => starts[Math.floor((i * starts.length) / maxSegments)],
    );
  }
  const segmentSpec: InputSpec = { ...spec, length: segmentLength };
  return starts.map((start) => {
    const window = sliceRecord(record, start, Math.min(record.length, start + sourceLength));
    const { data, leadMask } = prepareRecord(window, segmentSpec);
    const leads = spec.leads.length;
    return {
      id: `${record.name}@${start}`,
      group,
      data,
      length: segmentLength,
      leads,
      margin,
      leadMask,
      leadStd: leadStandardDeviations(data, segmentLength, leads, leadMask),
    };
  });
}

/**
 * Samples `[start, end)` of a record as a record of its own (same signals; `startFrame` advanced). Every signal
 * must hold one sample per frame.
 *
 * @throws RecordInputError for a range outside the record or signals of other lengths.
 */
export function sliceRecord(record: EcgRecord, start: number, end: number): EcgRecord {
  if (
    !(Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end <= record.length && start < end)
  ) {
    throw new RecordInputError(record.name, `cannot slice samples [${start}, ${end}) of ${record.length}`);
  }
  record.physical.forEach((signal, i) => {
    if (signal.length !== record.length) {
      throw new RecordInputError(
        record.name,
        `signal ${i} has ${signal.length} samples for ${record.length} frames; read it with one sample per frame`,
      );
    }
  });
  return {
    ...record,
    name: `${record.name}@${start}`,
    length: end - start,
    startFrame: record.startFrame + start,
    digital: record.digital.map((signal) => signal.subarray(start, end)),
    physical: record.physical.map((signal) => signal.subarray(start, end)),
    warnings: [],
  };
}

function leadStandardDeviations(
  data: Float32Array,
  length: number,
  leads: number,
  mask: Uint8Array,
): Float32Array {
  const std = new Float32Array(leads).fill(1);
  for (let j = 0; j < leads; j++) {
    if (!mask[j]) continue;
    let sum = 0;
    let squares = 0;
    for (let t = 0; t < length; t++) {
      const v = data[t * leads + j];
      sum += v;
      squares += v * v;
    }
    const mean = sum / length;
    const s = Math.sqrt(Math.max(0, squares / length - mean * mean));
    std[j] = s > 1e-6 ? s : 1;
  }
  return std;
}
