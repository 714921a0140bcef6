import {
  blobFileSource,
  type EcgRecord,
  MissingFileError,
  readEdf,
  readWfdbRecord,
  UnsupportedFormatError,
} from '@enecg/ecg-io';
import { OpenFilesError, type OpenPlan, planOpen } from './plan-open.js';

/** A record read from opened files, with notes for the user (unused files, reader warnings). */
export interface OpenedRecord {
  record: EcgRecord;
  notes: string[];
}

/**
 * Reads the recording in a set of opened (dropped or picked) files. Everything happens in the page: the
 * files are read with Blob APIs, nothing is uploaded. Throws OpenFilesError with a message naming the file
 * and the problem.
 */
export async function openRecord(files: readonly File[]): Promise<OpenedRecord> {
  const plan = planOpen(files);
  return plan.kind === 'edf' ? readEdfFile(plan.file) : readWfdb(plan);
}

async function readEdfFile(file: File): Promise<OpenedRecord> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  try {
    const record = readEdf(bytes, { fileName: file.name });
    return { record, notes: record.warnings };
  } catch (error) {
    throw new OpenFilesError(
      `Cannot read ${file.name}: ${error instanceof Error ? error.message : String(error)}`,
      {
        cause: error,
      },
    );
  }
}

async function readWfdb(plan: Extract<OpenPlan, { kind: 'wfdb' }>): Promise<OpenedRecord> {
  // Companion files are matched by name: the header names its signal files without folders.
  const source = blobFileSource(new Map(plan.files.map((file) => [file.name, file])));
  try {
    // A viewer should show what a cut-off signal file holds; the reader's warning says it was cut off.
    const record = await readWfdbRecord(source, plan.recordName, { allowTruncated: true });
    return { record, notes: record.warnings };
  } catch (error) {
    throw new OpenFilesError(wfdbProblem(plan.header.name, error), { cause: error });
  }
}

function wfdbProblem(headerName: string, error: unknown): string {
  if (error instanceof MissingFileError && error.file !== undefined) {
    return (
      `${headerName} needs ${error.file}, which was not among the opened files. ` +
      `Open ${headerName} together with ${error.file}.`
    );
  }
  if (error instanceof UnsupportedFormatError) {
    return `Cannot read ${headerName}: it uses something this reader does not support. ${error.message}`;
  }
  return `Cannot read ${headerName}: ${error instanceof Error ? error.message : String(error)}`;
}
