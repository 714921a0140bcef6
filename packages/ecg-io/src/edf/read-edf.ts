import { EcgFormatError, EcgRangeError } from '../errors.js';
import { canonicalLeadName } from '../leads.js';
import type { SignalInfo } from '../record.js';
import { MAX_SAMPLES_PER_SIGNAL } from '../wfdb/limits.js';
import { readTimeKeeping } from './annotation-signals.js';
import { edfCalibration } from './calibration.js';
import { parseEdfPatient, parseEdfRecording } from './identification.js';
import { parseEdfHeader } from './parse-header.js';
import { edfPatientInfo } from './patient.js';
import { layoutRecords } from './record-layout.js';
import { decodeSignal } from './samples.js';
import { edfStart } from './start-time.js';
import { type FrameTimeline, frameTimeline } from './timeline.js';
import type { EdfRecord, ReadEdfOptions } from './types.js';

/**
 * Reads an EDF, EDF+ (continuous or discontinuous) or BDF/BDF+ file held in memory.
 *
 * Signals are the ordinary signals of the file (annotation signals become `annotations`), with
 * `physical = (digital - baseline) / gain` as EDF's physical/digital limits define it and `lead` from the
 * label. See EdfRecord for how frames and multi-rate signals are laid out and how EDF+D gaps are filled.
 * Problems that lose nothing are listed in `warnings`; malformed headers, annotation lists and cut-off data
 * throw EcgFormatError naming the file, field and byte offset.
 *
 * @example
 * const record = readEdf(new Uint8Array(await file.arrayBuffer()), { fileName: file.name });
 * const ecg = record.physical[record.signals.findIndex((s) => s.lead === 'II')];
 */
export function readEdf(bytes: Uint8Array, options: ReadEdfOptions = {}): EdfRecord {
  const fileName = options.fileName ?? 'record.edf';
  const { header, format, warnings } = parseEdfHeader(bytes, fileName);
  const layout = layoutRecords(header, format, bytes.length, fileName, warnings);
  const { annotations, recordOnsets } = readTimeKeeping(bytes, header, layout, fileName, warnings);
  const isPlus = header.variant.includes('+');
  const edfPatient = isPlus ? parseEdfPatient(header.patientIdentification, fileName, warnings) : undefined;
  const edfRecording = isPlus
    ? parseEdfRecording(header.recordingIdentification, fileName, warnings)
    : undefined;
  if (edfRecording?.startDate !== undefined && edfRecording.startDate !== header.startDate) {
    warnings.push(
      `${fileName}: EDF+ recording start date ${edfRecording.startDate} differs from the header's ${header.startDate}`,
    );
  }

  const ordinary = header.signals.flatMap((s, i) => (s.isAnnotation ? [] : [i]));
  const selected = selectSignals(options.signals, ordinary, fileName);
  const perRecord = selected.map((i) => header.signals[i].samplesPerRecord);
  // No selected signal, or no time in a record (annotation-only files): no frames.
  const framesPerRecord = perRecord.length > 0 && header.recordDuration > 0 ? perRecord.reduce(gcd) : 0;
  const timeline: FrameTimeline =
    framesPerRecord === 0
      ? { recordFrames: [], frames: 0, gaps: [] }
      : frameTimeline(
          recordOnsets,
          header.recordDuration,
          framesPerRecord,
          header.variant.endsWith('D'),
          (record) => layout.signalStart(record, 0),
          fileName,
          warnings,
        );
  const widest = Math.max(0, ...perRecord) / (framesPerRecord || 1);
  if (timeline.frames * widest > MAX_SAMPLES_PER_SIGNAL) {
    throw new EcgFormatError('EDF+D record onsets span more samples than a signal can hold', {
      file: fileName,
      field: 'EDF+ annotation (time keeping)',
      expected: `at most ${MAX_SAMPLES_PER_SIGNAL} samples per signal`,
      found: `${timeline.frames * widest} samples (last record at ${recordOnsets.at(-1)} s)`,
    });
  }

  const signals: SignalInfo[] = [];
  const digital: Int32Array[] = [];
  const physical: Float64Array[] = [];
  for (const index of selected) {
    const signal = header.signals[index];
    const { gain, baseline } = edfCalibration(signal);
    const samplesPerFrame = signal.samplesPerRecord / framesPerRecord;
    const samples = decodeSignal(bytes, layout, timeline, index, samplesPerFrame, gain, baseline);
    digital.push(samples.digital);
    physical.push(samples.physical);
    signals.push({
      name: signal.label,
      lead: canonicalLeadName(signal.label),
      units: signal.physicalDimension,
      gain,
      baseline,
      adcResolution: Math.ceil(Math.log2(signal.digitalMaximum - signal.digitalMinimum + 1)),
      adcZero: Math.floor((signal.digitalMaximum + signal.digitalMinimum + 1) / 2),
      initialValue: layout.records > 0 ? samples.digital[timeline.recordFrames[0] * samplesPerFrame] : 0,
      samplesPerFrame,
      skew: 0,
      byteOffset: layout.signalStart(0, index),
      format,
      fileName,
    });
  }

  const start = edfStart(header.startDate, header.startTime, recordOnsets[0] ?? 0);
  return {
    name: fileName.replace(/^.*[/\\]/, '').replace(/\.(edf|bdf|rec)$/i, ''),
    samplingFrequency: framesPerRecord / (header.recordDuration || 1),
    length: timeline.frames,
    startFrame: 0,
    signals,
    digital,
    physical,
    expanded: true,
    comments: [],
    baseDate: start.baseDate,
    baseTime: start.baseTime,
    patient: edfPatientInfo(header.patientIdentification, edfPatient, header.startDate),
    warnings,
    header,
    annotations,
    ...(edfPatient === undefined ? {} : { edfPatient }),
    ...(edfRecording === undefined ? {} : { edfRecording }),
    recordOnsets,
    gaps: timeline.gaps,
  };
}

/** Header indices of the requested ordinary signals (all by default). */
function selectSignals(requested: number[] | undefined, ordinary: number[], fileName: string): number[] {
  if (requested === undefined) return ordinary;
  return requested.map((k) => {
    if (!Number.isInteger(k) || k < 0 || k >= ordinary.length) {
      throw new EcgRangeError(
        `no ordinary signal ${k}: the file has ${ordinary.length} (0 to ${ordinary.length - 1})`,
        {
          file: fileName,
          field: 'signals',
        },
      );
    }
    return ordinary[k];
  });
}

function gcd(a: number, b: number): number {
  return b === 0 ? a : gcd(b, a % b);
}
