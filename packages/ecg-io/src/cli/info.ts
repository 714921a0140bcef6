import { basename, dirname, resolve } from 'node:path';
import { readEdf } from '../edf/index.js';
import { nodeFileSource } from '../io/node-file-source.js';
import type { EcgRecord, PatientInfo } from '../record.js';
import { localRecord } from '../wfdb/node-files.js';
import { readWfdbRecord, type WfdbRecord } from '../wfdb/read-record.js';
import { parseArgs } from './args.js';
import { type CliCommand, CliUsageError } from './context.js';

export const INFO_USAGE = `usage: ecgio info FILE

Prints a summary of a record: name, sampling frequency, duration, start time, signals (units, gain, baseline,
storage format, file), patient information, header comments and EDF+ annotations. FILE is a WFDB header
(100.hea, or the record name 100; only headers are read when they give the length) or an EDF/BDF file.

  -h, --help      print this help
`;

/** `ecgio info`: a readable summary of a record. */
export const info: CliCommand = async (args, context) => {
  const parsed = parseArgs(args, { '-h': 'flag', '--help': 'flag' });
  if (parsed.flags.has('-h') || parsed.flags.has('--help')) {
    context.stdout(INFO_USAGE);
    return 0;
  }
  if (parsed.positional.length !== 1) throw new CliUsageError('give exactly one FILE');
  const file = parsed.positional[0];
  if (/\.(edf|bdf)$/i.test(file)) {
    const path = resolve(context.cwd, file);
    const record = readEdf(await nodeFileSource(dirname(path)).read(basename(path)), { fileName: file });
    context.stdout(
      describeRecord(record, {
        format: record.header.variant,
        frames: record.length,
        // Annotation-only files have no frames; their duration is that of their data records.
        seconds: record.recordOnsets.length * record.header.recordDuration,
        extra: record.annotations.length > 0 ? [`Annotations: ${record.annotations.length}`] : [],
      }),
    );
    return 0;
  }
  const { source, name } = localRecord(file, context.cwd);
  const record = await readWfdbRecord(source, name, { to: 0 });
  context.stdout(
    describeRecord(record, {
      format: wfdbLayout(record),
      frames: record.recordLength,
      seconds: record.recordLength / record.samplingFrequency,
    }),
  );
  return 0;
};

function wfdbLayout(record: WfdbRecord): string {
  const { header } = record;
  if (header.kind === 'single') return 'WFDB';
  const variable = header.segments[0].length === 0 && header.segments[0].name !== '~';
  return `WFDB multi-segment, ${header.segments.length} segments, ${variable ? 'variable' : 'fixed'} layout`;
}

/** What the summary says beyond the record itself. */
interface Summary {
  /** File format description, e.g. `WFDB` or `EDF+C`. */
  format: string;
  /** Frames in the whole record. */
  frames: number;
  seconds: number;
  /** Lines added after the comments. */
  extra?: string[];
}

/** The summary text: general facts, a signal table, patient fields, comments, extra lines and warnings. */
function describeRecord(record: EcgRecord, { format, frames, seconds, extra = [] }: Summary): string {
  const start = [record.baseDate, record.baseTime].filter(Boolean).join(' ');
  const frequency = record.samplingFrequency > 0 ? `${record.samplingFrequency} Hz` : 'none (no signals)';
  const lines = [
    `Record:     ${record.name} (${format})`,
    `Frequency:  ${frequency}`,
    `Duration:   ${formatDuration(seconds)} (${frames} frames)`,
    `Start:      ${start || 'not given'}`,
    `Signals:    ${record.signals.length}`,
  ];
  if (record.signals.length > 0) {
    const table = [
      ['#', 'Name', 'Lead', 'Units', 'Gain', 'Baseline', 'Format', 'Samples/frame', 'File'],
      ...record.signals.map((s, i) => [
        String(i),
        s.name,
        s.lead ?? '-',
        s.units,
        String(s.gain),
        String(s.baseline),
        String(s.format),
        String(s.samplesPerFrame),
        s.fileName,
      ]),
    ];
    const widths = table[0].map((_, column) => Math.max(...table.map((row) => row[column].length)));
    for (const row of table)
      lines.push(
        `  ${row
          .map((cell, c) => cell.padEnd(widths[c]))
          .join('  ')
          .trimEnd()}`,
      );
  }
  const patient = describePatient(record.patient);
  if (patient !== '') lines.push(`Patient:    ${patient}`);
  if (record.comments.length > 0) lines.push('Comments:', ...record.comments.map((c) => `  ${c}`));
  lines.push(...extra);
  if (record.warnings.length > 0) lines.push('Warnings:', ...record.warnings.map((w) => `  ${w}`));
  return `${lines.join('\n')}\n`;
}

function describePatient(patient: PatientInfo): string {
  const parts: string[] = [];
  if (patient.age !== undefined) parts.push(`age ${patient.age}`);
  if (patient.sex !== undefined) parts.push(`sex ${patient.sex}`);
  if (patient.diagnoses !== undefined) parts.push(`diagnoses ${patient.diagnoses.join(', ')}`);
  return parts.join(', ');
}

/** `h:mm:ss.sss` (or `m:ss.sss` under an hour). */
function formatDuration(seconds: number): string {
  const millis = Math.round(seconds * 1000);
  const h = Math.floor(millis / 3_600_000);
  const m = Math.floor(millis / 60_000) % 60;
  const s = ((millis % 60_000) / 1000).toFixed(3).padStart(6, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}
