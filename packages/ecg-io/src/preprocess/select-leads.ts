import { EcgRangeError } from '../errors.js';
import { canonicalLeadName, type LeadName, STANDARD_12_LEADS } from '../leads.js';
import type { EcgRecord } from '../record.js';
import { mapSamples } from './map-samples.js';

/** The six frontal-plane (limb) leads. Any two of them determine the other four. */
export type LimbLead = 'I' | 'II' | 'III' | 'aVR' | 'aVL' | 'aVF';

/**
 * Each limb lead as a combination `[of I, of II]` (Einthoven: III = II - I; Goldberger:
 * aVR = -(I + II)/2, aVL = I - II/2, aVF = II - I/2).
 */
const LIMB_LEAD_IN_I_II: Readonly<Record<LimbLead, readonly [number, number]>> = {
  I: [1, 0],
  II: [0, 1],
  III: [-1, 1],
  aVR: [-0.5, -0.5],
  aVL: [1, -0.5],
  aVF: [-0.5, 1],
};

const LIMB_LEADS = Object.keys(LIMB_LEAD_IN_I_II) as LimbLead[];

function isLimbLead(lead: LeadName): lead is LimbLead {
  return lead in LIMB_LEAD_IN_I_II;
}

/** Where a selected lead came from. */
export type LeadSource = 'real' | 'derived' | 'padded';

/** Signals with their names as written in a file (names are canonicalised with `canonicalLeadName`). */
export interface NamedSignals {
  names: readonly string[];
  signals: readonly ArrayLike<number>[];
}

/** Options of {@link selectLeads}. */
export interface SelectLeadsOptions {
  /** Compute missing limb leads from two available ones. Default `true`. */
  derive?: boolean;
  /** Fill for leads that are neither available nor derivable: `'zeros'` (default) or `'nan'`. */
  pad?: 'zeros' | 'nan';
}

/** Result of {@link selectLeads}; arrays are parallel to `leads`. */
export interface SelectedLeads {
  leads: LeadName[];
  signals: Float64Array[];
  /** Per lead: `real` (copied from the input), `derived` (from two real limb leads) or `padded`. */
  source: LeadSource[];
}

/**
 * Puts the signals of a record (physical units) or of named signals into the order `wanted` (default the
 * standard 12 leads). Missing limb leads are derived from the first two real limb leads (in standard order)
 * when `derive` is on; leads that remain missing are padded. The first signal wins when two map to the
 * same lead. All outputs are new arrays of the input length.
 *
 * @throws EcgRangeError when the input has no signals or the used signals differ in length.
 */
export function selectLeads(
  input: EcgRecord | NamedSignals,
  wanted: readonly LeadName[] = STANDARD_12_LEADS,
  options: SelectLeadsOptions = {},
): SelectedLeads {
  const { derive = true, pad = 'zeros' } = options;
  const { available, firstLength } = availableLeads(input);
  const basis = derive ? limbBasis(available) : null;
  const used: ArrayLike<number>[] = [];
  for (const lead of wanted) {
    const signal = available.get(lead);
    if (signal !== undefined) used.push(signal);
  }
  if (basis !== null) used.push(basis[0][1], basis[1][1]);
  const length = used.length > 0 ? commonLength(used) : firstLength;

  const signals: Float64Array[] = [];
  const source: LeadSource[] = [];
  for (const lead of wanted) {
    const real = available.get(lead);
    if (real !== undefined) {
      signals.push(Float64Array.from(real));
      source.push('real');
    } else if (basis !== null && isLimbLead(lead)) {
      signals.push(limbLeadFrom(lead, basis[0], basis[1]));
      source.push('derived');
    } else {
      signals.push(new Float64Array(length).fill(pad === 'nan' ? Number.NaN : 0));
      source.push('padded');
    }
  }
  return { leads: [...wanted], signals, source };
}

/**
 * III, aVR, aVL and aVF from leads I and II (Einthoven's and Goldberger's relations).
 *
 * @throws EcgRangeError when the two leads differ in length.
 */
export function deriveLimbLeads(
  leadI: ArrayLike<number>,
  leadII: ArrayLike<number>,
): Record<'III' | 'aVR' | 'aVL' | 'aVF', Float64Array> {
  commonLength([leadI, leadII]);
  const from: [LimbLead, ArrayLike<number>][] = [
    ['I', leadI],
    ['II', leadII],
  ];
  return {
    III: limbLeadFrom('III', from[0], from[1]),
    aVR: limbLeadFrom('aVR', from[0], from[1]),
    aVL: limbLeadFrom('aVL', from[0], from[1]),
    aVF: limbLeadFrom('aVF', from[0], from[1]),
  };
}

/** Signals by canonical lead name (first occurrence wins), and the length of the input's first signal. */
function availableLeads(input: EcgRecord | NamedSignals): {
  available: Map<LeadName, ArrayLike<number>>;
  firstLength: number;
} {
  if ('names' in input && input.names.length !== input.signals.length) {
    throw new EcgRangeError(`${input.names.length} names were given for ${input.signals.length} signals`);
  }
  const entries: [LeadName | null, ArrayLike<number>][] =
    'physical' in input
      ? input.signals.map((s, i) => [s.lead ?? canonicalLeadName(s.name), input.physical[i]])
      : input.names.map((name, i) => [canonicalLeadName(name), input.signals[i]]);
  if (entries.length === 0) throw new EcgRangeError('selectLeads: the input has no signals');
  const available = new Map<LeadName, ArrayLike<number>>();
  for (const [lead, signal] of entries)
    if (lead !== null && !available.has(lead)) available.set(lead, signal);
  return { available, firstLength: entries[0][1].length };
}

function commonLength(signals: readonly ArrayLike<number>[]): number {
  const length = signals[0].length;
  for (const s of signals) {
    if (s.length !== length)
      throw new EcgRangeError(`leads differ in length (${length} vs ${s.length} samples)`);
  }
  return length;
}

/** The first two real limb leads in standard order, or null when fewer than two are available. */
function limbBasis(
  available: Map<LeadName, ArrayLike<number>>,
): [[LimbLead, ArrayLike<number>], [LimbLead, ArrayLike<number>]] | null {
  const real = LIMB_LEADS.flatMap((lead): [LimbLead, ArrayLike<number>][] => {
    const signal = available.get(lead);
    return signal === undefined ? [] : [[lead, signal]];
  });
  return real.length >= 2 ? [real[0], real[1]] : null;
}

/**
 * `target` as `wa * A + wb * B` from two limb leads A and B: with A = a.(I, II) and B = b.(I, II), solving
 * for (I, II) gives wa = (t1 b2 - t2 b1) / det and wb = (t2 a1 - t1 a2) / det, det = a1 b2 - a2 b1 (never 0:
 * no two limb leads are parallel).
 */
function limbLeadFrom(
  target: LimbLead,
  [leadA, signalA]: [LimbLead, ArrayLike<number>],
  [leadB, signalB]: [LimbLead, ArrayLike<number>],
): Float64Array {
  const [a1, a2] = LIMB_LEAD_IN_I_II[leadA];
  const [b1, b2] = LIMB_LEAD_IN_I_II[leadB];
  const [t1, t2] = LIMB_LEAD_IN_I_II[target];
  const det = a1 * b2 - a2 * b1;
  const wa = (t1 * b2 - t2 * b1) / det;
  const wb = (t2 * a1 - t1 * a2) / det;
  return mapSamples(signalA, (v, i) => wa * v + wb * signalB[i]);
}
