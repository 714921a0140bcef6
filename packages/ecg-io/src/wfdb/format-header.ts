import type { WfdbHeader, WfdbSignalSpec } from './header.js';
import { formatBaseDate, formatBaseTime } from './time.js';

/**
 * Writes a header as WFDB header text (`\n` line ends, comments last). Numbers are written in their shortest
 * exact form, so `parseWfdbHeader(formatHeader(h))` gives back `h` (comments without a leading `# `).
 * Optional record-line fields are written only when given; signal lines always carry every field up to the
 * description (a missing checksum is written as the placeholder 0).
 */
export function formatHeader(header: WfdbHeader): string {
  const lines = [recordLine(header)];
  if (header.kind === 'multi') {
    for (const segment of header.segments) lines.push(`${segment.name} ${segment.length}`);
  } else {
    for (const signal of header.signals) lines.push(signalLine(signal));
  }
  for (const comment of header.comments) lines.push(comment === '' ? '#' : `# ${comment}`);
  return `${lines.join('\n')}\n`;
}

function recordLine(header: WfdbHeader): string {
  let line = header.recordName;
  if (header.kind === 'multi') line += `/${header.segments.length}`;
  line += ` ${header.numberOfSignals} ${header.samplingFrequency}`;
  if (header.counterFrequency !== undefined) {
    line += `/${header.counterFrequency}`;
    if (header.baseCounter !== undefined) line += `(${header.baseCounter})`;
  }
  const { baseTime, baseDate } = header;
  if (header.numberOfSamples !== undefined || baseTime !== undefined || baseDate !== undefined) {
    line += ` ${header.numberOfSamples ?? 0}`;
  }
  if (baseTime !== undefined || baseDate !== undefined) {
    line += ` ${formatBaseTime(baseTime ?? { hours: 0, minutes: 0, seconds: 0 })}`;
  }
  if (baseDate !== undefined) line += ` ${formatBaseDate(baseDate)}`;
  return line;
}

function signalLine(signal: WfdbSignalSpec): string {
  let format = String(signal.format);
  if (signal.samplesPerFrame !== 1) format += `x${signal.samplesPerFrame}`;
  if (signal.skew !== 0) format += `:${signal.skew}`;
  if (signal.byteOffset !== 0) format += `+${signal.byteOffset}`;
  let gain = String(signal.adcGain);
  if (signal.hasBaseline || signal.baseline !== signal.adcZero) gain += `(${signal.baseline})`;
  gain += `/${signal.units}`;
  const fields = [
    signal.fileName,
    format,
    gain,
    signal.adcResolution,
    signal.adcZero,
    signal.initialValue,
    signal.checksum ?? 0,
    signal.blockSize,
  ];
  if (signal.description !== '') fields.push(signal.description);
  return fields.join(' ');
}
