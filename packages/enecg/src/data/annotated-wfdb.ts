import {
  canonicalLeadName,
  detectRPeaks,
  type EcgRecord,
  type FileSource,
  isBeat,
  readAnnotations,
  readWfdbHeader,
  readWfdbRecord,
} from '@enecg/ecg-io';
import type { LabelledDataset, LabelledEcg, TaskSpec } from '../tasks/task.js';
import { medianRrMs } from './rr.js';

/** RR interval of each window, ms: from beat annotations, else from R-peak detection. */
export const RR_TASK: TaskSpec = { name: 'rr_interval', kind: 'regression', unit: 'ms' };
/** Whether a window holds a beat other than normal ('N'), from MIT-format beat labels (.atr). */
export const ABNORMAL_BEAT_TASK: TaskSpec = {
  name: 'abnormal_beat',
  kind: 'classification',
  classes: ['normal beats only', 'non-normal beat'],
};

/** Options of {@link annotatedWfdbDataset}. */
export interface AnnotatedWfdbOptions {
  /** Record names in the source (e.g. `100`, `a103l`). */
  records: string[];
  /** Window length, s. Default 10. */
  windowS?: number;
  /**
   * Treat contiguous blocks of this many minutes of a record as separate subjects (pseudo-subjects, for folders
   * with very few records). Windows never straddle blocks. Default: one subject per record.
   */
  blockMinutes?: number;
  /** At most this many windows per record (the first ones). Default 180 (30 min). */
  maxWindowsPerRecord?: number;
  /** Beat-annotation extension read for labels. Default 'atr'. */
  annotator?: string;
}

/** A record left out, and why. */
export interface SkippedRecord {
  record: string;
  reason: string;
}

/** The dataset plus what was left out and where each record's RR labels come from. */
export interface AnnotatedWfdbDataset extends LabelledDataset {
  skipped: SkippedRecord[];
  /** Per record used: 'annotations' (beat labels) or 'detection' (ecg-io R-peak detection on the first ECG lead). */
  rrSource: Record<string, 'annotations' | 'detection'>;
}

/** Lowest sampling rate accepted for an ECG channel, Hz. */
const MIN_RATE_HZ = 100;

/**
 * Cuts real annotated WFDB recordings into labelled windows for EnECG: the ECG channels of each record (a
 * channel whose name is a lead, or starts with ECG / ML / MCL), non-overlapping windows, RR interval labels
 * (median RR of the beats in the window; from the beat annotations when the record has them, else detected R
 * peaks) and, where MIT beat labels exist, whether the window holds a non-normal beat. Browser-safe: any
 * FileSource (memory, dropped files, URL, Node folder).
 */
