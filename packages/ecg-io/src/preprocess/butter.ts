import { EcgRangeError } from '../errors.js';
import { complex, expi, scale } from './complex.js';
import type { Sos } from './sos-types.js';
import { requireBelowNyquist, requireInteger } from './validate.js';
import {
  bilinear,
  lowpassToBandpass,
  lowpassToBandstop,
  lowpassToHighpass,
  lowpassToLowpass,
  type Zpk,
} from './zpk.js';
import { zpkToSos } from './zpk2sos.js';

/** Filter band type. Band types take `[low, high]` edge frequencies. */
export type BandType = 'lowpass' | 'highpass' | 'bandpass' | 'bandstop';

/**
 * Digital Butterworth filter in second-order sections, like
 * `scipy.signal.butter(order, cutoff, btype, fs=fs, output='sos')`: the analog low-pass prototype (poles
 * `-exp(i*pi*m/(2N))`, m = -N+1, -N+3, ..., N-1) is moved to the prewarped band edges `4 tan(pi f / fs)`
 * (scipy designs at a normalised sampling rate of 2), mapped by the bilinear transform and split into
 * sections with scipy's pole-zero pairing. The gain at each cutoff is 1/sqrt(2) (-3 dB).
 *
 * @param order - filter order N (>= 1); band filters have 2N poles.
 * @param cutoffHz - cutoff in Hz, or `[low, high]` for `bandpass` / `bandstop`; each in (0, fs/2).
 * @param btype - band type.
 * @param fs - sampling frequency in Hz.
 */
export function butter(
  order: number,
  cutoffHz: number | readonly [number, number],
  btype: BandType,
  fs: number,
): Sos {
  requireInteger('Butterworth order', order, 1);
  const edges = typeof cutoffHz === 'number' ? [cutoffHz] : [...cutoffHz];
  const isBand = btype === 'bandpass' || btype === 'bandstop';
  if (edges.length !== (isBand ? 2 : 1)) {
    throw new EcgRangeError(
      `${btype} needs ${isBand ? 'two edge frequencies [low, high]' : 'one cutoff frequency'}`,
    );
  }
  for (const f of edges) requireBelowNyquist(`${btype} cutoff`, f, fs);
  if (isBand && edges[0] >= edges[1]) {
    throw new EcgRangeError(`${btype} edges must satisfy low < high, got [${edges.join(', ')}]`);
  }
  // Prewarp on scipy's normalised axis (sampling rate 2): warped = 4 tan(pi * Wn / 2), Wn = f / (fs / 2).
  const warped = edges.map((f) => 4 * Math.tan((Math.PI * f) / fs));
  const prototype = butterworthPrototype(order);
  let analog: Zpk;
  if (btype === 'lowpass') analog = lowpassToLowpass(prototype, warped[0]);
  else if (btype === 'highpass') analog = lowpassToHighpass(prototype, warped[0]);
  else {
    const wo = Math.sqrt(warped[0] * warped[1]);
    const bw = warped[1] - warped[0];
    analog =
      btype === 'bandpass' ? lowpassToBandpass(prototype, wo, bw) : lowpassToBandstop(prototype, wo, bw);
  }
  return zpkToSos(bilinear(analog, 2));
}

/** Analog Butterworth low-pass prototype with cutoff 1 rad/s (`scipy.signal.buttap`). */
function butterworthPrototype(order: number): Zpk {
  const poles = [];
  for (let m = -order + 1; m < order; m += 2) {
    // The middle pole (m = 0) is exactly -1.
    poles.push(m === 0 ? complex(-1) : scale(expi((Math.PI * m) / (2 * order)), -1));
  }
  return { zeros: [], poles, gain: 1 };
}
