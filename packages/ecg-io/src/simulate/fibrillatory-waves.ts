import { leadVector } from './dower.js';
import type { SeededRandom } from './random.js';
import { dot, scaleVec, type Vec3 } from './vec3.js';

/**
 * Direction of the atrial dipole during fibrillation: rightward, inferior and anterior, so the f waves are
 * largest in V1-V2 and clear in the inferior leads, as usually seen.
 */
const F_WAVE_DIRECTION: Vec3 = [-0.6, 0.5, -0.6];

/** Harmonics of the sawtooth. */
const HARMONICS = 5;
/** Frequency modulation: deviation (Hz) and rate (Hz); amplitude modulation: depth and rate (Hz). */
const FREQUENCY_DEVIATION_HZ = 0.2;
const FREQUENCY_MODULATION_HZ = 0.1;
const AMPLITUDE_DEPTH = 0.3;
const AMPLITUDE_MODULATION_HZ = 0.08;

/**
 * Fibrillatory waves of atrial fibrillation with the sawtooth model of Stridh and Sornmo ("Spatiotemporal QRST
 * cancellation techniques for analysis of atrial fibrillation", IEEE TBME 2001;48:105-111):
 *   f(t) = -sum_{i=1..5} (2 / (i pi)) a(t) sin(i phi(t)),  a(t) = a (1 + 0.3 sin(2 pi 0.08 t)),
 *   phi(t) = 2 pi f0 t + (0.2 / 0.1) sin(2 pi 0.1 t),
 * a dominant frequency `frequencyHz` that wanders by +-0.2 Hz, projected along one atrial dipole direction
 * scaled so that `amplitudeMv` is the sawtooth's amplitude in lead V1. Returns the dipole (x, y, z) added over
 * `length` samples at `fs`.
 */
export function fibrillatoryWaves(
  frequencyHz: number,
  amplitudeMv: number,
  fs: number,
  length: number,
  random: SeededRandom,
): [Float64Array, Float64Array, Float64Array] {
  const direction = scaleVec(F_WAVE_DIRECTION, 1 / dot(F_WAVE_DIRECTION, leadVector('V1')));
  const phase0 = random.uniform(0, 2 * Math.PI);
  const modulationPhase = random.uniform(0, 2 * Math.PI);
  const amplitudePhase = random.uniform(0, 2 * Math.PI);
  const out: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(length),
    new Float64Array(length),
    new Float64Array(length),
  ];
  for (let n = 0; n < length; n++) {
    const t = n / fs;
    const phi =
      phase0 +
      2 * Math.PI * frequencyHz * t +
      (FREQUENCY_DEVIATION_HZ / FREQUENCY_MODULATION_HZ) *
        Math.sin(2 * Math.PI * FREQUENCY_MODULATION_HZ * t + modulationPhase);
    const a =
      amplitudeMv *
      (1 + AMPLITUDE_DEPTH * Math.sin(2 * Math.PI * AMPLITUDE_MODULATION_HZ * t + amplitudePhase));
    let f = 0;
    for (let i = 1; i <= HARMONICS; i++) f -= (2 / (i * Math.PI)) * a * Math.sin(i * phi);
    for (let c = 0; c < 3; c++) out[c][n] = f * direction[c];
  }
  return out;
}
