import { EcgFormatError, UnsupportedFormatError } from '../errors.js';
import { WFDB_FORMAT_CODES, wfdbFormat } from './formats.js';
import type { WfdbHeader, WfdbSegmentSpec, WfdbSignalSpec } from './header.js';
import { decodeHeaderText } from './text.js';
import { parseBaseDate, parseBaseTime } from './time.js';

/** Sampling frequency WFDB assumes when the record line omits it (`WFDB_DEFFREQ`). */
export const WFDB_DEFAULT_FREQUENCY = 250;

const FLOAT = String.raw`[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?`;
const INTEGER = /^[-+]?\d+$/;
const RECORD_NAME = /^([^/]+)(?:\/(\d+))?$/;
const FREQUENCY = new RegExp(String.raw`^(${FLOAT})(?:\/(${FLOAT})(?:\((${FLOAT})\))?)?$`);
const FORMAT = /^(\d+)((?:[x:+]\d+)*)$/;
const GAIN = new RegExp(String.raw`^(${FLOAT})(?:\(([-+]?\d+)\))?(?:\/(.*))?$`);

/** A non-comment line with its 1-based number and its whitespace-separated tokens. */
interface HeaderLine {
  number: number;
  text: string;
  tokens: { text: string; end: number }[];
}

/**
 * Parses a WFDB header file (header(5)): the record line, then signal specification lines (ordinary records)
 * or segment lines (multi-segment records), with comment lines anywhere. Optional fields get WFDB's defaults.
 * Bytes are decoded as UTF-8 when valid, else Latin-1, so odd bytes in comments never fail.
 *
 * Throws EcgFormatError (file, line, field, expected and found) for malformed or missing fields, and
 * UnsupportedFormatError for signal formats this library does not read.
 */
export function parseWfdbHeader(content: Uint8Array | string, fileName: string): WfdbHeader {
  const text = typeof content === 'string' ? content : decodeHeaderText(content);
  const comments: string[] = [];
  const lines: HeaderLine[] = [];
  text.split('\n').forEach((raw, index) => {
    const line = raw.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed.startsWith('#')) comments.push(trimmed.slice(1).replace(/^ /, '').trimEnd());
    else if (trimmed !== '') lines.push({ number: index + 1, text: line, tokens: tokenize(line) });
  });
  const [recordLine, ...bodyLines] = lines;
  if (recordLine === undefined) {
    throw new EcgFormatError('header has no record line', { file: fileName, expected: 'a record line' });
  }
  const parser = new LineParser(fileName);
  const record = parser.recordLine(recordLine);
  const warnings: string[] = [];
  const expectedLines = record.numberOfSegments ?? record.numberOfSignals;
  const what = record.numberOfSegments !== undefined ? 'segment' : 'signal specification';
  if (bodyLines.length < expectedLines) {
    throw new EcgFormatError(`header ends after ${bodyLines.length} ${what} lines`, {
      file: fileName,
      line: lines[lines.length - 1].number,
      field: record.numberOfSegments !== undefined ? 'number of segments' : 'number of signals',
      expected: `${expectedLines} ${what} lines as the record line says`,
      found: String(bodyLines.length),
    });
  }
  for (const extra of bodyLines.slice(expectedLines)) {
    warnings.push(
      `${fileName}, line ${extra.number}: ignored line after the last ${what} line: ${extra.text}`,
    );
  }
  const used = bodyLines.slice(0, expectedLines);
  const { numberOfSegments, ...common } = record;
  if (numberOfSegments !== undefined) {
    return { kind: 'multi', ...common, segments: used.map((l) => parser.segmentLine(l)), comments, warnings };
  }
  const signals = used.map((l) => parser.signalLine(l));
  checkSignalGroups(signals, used, fileName);
  return { kind: 'single', ...common, signals, comments, warnings };
}

function tokenize(line: string): { text: string; end: number }[] {
  return [...line.matchAll(/[^ \t]+/g)].map((m) => ({ text: m[0], end: (m.index ?? 0) + m[0].length }));
}

/** Field parsers for one header file; errors carry the file name and line number. */
class LineParser {
  constructor(private readonly fileName: string) {}

