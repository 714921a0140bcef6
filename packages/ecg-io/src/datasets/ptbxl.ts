import type { FileSource } from '../io/file-source.js';
import { readWfdbRecord, type WfdbReadOptions, type WfdbRecord } from '../wfdb/index.js';
import {
  type PtbXlEntry,
  type PtbXlLabelOptions,
  parsePtbXlDatabase,
  parseScpStatements,
  type ScpStatement,
} from './ptbxl-metadata.js';

/** A PTB-XL folder opened through a FileSource: its metadata, and its records read on demand. */
export interface PtbXlDataset {
  entries: PtbXlEntry[];
  statements: Map<string, ScpStatement>;
  /** Reads an entry's record at 100 Hz (`records100`, default) or 500 Hz (`records500`). */
  readRecord(entry: PtbXlEntry, rate?: 100 | 500, options?: WfdbReadOptions): Promise<WfdbRecord>;
}

/** Options of openPtbXl. */
export interface OpenPtbXlOptions extends PtbXlLabelOptions {
  /** Keep only entries whose `strat_fold` is listed (e.g. 1-8 for pretraining). Default: all. */
  folds?: number[];
}

/**
 * Opens a PTB-XL folder (as published on PhysioNet: `ptbxl_database.csv`, `scp_statements.csv`,
 * `records100/`, `records500/`) through any FileSource: `nodeFileSource(dir)` in Node, `blobFileSource` or
 * `urlFileSource` in a browser.
 */
export async function openPtbXl(source: FileSource, options: OpenPtbXlOptions = {}): Promise<PtbXlDataset> {
  const text = async (name: string) => new TextDecoder().decode(await source.read(name));
  const statements = parseScpStatements(await text('scp_statements.csv'));
  const all = parsePtbXlDatabase(await text('ptbxl_database.csv'), statements, options);
  const folds = options.folds;
  const entries = folds ? all.filter((e) => folds.includes(e.stratFold)) : all;
  return {
    entries,
    statements,
    readRecord: (entry, rate = 100, readOptions) =>
      readWfdbRecord(source, rate === 100 ? entry.filenameLr : entry.filenameHr, readOptions),
  };
}
