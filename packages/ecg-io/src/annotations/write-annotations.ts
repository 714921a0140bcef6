import { EcgRangeError } from '../errors.js';
import { encodeAux } from './aux-text.js';
import { NOTE_CODE, NULL_ANNOTATION_CODE, standardCode } from './codes.js';
import {
  DEFINITIONS_END,
  DEFINITIONS_START,
  formatDefinitionLine,
  formatTimeResolution,
} from './definition-lines.js';
import { AUX, CHN, MAX_SKIP, MAX_STEP, MAX_STORABLE_CODE, NUM, SKIP, SUB, VALUE_BITS } from './mit-format.js';
import type { AnnotationDefinition, AnnotationFileInfo } from './types.js';

/** An annotation to write: `code`, or else `symbol` (defined in `definitions` or standard); the rest optional. */
export interface AnnotationToWrite {
  /** Time in samples (or ticks of the time resolution): any safe integer, in any order. */
  sample: number;
  /** Annotation code 0-58. When present it wins over `symbol`. */
  code?: number;
  symbol?: string;
  /** -128 to 127 (default 0). */
  subtype?: number;
  /** 0 to 255 (default 0). */
  chan?: number;
  /** -128 to 127 (default 0). */
  num?: number;
  /** Aux text, written as UTF-8 (at most 255 bytes); empty or absent writes none. */
  aux?: string;
}

/** Options of `writeAnnotations`; each defaults to the same property of the list when it has one. */
export interface WriteAnnotationsOptions {
  /** Declares that `sample` counts ticks of this many per second (`## time resolution`). */
  timeResolution?: number;
  /** Code definitions to write in the file's definition table (and to resolve `symbol`s with). */
  definitions?: readonly AnnotationDefinition[];
  /** Comments to write as the file's header, before the definition table. */
  headerNotes?: readonly string[];
}

/**
 * Writes annotations in MIT format, word for word as WFDB's putann does: time steps over 1023 samples (or
 * backwards) as SKIPs, SUB for non-zero subtypes, CHN and NUM when they change from the previous annotation,
 * AUX with its pad byte, and the end-of-file word. Header notes come first, then the definition table (time
 * resolution and definitions, closed by a null annotation as WFDB does).
 *
 * Reading the result gives the same annotations back, except a null annotation (code 0) written first, which
 * WFDB (and `readAnnotations`) take for the end of a definition table. Throws EcgRangeError naming the
 * annotation and field for values the format cannot hold.
 *
 * @example
 * const bytes = writeAnnotations([{ sample: 18, symbol: '+', aux: '(N' }, { sample: 77, symbol: 'N' }]);
 */
export function writeAnnotations(
  annotations: readonly AnnotationToWrite[] & Partial<AnnotationFileInfo>,
  options: WriteAnnotationsOptions = {},
): Uint8Array {
  const timeResolution = options.timeResolution ?? annotations.timeResolution;
  const definitions = options.definitions ?? annotations.definitions ?? [];
  const headerNotes = options.headerNotes ?? annotations.headerNotes ?? [];
  const writer = new WordWriter();

  const table: string[] = [];
  if (timeResolution !== undefined) table.push(formatTimeResolution(checkTimeResolution(timeResolution)));
  if (definitions.length > 0)
    table.push(DEFINITIONS_START, ...definitions.map(formatDefinitionLine), DEFINITIONS_END);
  const header = [...headerNotes, ...table].map((aux) => ({ sample: 0, code: NOTE_CODE, aux }));
  if (table.length > 0) header.push({ sample: 0, code: NULL_ANNOTATION_CODE, aux: '' });
  header.forEach((annotation) => {
    writer.annotation(annotation, 'header note');
  });

  const codes = new Map<string, number>(definitions.map((d) => [d.symbol, d.code]));
  annotations.forEach((annotation, index) => {
    writer.annotation(
      { ...annotation, code: resolveCode(annotation, codes, index) },
      `annotation ${index} (sample ${annotation.sample})`,
    );
  });
  return writer.finish();
}

