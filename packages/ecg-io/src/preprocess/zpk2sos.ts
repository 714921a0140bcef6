// Digital zeros/poles/gain -> second-order sections with scipy.signal.zpk2sos's default 'nearest' pairing,
// so that designs match scipy section by section: poles are taken from the one closest to the unit circle
// (that section goes last) and each is paired with the zero nearest to it; the gain goes in the first section.

import { EcgRangeError } from '../errors.js';
import { abs, type Complex, complex, conj, mul, sub } from './complex.js';
import type { SecondOrderSection, Sos } from './sos-types.js';
import type { Zpk } from './zpk.js';

/** Tolerance used to recognise real values and conjugate pairs (scipy: 100 * float64 eps). */
const TOLERANCE = 100 * Number.EPSILON;

/** Second-order sections of a digital filter given by zeros, poles and gain (`scipy.signal.zpk2sos`). */
export function zpkToSos({ zeros, poles, gain }: Zpk): Sos {
  if (zeros.length === 0 && poles.length === 0) return [[gain, 0, 0, 1, 0, 0]];
  const z = [...zeros];
  const p = [...poles];
  while (p.length < z.length) p.push(complex(0));
  while (z.length < p.length) z.push(complex(0));
  const nSections = (p.length + 1) >> 1;
  if (p.length % 2 === 1) {
    p.push(complex(0));
    z.push(complex(0));
  }
  // From here on a complex pair is represented once, by its member with positive imaginary part.
  const zs = splitConjugatePairs(z);
  const ps = splitConjugatePairs(p);

  const sections: SecondOrderSection[] = new Array(nSections);
  for (let si = nSections - 1; si >= 0; si--) {
    const p1 = takeAt(ps, indexClosestToUnitCircle(ps));
    const realPoles = ps.filter(isReal).length;
    if (isReal(p1) && realPoles === 0) {
      // The last remaining real pole, padded with a pole and zero at the origin.
      const z1 = takeAt(zs, nearestIndex(zs, p1, 'real'));
      sections[si] = section([z1, complex(0)], [p1, complex(0)]);
    } else if (
      ps.length + 1 === zs.length &&
      !isReal(p1) &&
      realPoles === 1 &&
      zs.filter(isReal).length === 1
    ) {
      // One real pole and one real zero are left for later: this complex pole must take a complex zero.
      const z1 = takeAt(zs, nearestIndex(zs, p1, 'complex'));
      sections[si] = section([z1, conj(z1)], [p1, conj(p1)]);
    } else {
      let p2: Complex;
      if (isReal(p1)) {
        const realIndices = ps.flatMap((v, i) => (isReal(v) ? [i] : []));
        p2 = takeAt(ps, realIndices[indexClosestToUnitCircle(realIndices.map((i) => ps[i]))]);
      } else {
        p2 = conj(p1);
      }
      if (zs.length === 0) {
        sections[si] = section([], [p1, p2]);
      } else {
        const z1 = takeAt(zs, nearestIndex(zs, p1, 'any'));
        if (!isReal(z1)) sections[si] = section([z1, conj(z1)], [p1, p2]);
        else if (zs.length > 0)
          sections[si] = section([z1, takeAt(zs, nearestIndex(zs, p1, 'real'))], [p1, p2]);
        else sections[si] = section([z1], [p1, p2]);
      }
    }
  }
  const [b0, b1, b2, a0, a1, a2] = sections[0];
  sections[0] = [b0 * gain, b1 * gain, b2 * gain, a0, a1, a2];
  return sections;
}

function isReal(v: Complex): boolean {
  return v.im === 0;
}

function takeAt(values: Complex[], index: number): Complex {
  return values.splice(index, 1)[0];
}

function indexClosestToUnitCircle(values: readonly Complex[]): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) {
    if (Math.abs(1 - abs(values[i])) < Math.abs(1 - abs(values[best]))) best = i;
  }
  return best;
}

function nearestIndex(values: readonly Complex[], to: Complex, which: 'real' | 'complex' | 'any'): number {
  let best = -1;
  for (let i = 0; i < values.length; i++) {
    if (which === 'real' && !isReal(values[i])) continue;
    if (which === 'complex' && isReal(values[i])) continue;
    if (best < 0 || abs(sub(values[i], to)) < abs(sub(values[best], to))) best = i;
  }
  if (best < 0) throw new EcgRangeError(`zpk -> sos: no ${which} zero left to pair with a pole`);
  return best;
}

/** Polynomial coefficients (highest power first) with the given roots; real parts only. */
function polynomial(roots: readonly Complex[]): number[] {
  let coefficients: Complex[] = [complex(1)];
  for (const r of roots) {
    const next = [...coefficients, complex(0)];
    for (let i = 1; i < next.length; i++) next[i] = sub(next[i], mul(r, coefficients[i - 1]));
    coefficients = next;
  }
  return coefficients.map((c) => c.re);
}

/** One section from up to two zeros and two poles, right-aligned like scipy's `_single_zpksos`. */
function section(zeros: readonly Complex[], poles: readonly Complex[]): SecondOrderSection {
  const b = padToThree(polynomial(zeros));
  const a = padToThree(polynomial(poles));
  return [b[0], b[1], b[2], a[0], a[1], a[2]];
}

/** `[c]` -> `[0, 0, c]`, `[c0, c1]` -> `[0, c0, c1]`. */
function padToThree(coefficients: number[]): number[] {
  return [...new Array<number>(3 - coefficients.length).fill(0), ...coefficients];
}

/**
 * Real values (imaginary part within tolerance, made exactly 0) followed by one member (positive imaginary
 * part, averaged with its partner) of each conjugate pair; like scipy's `_cplxreal`, sorted by real part.
 */
function splitConjugatePairs(values: readonly Complex[]): Complex[] {
  const sorted = [...values].sort((a, b) => a.re - b.re || Math.abs(a.im) - Math.abs(b.im));
  const reals: Complex[] = [];
  const upper: Complex[] = [];
  const lower: Complex[] = [];
  for (const v of sorted) {
    if (Math.abs(v.im) <= TOLERANCE * abs(v)) reals.push(complex(v.re));
    else (v.im > 0 ? upper : lower).push(v);
  }
  if (upper.length !== lower.length) throw new EcgRangeError('zpk -> sos: a complex root has no conjugate');
  const pairs = upper.map((u, i) => {
    const l = lower[i];
    if (abs(sub(u, conj(l))) > TOLERANCE * abs(l)) {
      throw new EcgRangeError('zpk -> sos: a complex root has no conjugate');
    }
    return complex((u.re + l.re) / 2, (u.im - l.im) / 2);
  });
  return [...pairs, ...reals];
}
