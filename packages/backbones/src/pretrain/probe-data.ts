import {
  type FileSource,
  isBeat,
  readAnnotations,
  readWfdbRecord,
  type SimulatedDatasetRecord,
  simulateDataset,
} from '@enecg/ecg-io';
import { type AnnotatedWindow, type AnnotatedWindowOptions, annotatedWindows } from './annotated-windows.js';
import type { ProbeDataset } from './probe-suite.js';
import { PROBE_SIMULATION } from './recipes.js';

/** Options of {@link readProbeDataset}. */
export interface ProbeDatasetOptions extends AnnotatedWindowOptions {
  /** Annotated record (default `100`, MIT-BIH, held out of pretraining) and its annotator (default `atr`). */
  record?: string;
  annotator?: string;
  /** Keep only the first this many windows (default all). */
  maxWindows?: number;
  /** Simulated probe records (default `PROBE_SIMULATION`: 300 with seed 9001; count 0 for none). */
  simulated?: { count: number; seed: number };
}

/**
 * The probes' held-out data: the beat-annotated record cut into windows (10 s every 5 s) and simulated records
 * with a seed never used for pretraining. Reads through any FileSource over `wfdb-sample/sample-data`.
 */
export async function readProbeDataset(
  source: FileSource,
  options: ProbeDatasetOptions = {},
): Promise<ProbeDataset> {
  const { record: name = '100', annotator = 'atr', maxWindows = Infinity } = options;
  const record = await readWfdbRecord(source, name);
  const annotations = readAnnotations(await source.read(`${name}.${annotator}`), {
    fileName: `${name}.${annotator}`,
  });
  const beats = annotations
    .filter((a) => isBeat(a.code))
    .map((a) => ({ sample: a.sample, symbol: a.symbol }));
  const annotated: AnnotatedWindow[] = annotatedWindows(record, beats, options).slice(0, maxWindows);
  return { annotated, simulated: simulatedProbeRecords(options.simulated ?? PROBE_SIMULATION) };
}

/** Simulated probe records (10 s, 500 Hz, every condition); none for count 0. */
export function simulatedProbeRecords(options: { count: number; seed: number }): SimulatedDatasetRecord[] {
  return options.count > 0 ? simulateDataset({ count: options.count, seed: options.seed }) : [];
}
