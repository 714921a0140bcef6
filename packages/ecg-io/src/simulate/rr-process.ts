import type { SeededRandom } from './random.js';

/**
 * Heart rate variability of sinus rhythm: the power spectrum of the RR tachogram is the sum of two Gaussian
 * peaks, Mayer waves (LF) and respiratory sinus arrhythmia (HF), as in ECGSYN (McSharry et al. 2003).
 */
export interface HrvOptions {
  /** Standard deviation of the heart rate, bpm. Default 1 (ECGSYN's default). */
  hrStdBpm?: number;
  /** Centre of the low-frequency (Mayer wave) peak, Hz. Default 0.1. */
  lfHz?: number;
  /** Centre of the high-frequency (respiratory sinus arrhythmia) peak, Hz: the breathing rate. Default 0.25. */
  hfHz?: number;
  /** Standard deviation (width) of the LF peak, Hz. Default 0.01. */
  lfWidthHz?: number;
  /** Standard deviation (width) of the HF peak, Hz. Default 0.01. */
  hfWidthHz?: number;
  /** Ratio of the power in the LF peak to the power in the HF peak. Default 0.5. */
  lfHfRatio?: number;
}

export const DEFAULT_HRV: Required<HrvOptions> = {
  hrStdBpm: 1,
  lfHz: 0.1,
  hfHz: 0.25,
  lfWidthHz: 0.01,
  hfWidthHz: 0.01,
  lfHfRatio: 0.5,
};

/** Shortest tachogram generated (s): 256 one-second samples resolve peaks 0.01 Hz wide, as ECGSYN's default. */
const MIN_TACHOGRAM_S = 256;

/**
 * The RR interval (s) as a function of time (s): ECGSYN's `rrprocess`. Amplitudes are the square root of the
 * bimodal spectrum sampled at 1 Hz over a power-of-two length of at least `spanS` (and 256 s), phases are
 * uniform random, and the inverse Fourier transform is scaled to the requested standard deviation. The
 * transform is evaluated as a sum of cosines, periodic over that length, so it can be read at any time: the
 * exact band-limited interpolation of the 1 Hz series (ECGSYN interpolates it with `interp`).
 */
export function rrProcess(
  meanHrBpm: number,
  hrv: Required<HrvOptions>,
  spanS: number,
  random: SeededRandom,
): (t: number) => number {
  const meanRr = 60 / meanHrBpm;
  const rrStd = (60 * hrv.hrStdBpm) / (meanHrBpm * meanHrBpm); // first-order conversion, as ECGSYN
  const n = 2 ** Math.ceil(Math.log2(Math.max(MIN_TACHOGRAM_S, spanS)));
  const gaussian = (f: number, centre: number, width: number) =>
    Math.exp(-0.5 * ((f - centre) / width) ** 2) / Math.sqrt(2 * Math.PI * width * width);
  const frequencies: number[] = [];
  const amplitudes: number[] = [];
  const phases: number[] = [];
  let variance = 0;
  for (let k = 1; k < n / 2; k++) {
    const f = k / n;
    const power = hrv.lfHfRatio * gaussian(f, hrv.lfHz, hrv.lfWidthHz) + gaussian(f, hrv.hfHz, hrv.hfWidthHz);
    frequencies.push(f);
    amplitudes.push(Math.sqrt(power));
    phases.push(2 * Math.PI * random.next());
    variance += power / 2; // variance of a sum of cosines over whole periods
  }
  const scale = variance > 0 ? rrStd / Math.sqrt(variance) : 0;
  return (t) => {
    let x = 0;
    for (let k = 0; k < frequencies.length; k++)
      x += amplitudes[k] * Math.cos(2 * Math.PI * frequencies[k] * t + phases[k]);
    return meanRr + scale * x;
  };
}
