import { EcgFormatError } from '../errors.js';
import { type CsvTable, parseCsv } from './csv.js';

/** The five PTB-XL diagnostic superclasses. */
export const PTBXL_SUPERCLASSES = ['NORM', 'MI', 'STTC', 'CD', 'HYP'] as const;
export type PtbXlSuperclass = (typeof PTBXL_SUPERCLASSES)[number];

/** One row of scp_statements.csv. */
export interface ScpStatement {
  code: string;
  description: string;
  /** Whether the statement is diagnostic (has a superclass), a form statement, a rhythm statement. */
  diagnostic: boolean;
  form: boolean;
  rhythm: boolean;
  /** Diagnostic superclass (NORM, MI, STTC, CD, HYP) for diagnostic statements. */
  diagnosticClass?: PtbXlSuperclass;
  diagnosticSubclass?: string;
}

/** One row of ptbxl_database.csv with labels resolved through scp_statements.csv. */
export interface PtbXlEntry {
  ecgId: number;
  patientId: number;
  /**
   * Age in years. PTB-XL stores ages above 89 as 300 (privacy); those read as 90 with `ageOver89` set.
   * `null` when missing.
   */
  age: number | null;
  ageOver89: boolean;
  /** PTB-XL codes sex as 0 = male, 1 = female. */
  sex: 'male' | 'female' | null;
  heightCm: number | null;
  weightKg: number | null;
  recordingDate: string;
  report: string;
  /** SCP-ECG statement codes with their likelihoods (0-100) as given in the `scp_codes` column. */
  scpCodes: Record<string, number>;
  /** Diagnostic superclasses of the diagnostic statements in `scpCodes` (sorted in PTBXL_SUPERCLASSES order). */
  superclasses: PtbXlSuperclass[];
  /** Rhythm statements in `scpCodes` (e.g. SR, AFIB, STACH, SBRAD). */
  rhythms: string[];
  /** The dataset's stratified fold, 1-10 (recommended split: train 1-8, validation 9, test 10). */
  stratFold: number;
  /** Record paths without extension, relative to the dataset folder, at 100 Hz and 500 Hz. */
  filenameLr: string;
  filenameHr: string;
  /** Every column of the row as written, for fields not modelled above. */
  raw: Record<string, string>;
}

/** Options for resolving labels. */
export interface PtbXlLabelOptions {
  /**
   * Minimum statement likelihood for a diagnostic statement to count towards the superclasses. Default 0:
   * every listed statement counts, as in PTB-XL's own example code.
   */
  minLikelihood?: number;
}

const DATABASE_COLUMNS = [
  'ecg_id',
  'patient_id',
  'age',
  'sex',
  'scp_codes',
  'strat_fold',
  'filename_lr',
  'filename_hr',
];
const STATEMENT_COLUMNS = [
  'description',
  'diagnostic',
  'form',
  'rhythm',
  'diagnostic_class',
  'diagnostic_subclass',
];

/** Parses scp_statements.csv (its first, unnamed column holds the statement code). */
export function parseScpStatements(text: string, fileName = 'scp_statements.csv'): Map<string, ScpStatement> {
  const table = parseCsv(text, fileName);
  requireColumns(table, STATEMENT_COLUMNS, fileName);
  const column = columnIndex(table);
  const statements = new Map<string, ScpStatement>();
  for (const { line, cells } of table.rows) {
    const code = cells[0];
    const diagnosticClass = cells[column('diagnostic_class')];
    if (diagnosticClass && !(PTBXL_SUPERCLASSES as readonly string[]).includes(diagnosticClass)) {
      throw new EcgFormatError('unknown diagnostic class', {
        file: fileName,
        line,
        field: 'diagnostic_class',
        expected: PTBXL_SUPERCLASSES.join(', '),
        found: diagnosticClass,
      });
    }
    statements.set(code, {
      code,
      description: cells[column('description')],
      diagnostic: isFlag(cells[column('diagnostic')]),
      form: isFlag(cells[column('form')]),
      rhythm: isFlag(cells[column('rhythm')]),
      diagnosticClass: (diagnosticClass || undefined) as PtbXlSuperclass | undefined,
      diagnosticSubclass: cells[column('diagnostic_subclass')] || undefined,
    });
  }
  return statements;
}

