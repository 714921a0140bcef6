export {
  ANNOTATION_CODES,
  type AnnotationCodeInfo,
  annotationCodeInfo,
  isBeat,
  MAX_ANNOTATION_CODE,
  NOTE_CODE,
  NULL_ANNOTATION_CODE,
  standardCode,
  standardSymbol,
} from './codes.js';
export { type ReadAnnotationsOptions, readAnnotations } from './read-annotations.js';
export type { Annotation, AnnotationDefinition, AnnotationFileInfo, AnnotationList } from './types.js';
export {
  type AnnotationToWrite,
  type WriteAnnotationsOptions,
  writeAnnotations,
} from './write-annotations.js';
