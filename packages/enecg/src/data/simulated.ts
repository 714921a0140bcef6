import { simulateDataset } from '@enecg/ecg-io';
import type { LabelledDataset, TaskSpec } from '../tasks/task.js';

/** Rhythm classes the simulator labels (PTB-XL rhythm statements). */
const RHYTHMS = ['SR', 'SBRAD', 'STACH', 'AFIB'];
/** Diagnostic superclasses the simulator produces (it has no MI or HYP model). */
const SUPERCLASSES = ['NORM', 'STTC', 'CD'];

/** The tasks of the simulated dataset. */
export const SIMULATED_TASKS: readonly TaskSpec[] = [
  { name: 'rr_interval', kind: 'regression', unit: 'ms' },
  { name: 'rhythm', kind: 'classification', classes: RHYTHMS },
  { name: 'st_t_change', kind: 'classification', classes: ['no', 'yes'] },
  { name: 'superclasses', kind: 'multilabel', labels: SUPERCLASSES },
];

/** Options of {@link simulatedDataset}. */
export interface SimulatedDatasetOptions {
  /** Records. Default 240. */
  count?: number;
  /** Default 1. */
  seed?: number;
  /** Records per simulated patient (same heart, different beats and noise). Default 2. */
  recordsPerPatient?: number;
  /** Default 500 Hz. */
  samplingFrequency?: number;
  /** Default 10 s. */
  durationS?: number;
  /** Task names to keep (default: all of SIMULATED_TASKS). */
  tasks?: string[];
}

/**
 * A labelled 12-lead dataset from @enecg/ecg-io's simulator (ECGSYN-style dynamical model, ten conditions in
 * equal numbers of patients): RR interval (median, ms), rhythm, ST-T change and the diagnostic superclasses it
 * models. Labels are exact by construction. No age or sex: the simulator does not model them.
 */
export function simulatedDataset(options: SimulatedDatasetOptions = {}): LabelledDataset {
  const count = options.count ?? 240;
  const seed = options.seed ?? 1;
  const tasks = options.tasks
    ? options.tasks.map((name) => {
        const task = SIMULATED_TASKS.find((t) => t.name === name);
        if (!task)
          throw new RangeError(
            `unknown simulated task '${name}'; tasks: ${SIMULATED_TASKS.map((t) => t.name).join(', ')}`,
          );
        return task;
      })
    : [...SIMULATED_TASKS];
  const records = simulateDataset({
    count,
    seed,
    recordsPerPatient: options.recordsPerPatient ?? 2,
    samplingFrequency: options.samplingFrequency ?? 500,
    durationS: options.durationS ?? 10,
  });
  return {
    name: 'simulated',
    description: `${count} simulated 12-lead ECGs (seed ${seed}, ${options.recordsPerPatient ?? 2} per patient, ten conditions)`,
    tasks,
    examples: records.map(({ id, patientId, record, labels }) => ({
      id,
      subjectId: patientId,
      record,
      targets: {
        rr_interval: labels.medianRrMs,
        rhythm: RHYTHMS.indexOf(labels.rhythm),
        st_t_change: labels.sttChange ? 1 : 0,
        superclasses: SUPERCLASSES.map((c) => (labels.superclasses.includes(c as never) ? 1 : 0)),
      },
    })),
  };
}
