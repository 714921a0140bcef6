// The EDF+ patient and recording identification fields: blank-separated subfields, `X` for unknown, `_` for
// blanks inside a subfield (EDF+ specification, section 2.1.3).
import { isCalendarDate } from './parse-header.js';
import type { EdfPatient, EdfRecording } from './types.js';

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];

/** Parses `code sex birthdate name [additional ...]`; problems go to `warnings`. */
export function parseEdfPatient(field: string, fileName: string, warnings: string[]): EdfPatient {
  const [code, sex, birthdate, name, ...additional] = subfields(field);
  if (name === undefined) {
    warnings.push(
      `${fileName}: EDF+ patient field "${field}" lacks subfields (expected code, sex, birthdate, name)`,
    );
  }
  const patient: EdfPatient = { additional: additional.map(withBlanks) };
  if (known(code)) patient.code = withBlanks(code);
  if (sex === 'M') patient.sex = 'male';
  else if (sex === 'F') patient.sex = 'female';
  else if (known(sex)) warnings.push(`${fileName}: EDF+ patient sex "${sex}" is not M, F or X`);
  if (known(birthdate)) {
    patient.birthdate = parseEdfPlusDate(birthdate);
    if (patient.birthdate === undefined)
      warnings.push(`${fileName}: EDF+ birthdate "${birthdate}" is not dd-MMM-yyyy`);
  }
  if (known(name)) patient.name = withBlanks(name);
  return patient;
}

/** Parses `Startdate dd-MMM-yyyy admincode technician equipment [additional ...]`; problems go to `warnings`. */
export function parseEdfRecording(field: string, fileName: string, warnings: string[]): EdfRecording {
  const [keyword, date, administrationCode, technician, equipment, ...additional] = subfields(field);
  if (keyword !== 'Startdate') {
    warnings.push(`${fileName}: EDF+ recording field "${field}" does not start with "Startdate"`);
    return { additional: subfields(field).map(withBlanks) };
  }
  const recording: EdfRecording = { additional: additional.map(withBlanks) };
  if (known(date)) {
    recording.startDate = parseEdfPlusDate(date);
    if (recording.startDate === undefined)
      warnings.push(`${fileName}: EDF+ start date "${date}" is not dd-MMM-yyyy`);
  }
  if (known(administrationCode)) recording.administrationCode = withBlanks(administrationCode);
  if (known(technician)) recording.technician = withBlanks(technician);
  if (known(equipment)) recording.equipment = withBlanks(equipment);
  return recording;
}

/** `02-MAY-1951` as ISO `1951-05-02`, or `undefined`. */
export function parseEdfPlusDate(text: string): string | undefined {
  const match = /^(\d\d)-([A-Z]{3})-(\d{4})$/.exec(text.toUpperCase());
  if (match === null) return undefined;
  const month = MONTHS.indexOf(match[2]) + 1;
  const [day, year] = [Number(match[1]), Number(match[3])];
  if (!isCalendarDate(year, month, day)) return undefined;
  return `${match[3]}-${String(month).padStart(2, '0')}-${match[1]}`;
}

function subfields(field: string): string[] {
  return field.split(' ').filter((s) => s !== '');
}

function known(subfield: string | undefined): subfield is string {
  return subfield !== undefined && subfield !== 'X';
}

function withBlanks(subfield: string): string {
  return subfield.replaceAll('_', ' ');
}
