import { NOTE_CODE, NULL_ANNOTATION_CODE } from './codes.js';
import {
  DEFINITIONS_END,
  DEFINITIONS_START,
  parseDefinitionLine,
  parseTimeResolution,
  TIME_RESOLUTION_PREFIX,
} from './definition-lines.js';
import type { StoredAnnotation } from './parse-words.js';
import type { AnnotationFileInfo } from './types.js';

/** A file's header (definition table and opening comments) and the annotations after it. */
export interface SplitAnnotations {
  info: AnnotationFileInfo;
  annotations: StoredAnnotation[];
}

/**
 * Separates the header of an annotation file from its annotations the way WFDB's annopen does: the comment
 * annotations (NOTE, subtype 0) at time 0 that open the file are the header, read for the time resolution and
 * code definitions; a null annotation right after them (which WFDB writes to close the table) is dropped.
 */
export function splitAnnotationHeader(
  stored: StoredAnnotation[],
  fileName: string,
  warnings: string[],
): SplitAnnotations {
  const info: AnnotationFileInfo = { definitions: [], headerNotes: [], warnings };
  let index = 0;
  for (; index < stored.length; index++) {
    const { code, sample, subtype, aux } = stored[index];
    if (code !== NOTE_CODE || sample !== 0 || subtype !== 0) break;
    if (aux === undefined || aux === '' || aux === DEFINITIONS_START || aux === DEFINITIONS_END) continue;
    const timeResolution = parseTimeResolution(aux);
    if (timeResolution !== undefined) {
      info.timeResolution = timeResolution;
      continue;
    }
    if (aux.startsWith(TIME_RESOLUTION_PREFIX))
      warnings.push(`${fileName}: unreadable time resolution "${aux}"`);
    const definition = aux.startsWith('#') ? undefined : parseDefinitionLine(aux);
    if (definition === undefined) {
      info.headerNotes.push(aux);
    } else {
      // A later definition of the same code replaces an earlier one, as in WFDB.
      info.definitions = info.definitions.filter((d) => d.code !== definition.code);
      info.definitions.push(definition);
    }
  }
  if (stored[index]?.code === NULL_ANNOTATION_CODE) index++;
  return { info, annotations: stored.slice(index) };
}
