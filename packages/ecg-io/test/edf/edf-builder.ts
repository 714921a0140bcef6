// Builds small EDF/BDF files field by field, so tests control every header value and sample.

/** One signal of a built file; `samples` holds its samples of every data record, record after record. */
export interface BuiltSignal {
  label: string;
  physicalDimension?: string;
  physicalMinimum?: string;
  physicalMaximum?: string;
  digitalMinimum?: string;
  digitalMaximum?: string;
  samplesPerRecord: number;
  /** Digital samples (ordinary signals), or the bytes of each record's share (annotation signals). */
  samples?: number[];
  /** Annotation signals: the TAL text of each data record (padded with 0 bytes). */
  records?: string[];
}

/** A built file: header fields as text (defaults: a valid EDF) and signals. */
export interface BuiltEdf {
  bdf?: boolean;
  patient?: string;
  recording?: string;
  startDate?: string;
  startTime?: string;
  headerBytes?: string;
  reserved?: string;
  dataRecords: string;
  /** Data records to write (default: the number in `dataRecords`). */
  records?: number;
  recordDuration?: string;
  signalCount?: string;
  signals: BuiltSignal[];
}

/** The bytes of the file described by `spec`. */
export function buildEdf(spec: BuiltEdf): Uint8Array {
  const n = spec.signals.length;
  const bytesPerSample = spec.bdf ? 3 : 2;
  let header = '';
  const field = (text: string, width: number) => {
    if (text.length > width) throw new Error(`"${text}" does not fit a ${width}-character field`);
    header += text.padEnd(width, ' ');
  };
  field(spec.bdf ? '\u00ffBIOSEMI' : '0', 8);
  field(spec.patient ?? 'X X X X', 80);
  field(spec.recording ?? 'Startdate X X X X', 80);
  field(spec.startDate ?? '01.02.03', 8);
  field(spec.startTime ?? '04.05.06', 8);
  field(spec.headerBytes ?? String(256 * (n + 1)), 8);
  field(spec.reserved ?? '', 44);
  field(spec.dataRecords, 8);
  field(spec.recordDuration ?? '1', 8);
  field(spec.signalCount ?? String(n), 4);
  const perSignal = (get: (s: BuiltSignal) => string, width: number) => {
    for (const signal of spec.signals) field(get(signal), width);
  };
  perSignal((s) => s.label, 16);
  perSignal(() => '', 80);
  perSignal((s) => s.physicalDimension ?? 'mV', 8);
  perSignal((s) => s.physicalMinimum ?? '-10', 8);
  perSignal((s) => s.physicalMaximum ?? '10', 8);
  perSignal((s) => s.digitalMinimum ?? (spec.bdf ? '-8388608' : '-32768'), 8);
  perSignal((s) => s.digitalMaximum ?? (spec.bdf ? '8388607' : '32767'), 8);
  perSignal(() => '', 80);
  perSignal((s) => String(s.samplesPerRecord), 8);
  perSignal(() => '', 32);

  const records = spec.records ?? Number(spec.dataRecords);
  const data: number[] = [];
  for (let r = 0; r < records; r++) {
    for (const signal of spec.signals) {
      const size = signal.samplesPerRecord * bytesPerSample;
      if (signal.records !== undefined) {
        const text = [...new TextEncoder().encode(signal.records[r] ?? '')];
        data.push(...text, ...Array(size - text.length).fill(0));
        continue;
      }
      for (const value of signal.samples!.slice(
        r * signal.samplesPerRecord,
        (r + 1) * signal.samplesPerRecord,
      )) {
        for (let b = 0; b < bytesPerSample; b++) data.push((value >> (8 * b)) & 0xff);
      }
    }
  }
  const out = new Uint8Array(header.length + data.length);
  for (let i = 0; i < header.length; i++) out[i] = header.charCodeAt(i);
  out.set(data, header.length);
  return out;
}

/** A TAL: `+onset[\x15duration]\x14text\x14...\x00`; a time-keeping TAL has one empty text. */
export function tal(onset: string, texts: string[], duration?: string): string {
  return `${onset}${duration === undefined ? '' : `\x15${duration}`}\x14${texts.map((t) => `${t}\x14`).join('')}\x00`;
}
