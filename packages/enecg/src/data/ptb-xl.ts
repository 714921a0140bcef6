import { detectRPeaks, type FileSource, openPtbXl, PTBXL_SUPERCLASSES, selectLeads } from '@enecg/ecg-io';
import type { LabelledDataset, LabelledEcg, TaskSpec } from '../tasks/task.js';
import { medianRrMs } from './rr.js';

/** Rhythm classes of the rhythm task: sinus rhythm, atrial fibrillation, any other rhythm statement. */
const RHYTHM_CLASSES = ['SR', 'AFIB', 'other'];

/** The PTB-XL tasks (as in the EnECG paper, without potassium: no open dataset has the lab values). */
export const PTBXL_TASKS: readonly TaskSpec[] = [
  { name: 'age', kind: 'regression', unit: 'years' },
  { name: 'sex', kind: 'classification', classes: ['male', 'female'] },
  { name: 'rr_interval', kind: 'regression', unit: 'ms' },
  { name: 'rhythm', kind: 'classification', classes: RHYTHM_CLASSES },
  { name: 'st_t_change', kind: 'classification', classes: ['no', 'yes'] },
  { name: 'superclasses', kind: 'multilabel', labels: [...PTBXL_SUPERCLASSES] },
];

/** Options of {@link ptbXlDataset}. */
export interface PtbXlDatasetOptions {
  /** 100 (default, records500 not needed) or 500 Hz files. */
  rate?: 100 | 500;
  /** strat_folds to load (default all 1-10). */
  folds?: number[];
  /** At most this many records (the first by ecg_id), for quick runs. */
  limit?: number;
  /** Task names to keep (default: all of PTBXL_TASKS). */
  tasks?: string[];
  onProgress?: (done: number, total: number) => void;
}

/**
 * PTB-XL as a labelled dataset: subjects are patient_id, `stratFold` is kept for the recommended split. RR
 * interval labels come from R-peak detection on lead II (median RR), rhythm from the rhythm statements (SR,
 * AFIB, other; records without a rhythm statement get null), ST-T change from the STTC superclass.
 */
export async function ptbXlDataset(
  source: FileSource,
  options: PtbXlDatasetOptions = {},
): Promise<LabelledDataset> {
  const rate = options.rate ?? 100;
  const dataset = await openPtbXl(source, { folds: options.folds });
  const entries = options.limit ? dataset.entries.slice(0, options.limit) : dataset.entries;
  const tasks = options.tasks
    ? options.tasks.map((name) => {
        const task = PTBXL_TASKS.find((t) => t.name === name);
        if (!task)
          throw new RangeError(
            `unknown PTB-XL task '${name}'; tasks: ${PTBXL_TASKS.map((t) => t.name).join(', ')}`,
          );
        return task;
      })
    : [...PTBXL_TASKS];
  const examples: LabelledEcg[] = [];
  for (const [i, entry] of entries.entries()) {
    const record = await dataset.readRecord(entry, rate);
    const [leadII] = selectLeads(record, ['II']).signals;
    const rhythm = entry.rhythms.includes('SR')
      ? 0
      : entry.rhythms.includes('AFIB')
        ? 1
        : entry.rhythms.length > 0
          ? 2
          : null;
    examples.push({
      id: String(entry.ecgId),
      subjectId: String(entry.patientId),
      record,
      stratFold: entry.stratFold,
      targets: {
        age: entry.age,
        sex: entry.sex === null ? null : entry.sex === 'male' ? 0 : 1,
        rr_interval: medianRrMs(
          Array.from(detectRPeaks(leadII, record.samplingFrequency)),
          record.samplingFrequency,
        ),
        rhythm,
        st_t_change: entry.superclasses.length === 0 ? null : entry.superclasses.includes('STTC') ? 1 : 0,
        superclasses:
          entry.superclasses.length === 0
            ? null
            : PTBXL_SUPERCLASSES.map((c) => (entry.superclasses.includes(c) ? 1 : 0)),
      },
    });
    options.onProgress?.(i + 1, entries.length);
  }
  return {
    name: 'ptb-xl',
    description: `${examples.length} PTB-XL records at ${rate} Hz (patients as subjects); RR from lead-II R-peak detection`,
    tasks,
    examples,
  };
}
