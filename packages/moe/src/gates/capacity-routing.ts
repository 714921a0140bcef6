import { MoeConfigError } from '../errors.js';

/** What happens to a token whose first-choice expert is full: dropped, or sent to its next choice with room. */
export type OverflowPolicy = 'drop' | 'next';

/** Result of {@link routeWithCapacity}. */
export interface CapacityRouting {
  /** Each token's first-choice expert (its largest probability; ties go to the lower index). */
  firstChoice: Int32Array;
  /** The expert each token is dispatched to, or -1 for a dropped token. */
  assignment: Int32Array;
}

/** `value` if it names an {@link OverflowPolicy}, otherwise a `MoeConfigError`. */
export function checkOverflowPolicy(value: string): OverflowPolicy {
  if (value !== 'drop' && value !== 'next') {
    throw new MoeConfigError('overflow', `must be 'drop' or 'next', got ${JSON.stringify(value)}`);
  }
  return value;
}

/**
 * Tokens per expert, ceil(tokens / E · capacityFactor). `Infinity` for an unlimited capacity factor.
 * A tiny tolerance keeps float error from adding a slot (100 tokens · 1.1 / 10 experts is 11, not 12).
 */
export function expertCapacity(tokens: number, numExperts: number, capacityFactor: number): number {
  if (capacityFactor === Infinity) return Infinity;
  return Math.ceil((tokens * capacityFactor) / numExperts - 1e-9);
}

/**
 * Assigns tokens to experts with at most `capacity` tokens per expert, in token order (earlier tokens win a
 * full expert, as in Switch Transformers). With 'next', tokens that overflowed try their second choice once
 * every first choice is placed, then their third, and so on, taking the first expert with room; tokens
 * that find none are dropped.
 * @param probs router probabilities, row-major [tokens, numExperts]
 */
export function routeWithCapacity(
  probs: ArrayLike<number>,
  numExperts: number,
  capacity: number,
  overflow: OverflowPolicy,
): CapacityRouting {
  checkOverflowPolicy(overflow);
  const tokens = probs.length / numExperts;
  const preferences = Array.from({ length: tokens }, (_, t) => expertsByPreference(probs, t, numExperts));
  const firstChoice = Int32Array.from(preferences, (order) => order[0]);
  const assignment = new Int32Array(tokens).fill(-1);
  const load = new Array<number>(numExperts).fill(0);
  const rounds = overflow === 'drop' ? 1 : numExperts;
  for (let round = 0; round < rounds; round++) {
    for (let t = 0; t < tokens; t++) {
      if (assignment[t] !== -1) continue;
      const expert = preferences[t][round];
      if (load[expert] < capacity) {
        assignment[t] = expert;
        load[expert]++;
      }
    }
  }
  return { firstChoice, assignment };
}

/** Expert indices of token `t`, by decreasing probability (ties: lower index first). */
function expertsByPreference(probs: ArrayLike<number>, t: number, numExperts: number): number[] {
  const row = (e: number) => probs[t * numExperts + e];
  return Array.from({ length: numExperts }, (_, e) => e).sort((a, b) => row(b) - row(a) || a - b);
}
