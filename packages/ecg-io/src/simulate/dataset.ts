import { EcgRangeError } from '../errors.js';
import type { EcgRecord } from '../record.js';
import {
  CONDITION_CODES,
  conditionOptions,
  SIMULATED_CONDITIONS,
  type SimulatedCondition,
} from './conditions.js';
import type { SimulatedEcgLabels } from './labels.js';
import type { NoiseOptions } from './noise.js';
import { requireRange } from './options.js';
import { requireSeed, SeededRandom } from './random.js';
import { simulateEcg } from './simulate-ecg.js';

/** Options of simulateDataset. */
export interface SimulateDatasetOptions {
  /** Number of records. */
  count: number;
  /** Seed of the whole dataset. Default 1. */
  seed?: number;
  /** Relative weights of the conditions; conditions left out get none. Default: every condition, weight 1. */
  classMix?: Partial<Record<SimulatedCondition, number>>;
  /**
   * `true`: patients are dealt to the conditions of `classMix` (those with weight > 0) in turn, in a seeded
   * order, so each gets the same number of patients (+-1). `false`: each patient's condition is drawn with the
   * `classMix` weights. Default true.
   */
  balanced?: boolean;
  /** Default 500. */
  samplingFrequency?: number;
  /** Record length, s. Default 10 (as PTB-XL). */
  durationS?: number;
  /** Records per patient (same heart and condition, different heart rate, beats and noise). Default 1. */
  recordsPerPatient?: number;
  /** Noise of every record. Default DEFAULT_DATASET_NOISE. */
  noise?: NoiseOptions;
}

/** Mild noise of a resting ECG: breathing and drift, muscle tremor, some mains pick-up. */
export const DEFAULT_DATASET_NOISE: NoiseOptions = {
  baselineWanderSnrDb: 25,
  emgSnrDb: 30,
  powerlineSnrDb: 35,
};

/** One record of a simulated dataset. */
export interface SimulatedDatasetRecord {
  /** Record id, also `record.name`: `sim-<dataset seed>-<index>`. */
  id: string;
  /** Patient id, `patient-<index>`: records of one patient share a heart and a condition. */
  patientId: string;
  condition: SimulatedCondition;
  record: EcgRecord;
  labels: SimulatedEcgLabels;
}

/** A record that lacks its condition's statement (a PVC record without PVC, say) is redrawn this often. */
const MAX_ATTEMPTS = 20;

/**
 * Simulates a labelled dataset of 12-lead records for training and evaluation, several records per patient
 * for subject-level folds. Each record shows its condition (its labels carry the condition's PTB-XL
 * statement); deterministic for given options.
 *
 * @example
 * const data = simulateDataset({ count: 200, seed: 3, recordsPerPatient: 2 });
 * data[0]; // { id: 'sim-3-0', patientId: 'patient-0', condition: 'st-depression', record, labels }
 */
export function simulateDataset(options: SimulateDatasetOptions): SimulatedDatasetRecord[] {
  const seed = options.seed ?? 1;
  requireSeed('seed', seed);
  if (!Number.isInteger(options.count) || options.count < 0) {
    throw new EcgRangeError(`count must be an integer >= 0, got ${options.count}`, { field: 'count' });
  }
  const recordsPerPatient = options.recordsPerPatient ?? 1;
  if (!Number.isInteger(recordsPerPatient) || recordsPerPatient < 1) {
    throw new EcgRangeError(`recordsPerPatient must be an integer >= 1, got ${recordsPerPatient}`, {
      field: 'recordsPerPatient',
    });
  }
  const mix = conditionWeights(options.classMix);
  const random = new SeededRandom(seed);
  const patients = Math.ceil(options.count / recordsPerPatient);
  const conditions =
    (options.balanced ?? true)
      ? dealConditions(mix, patients, random.fork('conditions'))
      : drawConditions(mix, patients, random.fork('conditions'));
  const out: SimulatedDatasetRecord[] = [];
  for (let index = 0; index < options.count; index++) {
    const patient = Math.floor(index / recordsPerPatient);
    const condition = conditions[patient];
    const patientSeed = random.deriveSeed(`patient-${patient}`);
    const id = `sim-${seed}-${index}`;
    for (let attempt = 0; ; attempt++) {
      if (attempt === MAX_ATTEMPTS) {
        throw new EcgRangeError(
          `could not simulate a '${condition}' record showing ${CONDITION_CODES[condition]} ` +
            `in ${MAX_ATTEMPTS} attempts; is durationS long enough?`,
        );
      }
      const recordSeed = random.deriveSeed(`record-${index}-${attempt}`);
      const simulated = simulateEcg({
        ...conditionOptions(
          condition,
          new SeededRandom(patientSeed).fork('condition'),
          new SeededRandom(recordSeed),
        ),
        seed: recordSeed,
        patientSeed,
        samplingFrequency: options.samplingFrequency,
        durationS: options.durationS,
        noise: options.noise ?? DEFAULT_DATASET_NOISE,
        name: id,
      });
      if (simulated.labels.scpCodes.includes(CONDITION_CODES[condition])) {
        out.push({ id, patientId: `patient-${patient}`, condition, ...simulated });
        break;
      }
    }
  }
  return out;
}

/** The conditions with weight > 0 and their weights. */
function conditionWeights(classMix: SimulateDatasetOptions['classMix']): [SimulatedCondition, number][] {
  if (classMix === undefined) return SIMULATED_CONDITIONS.map((c) => [c, 1]);
  const entries = Object.entries(classMix) as [SimulatedCondition, number][];
  for (const [condition, weight] of entries) {
    if (!SIMULATED_CONDITIONS.includes(condition)) {
      throw new EcgRangeError(
        `classMix: unknown condition '${condition}' (known: ${SIMULATED_CONDITIONS.join(', ')})`,
        {
          field: 'classMix',
        },
      );
    }
    requireRange(`classMix.${condition}`, weight, 0, Number.MAX_VALUE);
  }
  const used = entries.filter(([, weight]) => weight > 0);
  if (used.length === 0)
    throw new EcgRangeError('classMix gives no condition a weight > 0', { field: 'classMix' });
  return used;
}

/** Conditions dealt in turn from a shuffled order: equal counts (+-1) whatever the weights. */
function dealConditions(
  mix: readonly [SimulatedCondition, number][],
  patients: number,
  random: SeededRandom,
): SimulatedCondition[] {
  const order = mix.map(([condition]) => condition);
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random.next() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return Array.from({ length: patients }, (_, p) => order[p % order.length]);
}

/** Conditions drawn independently with the given weights. */
function drawConditions(
  mix: readonly [SimulatedCondition, number][],
  patients: number,
  random: SeededRandom,
): SimulatedCondition[] {
  const total = mix.reduce((sum, [, weight]) => sum + weight, 0);
  return Array.from({ length: patients }, () => {
    let draw = random.next() * total;
    for (const [condition, weight] of mix) {
      draw -= weight;
      if (draw < 0) return condition;
    }
    return mix[mix.length - 1][0]; // draw === total after rounding
  });
}
