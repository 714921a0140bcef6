/** What to read from a set of opened files. */
export type OpenPlan =
  | { kind: 'wfdb'; header: File; recordName: string; files: readonly File[] }
  | { kind: 'edf'; file: File };

/** A problem with the opened files, worded for the user (names the files and what to do). */
export class OpenFilesError extends Error {
  override name = 'OpenFilesError';
}

/** Extensions of WFDB signal files seen in practice (format 16/212/... `.dat`, MATLAB `.mat`, `.d0`-`.d9`). */
const WFDB_SIGNAL_FILE = /\.(dat|mat|d\d+)$/i;
const WFDB_HEADER = /\.hea$/i;
const EDF_FILE = /\.(edf|bdf)$/i;

/**
 * Decides how to read the opened files: one WFDB record (a `.hea` plus the files it names, matched by name
 * when the record is read) or one EDF/EDF+/BDF file. Throws OpenFilesError naming the files when they do
 * not make exactly one recording.
 */
export function planOpen(files: readonly File[]): OpenPlan {
  if (files.length === 0) throw new OpenFilesError('No file was opened.');
  const headers = files.filter((file) => WFDB_HEADER.test(file.name));
  const edfFiles = files.filter((file) => EDF_FILE.test(file.name));
  const recordings = [...headers, ...edfFiles];
  if (recordings.length > 1) {
    throw new OpenFilesError(
      `Several recordings were opened (${listNames(recordings)}). Open one recording at a time.`,
    );
  }
  if (headers.length === 1) {
    const header = headers[0];
    return { kind: 'wfdb', header, recordName: header.name.replace(WFDB_HEADER, ''), files };
  }
  if (edfFiles.length === 1) {
    return { kind: 'edf', file: edfFiles[0] };
  }
  const signalFiles = files.filter((file) => WFDB_SIGNAL_FILE.test(file.name));
  if (signalFiles.length > 0) {
    throw new OpenFilesError(
      `${listNames(signalFiles)}: WFDB signal file${signalFiles.length > 1 ? 's' : ''} without a header. ` +
        'Open the record’s .hea file together with its signal files.',
    );
  }
  throw new OpenFilesError(
    `${listNames(files)}: not a format this app can open. Open a WFDB record (the .hea file with its .dat ` +
      'files) or an EDF/EDF+/BDF file.',
  );
}

function listNames(files: readonly File[]): string {
  return files.map((file) => file.name).join(', ');
}
