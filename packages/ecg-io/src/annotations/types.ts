/** One annotation of an MIT-format annotation file. */
export interface Annotation {
  /**
   * Time of the annotation as stored: samples from the start of the record, or ticks of
   * `AnnotationFile.timeResolution` when the file declares one.
   */
  sample: number;
  /** Annotation code (`anntyp`): 1-49 for annotations, 0 for a null annotation (up to 58 are storable). */
  code: number;
  /** Mnemonic of the code: the file's own definition when it has one, else WFDB's standard one (`[n]` if none). */
  symbol: string;
  /** Subtype (`subtyp`), -128 to 127; 0 unless the file gives one for this annotation. */
  subtype: number;
  /** Signal number (`chan`), 0 to 255; carries over from the previous annotation unless the file changes it. */
  chan: number;
  /** Context number (`num`), -128 to 127; carries over from the previous annotation unless the file changes it. */
  num: number;
  /**
   * Auxiliary text (rhythm such as `(AFIB`, comment...), absent when the annotation has none. Bytes are decoded
   * as UTF-8 when valid, else as Latin-1 (so no byte is lost); trailing NUL bytes are dropped.
   */
  aux?: string;
}

/** A file-specific definition of an annotation code, from the definition table at the start of a file. */
export interface AnnotationDefinition {
  code: number;
  symbol: string;
  /** Description, `''` when the definition gives none. */
  description: string;
}

/** What an annotation file says about itself, besides its annotations. */
export interface AnnotationFileInfo {
  /** Ticks per second of `sample`, when the file declares it (`## time resolution: 500`); else samples. */
  timeResolution?: number;
  /** Codes the file defines or renames (its definition table), e.g. `{ code: 42, symbol: 'CAL', ... }`. */
  definitions: AnnotationDefinition[];
  /**
   * Texts of the comment annotations that open the file and that WFDB reads as its header rather than as
   * annotations (e.g. the command line that wrote it, `gqrs -r 100`), without the definition table's lines.
   */
  headerNotes: string[];
  /** Non-fatal problems (missing end-of-file marker, bytes after it...). Never silent. */
  warnings: string[];
}

/** The annotations of a file, in file order (normally time order), with what the file says about itself. */
export type AnnotationList = Annotation[] & AnnotationFileInfo;
