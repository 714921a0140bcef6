import { INVALID_SAMPLE } from '../record.js';

/**
 * How the samples of a frame are averaged into one:
 * - `truncate`: the mean rounded toward zero, as WFDB 10.5-10.6 and wfdb-python do (the reference outputs
 *   in the test data were made this way);
 * - `round`: the mean rounded to the nearest integer with halves rounded up, as WFDB 10.7 and later do.
 */
export type FrameAveraging = 'truncate' | 'round';

/**
 * One sample per frame from `samplesPerFrame` samples per frame (WFDB's getvec in its default low-resolution
 * mode): their mean, rounded as `averaging` says, or INVALID_SAMPLE when any sample of the frame is missing.
 * Returns the input itself when there is one sample per frame.
 */
export function averageFrames(
  samples: Int32Array,
  samplesPerFrame: number,
  averaging: FrameAveraging = 'truncate',
): Int32Array {
  if (samplesPerFrame === 1) return samples;
  const frames = Math.floor(samples.length / samplesPerFrame);
  const averaged = new Int32Array(frames);
  const bias = averaging === 'round' ? Math.floor(samplesPerFrame / 2) : 0;
  const roundMean = averaging === 'round' ? Math.floor : Math.trunc;
  for (let frame = 0, i = 0; frame < frames; frame++) {
    let sum = bias;
    let valid = true;
    for (const end = i + samplesPerFrame; i < end; i++) {
      if (samples[i] === INVALID_SAMPLE) valid = false;
      sum += samples[i];
    }
    averaged[frame] = valid ? roundMean(sum / samplesPerFrame) : INVALID_SAMPLE;
  }
  return averaged;
}

/**
 * Brings a signal with `samplesPerFrame` samples per frame to `targetPerFrame` (the highest of the record) by
 * repeating samples, as WFDB's getvec does in high-resolution mode (rdsamp -H): sample `j` of a frame at the
 * target rate is sample `floor(j * samplesPerFrame / targetPerFrame)` of the signal's own frame.
 */
export function holdToRate(samples: Int32Array, samplesPerFrame: number, targetPerFrame: number): Int32Array {
  if (samplesPerFrame === targetPerFrame) return samples;
  const frames = Math.floor(samples.length / samplesPerFrame);
  const held = new Int32Array(frames * targetPerFrame);
  for (let frame = 0; frame < frames; frame++) {
    for (let j = 0; j < targetPerFrame; j++) {
      held[frame * targetPerFrame + j] =
        samples[frame * samplesPerFrame + Math.floor((j * samplesPerFrame) / targetPerFrame)];
    }
  }
  return held;
}
