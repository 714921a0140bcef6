import { EcgRangeError, UnsupportedFormatError } from '../errors.js';
import { INVALID_SAMPLE } from '../record.js';
import { signalChecksum } from './checksum.js';
import { encodeSamples, type WfdbWriteFormat } from './encode.js';
import { formatHeader } from './format-header.js';
import { type WfdbFormat, wfdbFormat } from './formats.js';
import type { WfdbDate, WfdbSignalSpec, WfdbSingleHeader, WfdbTime } from './header.js';

/** One signal to write. Give either `digital` or `physical` samples. */
export interface WfdbWriteSignal {
  /** Signal description, e.g. `II` or `V1` (one line). */
  name: string;
  /** Physical units without spaces. Default `mV`. */
  units?: string;
  /** ADC units per physical unit. Default 200 (WFDB's default gain). */
  gain?: number;
  /** Digital value of physical zero. Default: `adcZero`. */
  baseline?: number;
  /** Storage format. Default: the `format` of the input, else 16. */
  format?: WfdbWriteFormat;
  /** ADC resolution in bits. Default: the format's width (16, 8 or 12). */
  adcResolution?: number;
  /** Default 0. */
  adcZero?: number;
  /** Samples per frame (multi-frequency records). Default 1. */
  samplesPerFrame?: number;
  /** Signal file. Default `<record name>.dat`. Signals sharing a file must be consecutive and of one format. */
  fileName?: string;
  /** Digital samples (integers in the format's range; INVALID_SAMPLE for missing samples). */
  digital?: ArrayLike<number>;
  /** Physical samples, stored as `round(value * gain + baseline)`; NaN for missing samples. */
  physical?: ArrayLike<number>;
}

/** A record to write with `writeWfdbRecord`. */
export interface WfdbWriteInput {
  /** Record name: letters, digits, `_` and `-`. */
  name: string;
  /** Frames per second. */
  samplingFrequency: number;
  signals: readonly WfdbWriteSignal[];
  /** Default storage format of the signals. Default 16. */
  format?: WfdbWriteFormat;
  /** Header comment lines (without `#`), e.g. `Age: 56`, `Sex: Female`, `Dx: 426783006`. */
  comments?: readonly string[];
  baseTime?: WfdbTime;
  baseDate?: WfdbDate;
}

/** The files of a written record. */
export interface WrittenWfdbRecord {
  /** `<name>.hea`. */
  headerName: string;
  /** The header written, with checksums and initial values filled in. */
  header: WfdbSingleHeader;
  /** Every file by name: the header text and the signal files. Feed to `memoryFileSource` or write to disk. */
  files: Map<string, Uint8Array>;
}

const WRITABLE_FORMATS: readonly number[] = [16, 80, 212];

/**
 * Writes a record in WFDB format (like wfdb-python's `wrsamp`): a header with initial values and checksums,
 * and signal files in format 16, 80 or 212, signals of one file interleaved frame by frame. Reading the
 * files back with `readWfdbRecord` gives the same digital samples bit for bit.
 *
 * Throws EcgRangeError for input that cannot be stored as given (sample out of the format's range,
 * mismatched lengths, names with spaces...) and UnsupportedFormatError for other formats.
 */
export function writeWfdbRecord(input: WfdbWriteInput): WrittenWfdbRecord {
  checkText(input.name, /^[\w-]+$/, 'record name', 'letters, digits, _ and -');
  if (!(input.samplingFrequency > 0) || !Number.isFinite(input.samplingFrequency)) {
    throw new EcgRangeError(`sampling frequency must be a positive number, got ${input.samplingFrequency}`, {
      field: 'samplingFrequency',
    });
  }
  const prepared = input.signals.map((signal, i) => prepareSignal(signal, i, input));
  const frames = prepared.length === 0 ? 0 : prepared[0].values.length / prepared[0].spec.samplesPerFrame;
  prepared.forEach(({ spec, values }, i) => {
    if (values.length !== frames * spec.samplesPerFrame) {
      throw new EcgRangeError(
        `signal ${i} (${spec.description}) has ${values.length / spec.samplesPerFrame} frames, signal 0 has ${frames}`,
        { field: `signals[${i}]` },
      );
    }
  });

  const files = new Map<string, Uint8Array>();
  for (const group of fileGroups(prepared)) {
    const frameSize = group.reduce((sum, p) => sum + p.spec.samplesPerFrame, 0);
    const stream = new Int32Array(frames * frameSize);
    let slot = 0;
    for (const { spec, values } of group) {
      const spf = spec.samplesPerFrame;
      for (let frame = 0; frame < frames; frame++) {
        stream.set(values.subarray(frame * spf, (frame + 1) * spf), frame * frameSize + slot);
      }
      spec.checksum = signalChecksum(stream, frames, frameSize, slot, spf);
      spec.initialValue = frames > 0 ? stream[slot] : spec.adcZero;
      slot += spf;
    }
    files.set(group[0].spec.fileName, encodeSamples(group[0].spec.format as WfdbWriteFormat, stream));
  }

  const comments = [...(input.comments ?? [])];
  comments.forEach((comment, i) => {
    checkText(comment, /^[^\r\n]*$/, `comments[${i}]`, 'a single line');
  });
  const header: WfdbSingleHeader = {
    kind: 'single',
    recordName: input.name,
    numberOfSignals: prepared.length,
    samplingFrequency: input.samplingFrequency,
    numberOfSamples: frames,
    baseTime: input.baseTime,
    baseDate: input.baseDate,
    signals: prepared.map((p) => p.spec),
    comments,
    warnings: [],
  };
  const headerName = `${input.name}.hea`;
  files.set(headerName, new TextEncoder().encode(formatHeader(header)));
  return { headerName, header, files };
}

