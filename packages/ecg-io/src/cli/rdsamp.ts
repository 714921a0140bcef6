import { EcgRangeError } from '../errors.js';
import { INVALID_SAMPLE } from '../record.js';
import { holdToRate } from '../wfdb/frames.js';
import { localRecord } from '../wfdb/node-files.js';
import { readWfdbRecord } from '../wfdb/read-record.js';
import { parseArgs, parseTime } from './args.js';
import { type CliCommand, CliUsageError } from './context.js';

export const RDSAMP_USAGE = `usage: ecgio rdsamp -r RECORD [OPTIONS ...]

Prints the samples of a WFDB record, one line per sample time, one tab-separated column per signal, as
WFDB's rdsamp does (without its sample-number column).

  -r RECORD       record: header path without .hea (data/100), with .hea, or a folder/ for folder/folder
  -f TIME         start at TIME (default: the beginning)
  -t TIME         stop before TIME (default: the end)
  -l DURATION     print at most DURATION
  -s SIGNAL ...   print only these signals, in this order (numbers or names)
  -p              print physical values (3 decimals) instead of digital ones
  -P              print physical values with 8 decimals
  -H              print multi-frequency signals at the highest rate (repeating samples of slower signals)
                  instead of one average per frame
  -h, --help      print this help

TIME: seconds (12.5), m:ss or h:mm:ss, sNNN for sample NNN, e for the end. With -H, sample numbers count
samples at the highest rate. Missing samples print as -32768 (digital) or - (physical).
`;

/** `ecgio rdsamp`: WFDB's rdsamp for local records. */
export const rdsamp: CliCommand = async (args, context) => {
  const parsed = parseArgs(args, {
    '-r': 'value',
    '-f': 'value',
    '-t': 'value',
    '-l': 'value',
    '-s': 'list',
    '-p': 'flag',
    '-P': 'flag',
    '-H': 'flag',
    '-h': 'flag',
    '--help': 'flag',
  });
  if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
    context.stdout(RDSAMP_USAGE);
    return 0;
  }
  if (parsed.positional.length > 0) throw new CliUsageError(`unexpected argument "${parsed.positional[0]}"`);
  const recordArg = parsed.values.get('-r');
  if (recordArg === undefined) throw new CliUsageError('-r RECORD is required');
  const { source, name } = localRecord(recordArg, context.cwd);

  // Reading no frames yields the record's signals and length without touching the signal files.
  const outline = await readWfdbRecord(source, name, { to: 0 });
  const highRes = parsed.flags.has('-H');
  const rate = highRes ? Math.max(1, ...outline.signals.map((s) => s.samplesPerFrame)) : 1;
  const frequency = outline.samplingFrequency * rate;
  const end = outline.recordLength * rate;
  const time = (option: string) => {
    const text = parsed.values.get(option);
    return text === undefined ? undefined : parseTime(text, option, frequency, end);
  };
  const from = time('-f') ?? 0;
  let to = Math.min(time('-t') ?? end, end);
  const duration = time('-l');
  if (duration !== undefined) to = Math.min(to, from + duration);
  if (from > end) {
    throw new EcgRangeError(`start time is after the end of the record (sample ${end})`, { file: recordArg });
  }
  const signals = parsed.lists.get('-s')?.map((s) => signalReference(s, outline.signals.length));

  const record = await readWfdbRecord(source, name, {
    from: Math.floor(from / rate),
    to: Math.max(Math.floor(from / rate), Math.ceil(to / rate)),
    signals,
    expanded: highRes,
    trimSkewedEnd: true,
  });
  for (const warning of record.warnings) context.stderr(`ecgio rdsamp: warning: ${warning}\n`);
  const columns = record.digital.map((d, i) =>
    highRes ? holdToRate(d, record.signals[i].samplesPerFrame, rate) : d,
  );
  const skip = from - record.startFrame * rate;
  const rows = Math.max(0, Math.min(to - from, record.length * rate - skip));
  const cell = cellFormatter(parsed.flags.has('-P') ? 'high' : parsed.flags.has('-p') ? 'low' : 'digital');

  let chunk = '';
  for (let row = skip; row < skip + rows; row++) {
    for (let s = 0; s < columns.length; s++) {
      const { gain, baseline } = record.signals[s];
      chunk += (s === 0 ? '' : '\t') + cell(columns[s][row], gain, baseline);
    }
    chunk += '\n';
    if (chunk.length > 1 << 16) {
      context.stdout(chunk);
      chunk = '';
    }
  }
  if (chunk !== '') context.stdout(chunk);
  return 0;
};

/** As WFDB's findsig: all digits and a valid index means a signal number, anything else a name. */
function signalReference(text: string, signalCount: number): number | string {
  return /^\d+$/.test(text) && Number(text) < signalCount ? Number(text) : text;
}

/** Formats one sample as rdsamp prints it: `%7d`, `%7.3f` (-p) or `%15.8f` (-P); missing samples as `-`. */
function cellFormatter(
  mode: 'digital' | 'low' | 'high',
): (value: number, gain: number, baseline: number) => string {
  if (mode === 'digital') return (value) => String(value).padStart(7);
  const [digits, width] = mode === 'high' ? [8, 15] : [3, 7];
  return (value, gain, baseline) =>
    value === INVALID_SAMPLE
      ? '-'.padStart(width)
      : printfFixed((value - baseline) / gain, digits).padStart(width);
}

/**
 * `x` with `digits` decimals as C's printf writes it: like toFixed, except that exact ties round to even
 * (toFixed rounds them away from zero) and negative zero keeps its sign.
 */
export function printfFixed(x: number, digits: number): string {
  const text = x.toFixed(digits);
  const sign = Object.is(x, -0) ? '-' : '';
  // A tie needs x to end exactly in 5 at the next decimal, which makes x a multiple of 2^-(digits + 1).
  if (!Number.isInteger(x * 2 ** (digits + 1))) return sign + text;
  const longer = x.toFixed(digits + 1);
  if (!longer.endsWith('5') || Number(text[text.length - 1]) % 2 === 0) return sign + text;
  const truncated = longer.slice(0, -1);
  return truncated.endsWith('.') ? truncated.slice(0, -1) : truncated;
}
