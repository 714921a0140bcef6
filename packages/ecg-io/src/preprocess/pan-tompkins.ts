import { butter } from './butter.js';
import { findPeaks } from './find-peaks.js';
import { mapSamples } from './map-samples.js';
import { sosfiltfilt } from './sos.js';
import { requireLength, requirePositive } from './validate.js';

/** Options of {@link detectRPeaks}. Defaults are those of Pan & Tompkins (1985). */
export interface RPeakOptions {
  /** Band-pass edges in Hz. Default `[5, 15]`. */
  bandHz?: readonly [number, number];
  /** Moving-window integration width in seconds. Default 0.15. */
  integrationWindowS?: number;
  /** Refractory period in seconds: two beats are never closer. Default 0.2. */
  refractoryS?: number;
  /** Beats closer than this to the previous one (s) must pass the T-wave slope test. Default 0.36. */
  tWaveWindowS?: number;
  /** Half-width (s) of the window in which a detection is moved to the raw signal's extremum. Default 0.075. */
  refineWindowS?: number;
  /**
   * Which extremum marks the R peak: `positive` (maximum), `negative` (minimum) or `auto` (default): the
   * polarity with the larger deflection from the window mean in most beats, chosen once per signal.
   */
  polarity?: 'auto' | 'positive' | 'negative';
}

/** The integrated-signal peak of one candidate and the features the decision rules use. */
interface Candidate {
  index: number;
  /** Height in the integrated signal (PEAKI). */
  integrated: number;
  /** Largest |band-passed sample| around it (PEAKF). */
  filtered: number;
  /** Largest |derivative| around it (QRS slope for the T-wave test). */
  slope: number;
}

/** RR bookkeeping (samples): the last 8 intervals and the last 8 "regular" ones (RR AVERAGE1 / 2). */
const RR_MEMORY = 8;

/**
 * R-peak detection by the Pan-Tompkins algorithm (J. Pan and W. J. Tompkins, "A real-time QRS detection
 * algorithm", IEEE Trans. Biomed. Eng. 32(3):230-236, 1985), run offline:
 *
 * 1. zero-phase Butterworth band-pass 5-15 Hz (order 2 per edge, forward-backward, so no delay), five-point
 *    derivative, squaring and a centred 150 ms moving-window integration;
 * 2. candidate peaks of the integrated signal at least 200 ms apart (the refractory period);
 * 3. two sets of adaptive thresholds, on the integrated and on the band-passed signal, from running signal
 *    and noise peak levels (`SPK = 0.125 PEAK + 0.875 SPK`, `THRESHOLD1 = NPK + 0.25 (SPK - NPK)`,
 *    `THRESHOLD2 = THRESHOLD1 / 2`), initialised from the first 2 s (max/3 and mean/2); both thresholds are
 *    halved while the rhythm is irregular (last RR outside 92-116 % of RR AVERAGE2);
 * 4. search-back: when no beat is found within 166 % of RR AVERAGE2, the largest candidate since the last
 *    beat that exceeds the second thresholds is taken (`SPK = 0.25 PEAK + 0.75 SPK`);
 * 5. T-wave discrimination: a candidate within 360 ms of the previous beat whose maximal slope is less than
 *    half that beat's slope is noise;
 * 6. each beat is moved to the extremum of the raw signal within ±75 ms.
 *
 * RR AVERAGE2 starts at 1 s and restarts from the last 8 intervals when none of them was regular (a new
 * rhythm). Non-finite samples are replaced by the previous finite one (0 at the start).
 *
 * @param x - one ECG lead (any units), at least 0.5 s long.
 * @param fs - sampling frequency in Hz (> 30, so the 15 Hz edge is below Nyquist).
 * @returns sample indices of the R peaks, ascending.
 */
