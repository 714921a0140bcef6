import type { LeadName } from './leads.js';

/** Metadata of one signal (channel) of a record, whatever file format it came from. */
export interface SignalInfo {
  /** Signal description as written in the file (WFDB description, EDF label), e.g. `MLII`, `ECG V1`. */
  name: string;
  /** Canonical lead name when the description names an ECG lead, else `null`. */
  lead: LeadName | null;
  /** Physical units, e.g. `mV`. */
  units: string;
  /** ADC units per physical unit. */
  gain: number;
  /** Digital value that corresponds to physical zero. */
  baseline: number;
  /** ADC resolution in bits. */
  adcResolution: number;
  /** ADC zero (digital value in the middle of the ADC range). */
  adcZero: number;
  /** Value of the first sample as declared in the header (WFDB); equals the first digital sample when valid. */
  initialValue: number;
  /** 16-bit checksum of all samples as declared in the header (WFDB), when present. */
  checksum?: number;
  /** Samples of this signal per frame (>1 for oversampled signals in multi-frequency records). */
  samplesPerFrame: number;
  /** Skew in frames (WFDB): how many frames later this signal's samples start in its file. */
  skew: number;
  /** Byte offset of the first sample in its signal file (WFDB) or 0. */
  byteOffset: number;
  /** Storage format: WFDB format code (16, 212, 80, ...) or `edf` / `bdf`. */
  format: number | 'edf' | 'bdf';
  /** File the samples are stored in, relative to the record's folder. */
  fileName: string;
}

/** Patient information parsed from header comments (PTB-XL / PhysioNet Challenge `# Age:`, `# Sex:`, `# Dx:`). */
export interface PatientInfo {
  age?: number;
  sex?: 'male' | 'female' | 'unknown';
  /** Diagnosis codes as written (e.g. SNOMED CT codes of the PhysioNet Challenge). */
  diagnoses?: string[];
  /** Every `key: value` comment, keys as written. */
  fields: Record<string, string>;
}

/**
 * A record read from any supported format. Samples are stored per signal.
 *
 * `digital[i]` holds ADC values (missing samples are `INVALID_SAMPLE`); `physical[i]` holds
 * `(digital - baseline) / gain` (missing samples are `NaN`). Both have `length * samplesPerFrame` entries
 * when the record was read with expanded frames, else `length` entries (multi-frequency signals averaged
 * per frame).
 */
export interface EcgRecord {
  /** Record name (without extension). */
  name: string;
  /** Frames per second. */
  samplingFrequency: number;
  /** Number of frames read (after any time-range selection). */
  length: number;
  /** Index of the first frame read within the whole record (0 unless a range was requested). */
  startFrame: number;
  signals: SignalInfo[];
  digital: Int32Array[];
  physical: Float64Array[];
  /** Whether multi-frequency signals were expanded to their own rate (`true`) or frame-averaged (`false`). */
  expanded: boolean;
  /** Header comment lines, without the leading `#` and one following space. */
  comments: string[];
  /** Base date and time of the record, when the header gives them (ISO 8601 date and/or `HH:MM:SS.sss`). */
  baseDate?: string;
  baseTime?: string;
  patient: PatientInfo;
  /** Non-fatal problems found while reading (checksum mismatches, clipped values...). Never silent. */
  warnings: string[];
}

/** WFDB's marker for a missing (invalid) sample in digital data. */
export const INVALID_SAMPLE = -32768;
