import type { StandardLead } from '../leads.js';
import { fitLeadPattern, projectDipole } from './dower.js';
import type { HeartMorphology } from './heart.js';
import { rotate, scaleVec, type Vec3 } from './vec3.js';
import { type BeatTemplate, type DipoleWave, VISIBLE_WIDTHS, waveEnd, waveStart } from './waves.js';

// Reference waves of a normal heart at 60 bpm, in Frank axes (x left, y feet, z back). Chosen so that the
// 12 leads through Dower's matrix look like a normal adult ECG: R about 1 mV in II, rS in V1-V2 with the
// transition at V3, small septal q in I, aVL, V5-V6, upright T except in aVR (and flat in V1), P about 0.1 mV
// in II and biphasic in V1; QRS 95 ms, QT 406 ms. The QRS loop runs from the anterior-rightward septal
// vector through the large leftward-inferior vector to the posterior-basal and terminal ones.

/** Sinus P wave: right then left atrium (s from the P-wave centre). */
const SINUS_P: BeatTemplate = [
  { centerS: -0.015, widthS: 0.018, vector: [0.04, 0.07, -0.05] },
  { centerS: 0.015, widthS: 0.018, vector: [0.07, 0.05, 0.05] },
];

/** Normal QRS complex (s from the R peak). */
const NORMAL_QRS: BeatTemplate = [
  { centerS: -0.026, widthS: 0.007, vector: [-0.1, 0.03, -0.22] },
  { centerS: 0, widthS: 0.01, vector: [0.95, 0.8, 0.1] },
  { centerS: 0.018, widthS: 0.009, vector: [0.3, -0.05, 0.95] },
  { centerS: 0.034, widthS: 0.007, vector: [-0.25, -0.1, 0.2] },
];

/** Gaussian waves that share one dipole direction: `factor` times a vector given elsewhere. */
interface ScalarWave {
  centerS: number;
  widthS: number;
  factor: number;
}

/** Normal T wave at 60 bpm along NORMAL_T_VECTOR: slow upstroke, faster downstroke (s from the R peak). */
const NORMAL_T_SHAPE: readonly ScalarWave[] = [
  { centerS: 0.25, widthS: 0.04, factor: 1 },
  { centerS: 0.3, widthS: 0.025, factor: 0.4 },
];
const NORMAL_T_VECTOR: Vec3 = [0.24, 0.13, -0.2];

/**
 * QRS of a premature ventricular beat: slurred onset, broad body, late offset, the first and last turned by
 * +-1 times the patient's PVC loop rotation away from the focus vector, so the wide QRS is notched and its
 * loop open rather than one smooth bump.
 */
const PVC_QRS_SHAPE: readonly (ScalarWave & { turn: number })[] = [
  { centerS: -0.03, widthS: 0.016, factor: 0.3, turn: 1 },
  { centerS: 0, widthS: 0.024, factor: 1, turn: 0 },
  { centerS: 0.035, widthS: 0.016, factor: 0.35, turn: -1 },
];

/** T wave of a premature ventricular beat at 60 bpm: discordant, opposite to the QRS focus vector. */
const PVC_T_SHAPE: readonly ScalarWave[] = [{ centerS: 0.27, widthS: 0.06, factor: -0.3 }];

function alongVector(shape: readonly ScalarWave[], vector: Vec3): BeatTemplate {
  return shape.map((w) => ({ centerS: w.centerS, widthS: w.widthS, vector: scaleVec(vector, w.factor) }));
}

/** Ectopic P wave: one wave, a little narrower than the sinus P. */
const ECTOPIC_P_WIDTH_S = 0.022;

/** End of the reference T wave, s from the R peak (QT 406 ms from the reference QRS onset). */
const REFERENCE_T_END_S = waveEnd([alongVector(NORMAL_T_SHAPE, NORMAL_T_VECTOR)], VISIBLE_WIDTHS);

/** ST deviations are measured this long after the J point (end of QRS), s. */
export const ST_MEASURE_AFTER_J_S = 0.06;

/**
 * The wave that raises or lowers the ST segment: centred this long after the J point and this wide (s), so it
 * is already under way at the J point, near its peak at J + 60 ms and merges into the T wave, as the ST
 * segment of an injury current does; scaled so that its value at J + 60 ms is the requested deviation.
 */
const ST_WAVE_AFTER_J_S = 0.08;
const ST_WAVE_WIDTH_S = 0.06;

/**
 * In the fits of ST and T changes, the leads asked for weigh this much more than the leads meant to stay as
 * they were. A dipole cannot change some leads alone; this weight gives the familiar territorial patterns
 * (e.g. inferior ST elevation with reciprocal depression in aVL) instead of changing every lead alike.
 */
const CHOSEN_LEAD_WEIGHT = 3;

/** Changes to the ventricular repolarisation that a condition brings. */
export interface RepolarisationChanges {
  /** Dipole added to the ST segment (its value at J + 60 ms), or null. */
  stShift: Vec3 | null;
  /** Leads in which the T wave is turned upside down (empty for none). */
  tInversionLeads: readonly StandardLead[];
}

/** The waves of one patient's ventricular beats at one mean heart rate. */
export interface VentricularShapes {
  /** QRS complexes, whose amplitude breathing modulates beat by beat. */
  normalQrs: BeatTemplate;
  pvcQrs: BeatTemplate;
  /** ST-T waves. */
  normalRepolarisation: BeatTemplate;
  pvcRepolarisation: BeatTemplate;
  /** Dipole of the normal T wave's main wave. */
  tVector: Vec3;
  /** Visible onset and offset (J point) of the normal QRS and end of its T wave, s from the R peak. */
  qrsOnsetS: number;
  jPointS: number;
  tEndS: number;
}