export function detectRPeaks(x: ArrayLike<number>, fs: number, options: RPeakOptions = {}): Int32Array {
  requirePositive('sampling frequency', fs);
  requireLength('R-peak detection input', x, Math.ceil(0.5 * fs));
  const {
    bandHz = [5, 15],
    integrationWindowS = 0.15,
    refractoryS = 0.2,
    tWaveWindowS = 0.36,
    refineWindowS = 0.075,
    polarity = 'auto',
  } = options;
  for (const [name, value] of Object.entries({
    integrationWindowS,
    refractoryS,
    tWaveWindowS,
    refineWindowS,
  })) {
    requirePositive(name, value);
  }

  const raw = fillNonFinite(x);
  const filtered = sosfiltfilt(butter(2, bandHz, 'bandpass', fs), raw);
  const derivative = fivePointDerivative(filtered, fs);
  const integrated = movingAverage(
    mapSamples(derivative, (v) => v * v),
    Math.max(1, Math.round(integrationWindowS * fs)),
  );

  const halfWindow = Math.max(1, Math.round((integrationWindowS * fs) / 2));
  const candidates = Array.from(findPeaks(integrated, Math.round(refractoryS * fs)), (index) => ({
    index,
    integrated: integrated[index],
    filtered: maxAbs(filtered, index - halfWindow, index + halfWindow),
    slope: maxAbs(derivative, index - halfWindow, index + halfWindow),
  }));

  const beats = classify(candidates, {
    learning: Math.min(raw.length, Math.round(2 * fs)),
    integrated,
    filtered,
    refractory: Math.round(refractoryS * fs),
    tWaveWindow: Math.round(tWaveWindowS * fs),
    defaultRr: Math.round(fs),
    end: raw.length,
  });
  return refineToExtremum(raw, beats, Math.round(refineWindowS * fs), Math.round(refractoryS * fs), polarity);
}

interface ClassifyContext {
  /** Samples of the learning phase. */
  learning: number;
  integrated: Float64Array;
  filtered: Float64Array;
  refractory: number;
  tWaveWindow: number;
  /** RR AVERAGE2 before any beat (samples). */
  defaultRr: number;
  /** Signal length: a final search-back covers the tail. */
  end: number;
}

/** Running peak level of one signal (integrated or band-passed) and its thresholds. */
class PeakLevels {
  signal: number;
  noise: number;

  constructor(signal: number, noise: number) {
    this.signal = signal;
    this.noise = noise;
  }

  threshold1(irregular: boolean): number {
    const t = this.noise + 0.25 * (this.signal - this.noise);
    return irregular ? t / 2 : t;
  }

  threshold2(irregular: boolean): number {
    return this.threshold1(irregular) / 2;
  }
}

/** Pan-Tompkins decision rules over candidates in time order; returns the accepted candidates' indices. */
function classify(candidates: Candidate[], ctx: ClassifyContext): number[] {
  const learnI = ctx.integrated.subarray(0, ctx.learning);
  const learnF = mapSamples(ctx.filtered.subarray(0, ctx.learning), Math.abs);
  const levelsI = new PeakLevels(max(learnI) / 3, mean(learnI) / 2);
  const levelsF = new PeakLevels(max(learnF) / 3, mean(learnF) / 2);

  const beats: number[] = [];
  let lastBeat: Candidate | null = null;
  const recentRr: number[] = [];
  let regularRr: number[] = [];
  let irregular = false;
  let sinceLastBeat: Candidate[] = []; // noise candidates after the last beat, for search-back

  const rrAverage2 = () => (regularRr.length > 0 ? mean(regularRr) : ctx.defaultRr);
  const accept = (c: Candidate, weight: number) => {
    if (lastBeat !== null) {
      const rr = c.index - lastBeat.index;
      pushBounded(recentRr, rr);
      if (beats.length === 1) {
        regularRr = [rr]; // learning phase 2: the first interval initialises RR AVERAGE2
        irregular = false;
      } else {
        const average = rrAverage2();
        const outside = (v: number) => v < 0.92 * average || v > 1.16 * average;
        irregular = outside(rr);
        if (!irregular) pushBounded(regularRr, rr);
        else if (recentRr.length === RR_MEMORY && recentRr.every(outside)) regularRr = [...recentRr]; // new rhythm
      }
    }
    levelsI.signal = weight * c.integrated + (1 - weight) * levelsI.signal;
    levelsF.signal = weight * c.filtered + (1 - weight) * levelsF.signal;
    beats.push(c.index);
    lastBeat = c;
    sinceLastBeat = sinceLastBeat.filter((n) => n.index > c.index);
  };
  const searchBack = (now: number) => {
    while (lastBeat !== null && now - lastBeat.index > 1.66 * rrAverage2()) {
      const from = lastBeat.index + ctx.refractory;
      let best: Candidate | null = null;
      for (const c of sinceLastBeat) {
        if (c.index < from || c.integrated <= levelsI.threshold2(irregular)) continue;
        if (c.filtered <= levelsF.threshold2(irregular)) continue;
        if (best === null || c.integrated > best.integrated) best = c;
      }
      if (best === null) return;
      accept(best, 0.25);
    }
  };

  for (const c of candidates) {
    searchBack(c.index);
    const prev = lastBeat as Candidate | null;
    if (prev !== null && c.index - prev.index < ctx.refractory) continue;
    let isBeat = c.integrated > levelsI.threshold1(irregular) && c.filtered > levelsF.threshold1(irregular);
    if (isBeat && prev !== null && c.index - prev.index < ctx.tWaveWindow && c.slope < 0.5 * prev.slope) {
      isBeat = false; // T wave
    }
    if (isBeat) {
      accept(c, 0.125);
    } else {
      levelsI.noise = 0.125 * c.integrated + 0.875 * levelsI.noise;
      levelsF.noise = 0.125 * c.filtered + 0.875 * levelsF.noise;
      sinceLastBeat.push(c);
    }
  }
  searchBack(ctx.end);
  return beats.sort((a, b) => a - b);
}