interface PreparedSignal {
  spec: WfdbSignalSpec;
  /** Stored values: digital samples with INVALID_SAMPLE replaced by the format's invalid value. */
  values: Int32Array;
}

function prepareSignal(signal: WfdbWriteSignal, index: number, input: WfdbWriteInput): PreparedSignal {
  const field = `signals[${index}]`;
  const format = signal.format ?? input.format ?? 16;
  if (!WRITABLE_FORMATS.includes(format)) {
    throw new UnsupportedFormatError(`cannot write format ${format}`, {
      field: `${field}.format`,
      expected: WRITABLE_FORMATS.join(', '),
      found: String(format),
    });
  }
  const info = wfdbFormat(format)!;
  checkText(signal.name, /^[^\r\n]*$/, `${field}.name`, 'a single line');
  const units = signal.units ?? 'mV';
  checkText(units, /^\S+$/, `${field}.units`, 'text without spaces');
  const fileName = signal.fileName ?? `${input.name}.dat`;
  checkText(fileName, /^[^\s~]\S*$/, `${field}.fileName`, 'a file name without spaces');
  const gain = signal.gain ?? 200;
  const adcZero = checkInteger(signal.adcZero ?? 0, `${field}.adcZero`);
  const baseline = checkInteger(signal.baseline ?? adcZero, `${field}.baseline`);
  const samplesPerFrame = signal.samplesPerFrame ?? 1;
  if (!Number.isInteger(samplesPerFrame) || samplesPerFrame < 1) {
    throw new EcgRangeError(`samples per frame must be a positive integer, got ${samplesPerFrame}`, {
      field: `${field}.samplesPerFrame`,
    });
  }
  if (!Number.isFinite(gain) || (gain === 0 && signal.physical !== undefined)) {
    throw new EcgRangeError(`gain must be a finite number (non-zero for physical samples), got ${gain}`, {
      field: `${field}.gain`,
    });
  }
  const values = storedValues(signal, field, info, gain, baseline);
  if (values.length % samplesPerFrame !== 0) {
    throw new EcgRangeError(`${values.length} samples are not whole frames of ${samplesPerFrame} samples`, {
      field,
    });
  }
  return {
    spec: {
      fileName,
      format,
      samplesPerFrame,
      skew: 0,
      byteOffset: 0,
      adcGain: gain,
      baseline,
      hasBaseline: baseline !== adcZero,
      units,
      adcResolution: signal.adcResolution ?? info.bits,
      adcZero,
      initialValue: adcZero,
      checksum: 0,
      blockSize: 0,
      description: signal.name.trim(),
    },
    values,
  };
}

/** Digital samples checked against the format's range, with missing ones as the format's invalid value. */
function storedValues(
  signal: WfdbWriteSignal,
  field: string,
  format: WfdbFormat,
  gain: number,
  baseline: number,
): Int32Array {
  const { digital, physical } = signal;
  if ((digital === undefined) === (physical === undefined)) {
    throw new EcgRangeError('give exactly one of digital and physical samples', { field });
  }
  const samples = (digital ?? physical)!;
  const max = 2 ** (format.bits - 1) - 1;
  const values = new Int32Array(samples.length);
  for (let i = 0; i < samples.length; i++) {
    const missing = digital !== undefined ? samples[i] === INVALID_SAMPLE : Number.isNaN(samples[i]);
    const value = digital !== undefined ? samples[i] : Math.round(samples[i] * gain + baseline);
    if (missing) {
      values[i] = format.invalidValue!;
    } else if (Number.isInteger(value) && value >= -max && value <= max) {
      values[i] = value;
    } else {
      throw new EcgRangeError(
        `sample ${i} is ${samples[i]}, outside the range -${max}..${max} of format ${format.code}` +
          (digital === undefined ? ` (digital ${value} with gain ${gain}, baseline ${baseline})` : ''),
        { field: `${field}.${digital !== undefined ? 'digital' : 'physical'}` },
      );
    }
  }
  return values;
}

/** Signals grouped by file; one file's signals must be consecutive and share a format. */
function fileGroups(signals: PreparedSignal[]): PreparedSignal[][] {
  const groups: PreparedSignal[][] = [];
  const seen = new Set<string>();
  for (const signal of signals) {
    const last = groups[groups.length - 1];
    if (last !== undefined && last[0].spec.fileName === signal.spec.fileName) {
      if (last[0].spec.format !== signal.spec.format) {
        throw new EcgRangeError(
          `signals sharing ${signal.spec.fileName} must share one format ` +
            `(${last[0].spec.format} and ${signal.spec.format} given)`,
          { field: 'signals' },
        );
      }
      last.push(signal);
      continue;
    }
    if (seen.has(signal.spec.fileName)) {
      throw new EcgRangeError(`signals stored in ${signal.spec.fileName} must be consecutive`, {
        field: 'signals',
      });
    }
    seen.add(signal.spec.fileName);
    groups.push([signal]);
  }
  return groups;
}

function checkText(text: string, pattern: RegExp, field: string, expected: string): void {
  if (!pattern.test(text))
    throw new EcgRangeError(`${field} must be ${expected}, got ${JSON.stringify(text)}`, { field });
}

function checkInteger(value: number, field: string): number {
  if (!Number.isSafeInteger(value))
    throw new EcgRangeError(`${field} must be an integer, got ${value}`, { field });
  return value;
}
