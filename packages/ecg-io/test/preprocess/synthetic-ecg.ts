// Synthetic ECG for detector tests (not a test file itself): Gaussian P, Q, R, S and T waves per beat.
import { seededRandom } from './helpers.js';

/** One wave: offset from the R peak (s), amplitude (mV), width sigma (s). */
export interface Wave {
  offset: number;
  amplitude: number;
  sigma: number;
}

const WAVES: readonly Wave[] = [
  { offset: -0.2, amplitude: 0.15, sigma: 0.025 }, // P
  { offset: -0.025, amplitude: -0.1, sigma: 0.008 }, // Q
  { offset: 0, amplitude: 1, sigma: 0.01 }, // R
  { offset: 0.025, amplitude: -0.25, sigma: 0.008 }, // S
];

export interface SyntheticEcgOptions {
  /** Per-beat amplitude factors (default 1 for every beat). */
  beatScale?: (beat: number) => number;
  /** T wave relative to the R peak. Default `{ offset: 0.25, amplitude: 0.3, sigma: 0.04 }`. */
  tWave?: Wave;
  /** Standard deviation of added white noise (mV). Default 0. */
  noise?: number;
  /** Amplitude of a 0.15 Hz baseline wander (mV). Default 0. */
  wander?: number;
}

/**
 * A signal with beats at the given times (s) and the index of each beat's R-wave maximum in the noiseless
 * signal.
 */
export function syntheticEcg(
  fs: number,
  seconds: number,
  beatTimes: readonly number[],
  options: SyntheticEcgOptions = {},
): { x: Float64Array; rPeaks: number[] } {
  const {
    beatScale = () => 1,
    tWave = { offset: 0.25, amplitude: 0.3, sigma: 0.04 },
    noise = 0,
    wander = 0,
  } = options;
  const n = Math.round(seconds * fs);
  const clean = new Float64Array(n);
  beatTimes.forEach((t0, beat) => {
    for (const w of [...WAVES, tWave]) {
      const amplitude = w.amplitude * beatScale(beat);
      const centre = t0 + w.offset;
      const from = Math.max(0, Math.floor((centre - 5 * w.sigma) * fs));
      const to = Math.min(n - 1, Math.ceil((centre + 5 * w.sigma) * fs));
      for (let i = from; i <= to; i++)
        clean[i] += amplitude * Math.exp(-0.5 * ((i / fs - centre) / w.sigma) ** 2);
    }
  });
  const rPeaks = beatTimes.map((t0) => {
    const centre = Math.round(t0 * fs);
    let best = centre;
    for (let i = centre - Math.round(0.02 * fs); i <= centre + Math.round(0.02 * fs); i++) {
      if (clean[i] > clean[best]) best = i;
    }
    return best;
  });
  const random = seededRandom(42);
  const gaussian = () => Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
  const x = clean.map((v, i) => v + noise * gaussian() + wander * Math.sin((2 * Math.PI * 0.15 * i) / fs));
  return { x, rPeaks };
}

/** Beat times (s) from RR intervals (s), first beat at `start`. */
export function beatTimesFromRr(start: number, rr: readonly number[]): number[] {
  const times = [start];
  for (const interval of rr) times.push(times[times.length - 1] + interval);
  return times;
}
