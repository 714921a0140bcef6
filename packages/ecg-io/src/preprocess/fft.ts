// Complex FFT of any length: iterative radix-2 for powers of two, Bluestein's chirp-z algorithm otherwise
// (L. Bluestein, "A linear filtering approach to the computation of discrete Fourier transform", 1970).
// Data live in separate real / imaginary Float64Arrays and are transformed in place.

import { EcgRangeError } from '../errors.js';
import { requireInteger } from './validate.js';

interface Radix2Plan {
  kind: 'radix2';
  bitReverse: Uint32Array;
  /** cos / sin of 2*pi*k/n for k < n/2. */
  cos: Float64Array;
  sin: Float64Array;
}

interface BluesteinPlan {
  kind: 'bluestein';
  inner: Radix2Plan;
  /** Chirp exp(-i*pi*k^2/n), k < n. */
  chirpRe: Float64Array;
  chirpIm: Float64Array;
  /** Forward FFT (length inner) of the conjugate chirp, wrapped around for negative lags. */
  kernelRe: Float64Array;
  kernelIm: Float64Array;
}

type Plan = Radix2Plan | BluesteinPlan;

/** Plans are reused across calls; the cache is small because typical use involves a handful of lengths. */
const MAX_CACHED_PLANS = 16;
const plans = new Map<number, Plan>();

/**
 * In-place discrete Fourier transform of the complex sequence `(re, im)` of any length.
 * `inverse = false` computes `X[k] = sum_n x[n] exp(-2*pi*i*k*n/N)`; `inverse = true` uses `exp(+...)`
 * and does NOT divide by N (callers scale as they need).
 */
export function fftInPlace(re: Float64Array, im: Float64Array, inverse = false): void {
  const n = re.length;
  requireInteger('FFT length', n, 1);
  if (im.length !== n) throw new EcgRangeError(`FFT: re has ${n} values but im has ${im.length}`);
  if (n === 1) return;
  // The inverse transform is conj(FFT(conj(x))): only the forward kernels are ever needed.
  if (inverse) negate(im);
  const plan = planFor(n);
  if (plan.kind === 'radix2') radix2(re, im, plan);
  else bluestein(re, im, plan);
  if (inverse) negate(im);
}

function negate(values: Float64Array): void {
  for (let i = 0; i < values.length; i++) values[i] = -values[i];
}

function planFor(n: number): Plan {
  const cached = plans.get(n);
  if (cached) return cached;
  const plan = isPowerOfTwo(n) ? radix2Plan(n) : bluesteinPlan(n);
  if (plans.size >= MAX_CACHED_PLANS) plans.delete(plans.keys().next().value as number);
  plans.set(n, plan);
  return plan;
}

function isPowerOfTwo(n: number): boolean {
  return (n & (n - 1)) === 0;
}

function radix2Plan(n: number): Radix2Plan {
  const bits = Math.log2(n);
  const bitReverse = new Uint32Array(n);
  for (let i = 0; i < n; i++) {
    let r = 0;
    for (let b = 0, v = i; b < bits; b++, v >>= 1) r = (r << 1) | (v & 1);
    bitReverse[i] = r;
  }
  const half = n / 2;
  const cos = new Float64Array(half);
  const sin = new Float64Array(half);
  for (let k = 0; k < half; k++) {
    cos[k] = Math.cos((2 * Math.PI * k) / n);
    sin[k] = Math.sin((2 * Math.PI * k) / n);
  }
  return { kind: 'radix2', bitReverse, cos, sin };
}

function radix2(re: Float64Array, im: Float64Array, plan: Radix2Plan): void {
  const n = re.length;
  const { bitReverse, cos, sin } = plan;
  for (let i = 0; i < n; i++) {
    const j = bitReverse[i];
    if (j > i) {
      const tr = re[i];
      re[i] = re[j];
      re[j] = tr;
      const ti = im[i];
      im[i] = im[j];
      im[j] = ti;
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    const step = n / size;
    for (let start = 0; start < n; start += size) {
      for (let k = 0; k < half; k++) {
        const wr = cos[k * step];
        const wi = -sin[k * step];
        const a = start + k;
        const b = a + half;
        const xr = re[b] * wr - im[b] * wi;
        const xi = re[b] * wi + im[b] * wr;
        re[b] = re[a] - xr;
        im[b] = im[a] - xi;
        re[a] += xr;
        im[a] += xi;
      }
    }
  }
}

function bluesteinPlan(n: number): BluesteinPlan {
  let m = 1;
  while (m < 2 * n - 1) m *= 2;
  const inner = planFor(m) as Radix2Plan;
  const chirpRe = new Float64Array(n);
  const chirpIm = new Float64Array(n);
  for (let k = 0; k < n; k++) {
    // k^2 mod 2n keeps the angle small, so it stays accurate for long transforms.
    const angle = (Math.PI * ((k * k) % (2 * n))) / n;
    chirpRe[k] = Math.cos(angle);
    chirpIm[k] = -Math.sin(angle);
  }
  const kernelRe = new Float64Array(m);
  const kernelIm = new Float64Array(m);
  kernelRe[0] = chirpRe[0];
  kernelIm[0] = -chirpIm[0];
  for (let k = 1; k < n; k++) {
    kernelRe[k] = kernelRe[m - k] = chirpRe[k];
    kernelIm[k] = kernelIm[m - k] = -chirpIm[k];
  }
  radix2(kernelRe, kernelIm, inner);
  return { kind: 'bluestein', inner, chirpRe, chirpIm, kernelRe, kernelIm };
}

function bluestein(re: Float64Array, im: Float64Array, plan: BluesteinPlan): void {
  const n = re.length;
  const { inner, chirpRe, chirpIm, kernelRe, kernelIm } = plan;
  const m = kernelRe.length;
  const ar = new Float64Array(m);
  const ai = new Float64Array(m);
  for (let k = 0; k < n; k++) {
    ar[k] = re[k] * chirpRe[k] - im[k] * chirpIm[k];
    ai[k] = re[k] * chirpIm[k] + im[k] * chirpRe[k];
  }
  radix2(ar, ai, inner);
  // Circular convolution with the kernel = pointwise product, then inverse FFT via conjugation.
  for (let k = 0; k < m; k++) {
    const pr = ar[k] * kernelRe[k] - ai[k] * kernelIm[k];
    const pi = ar[k] * kernelIm[k] + ai[k] * kernelRe[k];
    ar[k] = pr;
    ai[k] = -pi;
  }
  radix2(ar, ai, inner);
  for (let k = 0; k < n; k++) {
    const cr = ar[k] / m;
    const ci = -ai[k] / m;
    re[k] = cr * chirpRe[k] - ci * chirpIm[k];
    im[k] = cr * chirpIm[k] + ci * chirpRe[k];
  }
}
