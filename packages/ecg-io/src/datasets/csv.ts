import { EcgFormatError } from '../errors.js';

/** A parsed CSV table: the header row and the data rows, each with its 1-based line number. */
export interface CsvTable {
  header: string[];
  rows: { line: number; cells: string[] }[];
}

/**
 * Parses RFC 4180 CSV (quoted fields with `""` escapes and embedded commas/newlines; `\n` or `\r\n` line ends).
 * Every row must have as many cells as the header; a mismatch is an EcgFormatError naming the file and line.
 */
export function parseCsv(text: string, fileName: string): CsvTable {
  const records = splitRecords(text, fileName);
  if (records.length === 0)
    throw new EcgFormatError('empty CSV file', { file: fileName, expected: 'a header row' });
  const [headerRecord, ...dataRecords] = records;
  const header = headerRecord.cells;
  const rows = dataRecords.filter((r) => !(r.cells.length === 1 && r.cells[0] === ''));
  for (const row of rows) {
    if (row.cells.length !== header.length) {
      throw new EcgFormatError('wrong number of columns', {
        file: fileName,
        line: row.line,
        expected: `${header.length} columns as in the header`,
        found: `${row.cells.length}`,
      });
    }
  }
  return { header, rows };
}

function splitRecords(text: string, fileName: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let recordLine = 1;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (inQuotes) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') {
        inQuotes = false;
      } else {
        if (c === '\n') line++;
        field += c;
      }
    } else if (c === '"' && field === '') {
      inQuotes = true;
    } else if (c === ',') {
      cells.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(field);
      records.push({ line: recordLine, cells });
      cells = [];
      field = '';
      line++;
      recordLine = line;
    } else {
      field += c;
    }
  }
  if (inQuotes) {
    throw new EcgFormatError('unterminated quoted field', {
      file: fileName,
      line: recordLine,
      expected: 'a closing "',
    });
  }
  if (field !== '' || cells.length > 0) {
    cells.push(field);
    records.push({ line: recordLine, cells });
  }
  return records;
}
