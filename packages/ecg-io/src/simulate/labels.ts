import { PTBXL_SUPERCLASSES, type PtbXlSuperclass } from '../datasets/ptbxl-metadata.js';
import { STANDARD_12_LEADS, type StandardLead } from '../leads.js';
import type { BeatSymbol, ScheduledBeat } from './beat-schedule.js';
import { projectDipole } from './dower.js';
import type { SimulatedRhythm } from './options.js';
import type { PacemakerPhase } from './pacemaker.js';
import { addVec, type Vec3 } from './vec3.js';
import { type BeatTemplate, templateDipole } from './waves.js';

/** One labelled beat: the sample of its R peak and its WFDB annotation symbol. */
export interface SimulatedBeat {
  sample: number;
  symbol: BeatSymbol;
}

/** PTB-XL rhythm statement of a simulated record. */
export type SimulatedRhythmCode = 'SR' | 'SBRAD' | 'STACH' | 'AFIB';

/** What is known about a simulated record, by construction. */
export interface SimulatedEcgLabels {
  /** AFIB, or sinus named by rate as PTB-XL does: SBRAD below 60 bpm, STACH above 100 bpm, else SR. */
  rhythm: SimulatedRhythmCode;
  /** 60000 / mean of `rrIntervalsMs` (of the RR interval spanning the record when it holds no beat). */
  heartRateBpm: number;
  /** For each labelled beat, the interval from the previous beat (which may lie before the record), ms. */
  rrIntervalsMs: number[];
  medianRrMs: number;
  /** Every beat whose R peak lies in the record, in time order. */
  beats: SimulatedBeat[];
  /**
   * Wave boundaries of a normal beat, ms from its R peak: P onset (null without P waves), QRS onset, J point
   * (QRS end) and T end. A wave starts or ends 2.5 Gaussian widths from its centre (4.4 % of its peak).
   */
  waveBoundariesMs: { pOnset: number | null; qrsOnset: number; jPoint: number; tEnd: number };
  /** PR interval (P onset to QRS onset) of conducted sinus beats, ms; null in atrial fibrillation. */
  prIntervalMs: number | null;
  /** QRS duration of normal beats (onset to J point), ms. */
  qrsDurationMs: number;
  /** QT interval of normal beats (QRS onset to T end), ms. */
  qtIntervalMs: number;
  /** QT corrected with Bazett's formula and the record's mean RR, ms. */
  qtcMs: number;
  /**
   * ST level of a normal beat at J + 60 ms against the baseline, per lead, mV, noise-free: the baseline is the
   * middle of the PR segment, or 20 ms before QRS onset when that is earlier or there is no P wave. Within
   * +-0.05 mV without an ST condition.
   */
  stDeviationMv: Record<StandardLead, number>;
  /** Leads whose T wave is negative because of a T-wave inversion (upright without it). */
  tWaveInvertedLeads: StandardLead[];
  /** ST-T change: ST elevation >= 0.1 mV or depression >= 0.05 mV from the condition, or T-wave inversion. */
  sttChange: boolean;
  /** PR interval above 200 ms in sinus rhythm. */
  firstDegreeAvBlock: boolean;
  /** Dominant frequency of the fibrillatory waves (AF), else null. */
  fWaveFrequencyHz: number | null;
  /**
   * PTB-XL SCP statements that apply: the rhythm, NORM, 1AVB, PVC, PAC, STE_ (elevation >= 0.1 mV), STD_
   * (depression >= 0.05 mV), INVT (T inversion).
   */
  scpCodes: string[];
  /** CD for 1AVB, STTC for an ST-T change, NORM for sinus rhythm with neither. */
  superclasses: PtbXlSuperclass[];
}

/** Everything the labels are computed from. */
export interface LabelSources {
  rhythm: SimulatedRhythm;
  beats: SimulatedBeat[];
  rrIntervalsMs: number[];
  /** RR intervals (ms) for the heart rate: `rrIntervalsMs`, or the one spanning a record without beats. */
  rateIntervalsMs: number[];
  /** Normal beat templates and their timing (s from the R peak). */
  normalVentricular: BeatTemplate;
  sinusP: BeatTemplate;
  /** Time from P-wave centre to R peak (s), and the P wave's visible start and end (s from its centre). */
  pToRS: number;
  pStartS: number;
  pEndS: number;
  qrsOnsetS: number;
  jPointS: number;
  tEndS: number;
  stMeasureAfterJS: number;
  prIntervalMs: number;
  /** Dipole of the ST change (its value at J + 60 ms), or null. */
  stShift: Vec3 | null;
  /** T-wave dipole with and without the condition's inversion. */
  tVector: Vec3;
  uninvertedTVector: Vec3;
  fWaveFrequencyHz: number | null;
}

/** The baseline is read at least this long (s) before the QRS onset. */
const BASELINE_BEFORE_QRS_S = 0.02;
const ST_ELEVATION_MV = 0.1;
const ST_DEPRESSION_MV = -0.05;
const FIRST_DEGREE_AV_BLOCK_MS = 200;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

function rhythmCode(rhythm: SimulatedRhythm, heartRateBpm: number): SimulatedRhythmCode {
  if (rhythm === 'atrial-fibrillation') return 'AFIB';
  if (heartRateBpm < 60) return 'SBRAD';
  return heartRateBpm > 100 ? 'STACH' : 'SR';
}

