import type { SeededRandom } from '@enecg/ecg-io';
import type { PreparedSegment } from './windows.js';

/** Random changes that keep what an ECG window says about the heart (rate, rhythm, morphology). */
export interface AugmentationOptions {
  /** Largest shift in seconds of a view from the window's centre position (up to the segment's margin). */
  maxShiftS: number;
  /** Per-lead amplitude factor, log-uniform in `[min, max]`. */
  scale: readonly [number, number];
  /** Gaussian noise standard deviation, uniform in the range, relative to each lead's standard deviation. */
  noiseStd: readonly [number, number];
  /** Baseline wander: a sine per lead, amplitude uniform in the range, relative to the lead's std. */
  wanderAmplitude: readonly [number, number];
  /** Frequency range (Hz) of the baseline wander. */
  wanderHz: readonly [number, number];
  /** Probability, drawn per view from this range, that each present lead is zeroed (one lead always stays). */
  leadDropout: readonly [number, number];
}

/** The augmentations used for the shipped weights. No time stretching: heart rate is what the probe reads. */
export const DEFAULT_AUGMENTATION: AugmentationOptions = {
  maxShiftS: 0.25,
  scale: [0.7, 1.4],
  noiseStd: [0, 0.15],
  wanderAmplitude: [0, 0.3],
  wanderHz: [0.05, 0.5],
  leadDropout: [0, 0.8],
};

/**
 * One augmented view of a segment: a window of the input length at a random shift within the margins, each lead
 * scaled, with Gaussian noise and a baseline-wander sine added, and random leads zeroed. Returns
 * `[length, leads]` sample-major, `length = segment.length - 2 * segment.margin`. `stretch` (default 1: none)
 * plays the window `stretch` times faster (linear interpolation, centred): only the speed pretext task of
 * `pretrainContrastive` uses it, never the contrastive views.
 */
export function augmentView(
  segment: PreparedSegment,
  sampleRate: number,
  random: SeededRandom,
  options: AugmentationOptions = DEFAULT_AUGMENTATION,
  stretch = 1,
): Float32Array {
  const { leads, margin } = segment;
  const length = segment.length - 2 * margin;
  if (!(stretch > 0) || (length - 1) * stretch > segment.length - 1) {
    throw new RangeError(
      `augmentView: stretch ${stretch} needs more than the segment's ${segment.length} samples`,
    );
  }
  // Room for a shift once the stretched window (length * stretch samples, centred) is placed.
  const room = Math.floor((segment.length - 1 - (length - 1) * stretch) / 2);
  const maxShift = Math.min(room, Math.round(options.maxShiftS * sampleRate));
  const shift = Math.round(random.uniform(-maxShift, maxShift));
  const first = (segment.length - 1 - (length - 1) * stretch) / 2 + shift;
  /** Sample `t` of lead `j` of the (stretched, shifted) window: linear interpolation when stretched. */
  const source =
    stretch === 1
      ? (t: number, j: number) => segment.data[(first + t) * leads + j]
      : (t: number, j: number) => {
          const position = first + t * stretch;
          const below = Math.floor(position);
          const fraction = position - below;
          const above = Math.min(below + 1, segment.length - 1);
          return (
            (1 - fraction) * segment.data[below * leads + j] + fraction * segment.data[above * leads + j]
          );
        };
  const out = new Float32Array(length * leads);

  const present: number[] = [];
  for (let j = 0; j < leads; j++) if (segment.leadMask[j]) present.push(j);
  const dropProbability = random.uniform(options.leadDropout[0], options.leadDropout[1]);
  const kept = present.filter(() => random.next() >= dropProbability);
  if (kept.length === 0 && present.length > 0) kept.push(random.pick(present));

  for (const j of kept) {
    const std = segment.leadStd[j];
    const scale = Math.exp(random.uniform(Math.log(options.scale[0]), Math.log(options.scale[1])));
    const noise = random.uniform(options.noiseStd[0], options.noiseStd[1]) * std;
    const wander = random.uniform(options.wanderAmplitude[0], options.wanderAmplitude[1]) * std;
    const omega = (2 * Math.PI * random.uniform(options.wanderHz[0], options.wanderHz[1])) / sampleRate;
    const phase = random.uniform(0, 2 * Math.PI);
    for (let t = 0; t < length; t++) {
      const value = source(t, j) * scale;
      out[t * leads + j] =
        value + wander * Math.sin(omega * t + phase) + (noise > 0 ? random.normal(0, noise) : 0);
    }
  }
  return out;
}

/**
 * The largest time-stretch factor a segment allows (its margins hold the extra samples), at most `limit`.
 * A factor `r` > 1 plays the window faster: the heart rate looks `r` times higher.
 */
export function maxStretch(segment: PreparedSegment, limit: number): number {
  const length = segment.length - 2 * segment.margin;
  return Math.min(limit, (segment.length - 1) / (length - 1));
}

/** The unaugmented input window of a segment (no shift), `[length, leads]`. */
export function centreView(segment: PreparedSegment): Float32Array {
  const { leads, margin } = segment;
  const length = segment.length - 2 * margin;
  return segment.data.slice(margin * leads, (margin + length) * leads);
}
