import type { EcgRecord } from '../record.js';

/** File flavour, from the version and reserved fields of the header. */
export type EdfVariant = 'EDF' | 'EDF+C' | 'EDF+D' | 'BDF' | 'BDF+C' | 'BDF+D';

/** One signal of an EDF/BDF header, fields as written (numbers parsed). */
export interface EdfSignalHeader {
  label: string;
  transducer: string;
  physicalDimension: string;
  physicalMinimum: number;
  physicalMaximum: number;
  digitalMinimum: number;
  digitalMaximum: number;
  prefiltering: string;
  samplesPerRecord: number;
  reserved: string;
  /** Whether this is an EDF+/BDF+ annotation signal (`EDF Annotations` / `BDF Annotations`). */
  isAnnotation: boolean;
}

/** A parsed EDF/BDF header. */
export interface EdfHeader {
  variant: EdfVariant;
  /** Local patient identification, as written (trailing blanks removed). */
  patientIdentification: string;
  /** Local recording identification, as written (trailing blanks removed). */
  recordingIdentification: string;
  /** Start date of the header (`dd.mm.yy`, years 85-99 as 19yy and 00-84 as 20yy), ISO `YYYY-MM-DD`. */
  startDate: string;
  /** Start time of the header (`hh.mm.ss`), `HH:MM:SS`. */
  startTime: string;
  headerBytes: number;
  /** The reserved field (`EDF+C`, `EDF+D`, `24BIT`...). */
  reserved: string;
  /** Number of data records as declared; -1 means unknown (then counted from the file size). */
  dataRecords: number;
  /** Duration of a data record in seconds. */
  recordDuration: number;
  /** Every signal in header order, annotation signals included. */
  signals: EdfSignalHeader[];
}

/** The EDF+ patient identification subfields (`code sex birthdate name ...`); unknown (`X`) ones absent. */
export interface EdfPatient {
  code?: string;
  sex?: 'male' | 'female';
  /** ISO `YYYY-MM-DD`. */
  birthdate?: string;
  /** Name, underscores turned back into spaces. */
  name?: string;
  /** Subfields after the name. */
  additional: string[];
}

/** The EDF+ recording identification subfields (`Startdate dd-MMM-yyyy admin technician equipment ...`). */
export interface EdfRecording {
  /** ISO `YYYY-MM-DD`. */
  startDate?: string;
  administrationCode?: string;
  technician?: string;
  equipment?: string;
  additional: string[];
}

/** One EDF+ annotation: a text of a time-stamped annotation list (TAL). */
export interface EdfAnnotation {
  /** Seconds after the start date and time of the header (may be negative). */
  onset: number;
  /** Seconds, when the TAL gives a duration. */
  duration?: number;
  text: string;
}

/** A stretch of missing frames between two data records of an EDF+D file. */
export interface EdfGap {
  /** First missing frame. */
  startFrame: number;
  frames: number;
}

/**
 * An EDF, EDF+ or BDF file read as an EcgRecord.
 *
 * Frames: every selected signal has a whole number of samples per frame. The frame is the data record split
 * into as many equal parts as the greatest common divisor of the signals' samples per data record, so
 * `samplingFrequency` (frames per second) is that divisor over the record duration and a signal's
 * `samplesPerFrame` is its samples per data record over the divisor: 500 and 250 samples per 1-s record give
 * 250 frames per second with 2 and 1 samples per frame. Samples are always kept at each signal's own rate
 * (`expanded` is true).
 */
export interface EdfRecord extends EcgRecord {
  header: EdfHeader;
  /** EDF+ annotations (time-keeping entries excluded), in file order. */
  annotations: EdfAnnotation[];
  /** Parsed EDF+ patient field; absent for plain EDF/BDF. */
  edfPatient?: EdfPatient;
  /** Parsed EDF+ recording field; absent for plain EDF/BDF. */
  edfRecording?: EdfRecording;
  /**
   * Start of each data record in seconds after the header's start date and time (EDF+ time-keeping TALs, or
   * record index times duration). Frame `f` of the record is at `recordOnsets[0] + f / samplingFrequency`.
   */
  recordOnsets: number[];
  /** EDF+D only: frames between data records, filled with INVALID_SAMPLE (digital) and NaN (physical). */
  gaps: EdfGap[];
}

/** Options of `readEdf`. */
export interface ReadEdfOptions {
  /** File name for the record name and error messages (default `record.edf`). */
  fileName?: string;
  /**
   * Ordinary signals to read, as indices among the file's ordinary (non-annotation) signals, in output order.
   * Default: all. Annotations are read whatever is selected.
   */
  signals?: number[];
}
