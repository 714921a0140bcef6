import { butter } from '../preprocess/butter.js';
import { sosfilt } from '../preprocess/sos.js';
import type { Sos } from '../preprocess/sos-types.js';
import type { SeededRandom } from './random.js';
import { fillSamples } from './samples.js';

/**
 * Noise added to a simulated ECG. Each kind is off unless its signal-to-noise ratio is given. SNR is
 * `10 log10(signal power / noise power)` with powers summed over the 12 leads, the signal's without its mean.
 * Noise is made at each electrode (RA, LA, LL, V1-V6) and reaches the leads the way real noise does, so
 * Einthoven's and Goldberger's relations hold for the noisy leads too.
 */
export interface NoiseOptions {
  /** Baseline wander: breathing (a sine at the breathing rate) and slow electrode drift below 0.5 Hz. */
  baselineWanderSnrDb?: number;
  /** Muscle (EMG) noise: Gaussian noise band-limited to 20-150 Hz (to 0.45 fs when lower). */
  emgSnrDb?: number;
  /** Power-line interference: a sine at `powerlineHz`. */
  powerlineSnrDb?: number;
  /** Mains frequency, Hz. Default 50. */
  powerlineHz?: 50 | 60;
  /** Electrode motion: sudden baseline shifts that decay within about a second, at random electrodes. */
  electrodeMotionSnrDb?: number;
}

/** Electrodes whose potentials make the 12 leads: limb electrodes RA, LA, LL, then chest electrodes V1-V6. */
const ELECTRODES = ['RA', 'LA', 'LL', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;

/** One kind of noise at every electrode (one array per electrode, ELECTRODES order). */
export type ElectrodeNoise = Float64Array[];

/** Time (s) generated before the record and dropped so that each filter has settled (transient < 1e-3). */
const DRIFT_SETTLE_S = 4;
const EMG_SETTLE_S = 0.5;

/** Lowest and highest EMG frequencies, Hz. */
const EMG_BAND_HZ = [20, 150] as const;
/** Upper edge of electrode drift, Hz. */
const DRIFT_HZ = 0.5;
/** Electrode motion events per second (at least one per record) and their time constants (s). */
const MOTION_RATE_HZ = 0.2;
const MOTION_TIME_CONSTANT_S = [0.05, 0.3] as const;

/** White Gaussian noise filtered through `sos`, after `settleS` seconds of it that are dropped. */
function filteredNoise(
  sos: Sos,
  settleS: number,
  length: number,
  fs: number,
  random: SeededRandom,
): Float64Array {
  const settle = Math.round(settleS * fs);
  const white = fillSamples(new Float64Array(settle + length), () => random.normal());
  return sosfilt(sos, white).subarray(settle);
}

/** Breathing at `breathingHz` plus slow drift, at each electrode; amplitudes differ between electrodes. */
export function baselineWander(
  length: number,
  fs: number,
  breathingHz: number,
  random: SeededRandom,
): ElectrodeNoise {
  const drift = butter(2, DRIFT_HZ, 'lowpass', fs);
  const breathingPhase = random.uniform(0, 2 * Math.PI);
  return ELECTRODES.map(() => {
    const breathing = random.uniform(0.5, 1.5);
    const phase = breathingPhase + random.normal(0, 0.3);
    const slow = filteredNoise(drift, DRIFT_SETTLE_S, length, fs, random);
    const slowRms = Math.sqrt(slow.reduce((sum, v) => sum + v * v, 0) / length);
    const slowScale = random.uniform(0.5, 1.5) / slowRms;
    return fillSamples(
      new Float64Array(length),
      (n) => breathing * Math.sin((2 * Math.PI * breathingHz * n) / fs + phase) + slowScale * slow[n],
    );
  });
}

/** Muscle noise: independent band-limited Gaussian noise at each electrode. */
export function emgNoise(length: number, fs: number, random: SeededRandom): ElectrodeNoise {
  const band = butter(4, [EMG_BAND_HZ[0], Math.min(EMG_BAND_HZ[1], 0.45 * fs)], 'bandpass', fs);
  return ELECTRODES.map(() => filteredNoise(band, EMG_SETTLE_S, length, fs, random));
}

/** Mains interference: one phase for all electrodes, amplitudes that differ with electrode impedance. */
export function powerlineNoise(
  length: number,
  fs: number,
  lineHz: number,
  random: SeededRandom,
): ElectrodeNoise {
  const phase = random.uniform(0, 2 * Math.PI);
  return ELECTRODES.map(() => {
    const amplitude = random.uniform(0.5, 1.5);
    return fillSamples(
      new Float64Array(length),
      (n) => amplitude * Math.sin((2 * Math.PI * lineHz * n) / fs + phase),
    );
  });
}

/**
 * Electrode motion: at Poisson-distributed times (at least once per record) one electrode's potential jumps
 * and recovers, `A (u) exp(1 - u)` with `u = (t - onset) / tau` (peak A at t = onset + tau), tau 50-300 ms.
 */
export function electrodeMotion(length: number, fs: number, random: SeededRandom): ElectrodeNoise {
  const noise = ELECTRODES.map(() => new Float64Array(length));
  const events = Math.max(1, poisson((MOTION_RATE_HZ * length) / fs, random));
  for (let e = 0; e < events; e++) {
    const electrode = noise[Math.floor(random.next() * noise.length)];
    const onset = Math.floor(random.next() * length);
    const tau = random.uniform(...MOTION_TIME_CONSTANT_S) * fs;
    const amplitude = random.uniform(0.5, 1.5) * (random.next() < 0.5 ? -1 : 1);
    for (let n = onset; n < length; n++) {
      const u = (n - onset) / tau;
      if (u > 30) break; // below 1e-11 of the peak
      electrode[n] += amplitude * u * Math.exp(1 - u);
    }
  }
  return noise;
}

/** A Poisson-distributed count with mean `mean` (Knuth's method; fine for the small means used here). */
function poisson(mean: number, random: SeededRandom): number {
  const limit = Math.exp(-mean);
  let count = 0;
  for (let product = random.next(); product > limit; product *= random.next()) count++;
  return count;
}
