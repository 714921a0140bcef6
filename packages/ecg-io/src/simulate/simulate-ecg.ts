import { EcgRangeError } from '../errors.js';
import type { EcgRecord } from '../record.js';
import { addNoise } from './add-noise.js';
import {
  type BeatSchedule,
  fibrillationSchedule,
  SCHEDULE_MARGIN_S,
  sinusSchedule,
} from './beat-schedule.js';
import { buildRecord } from './build-record.js';
import { integrateDipole } from './dipole-ode.js';
import { fibrillatoryWaves } from './fibrillatory-waves.js';
import { type HeartMorphology, randomHeart } from './heart.js';
import { computeLabels, labelledBeats, type SimulatedEcgLabels } from './labels.js';
import {
  atrialShapes,
  type RepolarisationChanges,
  ST_MEASURE_AFTER_J_S,
  stShiftDipole,
  ventricularShapes,
} from './morphology.js';
import { type SimulateEcgOptions, validateOptions } from './options.js';
import {
  MAX_ACTIVE_FRACTION,
  type PacemakerPhase,
  planPacemaker,
  shortestCycle,
  waveSpan,
} from './pacemaker.js';
import { SeededRandom } from './random.js';
import { DEFAULT_HRV, type HrvOptions, rrProcess } from './rr-process.js';
import { digitizeLeads, dipoleToLeads } from './twelve-leads.js';
import { type BeatTemplate, scaleTemplate, VISIBLE_WIDTHS, waveEnd, waveStart } from './waves.js';

/** A simulated record and what is known about it. */
export interface SimulatedEcg {
  /** The 12 standard leads in mV (`physical`) and as 16-bit ADC values (`digital`). */
  record: EcgRecord;
  labels: SimulatedEcgLabels;
}

/**
 * The model is integrated at the smallest multiple of the sampling rate that reaches this rate (Hz), then
 * decimated by taking every n-th point, as ECGSYN does. At 500 Hz the integration error stays below 1 uV
 * (the ADC step at the default gain) for the narrowest waves; beat times fall on this grid.
 */
const MIN_INTEGRATION_RATE_HZ = 500;
/** Breathing changes the QRS amplitude by this fraction either way (ECG-derived respiration relies on it). */
const BREATHING_QRS_MODULATION = 0.05;
const DEFAULT_AF_RR_CV = 0.2;
const DEFAULT_F_WAVE_AMPLITUDE_MV = 0.05;

/**
 * Simulates a labelled 12-lead ECG: the ECGSYN dynamical model (McSharry et al. 2003) extended to a
 * three-dimensional heart dipole (Sameni et al. 2007), with separate atrial and ventricular pacemakers,
 * projected on the 12 leads with Dower's matrix, plus optional noise. Deterministic for given options.
 *
 * @example
 * const { record, labels } = simulateEcg({ seed: 1, heartRateBpm: 72, pvcProbability: 0.2 });
 * labels.beats[2]; // { sample: 959, symbol: 'V' }: a PVC, labelled at its R peak
 */