/** The waves of one patient's atrial beats. */
export interface AtrialShapes {
  sinus: BeatTemplate;
  ectopic: BeatTemplate;
}

/**
 * Repolarisation timing for the mean RR interval: ST-T waves are stretched about the QRS onset by
 * `QTc sqrt(RR) / (reference T end - QRS onset)`, so that QT = QTc * sqrt(RR) (Bazett). ECGSYN instead stretches the T
 * wave's phase by (HR/60)^(1/4), which makes QT follow RR^(3/4), and narrows the QRS with rising rate; the
 * QRS here keeps its duration, as conduction through the ventricles barely depends on rate.
 */
function repolarisationStretch(heart: HeartMorphology, qrsOnsetS: number, meanRrS: number): number {
  return ((heart.qtcMs / 1000) * Math.sqrt(meanRrS)) / (REFERENCE_T_END_S - qrsOnsetS);
}

/** The patient's ventricular waves at mean RR interval `meanRrS`, with a condition's repolarisation changes. */
export function ventricularShapes(
  heart: HeartMorphology,
  meanRrS: number,
  changes: RepolarisationChanges,
): VentricularShapes {
  const normalQrs = NORMAL_QRS.map((w) => ({
    centerS: w.centerS * heart.qrsWidthScale,
    widthS: w.widthS * heart.qrsWidthScale,
    vector: scaleVec(rotate(w.vector, heart.rotation), heart.qrsScale),
  }));
  const qrsOnsetS = waveStart([normalQrs], VISIBLE_WIDTHS);
  const jPointS = waveEnd([normalQrs], VISIBLE_WIDTHS);
  const pvcQrs = PVC_QRS_SHAPE.map((w) => ({
    centerS: w.centerS,
    widthS: w.widthS,
    vector: scaleVec(rotate(heart.pvcVector, scaleVec(heart.pvcLoopRotation, w.turn)), w.factor),
  }));
  const stretch = repolarisationStretch(heart, qrsOnsetS, meanRrS);
  let tVector = scaleVec(rotate(NORMAL_T_VECTOR, heart.rotation), heart.tScale);
  if (changes.tInversionLeads.length > 0) tVector = invertedInLeads(tVector, changes.tInversionLeads);
  const tWaves = stretchFrom(qrsOnsetS, stretch, alongVector(NORMAL_T_SHAPE, tVector));
  const stWave: DipoleWave[] = changes.stShift === null ? [] : [stDeviationWave(jPointS, changes.stShift)];
  const pvcOnsetS = waveStart([pvcQrs], VISIBLE_WIDTHS);
  return {
    normalQrs,
    pvcQrs,
    normalRepolarisation: [...stWave, ...tWaves],
    pvcRepolarisation: stretchFrom(pvcOnsetS, stretch, alongVector(PVC_T_SHAPE, heart.pvcVector)),
    tVector,
    qrsOnsetS,
    jPointS,
    tEndS: waveEnd([tWaves], VISIBLE_WIDTHS),
  };
}

/** Waves stretched in time by `factor` about the time `originS`. */
function stretchFrom(originS: number, factor: number, waves: BeatTemplate): BeatTemplate {
  return waves.map((w) => ({
    centerS: originS + (w.centerS - originS) * factor,
    widthS: w.widthS * factor,
    vector: w.vector,
  }));
}

/** The ST wave whose value at J + 60 ms is `shift`. */
function stDeviationWave(jPointS: number, shift: Vec3): DipoleWave {
  const offset = (ST_MEASURE_AFTER_J_S - ST_WAVE_AFTER_J_S) / ST_WAVE_WIDTH_S;
  return {
    centerS: jPointS + ST_WAVE_AFTER_J_S,
    widthS: ST_WAVE_WIDTH_S,
    vector: scaleVec(shift, 1 / Math.exp(-0.5 * offset * offset)),
  };
}

/**
 * The T-wave dipole that best shows the T wave negated in `leads` and unchanged in the other leads.
 * Neighbouring leads may flip too and a chosen lead may only flatten; the labels say which leads end up
 * inverted.
 */
function invertedInLeads(tVector: Vec3, leads: readonly StandardLead[]): Vec3 {
  return fitLeadPattern(
    (lead) => (leads.includes(lead) ? -1 : 1) * projectDipole(tVector, lead),
    leads,
    CHOSEN_LEAD_WEIGHT,
  );
}

/**
 * The ST-shift dipole for a deviation of `mv` in `leads`: the best fit of `mv` in those leads and no change in
 * the others, scaled so that the chosen leads deviate by `mv` on average. Null when `mv` is 0.
 */
export function stShiftDipole(leads: readonly StandardLead[], mv: number): Vec3 | null {
  if (mv === 0) return null;
  const shape = fitLeadPattern((lead) => (leads.includes(lead) ? mv : 0), leads, CHOSEN_LEAD_WEIGHT);
  const mean = leads.reduce((sum, lead) => sum + projectDipole(shape, lead), 0) / leads.length;
  return scaleVec(shape, mv / mean);
}

/** The patient's atrial waves (sinus and ectopic P). */
export function atrialShapes(heart: HeartMorphology): AtrialShapes {
  return {
    sinus: SINUS_P.map((w) => ({ ...w, vector: scaleVec(rotate(w.vector, heart.rotation), heart.pScale) })),
    ectopic: [{ centerS: 0, widthS: ECTOPIC_P_WIDTH_S, vector: heart.ectopicPVector }],
  };
}