export async function annotatedWfdbDataset(
  source: FileSource,
  options: AnnotatedWfdbOptions,
): Promise<AnnotatedWfdbDataset> {
  const windowS = options.windowS ?? 10;
  const annotator = options.annotator ?? 'atr';
  const maxWindows = options.maxWindowsPerRecord ?? 180;
  const examples: LabelledEcg[] = [];
  const skipped: SkippedRecord[] = [];
  const rrSource: AnnotatedWfdbDataset['rrSource'] = {};
  let anyBeatLabels = false;
  for (const name of options.records) {
    let header: Awaited<ReturnType<typeof readWfdbHeader>>;
    try {
      header = await readWfdbHeader(source, name);
    } catch (error) {
      skipped.push({ record: name, reason: `unreadable header (${(error as Error).message})` });
      continue;
    }
    if (!('signals' in header) || header.signals.length === 0) {
      skipped.push({ record: name, reason: 'multi-segment or signal-less records are not used' });
      continue;
    }
    const ecg = header.signals.flatMap((signal, index) => (isEcgChannel(signal.description) ? [index] : []));
    if (ecg.length === 0) {
      skipped.push({
        record: name,
        reason: `no ECG channel (names: ${header.signals.map((s) => s.description).join(', ')})`,
      });
      continue;
    }
    const fs = header.samplingFrequency;
    if (fs < MIN_RATE_HZ) {
      skipped.push({ record: name, reason: `frame rate ${fs} Hz is below ${MIN_RATE_HZ} Hz` });
      continue;
    }
    const windowFrames = Math.round(windowS * fs);
    const length = header.numberOfSamples ?? 0;
    const blockFrames = options.blockMinutes
      ? Math.round(options.blockMinutes * 60 * fs)
      : Number.POSITIVE_INFINITY;
    const windows = windowStarts(length, windowFrames, blockFrames).slice(0, maxWindows);
    if (windows.length === 0) {
      skipped.push({
        record: name,
        reason: `shorter than one ${windowS} s window (${(length / fs).toFixed(1)} s)`,
      });
      continue;
    }
    const beats = await readBeats(source, name, annotator);
    if (beats) anyBeatLabels = true;
    rrSource[name] = beats ? 'annotations' : 'detection';
    for (const from of windows) {
      let record: EcgRecord;
      try {
        record = await readWfdbRecord(source, name, { from, to: from + windowFrames, signals: ecg });
      } catch (error) {
        skipped.push({ record: name, reason: `unreadable samples (${(error as Error).message})` });
        break;
      }
      record = withLeadNames(record);
      const inWindow = beats?.filter((b) => b.sample >= from && b.sample < from + windowFrames);
      const rr = inWindow
        ? medianRrMs(
            inWindow.map((b) => b.sample),
            fs,
          )
        : medianRrMs(Array.from(detectRPeaks(record.physical[0], fs)), fs);
      const block = Number.isFinite(blockFrames) ? Math.floor(from / blockFrames) : 0;
      examples.push({
        id: `${name}@${(from / fs).toFixed(0)}s`,
        subjectId: Number.isFinite(blockFrames) ? `${name}#block${block}` : name,
        record,
        targets: {
          rr_interval: rr,
          abnormal_beat: inWindow ? (inWindow.some((b) => b.symbol !== 'N') ? 1 : 0) : null,
        },
      });
    }
  }
  const tasks = anyBeatLabels ? [RR_TASK, ABNORMAL_BEAT_TASK] : [RR_TASK];
  const subjects = new Set(examples.map((e) => e.subjectId)).size;
  return {
    name: 'wfdb-folder',
    description:
      `${examples.length} windows of ${windowS} s from ${Object.keys(rrSource).length} real WFDB records ` +
      `(${subjects} ${options.blockMinutes ? `pseudo-subjects: ${options.blockMinutes}-min blocks` : 'subjects: one per record'}); ` +
      `RR interval from beat annotations (.${annotator}) where present, else from R-peak detection; ` +
      'non-normal beat labels from MIT beat annotations only.',
    tasks,
    examples,
    skipped,
    rrSource,
  };
}

/** Start frames of non-overlapping windows that do not straddle block boundaries. */
export function windowStarts(length: number, windowFrames: number, blockFrames: number): number[] {
  const starts: number[] = [];
  for (let from = 0; from + windowFrames <= length; from += windowFrames) {
    const block = Math.floor(from / blockFrames);
    if (Number.isFinite(blockFrames) && from + windowFrames > (block + 1) * blockFrames) {
      from = (block + 1) * blockFrames - windowFrames; // next iteration starts at the block boundary
      continue;
    }
    starts.push(from);
  }
  return starts;
}

/** A channel is ECG when its name is a lead (I, MLII, V5, ...) or starts with ECG, ML or MCL. */
function isEcgChannel(description: string): boolean {
  return canonicalLeadName(description) !== null || /^(ecg|ml|mcl)/i.test(description.trim());
}

/**
 * Gives every channel a lead: an unnamed ECG channel ('ECG', 'ECG lead II' without a recognisable lead) is
 * read as lead II, the usual monitoring lead, so that backbones receive it instead of zeros.
 */
function withLeadNames(record: EcgRecord): EcgRecord {
  const signals = record.signals.map((signal) => (signal.lead ? signal : { ...signal, lead: 'II' as const }));
  return { ...record, signals };
}

/** Beat annotations (time and symbol) of a record, or null when it has no annotation file. */
async function readBeats(
  source: FileSource,
  name: string,
  annotator: string,
): Promise<{ sample: number; symbol: string }[] | null> {
  let bytes: Uint8Array;
  try {
    bytes = await source.read(`${name}.${annotator}`);
  } catch {
    return null;
  }
  const annotations = readAnnotations(bytes, { fileName: `${name}.${annotator}` });
  return annotations.filter((a) => isBeat(a.code)).map((a) => ({ sample: a.sample, symbol: a.symbol }));
}
