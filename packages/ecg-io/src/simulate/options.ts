import { EcgRangeError } from '../errors.js';
import { STANDARD_12_LEADS, type StandardLead } from '../leads.js';
import type { NoiseOptions } from './noise.js';
import { requireSeed } from './random.js';
import type { HrvOptions } from './rr-process.js';

/** Rhythms the simulator makes. */
export type SimulatedRhythm = 'sinus' | 'atrial-fibrillation';

/**
 * ST-segment deviation (an ST-T change). The shift is one heart dipole, the best fit of `mv` in `leads` and
 * no change elsewhere, so other leads move too (reciprocal changes) and the chosen leads differ a little from
 * each other; `labels.stDeviationMv` gives every lead's value.
 */
export interface StDeviationOptions {
  /** Leads to shift, e.g. V1-V4 (anterior), II, III, aVF (inferior), I, aVL, V5, V6 (lateral). */
  leads: readonly StandardLead[];
  /** Mean deviation over `leads` at J + 60 ms, mV: > 0 elevation, < 0 depression. */
  mv: number;
}

/** T-wave inversion: the T wave turns upside down in `leads` (others follow the changed T dipole). */
export interface TWaveInversionOptions {
  leads: readonly StandardLead[];
}

/** Atrial fibrillation details. */
export interface AtrialFibrillationOptions {
  /** Coefficient of variation of the RR intervals. Default 0.2. */
  rrCv?: number;
  /** Dominant frequency of the fibrillatory waves, Hz (4-9 Hz is typical). Default: the patient's, 5-7.5 Hz. */
  fWaveFrequencyHz?: number;
  /** Amplitude of the fibrillatory waves in V1, mV (peak; peak-to-peak is about twice). Default 0.05. */
  fWaveAmplitudeMv?: number;
}

/** Options of simulateEcg. Every option is optional. */
export interface SimulateEcgOptions {
  /** Seed of every random choice of this record, an integer in [0, 2^32). Default 1. */
  seed?: number;
  /**
   * Seed of the patient's heart (morphology, timing, ectopic foci, HRV); records sharing it share a heart.
   * Default: `seed`.
   */
  patientSeed?: number;
  /** Samples per second, 50-10000. Default 500. */
  samplingFrequency?: number;
  /** Record length in seconds, up to 3600. Default 10. */
  durationS?: number;
  /** Default 'sinus'. */
  rhythm?: SimulatedRhythm;
  /** Mean heart rate, bpm (30-200; the fastest possible depends on the QT). Default: the patient's, 58-90. */
  heartRateBpm?: number;
  /**
   * Heart rate variability of sinus rhythm. Defaults: the patient's HR standard deviation (1-3 bpm), LF/HF
   * ratio (0.5-2) and breathing rate (`hfHz`, 0.2-0.3 Hz); LF at 0.1 Hz; peak widths 0.01 Hz.
   */
  hrv?: HrvOptions;
  /** Details of atrial fibrillation (used when `rhythm` is 'atrial-fibrillation'). */
  atrialFibrillation?: AtrialFibrillationOptions;
  /** Probability that a normal sinus beat is followed by a premature ventricular beat (V). Default 0. */
  pvcProbability?: number;
  /** Probability that a normal sinus beat is followed by a premature atrial beat (A). Default 0. */
  pacProbability?: number;
  /** PR interval, ms (80-400; above 200 is first-degree AV block). Default: the patient's, 130-190. */
  prIntervalMs?: number;
  /** ST elevation or depression. Default none. */
  stDeviation?: StDeviationOptions;
  /** T-wave inversion. Default none. */
  tWaveInversion?: TWaveInversionOptions;
  /** Noise; default none (a clean signal). */
  noise?: NoiseOptions;
  /** ADC units per mV of the digital samples. Default 1000 (1 uV resolution). */
  gain?: number;
  /** Record name (letters, digits, `_`, `-`). Default `sim-<seed>`. */
  name?: string;
}

/** Throws EcgRangeError unless `min <= value <= max`. */
export function requireRange(field: string, value: number, min: number, max: number): void {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new EcgRangeError(`${field} must be in [${min}, ${max}], got ${value}`, { field });
  }
}

function requireLeads(field: string, leads: readonly string[]): void {
  if (leads.length === 0) throw new EcgRangeError(`${field} needs at least one lead`, { field });
  for (const lead of leads) {
    if (!(STANDARD_12_LEADS as readonly string[]).includes(lead)) {
      throw new EcgRangeError(`${field}: "${lead}" is not one of ${STANDARD_12_LEADS.join(', ')}`, { field });
    }
  }
}