  private fail(line: HeaderLine, field: string, expected: string, found: string): never {
    throw new EcgFormatError(`malformed ${field}`, {
      file: this.fileName,
      line: line.number,
      field,
      expected,
      found,
    });
  }

  private integer(line: HeaderLine, token: string, field: string, min: number, max: number): number {
    const value = Number(token);
    if (!INTEGER.test(token) || value < min || value > max) {
      this.fail(line, field, `an integer from ${min} to ${max}`, token);
    }
    return value;
  }

  recordLine(line: HeaderLine) {
    const [nameToken, signalsToken, frequencyToken, samplesToken, timeToken, dateToken, ...rest] =
      line.tokens;
    const name = RECORD_NAME.exec(nameToken.text);
    if (name === null) this.fail(line, 'record name', 'NAME or NAME/SEGMENTS', nameToken.text);
    if (signalsToken === undefined) {
      this.fail(line, 'number of signals', 'a number of signals after the record name', '');
    }
    const numberOfSegments =
      name[2] === undefined ? undefined : this.integer(line, name[2], 'number of segments', 1, 2 ** 31);
    const numberOfSignals = this.integer(line, signalsToken.text, 'number of signals', 0, 2 ** 16);
    let samplingFrequency = WFDB_DEFAULT_FREQUENCY;
    let counterFrequency: number | undefined;
    let baseCounter: number | undefined;
    if (frequencyToken !== undefined) {
      const match = FREQUENCY.exec(frequencyToken.text);
      if (match === null || !(Number(match[1]) > 0) || !Number.isFinite(Number(match[1]))) {
        this.fail(
          line,
          'sampling frequency',
          'a positive number, optionally /COUNTER(BASE)',
          frequencyToken.text,
        );
      }
      samplingFrequency = Number(match[1]);
      if (match[2] !== undefined) counterFrequency = Number(match[2]);
      if (match[3] !== undefined) baseCounter = Number(match[3]);
    }
    let numberOfSamples: number | undefined;
    if (samplesToken !== undefined) {
      numberOfSamples =
        this.integer(line, samplesToken.text, 'number of samples', 0, Number.MAX_SAFE_INTEGER) || undefined;
    }
    const baseTime = timeToken === undefined ? undefined : parseBaseTime(timeToken.text);
    if (baseTime === null) this.fail(line, 'base time', 'HH:MM:SS', timeToken?.text ?? '');
    // 0/0/0 is how old headers say "no date" (header(5), example 1).
    const noDate = dateToken === undefined || dateToken.text === '0/0/0';
    const baseDate = noDate ? undefined : parseBaseDate(dateToken.text);
    if (baseDate === null) this.fail(line, 'base date', 'DD/MM/YYYY', dateToken?.text ?? '');
    if (rest.length > 0) this.fail(line, 'record line', 'nothing after the base date', rest[0].text);
    return {
      recordName: name[1],
      numberOfSegments,
      numberOfSignals,
      samplingFrequency,
      counterFrequency,
      baseCounter,
      numberOfSamples,
      baseTime,
      baseDate,
    };
  }

  segmentLine(line: HeaderLine): WfdbSegmentSpec {
    const [nameToken, lengthToken, extra] = line.tokens;
    if (lengthToken === undefined || extra !== undefined) {
      this.fail(line, 'segment line', 'SEGMENT_NAME LENGTH', line.text.trim());
    }
    return {
      name: nameToken.text,
      length: this.integer(line, lengthToken.text, 'segment length', 0, Number.MAX_SAFE_INTEGER),
    };
  }