export function simulateEcg(options: SimulateEcgOptions = {}): SimulatedEcg {
  validateOptions(options);
  const seed = options.seed ?? 1;
  const patientSeed = options.patientSeed ?? seed;
  const heart = randomHeart(patientSeed);
  const fs = options.samplingFrequency ?? 500;
  const durationS = options.durationS ?? 10;
  const length = Math.max(1, Math.round(durationS * fs));
  const rhythm = options.rhythm ?? 'sinus';
  const heartRateBpm = options.heartRateBpm ?? heart.restingHeartRateBpm;
  const meanRrS = 60 / heartRateBpm;
  const prIntervalMs = options.prIntervalMs ?? heart.prIntervalMs;
  const pvcProbability = options.pvcProbability ?? 0;
  const hrv = resolveHrv(heart, options.hrv);
  const random = new SeededRandom(seed);

  const changes: RepolarisationChanges = {
    stShift: options.stDeviation ? stShiftDipole(options.stDeviation.leads, options.stDeviation.mv) : null,
    tInversionLeads: options.tWaveInversion?.leads ?? [],
  };
  const ventricular = ventricularShapes(heart, meanRrS, changes);
  const atrial = atrialShapes(heart);
  const normalBeat = [...ventricular.normalQrs, ...ventricular.normalRepolarisation];
  const pvcBeat = [...ventricular.pvcQrs, ...ventricular.pvcRepolarisation];
  const ventricularKinds = pvcProbability > 0 ? [normalBeat, pvcBeat] : [normalBeat];
  requireRoomForBeats(ventricularKinds, meanRrS, heartRateBpm);

  const pToRS = prIntervalMs / 1000 + waveStart([atrial.sinus], VISIBLE_WIDTHS) - ventricular.qrsOnsetS;

  const schedule: BeatSchedule =
    rhythm === 'sinus'
      ? sinusSchedule(
          {
            rrAt: rrProcess(heartRateBpm, hrv, durationS + 2 * SCHEDULE_MARGIN_S, random.fork('rr')),
            pToRS,
            pvcProbability,
            pacProbability: options.pacProbability ?? 0,
            shortestPvcCouplingS: shortestCycle(normalBeat, pvcBeat, meanRrS),
            shortestPacCouplingS: shortestCycle(normalBeat, normalBeat, meanRrS),
          },
          durationS,
          random.fork('beats'),
        )
      : fibrillationSchedule(
          {
            meanRrS,
            rrCv: options.atrialFibrillation?.rrCv ?? DEFAULT_AF_RR_CV,
            minRrS: shortestCycle(normalBeat, normalBeat, meanRrS),
          },
          durationS,
          random.fork('beats'),
        );

  const decimation = Math.ceil(MIN_INTEGRATION_RATE_HZ / fs);
  const stepS = 1 / (decimation * fs);
  const breathingPhase = random.fork('breathing').uniform(0, 2 * Math.PI);
  const ventricularTemplates = schedule.beats.map((beat): BeatTemplate => {
    if (beat.symbol === 'V') return pvcBeat;
    const breathing =
      1 + BREATHING_QRS_MODULATION * Math.sin(2 * Math.PI * hrv.hfHz * beat.timeS + breathingPhase);
    return [...scaleTemplate(ventricular.normalQrs, breathing), ...ventricular.normalRepolarisation];
  });
  const ventricles = planPacemaker(
    schedule.beats.map((b) => b.timeS),
    ventricularTemplates,
    meanRrS,
    stepS,
  );
  const pacemakers: PacemakerPhase[] = [ventricles];
  if (schedule.atrial.length > 0) {
    pacemakers.push(
      planPacemaker(
        schedule.atrial.map((a) => a.timeS),
        schedule.atrial.map((a) => (a.ectopic ? atrial.ectopic : atrial.sinus)),
        meanRrS,
        stepS,
      ),
    );
  }
  const dipole = integrateDipole(pacemakers, decimation, length);
  const fWaveFrequencyHz =
    rhythm === 'atrial-fibrillation'
      ? (options.atrialFibrillation?.fWaveFrequencyHz ?? heart.fWaveFrequencyHz)
      : null;
  if (fWaveFrequencyHz !== null) {
    const amplitude = options.atrialFibrillation?.fWaveAmplitudeMv ?? DEFAULT_F_WAVE_AMPLITUDE_MV;
    const waves = fibrillatoryWaves(fWaveFrequencyHz, amplitude, fs, length, random.fork('f-waves'));
    for (let c = 0; c < 3; c++) for (let n = 0; n < length; n++) dipole[c][n] += waves[c][n];
  }

  const leads = dipoleToLeads(dipole);
  const warnings = addNoise(leads, options.noise ?? {}, hrv.hfHz, fs, random);
  const gain = options.gain ?? 1000;
  const { digital, clippedLeads } = digitizeLeads(leads, gain);
  if (clippedLeads.length > 0) {
    warnings.push(
      `leads ${clippedLeads.join(', ')} exceed the 16-bit range at gain ${gain} and were clipped`,
    );
  }

  const { beats, rrIntervalsMs, rateIntervalsMs } = labelledBeats(
    schedule.beats,
    ventricles,
    decimation,
    fs,
    length,
  );
  const uninverted = ventricularShapes(heart, meanRrS, { ...changes, tInversionLeads: [] });
  const labels = computeLabels({
    rhythm,
    beats,
    rrIntervalsMs,
    rateIntervalsMs,
    normalVentricular: normalBeat,
    sinusP: atrial.sinus,
    pToRS,
    pStartS: waveStart([atrial.sinus], VISIBLE_WIDTHS),
    pEndS: waveEnd([atrial.sinus], VISIBLE_WIDTHS),
    qrsOnsetS: ventricular.qrsOnsetS,
    jPointS: ventricular.jPointS,
    tEndS: ventricular.tEndS,
    stMeasureAfterJS: ST_MEASURE_AFTER_J_S,
    prIntervalMs,
    stShift: changes.stShift,
    tVector: ventricular.tVector,
    uninvertedTVector: uninverted.tVector,
    fWaveFrequencyHz,
  });
  const record = buildRecord({
    name: options.name ?? `sim-${seed}`,
    samplingFrequency: fs,
    gain,
    digital,
    fields: {
      Simulator: '@enecg/ecg-io simulateEcg (ECGSYN heart-dipole model, Dower leads)',
      Seed: String(seed),
      'Patient seed': String(patientSeed),
      Rhythm: labels.rhythm,
      Labels: labels.scpCodes.join(' '),
    },
    warnings,
  });
  return { record, labels };
}

/** HRV options with the patient's values for what the caller left out. */
function resolveHrv(heart: HeartMorphology, hrv: HrvOptions = {}): Required<HrvOptions> {
  return {
    ...DEFAULT_HRV,
    hrStdBpm: heart.hrStdBpm,
    hfHz: heart.breathingHz,
    lfHfRatio: heart.lfHfRatio,
    ...Object.fromEntries(Object.entries(hrv).filter(([, v]) => v !== undefined)),
  };
}

/** Throws EcgRangeError when the beats' waves (P-QRS-T) do not fit in the mean RR interval. */
function requireRoomForBeats(
  templates: readonly BeatTemplate[],
  meanRrS: number,
  heartRateBpm: number,
): void {
  const { beforeS, afterS } = waveSpan(templates);
  if (beforeS + afterS > MAX_ACTIVE_FRACTION * meanRrS) {
    const fastest = (60 * MAX_ACTIVE_FRACTION) / (beforeS + afterS);
    throw new EcgRangeError(
      `heart rate ${heartRateBpm.toFixed(0)} bpm is too fast for this patient's ` +
        `QRS-T (${((beforeS + afterS) * 1000).toFixed(0)} ms); ` +
        `at most about ${fastest.toFixed(0)} bpm`,
      { field: 'heartRateBpm' },
    );
  }
}