/** The labels of a simulated record. */
export function computeLabels(s: LabelSources): SimulatedEcgLabels {
  const sinus = s.rhythm === 'sinus';
  const meanRrMs = s.rateIntervalsMs.reduce((a, b) => a + b, 0) / s.rateIntervalsMs.length;
  const heartRateBpm = 60000 / meanRrMs;
  const rhythm = rhythmCode(s.rhythm, heartRateBpm);
  const qtIntervalMs = (s.tEndS - s.qrsOnsetS) * 1000;

  // Noise-free normal beat, ventricular waves plus the P wave (which ends before the QRS).
  const beatAt = (t: number): Vec3 => {
    const ventricular = templateDipole(s.normalVentricular, t);
    return sinus ? addVec(ventricular, templateDipole(s.sinusP, t + s.pToRS)) : ventricular;
  };
  const latestBaselineT = s.qrsOnsetS - BASELINE_BEFORE_QRS_S;
  const prSegmentMiddleT = (s.pEndS - s.pToRS + s.qrsOnsetS) / 2;
  const baselineT = sinus ? Math.min(prSegmentMiddleT, latestBaselineT) : latestBaselineT;
  const baseline = beatAt(baselineT);
  const st = beatAt(s.jPointS + s.stMeasureAfterJS);
  const stDeviationMv = Object.fromEntries(
    STANDARD_12_LEADS.map((lead) => [lead, projectDipole(st, lead) - projectDipole(baseline, lead)]),
  ) as Record<StandardLead, number>;

  const { stShift } = s;
  const shifts = stShift === null ? [0] : STANDARD_12_LEADS.map((lead) => projectDipole(stShift, lead));
  const elevation = Math.max(...shifts) >= ST_ELEVATION_MV;
  const depression = Math.min(...shifts) <= ST_DEPRESSION_MV;
  const tWaveInvertedLeads = STANDARD_12_LEADS.filter(
    (lead) => projectDipole(s.tVector, lead) < 0 && projectDipole(s.uninvertedTVector, lead) > 0,
  );
  const sttChange = elevation || depression || tWaveInvertedLeads.length > 0;
  const firstDegreeAvBlock = sinus && s.prIntervalMs > FIRST_DEGREE_AV_BLOCK_MS;

  const superclasses = PTBXL_SUPERCLASSES.filter(
    (c) =>
      (c === 'CD' && firstDegreeAvBlock) ||
      (c === 'STTC' && sttChange) ||
      (c === 'NORM' && sinus && !firstDegreeAvBlock && !sttChange),
  );
  const scpCodes = [
    rhythm,
    ...(superclasses.includes('NORM') ? ['NORM'] : []),
    ...(firstDegreeAvBlock ? ['1AVB'] : []),
    ...(s.beats.some((b) => b.symbol === 'V') ? ['PVC'] : []),
    ...(s.beats.some((b) => b.symbol === 'A') ? ['PAC'] : []),
    ...(elevation ? ['STE_'] : []),
    ...(depression ? ['STD_'] : []),
    ...(tWaveInvertedLeads.length > 0 ? ['INVT'] : []),
  ];
  return {
    rhythm,
    heartRateBpm,
    rrIntervalsMs: s.rrIntervalsMs,
    medianRrMs: median(s.rateIntervalsMs),
    beats: s.beats,
    waveBoundariesMs: {
      pOnset: sinus ? (s.pStartS - s.pToRS) * 1000 : null,
      qrsOnset: s.qrsOnsetS * 1000,
      jPoint: s.jPointS * 1000,
      tEnd: s.tEndS * 1000,
    },
    prIntervalMs: sinus ? s.prIntervalMs : null,
    qrsDurationMs: (s.jPointS - s.qrsOnsetS) * 1000,
    qtIntervalMs,
    qtcMs: qtIntervalMs / Math.sqrt(meanRrMs / 1000),
    stDeviationMv,
    tWaveInvertedLeads,
    sttChange,
    firstDegreeAvBlock,
    fWaveFrequencyHz: s.fWaveFrequencyHz,
    scpCodes,
    superclasses,
  };
}

/** The beats whose R peak falls in the record, their RR intervals, and the intervals for the heart rate. */
export function labelledBeats(
  scheduled: readonly ScheduledBeat[],
  ventricles: PacemakerPhase,
  decimation: number,
  fs: number,
  length: number,
): { beats: SimulatedBeat[]; rrIntervalsMs: number[]; rateIntervalsMs: number[] } {
  const index = ventricles.beatIndex;
  const beats: SimulatedBeat[] = [];
  const rrIntervalsMs: number[] = [];
  let spanningMs = Number.NaN;
  for (let k = 1; k < scheduled.length; k++) {
    const sample = Math.round(index[k] / decimation) + 0; // + 0 turns -0 into 0
    const rrMs = ((index[k] - index[k - 1]) * 1000) / (decimation * fs);
    if (sample >= length && Number.isNaN(spanningMs)) spanningMs = rrMs;
    if (sample < 0 || sample >= length) continue;
    beats.push({ sample, symbol: scheduled[k].symbol });
    rrIntervalsMs.push(rrMs);
  }
  return { beats, rrIntervalsMs, rateIntervalsMs: rrIntervalsMs.length > 0 ? rrIntervalsMs : [spanningMs] };
}
