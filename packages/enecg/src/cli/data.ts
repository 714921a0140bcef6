import { readdir, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { nodeFileSource } from '@enecg/ecg-io/node';
import { annotatedWfdbDataset } from '../data/annotated-wfdb.js';
import { ptbXlDataset } from '../data/ptb-xl.js';
import type { LabelledDataset } from '../tasks/task.js';
import { CliUsageError } from './context.js';

/** Options of {@link loadDataFolder}. */
export interface DataFolderOptions {
  blockMinutes?: number;
  limit?: number;
  /** Warnings (skipped records). */
  warn: (text: string) => void;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Reads a data folder: PTB-XL when it holds ptbxl_database.csv, else every WFDB record (.hea) in it as an
 * annotated-record folder (10 s windows, RR interval and beat-class labels).
 */
export async function loadDataFolder(
  folder: string,
  cwd: string,
  options: DataFolderOptions,
): Promise<LabelledDataset> {
  const path = resolve(cwd, folder);
  const info = await stat(path).catch(() => null);
  if (!info?.isDirectory()) throw new CliUsageError(`--data: '${folder}' is not a folder`);
  const names = await readdir(path);
  const source = nodeFileSource(path);
  if (names.includes('ptbxl_database.csv')) {
    return ptbXlDataset(source, { limit: options.limit, onProgress: options.onProgress });
  }
  const records = names
    .filter((n) => n.endsWith('.hea'))
    .map((n) => n.slice(0, -4))
    .sort();
  if (records.length === 0) {
    throw new CliUsageError(`--data: '${folder}' has neither ptbxl_database.csv nor WFDB headers (.hea)`);
  }
  const dataset = await annotatedWfdbDataset(source, { records, blockMinutes: options.blockMinutes });
  for (const { record, reason } of dataset.skipped) options.warn(`skipped ${record}: ${reason}`);
  if (dataset.examples.length === 0) throw new CliUsageError(`--data: no usable ECG windows in '${folder}'`);
  return options.limit ? { ...dataset, examples: dataset.examples.slice(0, options.limit) } : dataset;
}
