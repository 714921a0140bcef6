import { EcgRangeError } from '../errors.js';
import type { Sos } from './sos-types.js';
import { requireInteger, requirePositive } from './validate.js';

/** Per-section filter state `[z0, z1]` (transposed direct form II delays). */
export type SectionState = readonly [number, number];

function validateSos(sos: Sos): void {
  if (sos.length === 0) throw new EcgRangeError('a filter needs at least one second-order section');
  sos.forEach((s, i) => {
    if (s.length !== 6 || s.some((c) => !Number.isFinite(c))) {
      throw new EcgRangeError(`section ${i} must hold 6 finite coefficients, got [${s.join(', ')}]`);
    }
    if (s[3] !== 1) throw new EcgRangeError(`section ${i} must have a0 = 1, got ${s[3]}`);
  });
}

/**
 * Filters `x` causally through the cascade of sections (`scipy.signal.sosfilt`), each in transposed
 * direct form II.
 *
 * @param zi - initial state per section (default zeros), e.g. `sosfiltZi(sos)` scaled by `x[0]`.
 */
export function sosfilt(sos: Sos, x: ArrayLike<number>, zi?: readonly SectionState[]): Float64Array {
  validateSos(sos);
  if (zi !== undefined && zi.length !== sos.length) {
    throw new EcgRangeError(`zi has ${zi.length} sections, the filter has ${sos.length}`);
  }
  const y = Float64Array.from(x);
  sos.forEach(([b0, b1, b2, , a1, a2], s) => {
    let z0 = zi ? zi[s][0] : 0;
    let z1 = zi ? zi[s][1] : 0;
    for (let i = 0; i < y.length; i++) {
      const input = y[i];
      const output = b0 * input + z0;
      z0 = b1 * input - a1 * output + z1;
      z1 = b2 * input - a2 * output;
      y[i] = output;
    }
  });
  return y;
}

/**
 * Initial state for {@link sosfilt} that corresponds to the steady state of the step response
 * (`scipy.signal.sosfilt_zi`): filtering a constant `c` from state `zi * c` gives a constant output.
 */
export function sosfiltZi(sos: Sos): SectionState[] {
  validateSos(sos);
  let scale = 1; // steady-state output of the sections before this one for a unit step
  return sos.map(([b0, b1, b2, , a1, a2]) => {
    const sumA = 1 + a1 + a2;
    if (sumA === 0) throw new EcgRangeError('a section has a pole at z = 1: no steady state exists');
    const gain = (b0 + b1 + b2) / sumA; // this section's DC gain
    // lfilter_zi: zi[k] = sum_{j>k} (b[j] - gain * a[j]).
    const d2 = b2 - gain * a2;
    const state: SectionState = [scale * (b1 - gain * a1 + d2), scale * d2];
    scale *= gain;
    return state;
  });
}

/** How `sosfiltfilt` extends the signal before filtering (scipy's `padtype`). */
export type FiltfiltPadType = 'odd' | 'even' | 'constant';

/** Options of {@link sosfiltfilt}. */
export interface SosfiltfiltOptions {
  /** Extension type. Default `'odd'` (point reflection about the end samples), scipy's default. */
  padtype?: FiltfiltPadType;
  /**
   * Samples added at each end. Default scipy's `3 * (2 * sections + 1 - min(#b2 == 0, #a2 == 0))`.
   * 0 disables padding. Must be smaller than the signal length.
   */
  padlen?: number;
}

/**
 * Zero-phase filtering: forward then backward through the filter (`scipy.signal.sosfiltfilt` with its
 * defaults). The signal is first extended at both ends, each pass starts from the steady state
 * (`sosfiltZi`) scaled by the first sample it sees, and the extension is cut off. The magnitude response
 * is squared and the phase is zero.
 */
export function sosfiltfilt(sos: Sos, x: ArrayLike<number>, options: SosfiltfiltOptions = {}): Float64Array {
  validateSos(sos);
  const { padtype = 'odd', padlen = defaultPadlen(sos) } = options;
  requireInteger('padlen', padlen, 0);
  if (x.length <= padlen) {
    throw new EcgRangeError(`sosfiltfilt needs more than padlen = ${padlen} samples, got ${x.length}`);
  }
  const extended = extend(x, padlen, padtype);
  const zi = sosfiltZi(sos);
  const withStart = (c: number) => zi.map(([a, b]): SectionState => [a * c, b * c]);
  const forward = sosfilt(sos, extended, withStart(extended[0]));
  forward.reverse();
  const backward = sosfilt(sos, forward, withStart(forward[0]));
  backward.reverse();
  return backward.slice(padlen, backward.length - padlen);
}

function defaultPadlen(sos: Sos): number {
  const zeroB2 = sos.filter((s) => s[2] === 0).length;
  const zeroA2 = sos.filter((s) => s[5] === 0).length;
  return 3 * (2 * sos.length + 1 - Math.min(zeroB2, zeroA2));
}

/** `x` with `edge` samples added at each end (scipy's odd_ext / even_ext / const_ext). */
function extend(x: ArrayLike<number>, edge: number, padtype: FiltfiltPadType): Float64Array {
  const n = x.length;
  const out = new Float64Array(n + 2 * edge);
  for (let i = 0; i < n; i++) out[edge + i] = x[i];
  const first = x[0];
  const last = x[n - 1];
  for (let k = 1; k <= edge; k++) {
    if (padtype === 'odd') {
      out[edge - k] = 2 * first - x[k];
      out[edge + n - 1 + k] = 2 * last - x[n - 1 - k];
    } else if (padtype === 'even') {
      out[edge - k] = x[k];
      out[edge + n - 1 + k] = x[n - 1 - k];
    } else {
      out[edge - k] = first;
      out[edge + n - 1 + k] = last;
    }
  }
  return out;
}

/**
 * Magnitude of the filter's frequency response `|H(exp(i 2 pi f / fs))|` at `frequencyHz`
 * (like `abs(scipy.signal.sosfreqz(sos, [f], fs=fs)[1])`).
 */
export function sosGain(sos: Sos, frequencyHz: number, fs: number): number {
  validateSos(sos);
  requirePositive('sampling frequency', fs);
  const w = (2 * Math.PI * frequencyHz) / fs;
  // z^-1 = exp(-i w), z^-2 = exp(-2 i w)
  const c1 = Math.cos(w);
  const s1 = -Math.sin(w);
  const c2 = Math.cos(2 * w);
  const s2 = -Math.sin(2 * w);
  let gain = 1;
  for (const [b0, b1, b2, a0, a1, a2] of sos) {
    const num = Math.hypot(b0 + b1 * c1 + b2 * c2, b1 * s1 + b2 * s2);
    const den = Math.hypot(a0 + a1 * c1 + a2 * c2, a1 * s1 + a2 * s2);
    gain *= num / den;
  }
  return gain;
}
