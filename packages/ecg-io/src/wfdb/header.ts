/** Time of day of a record's first sample, as written in a WFDB header. */
export interface WfdbTime {
  hours: number;
  minutes: number;
  /** Seconds, with a fractional part when the header gives milliseconds. */
  seconds: number;
}

/** Calendar date of a record's first sample. */
export interface WfdbDate {
  year: number;
  /** 1-12. */
  month: number;
  /** 1-31. */
  day: number;
}

/** One signal specification line of a WFDB header, fields as written (defaults filled in as WFDB does). */
export interface WfdbSignalSpec {
  /** Signal file name relative to the header's folder (`~` in layout headers). */
  fileName: string;
  /** Storage format code (16, 212, ...). */
  format: number;
  /** Samples per frame (`x` modifier), 1 when absent. */
  samplesPerFrame: number;
  /** Skew in samples (`:` modifier), 0 when absent. */
  skew: number;
  /** Bytes before the first sample in the file (`+` modifier), 0 when absent. */
  byteOffset: number;
  /** ADC gain as written; 0 (or absent) means uncalibrated, and readers then assume 200. */
  adcGain: number;
  /** Digital value of physical zero; the ADC zero when absent. */
  baseline: number;
  /** Whether the baseline was written explicitly (`gain(baseline)`). */
  hasBaseline: boolean;
  /** Physical units; `mV` when absent. */
  units: string;
  /** ADC resolution in bits as written; the format's default (`WfdbFormat.defaultAdcResolution`) when absent. */
  adcResolution: number;
  adcZero: number;
  /** First sample value; the ADC zero when absent. */
  initialValue: number;
  /** 16-bit checksum of all samples, when present. */
  checksum?: number;
  /** Block size in bytes (0: no blocking). */
  blockSize: number;
  /** Signal description (`''` when absent). */
  description: string;
}

/** One segment specification line of a multi-segment header. */
export interface WfdbSegmentSpec {
  /** Segment record name, or `~` for a gap (null segment) whose samples are all missing. */
  name: string;
  /** Length in frames. 0 for the layout segment of a variable-layout record. */
  length: number;
}

/** Fields of the record line shared by single- and multi-segment headers. */
interface WfdbHeaderBase {
  /** Record name as written on the record line. */
  recordName: string;
  numberOfSignals: number;
  /** Frames per second (250 when absent, as in WFDB). */
  samplingFrequency: number;
  /** Counter frequency (`/counterfreq`), when given. */
  counterFrequency?: number;
  /** Counter value at sample 0 (`(basecounter)`), when given. */
  baseCounter?: number;
  /** Length in frames; `undefined` when the header omits it (or gives 0). */
  numberOfSamples?: number;
  baseTime?: WfdbTime;
  baseDate?: WfdbDate;
  /** Comment lines without `#` and one following space. */
  comments: string[];
  /** Non-fatal oddities found while parsing (ignored extra lines...). */
  warnings: string[];
}

/** Header of an ordinary (single-segment) record. */
export interface WfdbSingleHeader extends WfdbHeaderBase {
  kind: 'single';
  signals: WfdbSignalSpec[];
}

/** Master header of a multi-segment record. */
export interface WfdbMultiHeader extends WfdbHeaderBase {
  kind: 'multi';
  segments: WfdbSegmentSpec[];
}

/** A parsed WFDB header file. */
export type WfdbHeader = WfdbSingleHeader | WfdbMultiHeader;
