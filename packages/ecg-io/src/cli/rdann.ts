import { readFile } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { formatRdann, type RdannClock } from '../annotations/rdann-format.js';
import { readAnnotations } from '../annotations/read-annotations.js';
import { MissingFileError } from '../errors.js';
import { parseWfdbHeader, WFDB_DEFAULT_FREQUENCY } from '../wfdb/index.js';
import { parseArgs, parseTime } from './args.js';
import { type CliCommand, type CliContext, CliUsageError } from './context.js';

export const RDANN_USAGE = `usage: ecgio rdann -r RECORD -a ANNOTATOR [OPTIONS ...]

Prints the annotations of RECORD.ANNOTATOR (MIT format), one per line, as WFDB's rdann does: time, sample
number, mnemonic, subtype, chan, num and aux text. Times are elapsed times, or times of day when the
record's header (RECORD.hea) gives a base time or date; without a header, 250 samples per second are assumed.

  -r RECORD       record: header path without .hea (data/100)
  -a ANNOTATOR    annotator, the annotation file's extension (atr, qrs, ...)
  -f TIME         start at the first annotation at or after TIME
  -t TIME         stop after the last annotation at or before TIME
  -h, --help      print this help

TIME: seconds (12.5), m:ss or h:mm:ss, sNNN for sample NNN, e for the end of the record.
`;

/** `ecgio rdann`: WFDB's rdann for local records. */
export const rdann: CliCommand = async (args, context) => {
  const parsed = parseArgs(args, {
    '-r': 'value',
    '-a': 'value',
    '-f': 'value',
    '-t': 'value',
    '-h': 'flag',
    '--help': 'flag',
  });
  if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
    context.stdout(RDANN_USAGE);
    return 0;
  }
  if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
  const record = parsed.values.get('-r');
  const annotator = parsed.values.get('-a');
  if (record === undefined) throw new CliUsageError('-r RECORD is required');
  if (annotator === undefined) throw new CliUsageError('-a ANNOTATOR is required');
  const recordPath = resolve(context.cwd, record.replace(/\.hea$/, ''));

  const { clock, length } = await readClock(recordPath, context);
  const time = (option: string) => {
    const text = parsed.values.get(option);
    // rdann takes times before the record's start (negative) as their distance from it.
    return text === undefined ? 0 : Math.abs(parseTime(text, option, clock.samplingFrequency, length));
  };
  const annotationPath = `${recordPath}.${annotator}`;
  const annotations = readAnnotations(await readLocalFile(annotationPath), {
    fileName: basename(annotationPath),
  });
  for (const warning of annotations.warnings) context.stderr(`ecgio rdann: warning: ${warning}\n`);
  context.stdout(formatRdann(annotations, clock, { from: time('-f'), to: time('-t') }));
  return 0;
};

/**
 * Sampling frequency, base time and date, and length of the record, from the record line of its header.
 * Without a header rdann goes on at WFDB's default frequency, and so does this (with a warning).
 */
async function readClock(
  recordPath: string,
  context: CliContext,
): Promise<{ clock: RdannClock; length: number }> {
  const headerPath = `${recordPath}.hea`;
  let content: Uint8Array;
  try {
    content = await readLocalFile(headerPath);
  } catch (error) {
    if (!(error instanceof MissingFileError)) throw error;
    context.stderr(
      `ecgio rdann: warning: no header ${headerPath}; assuming ${WFDB_DEFAULT_FREQUENCY} samples per second\n`,
    );
    return { clock: { samplingFrequency: WFDB_DEFAULT_FREQUENCY }, length: 0 };
  }
  const header = parseWfdbHeader(content, basename(headerPath));
  const { samplingFrequency, baseTime, baseDate } = header;
  return { clock: { samplingFrequency, baseTime, baseDate }, length: header.numberOfSamples ?? 0 };
}

async function readLocalFile(path: string): Promise<Uint8Array> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw new MissingFileError(`cannot read file: ${(error as Error).message}`, { file: path });
  }
}
