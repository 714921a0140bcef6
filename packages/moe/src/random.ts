/**
 * Successive seeds for TensorFlow.js random ops (noise, dropout). A seeded gate draws different noise on
 * every training call, and the same sequence of noise again when it is built again with the same seed.
 * Without a seed, `next()` returns `undefined` and TensorFlow.js draws unseeded noise.
 */
export class SeedStream {
  private state: number;

  constructor(private readonly seed: number | undefined) {
    this.state = (seed ?? 0) >>> 0;
  }

  /** The next seed (a 32-bit unsigned integer), or `undefined` for an unseeded stream. */
  next(): number | undefined {
    if (this.seed === undefined) return undefined;
    // One step of the mulberry32 generator: a well-mixed 32-bit value per call.
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  /** A seed derived from this stream's seed for a one-off use (weight initialisation number `index`). */
  derived(index: number): number | undefined {
    return this.seed === undefined ? undefined : (this.seed * 1000003 + index) >>> 0;
  }
}