/** Checks the options that can be checked on their own (heart rate against QT is checked when simulating). */
export function validateOptions(options: SimulateEcgOptions): void {
  const o = options;
  if (o.seed !== undefined) requireSeed('seed', o.seed);
  if (o.patientSeed !== undefined) requireSeed('patientSeed', o.patientSeed);
  if (o.samplingFrequency !== undefined) requireRange('samplingFrequency', o.samplingFrequency, 50, 10000);
  if (o.durationS !== undefined) requireRange('durationS', o.durationS, Number.MIN_VALUE, 3600);
  if (o.rhythm !== undefined && o.rhythm !== 'sinus' && o.rhythm !== 'atrial-fibrillation') {
    throw new EcgRangeError(
      `rhythm must be 'sinus' or 'atrial-fibrillation', got ${JSON.stringify(o.rhythm)}`,
      {
        field: 'rhythm',
      },
    );
  }
  if (o.heartRateBpm !== undefined) requireRange('heartRateBpm', o.heartRateBpm, 30, 200);
  const hrv = o.hrv ?? {};
  if (hrv.hrStdBpm !== undefined) requireRange('hrv.hrStdBpm', hrv.hrStdBpm, 0, 20);
  if (hrv.lfHz !== undefined) requireRange('hrv.lfHz', hrv.lfHz, 0.01, 0.5);
  if (hrv.hfHz !== undefined) requireRange('hrv.hfHz', hrv.hfHz, 0.01, 0.5);
  if (hrv.lfWidthHz !== undefined) requireRange('hrv.lfWidthHz', hrv.lfWidthHz, 0.001, 0.1);
  if (hrv.hfWidthHz !== undefined) requireRange('hrv.hfWidthHz', hrv.hfWidthHz, 0.001, 0.1);
  if (hrv.lfHfRatio !== undefined) requireRange('hrv.lfHfRatio', hrv.lfHfRatio, 0, 100);
  const af = o.atrialFibrillation ?? {};
  if (af.rrCv !== undefined) requireRange('atrialFibrillation.rrCv', af.rrCv, 0, 0.6);
  if (af.fWaveFrequencyHz !== undefined)
    requireRange('atrialFibrillation.fWaveFrequencyHz', af.fWaveFrequencyHz, 3, 12);
  if (af.fWaveAmplitudeMv !== undefined)
    requireRange('atrialFibrillation.fWaveAmplitudeMv', af.fWaveAmplitudeMv, 0, 1);
  const pvc = o.pvcProbability ?? 0;
  const pac = o.pacProbability ?? 0;
  requireRange('pvcProbability', pvc, 0, 1);
  requireRange('pacProbability', pac, 0, 1);
  if (pvc + pac > 1)
    throw new EcgRangeError(`pvcProbability + pacProbability must be <= 1, got ${pvc + pac}`);
  if (o.rhythm === 'atrial-fibrillation' && (pvc > 0 || pac > 0)) {
    throw new EcgRangeError(
      'premature beats are simulated in sinus rhythm only, not with atrial fibrillation',
    );
  }
  if (o.prIntervalMs !== undefined) requireRange('prIntervalMs', o.prIntervalMs, 80, 400);
  if (o.stDeviation !== undefined) {
    requireLeads('stDeviation.leads', o.stDeviation.leads);
    requireRange('stDeviation.mv', o.stDeviation.mv, -2, 2);
  }
  if (o.tWaveInversion !== undefined) requireLeads('tWaveInversion.leads', o.tWaveInversion.leads);
  const noise = o.noise ?? {};
  for (const key of ['baselineWanderSnrDb', 'emgSnrDb', 'powerlineSnrDb', 'electrodeMotionSnrDb'] as const) {
    const snr = noise[key];
    if (snr !== undefined) requireRange(`noise.${key}`, snr, -40, 120);
  }
  if (noise.powerlineHz !== undefined && noise.powerlineHz !== 50 && noise.powerlineHz !== 60) {
    throw new EcgRangeError(`noise.powerlineHz must be 50 or 60, got ${noise.powerlineHz}`, {
      field: 'noise.powerlineHz',
    });
  }
  if (o.gain !== undefined) requireRange('gain', o.gain, Number.MIN_VALUE, 1e6);
  if (o.name !== undefined && !/^[\w-]+$/.test(o.name)) {
    throw new EcgRangeError(`name must use letters, digits, _ and - only, got ${JSON.stringify(o.name)}`, {
      field: 'name',
    });
  }
}
