// Shared helpers for the preprocess tests (not a test file itself).

/** Deterministic uniform [0, 1) generator (mulberry32), so failures are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** `n` uniform values in [-1, 1). */
export function randomSignal(n: number, seed: number): Float64Array {
  const random = seededRandom(seed);
  return Float64Array.from({ length: n }, () => 2 * random() - 1);
}

/** `amplitude * sin(2 pi f t + phase)` sampled at `fs` for `n` samples. */
export function sine(n: number, fs: number, f: number, amplitude = 1, phase = 0): Float64Array {
  return Float64Array.from({ length: n }, (_, i) => amplitude * Math.sin((2 * Math.PI * f * i) / fs + phase));
}

/** Largest absolute element-wise difference. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new Error(`length ${a.length} != ${b.length}`);
  let worst = 0;
  for (let i = 0; i < a.length; i++) worst = Math.max(worst, Math.abs(a[i] - b[i]));
  return worst;
}

/** Root mean square of `x[from..to)`. */
export function rms(x: ArrayLike<number>, from = 0, to = x.length): number {
  let sum = 0;
  for (let i = from; i < to; i++) sum += x[i] * x[i];
  return Math.sqrt(sum / (to - from));
}

/** Direct transposed-free difference equation y[n] = sum b[k] x[n-k] - sum a[k] y[n-k] (a[0] = 1). */
export function lfilterNaive(b: readonly number[], a: readonly number[], x: ArrayLike<number>): Float64Array {
  const y = new Float64Array(x.length);
  for (let n = 0; n < x.length; n++) {
    let acc = 0;
    for (let k = 0; k < b.length; k++) if (n - k >= 0) acc += b[k] * x[n - k];
    for (let k = 1; k < a.length; k++) if (n - k >= 0) acc -= a[k] * y[n - k];
    y[n] = acc;
  }
  return y;
}

/** Polynomial product (coefficient convolution). */
export function polyMul(p: readonly number[], q: readonly number[]): number[] {
  const out = new Array<number>(p.length + q.length - 1).fill(0);
  for (let i = 0; i < p.length; i++) for (let j = 0; j < q.length; j++) out[i + j] += p[i] * q[j];
  return out;
}
