// Layout of MIT-format annotation files (WFDB annot(5)): a sequence of little-endian 16-bit words whose top 6
// bits are a code A and low 10 bits a value I. Codes 0-58 are annotations (I = samples since the previous
// annotation); 59-63 are pseudo-annotations that modify the annotation before them or the time of the next one.
// The word 0 ends the file.

/** Bits of the value part I. */
export const VALUE_BITS = 10;
/** Largest time step an annotation word can hold; longer steps need a SKIP. */
export const MAX_STEP = 1023;
/** `I` = 0; the next 4 bytes are a signed 32-bit step (high 16-bit word first, each word little-endian). */
export const SKIP = 59;
/** `I` = the `num` field of the current and later annotations (low 8 bits, signed). */
export const NUM = 60;
/** `I` = the `subtyp` field of the current annotation only (low 8 bits, signed). */
export const SUB = 61;
/** `I` = the `chan` field of the current and later annotations (low 8 bits, unsigned). */
export const CHN = 62;
/** `I` = byte count of the aux text that follows (low 8 bits), padded with a NUL to an even count. */
export const AUX = 63;
/** Largest SKIP step magnitude WFDB writes (it splits longer gaps). */
export const MAX_SKIP = 0x7fffffff;
/** Largest code that is an annotation rather than a pseudo-annotation. */
export const MAX_STORABLE_CODE = SKIP - 1;
