import type { FileSource } from '../io/file-source.js';
import { baseName } from '../io/paths.js';
import type { EcgRecord } from '../record.js';
import { averageFrames, type FrameAveraging } from './frames.js';
import type { WfdbHeader, WfdbSingleHeader } from './header.js';
import { parseWfdbHeader } from './parse-header.js';
import { parsePatientInfo } from './patient.js';
import { toPhysical } from './physical.js';
import { wfdbHeaderPath } from './read-header.js';
import { readMultiSegmentSamples } from './read-multi.js';
import { readSegmentSamples } from './read-segment.js';
import { resolveSignals, type SignalSelection } from './selection.js';
import { signalName, wfdbSignalInfo } from './signal-info.js';
import { isoDate, isoTime } from './time.js';

/** Options of `readWfdbRecord`. */
export interface WfdbReadOptions {
  /** First frame to read (inclusive). Default 0. */
  from?: number;
  /** Frame to stop before (exclusive). Default: the end of the record. */
  to?: number;
  /**
   * Signals to read, in output order: header indices or names (descriptions, matched exactly). Default: all.
   * Signal files holding none of them are not read at all.
   */
  signals?: SignalSelection;
  /**
   * Keep every sample of multi-frequency signals (`length * samplesPerFrame` values each) instead of one
   * average per frame (WFDB's default). Default false.
   */
  expanded?: boolean;
  /** How frames are averaged when not `expanded` (see FrameAveraging). Default `truncate`. */
  frameAveraging?: FrameAveraging;
  /**
   * When a signal file ends before the header says, read what is there (the record gets shorter, or the
   * missing part of a segment reads as missing samples) and add a warning, instead of throwing. Default false.
   */
  allowTruncated?: boolean;
  /**
   * When a skewed signal's file ends before the skewed samples do, end the record at the last frame every
   * selected signal has data for, as WFDB's rdsamp does, instead of marking the missing samples invalid.
   * Single-segment records only (segments of multi-segment records keep their length). Default false.
   */
  trimSkewedEnd?: boolean;
}

/** A record read from WFDB files: the common EcgRecord plus the WFDB header it came from. */
export interface WfdbRecord extends EcgRecord {
  /** The record's header (the master header for multi-segment records). */
  header: WfdbHeader;
  /** Length of the whole record in frames: from the header, or from the signal file sizes when omitted. */
  recordLength: number;
}

/**
 * Reads a WFDB record (single- or multi-segment) from a FileSource: `recordName` is the header path without
 * `.hea` (e.g. `100`, `mitdb/100`, `multi-segment/041s/041s`). Only the needed files and byte ranges are
 * read. Digital samples keep the stored values (missing ones INVALID_SAMPLE); physical ones are
 * `(digital - baseline) / gain`. Problems that do not prevent reading (checksum mismatches...) are listed in
 * `warnings`; everything else throws an EcgIoError subclass naming the file.
 *
 * @example
 * const record = await readWfdbRecord(urlFileSource('https://physionet.org/files/mitdb/1.0.0/'), '100', {
 *   to: 3600,
 *   signals: ['MLII'],
 * });
 */
export async function readWfdbRecord(
  source: FileSource,
  recordName: string,
  options: WfdbReadOptions = {},
): Promise<WfdbRecord> {
  const headerPath = wfdbHeaderPath(recordName);
  const header = parseWfdbHeader(await source.read(headerPath), headerPath);
  const from = options.from ?? 0;
  const allowTruncated = options.allowTruncated ?? false;
  const read =
    header.kind === 'multi'
      ? await readMultiSegmentSamples(source, header, headerPath, {
          from,
          to: options.to,
          signals: options.signals,
          allowTruncated,
        })
      : await readSingleSegment(source, header, headerPath, { ...options, from, allowTruncated });
  const signals = read.specs.map((spec, k) => wfdbSignalInfo(spec, read.indices[k]));
  const expanded = options.expanded ?? false;
  const digital = read.samples.map((s, k) =>
    expanded ? s : averageFrames(s, signals[k].samplesPerFrame, options.frameAveraging),
  );
  const warnings = [...header.warnings, ...read.warnings];
  const fileRecord = baseName(headerPath).replace(/\.hea$/, '');
  if (header.recordName !== fileRecord) {
    warnings.push(`${headerPath}: the record line names record "${header.recordName}"`);
  }
  return {
    name: header.recordName,
    samplingFrequency: header.samplingFrequency,
    length: read.end - read.from,
    startFrame: read.from,
    signals,
    digital,
    physical: digital.map((d, k) => toPhysical(d, signals[k].gain, signals[k].baseline)),
    expanded,
    comments: header.comments,
    baseDate: header.baseDate && isoDate(header.baseDate),
    baseTime: header.baseTime && isoTime(header.baseTime),
    patient: parsePatientInfo(header.comments),
    warnings,
    header,
    recordLength: read.recordLength,
  };
}

async function readSingleSegment(
  source: FileSource,
  header: WfdbSingleHeader,
  headerPath: string,
  options: WfdbReadOptions & { from: number; allowTruncated: boolean },
) {
  const indices = resolveSignals(options.signals, header.signals.map(signalName), headerPath);
  const samples = await readSegmentSamples(source, header, headerPath, {
    from: options.from,
    to: options.to,
    signals: indices,
    allowTruncated: options.allowTruncated,
    trimSkewedEnd: options.trimSkewedEnd ?? false,
  });
  return { ...samples, indices, specs: indices.map((i) => header.signals[i]) };
}
