import type { PatientInfo } from '../record.js';
import type { EdfPatient } from './types.js';

/**
 * PatientInfo from the EDF+ patient subfields (age in whole years at the start date, when the birthdate is
 * known), or from the raw field of a plain EDF/BDF file (under `patient identification`).
 */
export function edfPatientInfo(raw: string, patient: EdfPatient | undefined, startDate: string): PatientInfo {
  if (patient === undefined) return { fields: raw === '' ? {} : { 'patient identification': raw } };
  const info: PatientInfo = { sex: patient.sex ?? 'unknown', fields: {} };
  if (patient.code !== undefined) info.fields.code = patient.code;
  if (patient.sex !== undefined) info.fields.sex = patient.sex;
  if (patient.birthdate !== undefined) {
    info.fields.birthdate = patient.birthdate;
    info.age = wholeYearsBetween(patient.birthdate, startDate);
  }
  if (patient.name !== undefined) info.fields.name = patient.name;
  if (patient.additional.length > 0) info.fields.additional = patient.additional.join(' ');
  return info;
}

/** Completed years from ISO date `from` to ISO date `to`. */
function wholeYearsBetween(from: string, to: string): number {
  const [fy, fm, fd] = from.split('-').map(Number);
  const [ty, tm, td] = to.split('-').map(Number);
  return ty - fy - (tm < fm || (tm === fm && td < fd) ? 1 : 0);
}
