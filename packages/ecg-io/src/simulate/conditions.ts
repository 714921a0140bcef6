import type { StandardLead } from '../leads.js';
import type { SimulateEcgOptions } from './options.js';
import type { SeededRandom } from './random.js';

/** The conditions simulateDataset draws records from. */
export const SIMULATED_CONDITIONS = [
  'normal',
  'sinus-bradycardia',
  'sinus-tachycardia',
  'atrial-fibrillation',
  'pvc',
  'pac',
  'st-elevation',
  'st-depression',
  't-wave-inversion',
  'first-degree-av-block',
] as const;
export type SimulatedCondition = (typeof SIMULATED_CONDITIONS)[number];

/** The PTB-XL statement a record of each condition must carry (records without it are simulated again). */
export const CONDITION_CODES: Readonly<Record<SimulatedCondition, string>> = {
  normal: 'NORM',
  'sinus-bradycardia': 'SBRAD',
  'sinus-tachycardia': 'STACH',
  'atrial-fibrillation': 'AFIB',
  pvc: 'PVC',
  pac: 'PAC',
  'st-elevation': 'STE_',
  'st-depression': 'STD_',
  't-wave-inversion': 'INVT',
  'first-degree-av-block': '1AVB',
};

/** Coronary territories as lead groups: anterior, inferior, lateral. */
const TERRITORIES: readonly (readonly StandardLead[])[] = [
  ['V1', 'V2', 'V3', 'V4'],
  ['II', 'III', 'aVF'],
  ['I', 'aVL', 'V5', 'V6'],
];
/** Where ST depression of subendocardial ischaemia usually shows. */
const ST_DEPRESSION_LEADS: readonly (readonly StandardLead[])[] = [
  ['V4', 'V5', 'V6'],
  ['I', 'II', 'V4', 'V5', 'V6'],
];

/**
 * Simulation options for one record of `condition`. What is a property of the patient (the territory of an
 * ST or T change) comes from `patient`, the same for all of a patient's records; the rest (heart rate,
 * amounts, ectopy rate) from `record`.
 */
export function conditionOptions(
  condition: SimulatedCondition,
  patient: SeededRandom,
  record: SeededRandom,
): SimulateEcgOptions {
  const rate = (min: number, max: number) => ({ heartRateBpm: record.uniform(min, max) });
  switch (condition) {
    case 'normal':
      return rate(62, 95);
    case 'sinus-bradycardia':
      return rate(42, 55);
    case 'sinus-tachycardia':
      return rate(106, 140);
    case 'atrial-fibrillation':
      return {
        ...rate(70, 120),
        rhythm: 'atrial-fibrillation',
        atrialFibrillation: { rrCv: record.uniform(0.15, 0.3), fWaveAmplitudeMv: record.uniform(0.03, 0.1) },
      };
    case 'pvc':
      return { ...rate(60, 95), pvcProbability: record.uniform(0.1, 0.3) };
    case 'pac':
      return { ...rate(60, 95), pacProbability: record.uniform(0.1, 0.3) };
    case 'st-elevation':
      return {
        ...rate(60, 95),
        stDeviation: { leads: patient.pick(TERRITORIES), mv: record.uniform(0.12, 0.35) },
      };
    case 'st-depression':
      return {
        ...rate(60, 95),
        stDeviation: { leads: patient.pick(ST_DEPRESSION_LEADS), mv: -record.uniform(0.08, 0.25) },
      };
    case 't-wave-inversion':
      return { ...rate(60, 95), tWaveInversion: { leads: patient.pick(TERRITORIES) } };
    case 'first-degree-av-block':
      return { ...rate(60, 95), prIntervalMs: record.uniform(220, 320) };
  }
}
