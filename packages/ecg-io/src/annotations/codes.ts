// The standard annotation codes of the WFDB library (<wfdb/ecgcodes.h>), with the mnemonics and descriptions of
// its annot.c tables and the beat classification of <wfdb/ecgmap.h> (isqrs).

/** A standard annotation code: its number, mnemonic, name in ecgcodes.h and description. */
export interface AnnotationCodeInfo {
  /** Code stored in annotation files (`anntyp`), 1-41. */
  code: number;
  /** Mnemonic printed by rdann, e.g. `N`, `V`, `+`. */
  symbol: string;
  /** Constant name in WFDB's ecgcodes.h, e.g. `NORMAL`, `PVC`, `RHYTHM`. */
  name: string;
  description: string;
  /** Whether the code marks a QRS complex (WFDB's `isqrs`). */
  isBeat: boolean;
}

/** Largest annotation code WFDB defines (`ACMAX`); codes 42-49 are free for user definitions. */
export const MAX_ANNOTATION_CODE = 49;

/** The null annotation code (`NOTQRS`): marks no event; WFDB writes one to close a file's definition table. */
export const NULL_ANNOTATION_CODE = 0;

/** Comment annotation code (`NOTE`), whose text is in `aux`. */
export const NOTE_CODE = 22;

type Row = [code: number, symbol: string, name: string, description: string, isBeat: boolean];

const ROWS: readonly Row[] = [
  [1, 'N', 'NORMAL', 'Normal beat', true],
  [2, 'L', 'LBBB', 'Left bundle branch block beat', true],
  [3, 'R', 'RBBB', 'Right bundle branch block beat', true],
  [4, 'a', 'ABERR', 'Aberrated atrial premature beat', true],
  [5, 'V', 'PVC', 'Premature ventricular contraction', true],
  [6, 'F', 'FUSION', 'Fusion of ventricular and normal beat', true],
  [7, 'J', 'NPC', 'Nodal (junctional) premature beat', true],
  [8, 'A', 'APC', 'Atrial premature beat', true],
  [9, 'S', 'SVPB', 'Supraventricular premature or ectopic beat', true],
  [10, 'E', 'VESC', 'Ventricular escape beat', true],
  [11, 'j', 'NESC', 'Nodal (junctional) escape beat', true],
  [12, '/', 'PACE', 'Paced beat', true],
  [13, 'Q', 'UNKNOWN', 'Unclassifiable beat', true],
  [14, '~', 'NOISE', 'Change in signal quality', false],
  [16, '|', 'ARFCT', 'Isolated QRS-like artifact', false],
  [18, 's', 'STCH', 'ST segment change', false],
  [19, 'T', 'TCH', 'T-wave change', false],
  [20, '*', 'SYSTOLE', 'Systole', false],
  [21, 'D', 'DIASTOLE', 'Diastole', false],
  [22, '"', 'NOTE', 'Comment annotation', false],
  [23, '=', 'MEASURE', 'Measurement annotation', false],
  [24, 'p', 'PWAVE', 'P-wave peak', false],
  [25, 'B', 'BBB', 'Bundle branch block beat (unspecified)', true],
  [26, '^', 'PACESP', '(Non-captured) pacemaker artifact', false],
  [27, 't', 'TWAVE', 'T-wave peak', false],
  [28, '+', 'RHYTHM', 'Rhythm change', false],
  [29, 'u', 'UWAVE', 'U-wave peak', false],
  [30, '?', 'LEARN', 'Beat not classified during learning', true],
  [31, '!', 'FLWAV', 'Ventricular flutter wave', true],
  [32, '[', 'VFON', 'Start of ventricular flutter/fibrillation', false],
  [33, ']', 'VFOFF', 'End of ventricular flutter/fibrillation', false],
  [34, 'e', 'AESC', 'Atrial escape beat', true],
  [35, 'n', 'SVESC', 'Supraventricular escape beat', true],
  [36, '@', 'LINK', 'Link to external data (aux contains URL)', false],
  [37, 'x', 'NAPC', 'Non-conducted P-wave (blocked APC)', false],
  [38, 'f', 'PFUS', 'Fusion of paced and normal beat', true],
  [39, '(', 'WFON', 'Waveform onset', false],
  [40, ')', 'WFOFF', 'Waveform end', false],
  [41, 'r', 'RONT', 'R-on-T premature ventricular contraction', true],
];

/** Every standard annotation code, in code order (codes 15 and 17 are unassigned). */
export const ANNOTATION_CODES: readonly AnnotationCodeInfo[] = ROWS.map(
  ([code, symbol, name, description, isBeat]) => ({
    code,
    symbol,
    name,
    description,
    isBeat,
  }),
);

const BY_CODE = new Map(ANNOTATION_CODES.map((info) => [info.code, info]));
const BY_SYMBOL = new Map(ANNOTATION_CODES.map((info) => [info.symbol, info]));

/** The standard meaning of an annotation code, or `undefined` for 0, 15, 17 and codes above 41. */
export function annotationCodeInfo(code: number): AnnotationCodeInfo | undefined {
  return BY_CODE.get(code);
}

/**
 * The standard mnemonic of a code as WFDB prints it: the table's symbol, `' '` for the null annotation 0, and
 * the number in brackets (`[15]`, `[42]`) for codes without one.
 */
export function standardSymbol(code: number): string {
  if (code === NULL_ANNOTATION_CODE) return ' ';
  return BY_CODE.get(code)?.symbol ?? `[${code}]`;
}

/** The standard code of a mnemonic (`'N'` -> 1), or `undefined` when no standard code has it. */
export function standardCode(symbol: string): number | undefined {
  return BY_SYMBOL.get(symbol)?.code;
}

/** Whether an annotation code marks a beat (QRS complex), as WFDB's `isqrs` decides. */
export function isBeat(code: number): boolean {
  return BY_CODE.get(code)?.isBeat ?? false;
}