/**
 * Moves each detection to the raw signal's extremum within ±`radius` samples. Polarity `auto` picks, by
 * majority over the beats, whether maxima or minima deviate more from the window mean. Detections that
 * land within `refractory` of the previous one are merged (the larger deflection wins).
 */
function refineToExtremum(
  raw: Float64Array,
  detections: number[],
  radius: number,
  refractory: number,
  polarity: 'auto' | 'positive' | 'negative',
): Int32Array {
  const windows = detections.map((d) => {
    const from = Math.max(0, d - radius);
    const to = Math.min(raw.length - 1, d + radius);
    let maxAt = from;
    let minAt = from;
    let sum = 0;
    for (let i = from; i <= to; i++) {
      if (raw[i] > raw[maxAt]) maxAt = i;
      if (raw[i] < raw[minAt]) minAt = i;
      sum += raw[i];
    }
    const centre = sum / (to - from + 1);
    return { maxAt, minAt, up: raw[maxAt] - centre, down: centre - raw[minAt] };
  });
  const positive =
    polarity === 'positive' ||
    (polarity === 'auto' && 2 * windows.filter((w) => w.up >= w.down).length >= windows.length);

  const peaks: number[] = [];
  const sizes: number[] = [];
  for (const w of windows) {
    const at = positive ? w.maxAt : w.minAt;
    const size = positive ? w.up : w.down;
    const last = peaks.length - 1;
    if (last >= 0 && at - peaks[last] < refractory) {
      if (size > sizes[last]) {
        peaks[last] = at;
        sizes[last] = size;
      }
    } else {
      peaks.push(at);
      sizes.push(size);
    }
  }
  return Int32Array.from(peaks);
}

/** Copy of `x` with each non-finite sample replaced by the previous finite one (0 before the first). */
function fillNonFinite(x: ArrayLike<number>): Float64Array {
  const out = new Float64Array(x.length);
  let last = 0;
  for (let i = 0; i < x.length; i++) {
    if (Number.isFinite(x[i])) last = x[i];
    out[i] = last;
  }
  return out;
}

/** Centred five-point derivative `(fs / 8) (-x[n-2] - 2x[n-1] + 2x[n+1] + x[n+2])` (Pan & Tompkins); 0 at the ends. */
function fivePointDerivative(x: Float64Array, fs: number): Float64Array {
  const d = new Float64Array(x.length);
  for (let n = 2; n < x.length - 2; n++)
    d[n] = (fs / 8) * (-x[n - 2] - 2 * x[n - 1] + 2 * x[n + 1] + x[n + 2]);
  return d;
}

/** Centred moving average over `width` samples (samples outside the signal count as 0). */
function movingAverage(x: Float64Array, width: number): Float64Array {
  const prefix = new Float64Array(x.length + 1);
  for (let i = 0; i < x.length; i++) prefix[i + 1] = prefix[i] + x[i];
  const before = Math.floor((width - 1) / 2);
  const out = new Float64Array(x.length);
  for (let i = 0; i < x.length; i++) {
    const from = Math.max(0, i - before);
    const to = Math.min(x.length, i - before + width);
    out[i] = (prefix[to] - prefix[from]) / width;
  }
  return out;
}

function maxAbs(x: Float64Array, from: number, to: number): number {
  let best = 0;
  for (let i = Math.max(0, from); i <= Math.min(x.length - 1, to); i++) best = Math.max(best, Math.abs(x[i]));
  return best;
}

function max(x: Float64Array): number {
  let best = Number.NEGATIVE_INFINITY;
  for (const v of x) best = Math.max(best, v);
  return best;
}

function mean(x: ArrayLike<number>): number {
  let sum = 0;
  for (let i = 0; i < x.length; i++) sum += x[i];
  return sum / x.length;
}

function pushBounded(values: number[], v: number): void {
  values.push(v);
  if (values.length > RR_MEMORY) values.shift();
}
