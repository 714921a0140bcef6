import { STANDARD_12_LEADS, type StandardLead } from '../leads.js';
import { DOWER_COEFFICIENTS } from './dower.js';
import type { ElectrodeNoise } from './noise.js';
import { fillSamples } from './samples.js';

/** The leads that are recorded; III, aVR, aVL and aVF are computed from I and II, as ECG machines do. */
const INDEPENDENT_LEADS = ['I', 'II', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'] as const;
type IndependentLead = (typeof INDEPENDENT_LEADS)[number];

/** Leads I, II, V1-V6 (INDEPENDENT_LEADS order), mV. */
export type IndependentLeads = Float64Array[];

/** Leads I, II, V1-V6 from the heart dipole through Dower's matrix. */
export function dipoleToLeads(dipole: readonly Float64Array[]): IndependentLeads {
  return INDEPENDENT_LEADS.map((lead) => {
    const [cx, cy, cz] = DOWER_COEFFICIENTS[lead];
    const [x, y, z] = dipole;
    return fillSamples(new Float64Array(x.length), (n) => cx * x[n] + cy * y[n] + cz * z[n]);
  });
}

/**
 * Leads I, II, V1-V6 from electrode potentials (RA, LA, LL, V1-V6): I = LA - RA, II = LL - RA, and each chest
 * lead against Wilson's central terminal (RA + LA + LL) / 3.
 */
export function electrodesToLeads(electrodes: ElectrodeNoise): IndependentLeads {
  const [ra, la, ll] = electrodes;
  const lead = (valueAt: (n: number) => number) => fillSamples(new Float64Array(ra.length), valueAt);
  const wilson = lead((n) => (ra[n] + la[n] + ll[n]) / 3);
  return [
    lead((n) => la[n] - ra[n]),
    lead((n) => ll[n] - ra[n]),
    ...electrodes.slice(3).map((chest) => lead((n) => chest[n] - wilson[n])),
  ];
}

/** Limb leads as `a I + b II` (Einthoven: III = II - I; Goldberger: aVR = -(I + II) / 2, ...). */
const LIMB_LEADS_FROM_I_II: readonly (readonly [number, number])[] = [
  [-1, 1], // III
  [-0.5, -0.5], // aVR
  [1, -0.5], // aVL
  [-0.5, 1], // aVF
];

/** Mean of x times y minus the product of their means. */
function covariance(x: Float64Array, y: Float64Array): number {
  let sx = 0;
  let sy = 0;
  let sxy = 0;
  for (let n = 0; n < x.length; n++) {
    sx += x[n];
    sy += y[n];
    sxy += x[n] * y[n];
  }
  return sxy / x.length - (sx / x.length) * (sy / x.length);
}

/**
 * Total power of the 12 leads that the independent leads give: the sum over leads of the mean square after
 * removing each lead's mean. The limb leads' powers follow from the variances and covariance of I and II.
 */
export function twelveLeadPower(leads: IndependentLeads): number {
  const [i, ii] = leads;
  const varI = covariance(i, i);
  const varII = covariance(ii, ii);
  const cov = covariance(i, ii);
  const limb = LIMB_LEADS_FROM_I_II.reduce(
    (sum, [a, b]) => sum + a * a * varI + b * b * varII + 2 * a * b * cov,
    0,
  );
  return leads.reduce((sum, lead) => sum + covariance(lead, lead), 0) + limb;
}

/** Largest magnitude a format-16 sample can hold (-32768 is WFDB's missing-sample marker). */
const MAX_DIGITAL = 32767;

/**
 * The 12 standard leads as ADC values: I, II and V1-V6 rounded from `leads` times `gain`, and the limb leads
 * computed from the digital I and II so that III = II - I and aVR + aVL + aVF = 0 hold exactly. Values beyond
 * +-32767 are clipped, and each clipped lead is reported in `clippedLeads`.
 */
export function digitizeLeads(
  leads: IndependentLeads,
  gain: number,
): { digital: Record<StandardLead, Int32Array>; clippedLeads: StandardLead[] } {
  const clippedLeads: StandardLead[] = [];
  const clip = (lead: StandardLead, values: Int32Array) => {
    let clipped = false;
    for (let n = 0; n < values.length; n++) {
      if (Math.abs(values[n]) > MAX_DIGITAL) {
        values[n] = Math.sign(values[n]) * MAX_DIGITAL;
        clipped = true;
      }
    }
    if (clipped) clippedLeads.push(lead);
    return values;
  };
  const integers = (valueAt: (n: number) => number) => fillSamples(new Int32Array(leads[0].length), valueAt);
  const recorded = Object.fromEntries(
    INDEPENDENT_LEADS.map((lead, k) => [
      lead,
      clip(
        lead,
        integers((n) => Math.round(leads[k][n] * gain)),
      ),
    ]),
  ) as Record<IndependentLead, Int32Array>;
  const { I: i, II: ii } = recorded;
  const aVR = integers((n) => -Math.round((i[n] + ii[n]) / 2));
  const aVL = integers((n) => Math.round(i[n] - ii[n] / 2));
  const digital: Record<StandardLead, Int32Array> = {
    ...recorded,
    III: clip(
      'III',
      integers((n) => ii[n] - i[n]),
    ),
    aVR: clip('aVR', aVR),
    aVL: clip('aVL', aVL),
    aVF: clip(
      'aVF',
      integers((n) => -(aVR[n] + aVL[n])),
    ), // exact: aVR + aVL + aVF = 0
  };
  return { digital, clippedLeads: STANDARD_12_LEADS.filter((lead) => clippedLeads.includes(lead)) };
}