  signalLine(line: HeaderLine): WfdbSignalSpec {
    const t = line.tokens;
    if (t.length < 2) this.fail(line, 'format', 'a format after the file name', '');
    const { format, samplesPerFrame, skew, byteOffset } = this.formatField(line, t[1].text);
    let adcGain = 0;
    let baseline: number | undefined;
    let units = 'mV';
    if (t[2] !== undefined) {
      const gain = GAIN.exec(t[2].text);
      if (gain === null || !Number.isFinite(Number(gain[1]))) {
        this.fail(line, 'ADC gain', 'GAIN, GAIN(BASELINE), GAIN/UNITS or GAIN(BASELINE)/UNITS', t[2].text);
      }
      adcGain = Number(gain[1]);
      if (gain[2] !== undefined) baseline = this.integer(line, gain[2], 'baseline', -(2 ** 31), 2 ** 31 - 1);
      if (gain[3]) units = gain[3];
    }
    const int32 = (index: number, field: string, fallback: number) =>
      t[index] === undefined ? fallback : this.integer(line, t[index].text, field, -(2 ** 31), 2 ** 31 - 1);
    const adcResolution =
      t[3] === undefined
        ? wfdbFormat(format)!.defaultAdcResolution
        : this.integer(line, t[3].text, 'ADC resolution', 0, 32);
    const adcZero = int32(4, 'ADC zero', 0);
    const initialValue = int32(5, 'initial value', adcZero);
    const checksum =
      t[6] === undefined ? undefined : this.integer(line, t[6].text, 'checksum', -(2 ** 31), 2 ** 32 - 1);
    const blockSize = int32(7, 'block size', 0);
    const description = t[7] === undefined ? '' : line.text.slice(t[7].end).trim();
    return {
      fileName: t[0].text,
      format,
      samplesPerFrame,
      skew,
      byteOffset,
      adcGain,
      baseline: baseline ?? adcZero,
      hasBaseline: baseline !== undefined,
      units,
      adcResolution,
      adcZero,
      initialValue,
      checksum,
      blockSize,
      description,
    };
  }

  /** `FORMAT[xSAMPLES_PER_FRAME][:SKEW][+BYTE_OFFSET]`. */
  private formatField(line: HeaderLine, token: string) {
    const match = FORMAT.exec(token);
    if (match === null) this.fail(line, 'format', 'FORMAT[xSPF][:SKEW][+OFFSET]', token);
    const format = Number(match[1]);
    if (wfdbFormat(format) === undefined) {
      throw new UnsupportedFormatError(`unknown signal format ${format}`, {
        file: this.fileName,
        line: line.number,
        field: 'format',
        expected: `one of ${WFDB_FORMAT_CODES.join(', ')}`,
        found: token,
      });
    }
    const modifiers = new Map<string, number>();
    for (const [, kind, value] of match[2].matchAll(/([x:+])(\d+)/g)) {
      if (modifiers.has(kind)) this.fail(line, 'format', `at most one "${kind}" modifier`, token);
      modifiers.set(kind, this.integer(line, value, 'format', 0, 2 ** 31 - 1));
    }
    const samplesPerFrame = modifiers.get('x') ?? 1;
    if (samplesPerFrame < 1) this.fail(line, 'samples per frame', 'at least 1', token);
    return { format, samplesPerFrame, skew: modifiers.get(':') ?? 0, byteOffset: modifiers.get('+') ?? 0 };
  }
}

/**
 * Signals stored in one file (a signal group) must be listed together and agree on format, byte offset and
 * block size; FLAC groups also on samples per frame (WFDB refuses anything else).
 */
function checkSignalGroups(signals: WfdbSignalSpec[], lines: HeaderLine[], fileName: string): void {
  const groupStart = new Map<string, number>();
  signals.forEach((signal, i) => {
    const previous = signals[i - 1];
    if (previous?.fileName === signal.fileName) {
      const mismatch = (['format', 'byteOffset', 'blockSize'] as const).find(
        (f) => signal[f] !== previous[f],
      );
      const flacRateMismatch =
        wfdbFormat(signal.format)?.kind === 'flac' && signal.samplesPerFrame !== previous.samplesPerFrame;
      if (mismatch !== undefined || flacRateMismatch) {
        const field = mismatch ?? 'samplesPerFrame';
        throw new EcgFormatError(`signals sharing file ${signal.fileName} must have the same ${field}`, {
          file: fileName,
          line: lines[i].number,
          field,
          expected: String(previous[field]),
          found: String(signal[field]),
        });
      }
      return;
    }
    const first = groupStart.get(signal.fileName);
    if (first !== undefined && signal.format !== 0) {
      throw new EcgFormatError(`signals stored in ${signal.fileName} must be listed on consecutive lines`, {
        file: fileName,
        line: lines[i].number,
        field: 'file name',
        expected: `no more signals of ${signal.fileName} after line ${lines[first].number}'s group`,
        found: signal.fileName,
      });
    }
    groupStart.set(signal.fileName, i);
  });
}
