import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/datasets/csv.js';
import { parsePtbXlDatabase, parseScpStatements } from '../../src/datasets/ptbxl-metadata.js';
import { EcgFormatError } from '../../src/errors.js';
import { databaseCsv, FIXTURE_ROWS, SCP_STATEMENTS_CSV } from './ptbxl-fixture.js';

describe('parseCsv', () => {
  it('handles quoted fields with commas, doubled quotes and newlines, and CRLF line ends', () => {
    const table = parseCsv('a,b,c\r\n1,"x, ""y""\nz",3\r\n4,,6\n', 't.csv');
    expect(table.header).toEqual(['a', 'b', 'c']);
    expect(table.rows).toEqual([
      { line: 2, cells: ['1', 'x, "y"\nz', '3'] },
      { line: 4, cells: ['4', '', '6'] },
    ]);
  });

  it('names the file and line of a row with the wrong number of columns', () => {
    expect(() => parseCsv('a,b\n1,2\n3\n', 'bad.csv')).toThrowError(
      /bad\.csv, line 3: wrong number of columns/,
    );
  });

  it('rejects an unterminated quote', () => {
    expect(() => parseCsv('a\n"open\n', 'q.csv')).toThrowError(EcgFormatError);
  });
});

describe('PTB-XL metadata', () => {
  const statements = parseScpStatements(SCP_STATEMENTS_CSV);
  const entries = parsePtbXlDatabase(databaseCsv(FIXTURE_ROWS), statements);

  it('reads statements with their flags and classes', () => {
    expect(statements.get('IMI')).toMatchObject({
      diagnostic: true,
      rhythm: false,
      diagnosticClass: 'MI',
      diagnosticSubclass: 'IMI',
    });
    expect(statements.get('SR')).toMatchObject({
      diagnostic: false,
      rhythm: true,
      diagnosticClass: undefined,
    });
    expect(statements.get('LVOLT')).toMatchObject({ diagnostic: false, form: true });
  });

  it('resolves superclasses, rhythms, age, sex and folds', () => {
    expect(entries.map((e) => e.superclasses)).toEqual([['NORM'], ['MI', 'STTC'], ['CD', 'HYP']]);
    expect(entries.map((e) => e.rhythms)).toEqual([['SR'], ['SR'], ['AFIB']]);
    expect(entries.map((e) => e.age)).toEqual([56, 90, null]);
    expect(entries.map((e) => e.ageOver89)).toEqual([false, true, false]);
    expect(entries.map((e) => e.sex)).toEqual(['female', 'male', 'female']);
    expect(entries.map((e) => e.stratFold)).toEqual([3, 9, 10]);
    expect(entries[1].scpCodes).toEqual({ IMI: 80, NDT: 0, SR: 0 });
    expect(entries[1].report).toBe('sinus rhythm, "inferior" infarct');
    expect(entries[2].filenameLr).toBe('records100/00000/00003_lr');
    expect(entries[2].filenameHr).toBe('records500/00000/00003_hr');
    expect(entries[0].patientId).toBe(entries[2].patientId);
  });

  it('applies a likelihood threshold to diagnostic statements', () => {
    const strict = parsePtbXlDatabase(databaseCsv(FIXTURE_ROWS), statements, { minLikelihood: 50 });
    expect(strict.map((e) => e.superclasses)).toEqual([['NORM'], ['MI'], ['CD', 'HYP']]);
  });

  it('reports malformed scp_codes with file, line and field', () => {
    const rows = [{ ...FIXTURE_ROWS[0], scpCodes: "{'NORM' 100}" }];
    expect(() => parsePtbXlDatabase(databaseCsv(rows), statements)).toThrowError(
      /ptbxl_database\.csv, line 2, field "scp_codes": malformed scp_codes entry/,
    );
  });

  it('rejects a database without the required columns', () => {
    expect(() => parsePtbXlDatabase('ecg_id,age\n1,2\n', statements)).toThrowError(
      /missing columns: patient_id/,
    );
  });

  it('rejects folds outside 1-10 and unknown sex codes', () => {
    expect(() =>
      parsePtbXlDatabase(databaseCsv([{ ...FIXTURE_ROWS[0], fold: 11 }]), statements),
    ).toThrowError(/fold out of range/);
    expect(() =>
      parsePtbXlDatabase(databaseCsv([{ ...FIXTURE_ROWS[0], sex: 2 as 0 }]), statements),
    ).toThrowError(/unknown sex code/);
  });
});
