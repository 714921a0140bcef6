import { standardSymbol } from './codes.js';
import { splitAnnotationHeader } from './header.js';
import { parseAnnotationWords } from './parse-words.js';
import type { Annotation, AnnotationList } from './types.js';

/** Options of `readAnnotations`. */
export interface ReadAnnotationsOptions {
  /** File name used in error messages and warnings (default `annotations`). */
  fileName?: string;
}

/**
 * Reads an MIT-format annotation file (`.atr`, `.qrs`, `.ecg`, `.wabp`, ...) as the WFDB library does.
 *
 * Returns the annotations in file order as an array that also carries the file's `timeResolution`,
 * `definitions` (its own code mnemonics, already applied to `symbol`), `headerNotes` and `warnings`.
 * Throws EcgFormatError (file, byte offset, field) when the file is cut inside a word, SKIP or aux text, or
 * holds an annotation field before any annotation.
 *
 * @example
 * const beats = readAnnotations(bytes, { fileName: '100.atr' }).filter((a) => isBeat(a.code));
 */
export function readAnnotations(bytes: Uint8Array, options: ReadAnnotationsOptions = {}): AnnotationList {
  const fileName = options.fileName ?? 'annotations';
  const words = parseAnnotationWords(bytes, fileName);
  const { info, annotations } = splitAnnotationHeader(words.annotations, fileName, words.warnings);
  const symbols = new Map(info.definitions.map((d) => [d.code, d.symbol]));
  const list = annotations.map(
    ({ sample, code, subtype, chan, num, aux }): Annotation => ({
      sample,
      code,
      symbol: symbols.get(code) ?? standardSymbol(code),
      subtype,
      chan,
      num,
      ...(aux === undefined ? {} : { aux }),
    }),
  );
  return Object.assign(list, info);
}