function checkTimeResolution(value: number): number {
  if (!(value > 0 && Number.isFinite(value))) {
    throw new EcgRangeError(`time resolution must be a positive number, got ${value}`, {
      field: 'timeResolution',
    });
  }
  return value;
}

/** The annotation's code, or the code of its symbol (file definitions first, then standard ones). */
function resolveCode(
  annotation: AnnotationToWrite,
  codes: ReadonlyMap<string, number>,
  index: number,
): number {
  const { code, symbol } = annotation;
  if (code !== undefined) return code;
  const fromSymbol = symbol === undefined ? undefined : (codes.get(symbol) ?? standardCode(symbol));
  if (fromSymbol === undefined) {
    const problem =
      symbol === undefined
        ? 'needs a code or a symbol'
        : `unknown symbol "${symbol}" (define it in definitions)`;
    throw new EcgRangeError(`annotation ${index} (sample ${annotation.sample}): ${problem}`, {
      field: 'symbol',
    });
  }
  return fromSymbol;
}

/** Emits annotation words, tracking the time, `chan` and `num` of the previous annotation as putann does. */
class WordWriter {
  private readonly bytes: number[] = [];
  private time = 0;
  private chan = 0;
  private num = 0;

  annotation(annotation: AnnotationToWrite & { code: number }, where: string): void {
    const { sample, code } = annotation;
    const subtype = checkField(annotation.subtype ?? 0, -128, 127, 'subtype', where);
    const chan = checkField(annotation.chan ?? 0, 0, 255, 'chan', where);
    const num = checkField(annotation.num ?? 0, -128, 127, 'num', where);
    checkField(code, 0, MAX_STORABLE_CODE, 'code', where);
    checkField(sample, -Number.MAX_SAFE_INTEGER, Number.MAX_SAFE_INTEGER, 'sample', where);
    const aux = encodeAux(annotation.aux ?? '');
    if (aux.length > 255) {
      throw new EcgRangeError(`${where}: aux text is ${aux.length} bytes long, at most 255 fit`, {
        field: 'aux',
      });
    }

    let step = sample - this.time;
    while (step > MAX_SKIP) step -= this.skip(MAX_SKIP);
    while (step < -MAX_SKIP) step -= this.skip(-MAX_SKIP);
    if (code === NULL_ANNOTATION_CODE) {
      // A null annotation with step 0 would be the end-of-file word: skip to one sample before and step 1.
      step -= this.skip(step - 1);
    } else if (step < 0 || step > MAX_STEP) {
      step -= this.skip(step);
    }
    this.word(code, step);
    if (subtype !== 0) this.word(SUB, subtype & 0x3ff);
    if (chan !== this.chan) this.word(CHN, chan);
    if (num !== this.num) this.word(NUM, num & 0x3ff);
    if (aux.length > 0) {
      this.word(AUX, aux.length);
      this.bytes.push(...aux);
      if (aux.length % 2 === 1) this.bytes.push(0);
    }
    this.time = sample;
    this.chan = chan;
    this.num = num;
  }

  /** The file, with its end-of-file word. */
  finish(): Uint8Array {
    return Uint8Array.from([...this.bytes, 0, 0]);
  }

  private word(code: number, value: number): void {
    const word = (code << VALUE_BITS) | value;
    this.bytes.push(word & 0xff, word >> 8);
  }

  /** Writes a SKIP of `step` (|step| <= 2^31 - 1) and returns it. */
  private skip(step: number): number {
    this.word(SKIP, 0);
    const bits = step >>> 0;
    const high = bits >>> 16;
    const low = bits & 0xffff;
    this.bytes.push(high & 0xff, high >> 8, low & 0xff, low >> 8);
    return step;
  }
}

function checkField(value: number, min: number, max: number, field: string, where: string): number {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new EcgRangeError(`${where}: ${field} must be an integer from ${min} to ${max}, got ${value}`, {
      field,
    });
  }
  return value;
}
