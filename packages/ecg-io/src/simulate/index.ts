// Labelled 12-lead ECG simulation: ECGSYN heart-dipole model, rhythms, conditions and noise.
export type { BeatSymbol } from './beat-schedule.js';
export { CONDITION_CODES, SIMULATED_CONDITIONS, type SimulatedCondition } from './conditions.js';
export {
  DEFAULT_DATASET_NOISE,
  type SimulateDatasetOptions,
  type SimulatedDatasetRecord,
  simulateDataset,
} from './dataset.js';
export type { SimulatedBeat, SimulatedEcgLabels, SimulatedRhythmCode } from './labels.js';
export type { NoiseOptions } from './noise.js';
export type {
  AtrialFibrillationOptions,
  SimulatedRhythm,
  SimulateEcgOptions,
  StDeviationOptions,
  TWaveInversionOptions,
} from './options.js';
export { SeededRandom } from './random.js';
export type { HrvOptions } from './rr-process.js';
export { type SimulatedEcg, simulateEcg } from './simulate-ecg.js';
