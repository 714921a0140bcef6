import { EcgRangeError } from '../errors.js';
import { mapSamples } from './map-samples.js';

/**
 * Whether statistics are computed for each lead separately (`perLead`) or once over all samples of all
 * leads (`global`, what the EnECG reference pipeline does).
 */
export type NormalizeScope = 'perLead' | 'global';

/** Statistics used by {@link zScore}: one entry per lead (`perLead`) or a single entry (`global`). */
export interface ZScoreStats {
  scope: NormalizeScope;
  mean: number[];
  /** Population standard deviation (divides by n); 0 is stored as 1 so constant leads map to 0. */
  std: number[];
}

/** Statistics used by {@link minMaxScale}: one entry per lead (`perLead`) or a single entry (`global`). */
export interface MinMaxStats {
  scope: NormalizeScope;
  min: number[];
  max: number[];
  /** Target interval. */
  range: readonly [number, number];
}

/** Result of a normalisation: new lead arrays and the statistics that produced them. */
export interface Normalized<S> {
  leads: Float64Array[];
  stats: S;
}

/**
 * Z-score normalisation `(x - mean) / std`. Non-finite samples (NaN padding) are ignored by the statistics
 * and stay NaN. A lead (or record) without finite samples gets mean 0 and std 1.
 *
 * @param scope - default `'global'`.
 */
export function zScore(
  leads: readonly ArrayLike<number>[],
  scope: NormalizeScope = 'global',
): Normalized<ZScoreStats> {
  const groups = statisticGroups(leads, scope);
  const mean: number[] = [];
  const std: number[] = [];
  for (const group of groups) {
    let count = 0;
    let sum = 0;
    forEachFinite(group, (v) => {
      count++;
      sum += v;
    });
    const m = count > 0 ? sum / count : 0;
    let squares = 0;
    forEachFinite(group, (v) => {
      squares += (v - m) ** 2;
    });
    const s = count > 0 ? Math.sqrt(squares / count) : 0;
    mean.push(m);
    std.push(s > 0 ? s : 1);
  }
  const stats: ZScoreStats = { scope, mean, std };
  return { leads: applyZScore(leads, stats), stats };
}

/** Re-applies z-score statistics (e.g. from a training set) to other leads. */
export function applyZScore(leads: readonly ArrayLike<number>[], stats: ZScoreStats): Float64Array[] {
  return leads.map((lead, i) => {
    const k = statIndex(stats.mean.length, leads.length, i);
    return mapSamples(lead, (v) => (v - stats.mean[k]) / stats.std[k]);
  });
}

/**
 * Min-max scaling to `range` (default `[0, 1]`): `lo + (x - min) * (hi - lo) / (max - min)`. Non-finite
 * samples are ignored by the statistics and stay NaN; a constant lead maps to `lo`.
 *
 * @param scope - default `'global'`.
 */
export function minMaxScale(
  leads: readonly ArrayLike<number>[],
  scope: NormalizeScope = 'global',
  range: readonly [number, number] = [0, 1],
): Normalized<MinMaxStats> {
  if (!(range[0] < range[1])) throw new EcgRangeError(`min-max range must satisfy lo < hi, got [${range}]`);
  const min: number[] = [];
  const max: number[] = [];
  for (const group of statisticGroups(leads, scope)) {
    let lo = Number.POSITIVE_INFINITY;
    let hi = Number.NEGATIVE_INFINITY;
    forEachFinite(group, (v) => {
      lo = Math.min(lo, v);
      hi = Math.max(hi, v);
    });
    min.push(lo <= hi ? lo : 0);
    max.push(lo <= hi ? hi : 0);
  }
  const stats: MinMaxStats = { scope, min, max, range: [range[0], range[1]] };
  return { leads: applyMinMax(leads, stats), stats };
}

/** Re-applies min-max statistics to other leads (values outside the old min/max land outside `range`). */
export function applyMinMax(leads: readonly ArrayLike<number>[], stats: MinMaxStats): Float64Array[] {
  const [lo, hi] = stats.range;
  return leads.map((lead, i) => {
    const k = statIndex(stats.min.length, leads.length, i);
    const span = stats.max[k] - stats.min[k];
    const factor = span > 0 ? (hi - lo) / span : 0;
    return mapSamples(lead, (v) => lo + (v - stats.min[k]) * factor);
  });
}

/** Result of {@link clip}. */
export interface Clipped {
  leads: Float64Array[];
  /** The bounds applied. */
  bounds: { min: number; max: number };
  /** How many samples were changed. */
  clippedCount: number;
}

/** Limits every sample to `[min, max]` (NaN stays NaN). */
export function clip(leads: readonly ArrayLike<number>[], min: number, max: number): Clipped {
  if (!(min <= max)) throw new EcgRangeError(`clip bounds must satisfy min <= max, got [${min}, ${max}]`);
  let clippedCount = 0;
  const out = leads.map((lead) =>
    mapSamples(lead, (v) => {
      if (v < min) {
        clippedCount++;
        return min;
      }
      if (v > max) {
        clippedCount++;
        return max;
      }
      return v;
    }),
  );
  return { leads: out, bounds: { min, max }, clippedCount };
}

/** The lead groups statistics are computed over: each lead alone, or all leads together. */
function statisticGroups(leads: readonly ArrayLike<number>[], scope: NormalizeScope): ArrayLike<number>[][] {
  if (leads.length === 0) throw new EcgRangeError('normalisation needs at least one lead');
  return scope === 'perLead' ? leads.map((lead) => [lead]) : [[...leads]];
}

function forEachFinite(group: readonly ArrayLike<number>[], visit: (v: number) => void): void {
  for (const lead of group) {
    for (let i = 0; i < lead.length; i++) if (Number.isFinite(lead[i])) visit(lead[i]);
  }
}

/** Which statistics entry applies to lead `i`: the only one, or the lead's own. */
function statIndex(entries: number, leadCount: number, i: number): number {
  if (entries === 1) return 0;
  if (entries !== leadCount) {
    throw new EcgRangeError(`statistics hold ${entries} leads but ${leadCount} leads were given`);
  }
  return i;
}