/** Parses ptbxl_database.csv and resolves each row's superclasses and rhythms through the statements. */
export function parsePtbXlDatabase(
  text: string,
  statements: Map<string, ScpStatement>,
  options: PtbXlLabelOptions = {},
  fileName = 'ptbxl_database.csv',
): PtbXlEntry[] {
  const minLikelihood = options.minLikelihood ?? 0;
  const table = parseCsv(text, fileName);
  requireColumns(table, DATABASE_COLUMNS, fileName);
  return table.rows.map(({ line, cells }) => {
    const raw = Object.fromEntries(table.header.map((name, i) => [name, cells[i]]));
    const at = (field: string) => ({ file: fileName, line, field });
    const scpCodes = parseScpCodes(raw.scp_codes, at('scp_codes'));
    const superclasses = new Set<PtbXlSuperclass>();
    const rhythms: string[] = [];
    for (const [code, likelihood] of Object.entries(scpCodes)) {
      const statement = statements.get(code);
      if (!statement) continue;
      if (statement.diagnostic && statement.diagnosticClass && likelihood >= minLikelihood) {
        superclasses.add(statement.diagnosticClass);
      }
      if (statement.rhythm) rhythms.push(code);
    }
    const rawAge = optionalNumber(raw.age, at('age'));
    const foldNumber = requiredInteger(raw.strat_fold, at('strat_fold'));
    if (foldNumber < 1 || foldNumber > 10) {
      throw new EcgFormatError('fold out of range', {
        ...at('strat_fold'),
        expected: '1 to 10',
        found: raw.strat_fold,
      });
    }
    return {
      ecgId: requiredInteger(raw.ecg_id, at('ecg_id')),
      patientId: requiredInteger(raw.patient_id, at('patient_id')),
      age: rawAge === null ? null : Math.min(rawAge, 90),
      ageOver89: rawAge !== null && rawAge > 89,
      sex: parseSex(raw.sex, at('sex')),
      heightCm: optionalNumber(raw.height ?? '', at('height')),
      weightKg: optionalNumber(raw.weight ?? '', at('weight')),
      recordingDate: raw.recording_date ?? '',
      report: raw.report ?? '',
      scpCodes,
      superclasses: PTBXL_SUPERCLASSES.filter((c) => superclasses.has(c)),
      rhythms,
      stratFold: foldNumber,
      filenameLr: raw.filename_lr,
      filenameHr: raw.filename_hr,
      raw,
    };
  });
}

type Where = { file: string; line: number; field: string };

/** Parses the Python dict literal of the `scp_codes` column, e.g. `{'NORM': 100.0, 'SR': 0.0}`. */
function parseScpCodes(text: string, where: Where): Record<string, number> {
  const body = text.trim();
  if (!body.startsWith('{') || !body.endsWith('}')) {
    throw new EcgFormatError('scp_codes is not a dict literal', {
      ...where,
      expected: "{'CODE': likelihood, ...}",
      found: text,
    });
  }
  const inner = body.slice(1, -1).trim();
  const codes: Record<string, number> = {};
  if (inner === '') return codes;
  for (const item of inner.split(',')) {
    const match = /^\s*'([^']+)'\s*:\s*(-?\d+(?:\.\d*)?(?:[eE][-+]?\d+)?)\s*$/.exec(item);
    if (!match) {
      throw new EcgFormatError('malformed scp_codes entry', {
        ...where,
        expected: "'CODE': number",
        found: item.trim(),
      });
    }
    codes[match[1]] = Number(match[2]);
  }
  return codes;
}

function parseSex(text: string, where: Where): 'male' | 'female' | null {
  const value = optionalNumber(text, where);
  if (value === null) return null;
  if (value === 0) return 'male';
  if (value === 1) return 'female';
  throw new EcgFormatError('unknown sex code', { ...where, expected: '0 (male) or 1 (female)', found: text });
}

function optionalNumber(text: string, where: Where): number | null {
  if (text.trim() === '' || text.trim().toLowerCase() === 'nan') return null;
  const value = Number(text);
  if (!Number.isFinite(value))
    throw new EcgFormatError('not a number', { ...where, expected: 'a number', found: text });
  return value;
}

function requiredInteger(text: string, where: Where): number {
  const value = optionalNumber(text, where);
  if (value === null || !Number.isInteger(value)) {
    throw new EcgFormatError('missing or non-integer value', {
      ...where,
      expected: 'an integer',
      found: text,
    });
  }
  return value;
}

function isFlag(text: string): boolean {
  return text.trim() !== '' && Number(text) === 1;
}

function requireColumns(table: CsvTable, columns: string[], fileName: string): void {
  const missing = columns.filter((c) => !table.header.includes(c));
  if (missing.length > 0) {
    throw new EcgFormatError(`missing columns: ${missing.join(', ')}`, {
      file: fileName,
      line: 1,
      expected: `a header with ${columns.join(', ')}`,
    });
  }
}

function columnIndex(table: CsvTable): (name: string) => number {
  return (name) => table.header.indexOf(name);
}
