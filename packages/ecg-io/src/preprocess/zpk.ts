// Zeros/poles/gain representation and the analog frequency transforms + bilinear transform used by
// filter design. Each function mirrors the scipy.signal function named in its comment.

import { add, type Complex, complex, div, mul, product, scale, sqrt, sub } from './complex.js';

/** A transfer function as zeros, poles and gain: `H = k * prod(s - z) / prod(s - p)`. */
export interface Zpk {
  zeros: Complex[];
  poles: Complex[];
  gain: number;
}

function relativeDegree({ zeros, poles }: Zpk): number {
  return poles.length - zeros.length;
}

function repeat(value: Complex, count: number): Complex[] {
  return Array.from({ length: count }, () => ({ ...value }));
}

/** Low-pass prototype -> low-pass with cutoff `wo` rad/s (`lp2lp_zpk`). */
export function lowpassToLowpass(f: Zpk, wo: number): Zpk {
  return {
    zeros: f.zeros.map((z) => scale(z, wo)),
    poles: f.poles.map((p) => scale(p, wo)),
    gain: f.gain * wo ** relativeDegree(f),
  };
}

/** Low-pass prototype -> high-pass with cutoff `wo` rad/s (`lp2hp_zpk`). */
export function lowpassToHighpass(f: Zpk, wo: number): Zpk {
  const w = complex(wo);
  const gainChange = div(
    product(f.zeros.map((z) => scale(z, -1))),
    product(f.poles.map((p) => scale(p, -1))),
  );
  return {
    // Inverting about the unit circle moves the zeros at infinity to the origin.
    zeros: [...f.zeros.map((z) => div(w, z)), ...repeat(complex(0), relativeDegree(f))],
    poles: f.poles.map((p) => div(w, p)),
    gain: f.gain * gainChange.re,
  };
}

/** Each root r -> the pair `r ± sqrt(r^2 - wo^2)` (centre frequency shift of the band transforms). */
function shiftToBand(roots: Complex[], wo: number): Complex[] {
  const plus: Complex[] = [];
  const minus: Complex[] = [];
  for (const r of roots) {
    const root = sqrt(sub(mul(r, r), complex(wo * wo)));
    plus.push(add(r, root));
    minus.push(sub(r, root));
  }
  return [...plus, ...minus];
}

/** Low-pass prototype -> band-pass centred on `wo` with bandwidth `bw` rad/s (`lp2bp_zpk`). */
export function lowpassToBandpass(f: Zpk, wo: number, bw: number): Zpk {
  const degree = relativeDegree(f);
  return {
    zeros: [
      ...shiftToBand(
        f.zeros.map((z) => scale(z, bw / 2)),
        wo,
      ),
      ...repeat(complex(0), degree),
    ],
    poles: shiftToBand(
      f.poles.map((p) => scale(p, bw / 2)),
      wo,
    ),
    gain: f.gain * bw ** degree,
  };
}

/** Low-pass prototype -> band-stop centred on `wo` with bandwidth `bw` rad/s (`lp2bs_zpk`). */
export function lowpassToBandstop(f: Zpk, wo: number, bw: number): Zpk {
  const degree = relativeDegree(f);
  const halfBw = complex(bw / 2);
  const gainChange = div(
    product(f.zeros.map((z) => scale(z, -1))),
    product(f.poles.map((p) => scale(p, -1))),
  );
  return {
    // Zeros at infinity move to the centre of the stop band, ±j*wo.
    zeros: [
      ...shiftToBand(
        f.zeros.map((z) => div(halfBw, z)),
        wo,
      ),
      ...repeat(complex(0, wo), degree),
      ...repeat(complex(0, -wo), degree),
    ],
    poles: shiftToBand(
      f.poles.map((p) => div(halfBw, p)),
      wo,
    ),
    gain: f.gain * gainChange.re,
  };
}

/** Analog -> digital by the bilinear transform `s = 2 fs (z - 1) / (z + 1)`, no prewarping (`bilinear_zpk`). */
export function bilinear(f: Zpk, fs: number): Zpk {
  const fs2 = complex(2 * fs);
  const map = (r: Complex) => div(add(fs2, r), sub(fs2, r));
  const gainChange = div(product(f.zeros.map((z) => sub(fs2, z))), product(f.poles.map((p) => sub(fs2, p))));
  return {
    // Zeros at infinity land on the Nyquist frequency, z = -1.
    zeros: [...f.zeros.map(map), ...repeat(complex(-1), relativeDegree(f))],
    poles: f.poles.map(map),
    gain: f.gain * gainChange.re,
  };
}
