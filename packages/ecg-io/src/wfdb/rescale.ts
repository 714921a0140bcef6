import { INVALID_SAMPLE } from '../record.js';
import type { WfdbFormat } from './formats.js';

const INT_MIN = -(2 ** 31);
const INT_MAX = 2 ** 31 - 1;

/**
 * Re-expresses samples stored with one gain and baseline in another (in place), as WFDB does for the segments
 * of a variable-layout multi-segment record: `round(x * toGain / fromGain + toBaseline - scale * fromBaseline)`
 * with halves rounded up, clamped to 32 bits; missing samples stay missing. The arithmetic follows WFDB's
 * sigmap step by step (including its shortcut for formats whose whole range maps into positive numbers) so
 * results match WFDB's to the last digit.
 */
export function rescaleSamples(
  samples: Int32Array,
  format: WfdbFormat,
  from: { gain: number; baseline: number },
  to: { gain: number; baseline: number },
): void {
  const scale = to.gain / from.gain;
  let offset = to.baseline - scale * from.baseline + 0.5;
  let sampleOffset = 0;
  const range = storedRange(format);
  const lowest = range.min * scale + offset;
  const highest = range.max * scale + offset;
  if (lowest < highest && lowest >= INT_MIN + 1 && highest <= INT_MAX && highest - lowest + 1 < INT_MAX) {
    sampleOffset = Math.trunc(lowest - 1);
    offset -= sampleOffset;
  }
  for (let i = 0; i < samples.length; i++) {
    if (samples[i] === INVALID_SAMPLE) continue;
    const v = samples[i] * scale + offset;
    if (sampleOffset !== 0) samples[i] = Math.trunc(v) + sampleOffset;
    else samples[i] = v >= INT_MAX ? INT_MAX : v <= INT_MIN ? INT_MIN : Math.floor(v);
  }
}

/** Values a format can store (WFDB's table in sigmap_init; 32-bit range for formats 0, 8 and 32). */
function storedRange(format: WfdbFormat): { min: number; max: number } {
  if (format.kind === 'null' || format.kind === 'difference' || format.bits === 32) {
    return { min: INT_MIN, max: INT_MAX };
  }
  return { min: -(2 ** (format.bits - 1)), max: 2 ** (format.bits - 1) - 1 };
}
