import { STANDARD_12_LEADS, type StandardLead } from '../leads.js';
import { dot, solve3, type Vec3 } from './vec3.js';

/**
 * Dower's transform from Frank vectorcardiographic leads (X, Y, Z) to the independent leads I, II, V1-V6:
 * `lead = coefficients . [X, Y, Z]`. Coefficients of Dower, Machado and Osborne, "On deriving the
 * electrocardiogram from vectorcardiographic leads", Clin Cardiol 1980;3:87-95, as tabulated with their inverse
 * by Edenbrandt and Pahlm, "Vectorcardiogram synthesized from a 12-lead ECG: superiority of the inverse Dower
 * matrix", J Electrocardiol 1988;21:361-367.
 */
export const DOWER_COEFFICIENTS: Readonly<
  Record<'I' | 'II' | 'V1' | 'V2' | 'V3' | 'V4' | 'V5' | 'V6', Vec3>
> = {
  I: [0.632, -0.235, 0.059],
  II: [0.235, 1.066, -0.132],
  V1: [-0.515, 0.157, -0.917],
  V2: [0.044, 0.164, -1.387],
  V3: [0.882, 0.098, -1.277],
  V4: [1.213, 0.127, -0.601],
  V5: [1.125, 0.127, -0.086],
  V6: [0.831, 0.076, 0.23],
};

/**
 * The lead vector of any of the 12 standard leads: the projection that gives the lead from the heart dipole.
 * III and the augmented leads follow from I and II (Einthoven: III = II - I; Goldberger: aVR = -(I + II) / 2,
 * aVL = I - II / 2, aVF = II - I / 2).
 */
export function leadVector(lead: StandardLead): Vec3 {
  const [i, ii] = [DOWER_COEFFICIENTS.I, DOWER_COEFFICIENTS.II];
  const combine = (a: number, b: number): Vec3 => [
    a * i[0] + b * ii[0],
    a * i[1] + b * ii[1],
    a * i[2] + b * ii[2],
  ];
  switch (lead) {
    case 'III':
      return combine(-1, 1);
    case 'aVR':
      return combine(-0.5, -0.5);
    case 'aVL':
      return combine(1, -0.5);
    case 'aVF':
      return combine(-0.5, 1);
    default:
      return DOWER_COEFFICIENTS[lead];
  }
}

/**
 * The dipole whose projections on the 12 leads come closest to `target(lead)`, by least squares in which the
 * `emphasised` leads weigh `weight` times more than the others.
 */
export function fitLeadPattern(
  target: (lead: StandardLead) => number,
  emphasised: readonly StandardLead[],
  weight: number,
): Vec3 {
  const rows = STANDARD_12_LEADS.map(leadVector);
  const weights = STANDARD_12_LEADS.map((lead) => (emphasised.includes(lead) ? weight * weight : 1));
  const targets = STANDARD_12_LEADS.map(target);
  const normalMatrix = [0, 1, 2].map((j) =>
    [0, 1, 2].map((k) => rows.reduce((sum, row, n) => sum + weights[n] * row[j] * row[k], 0)),
  );
  const rhs = [0, 1, 2].map((j) => rows.reduce((sum, row, n) => sum + weights[n] * row[j] * targets[n], 0));
  return solve3(normalMatrix, rhs);
}

/** The value a dipole shows in a lead (mV). */
export function projectDipole(dipole: Vec3, lead: StandardLead): number {
  return dot(leadVector(lead), dipole);
}
