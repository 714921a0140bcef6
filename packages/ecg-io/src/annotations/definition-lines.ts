// The lines of the definition table WFDB writes at the start of an annotation file (annot.c put_ann_table), each
// the aux text of a comment annotation at time 0:
//   ## time resolution: 500
//   ## annotation type definitions
//   42 CAL Calibration pulse
//   ## end of definitions
import { MAX_ANNOTATION_CODE } from './codes.js';
import type { AnnotationDefinition } from './types.js';

export const TIME_RESOLUTION_PREFIX = '## time resolution: ';
export const DEFINITIONS_START = '## annotation type definitions';
export const DEFINITIONS_END = '## end of definitions';

/** The ticks per second of a `## time resolution: F` line (as C's `%lf` reads F), or `undefined`. */
export function parseTimeResolution(line: string): number | undefined {
  if (!line.startsWith(TIME_RESOLUTION_PREFIX)) return undefined;
  const match = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/.exec(
    line.slice(TIME_RESOLUTION_PREFIX.length),
  );
  const value = match === null ? Number.NaN : Number(match[0]);
  return value > 0 && Number.isFinite(value) ? value : undefined;
}

/**
 * A `CODE MNEMONIC [DESCRIPTION]` line as WFDB reads it: optional blanks, a code 0-49, blanks, a mnemonic
 * without blanks, one blank and the description (trailing blanks and line breaks dropped). `undefined` when the
 * line is not one.
 */
export function parseDefinitionLine(line: string): AnnotationDefinition | undefined {
  const match = /^[ \t]*([+-]?\d+)\S*[ \t]+(\S+)(?:[ \t\n\r]([\s\S]*))?$/.exec(line);
  if (match === null) return undefined;
  const code = Number(match[1]);
  if (code < 0 || code > MAX_ANNOTATION_CODE) return undefined;
  return { code, symbol: match[2], description: (match[3] ?? '').trimEnd() };
}

/** The time-resolution line, with the number as C's `%.12g` prints it. */
export function formatTimeResolution(ticksPerSecond: number): string {
  return `${TIME_RESOLUTION_PREFIX}${Number(ticksPerSecond.toPrecision(12))}`;
}

/** A definition line as WFDB writes it (`"%d %s %s"`). */
export function formatDefinitionLine(definition: AnnotationDefinition): string {
  return `${definition.code} ${definition.symbol} ${definition.description}`;
}
