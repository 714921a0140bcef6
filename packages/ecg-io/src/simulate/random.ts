import { EcgRangeError } from '../errors.js';

/** Throws EcgRangeError unless `seed` is an integer in [0, 2^32). */
export function requireSeed(name: string, seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) {
    throw new EcgRangeError(`${name} must be an integer in [0, 4294967295], got ${seed}`, { field: name });
  }
}

/**
 * A small seeded pseudo-random generator: mulberry32 for uniform numbers, Box-Muller for normal ones.
 * Not cryptographic; the same seed always gives the same sequence on every platform.
 */
export class SeededRandom {
  readonly seed: number;
  private state: number;
  private spareNormal: number | null = null;

  constructor(seed: number) {
    requireSeed('seed', seed);
    this.seed = seed;
    this.state = seed;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Uniform in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** Normal with the given mean and standard deviation (Box-Muller; the second value serves the next call). */
  normal(mean = 0, std = 1): number {
    if (this.spareNormal !== null) {
      const spare = this.spareNormal;
      this.spareNormal = null;
      return mean + std * spare;
    }
    const radius = Math.sqrt(-2 * Math.log(1 - this.next())); // 1 - next() is in (0, 1]: no log(0)
    const angle = 2 * Math.PI * this.next();
    this.spareNormal = radius * Math.sin(angle);
    return mean + std * radius * Math.cos(angle);
  }

  /** A uniformly chosen element of a non-empty list. */
  pick<T>(items: readonly T[]): T {
    return items[Math.floor(this.next() * items.length)];
  }

  /**
   * The seed of an independent stream named `label`. It depends only on this generator's seed and the label,
   * not on how many numbers were drawn, so adding draws to one stream never changes another.
   */
  deriveSeed(label: string): number {
    let hash = 0x811c9dc5; // FNV-1a over the label, then mixed with the seed (splitmix32 finaliser)
    for (let i = 0; i < label.length; i++) hash = Math.imul(hash ^ label.charCodeAt(i), 0x01000193);
    let z = (hash ^ Math.imul(this.seed, 0x9e3779b9)) >>> 0;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  }

  /** An independent generator for the stream named `label` (see deriveSeed). */
  fork(label: string): SeededRandom {
    return new SeededRandom(this.deriveSeed(label));
  }
}
