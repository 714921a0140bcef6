import type { PatientInfo } from '../record.js';

/**
 * Patient information from header comments. Two layouts are common: one `Key: value` per line (PhysioNet
 * Challenge, PTB: `# Age: 74`, `# Sex: Male`, `# Dx: 164889003,59118001`) and several `<key>: value` pairs on
 * one line (MIMIC and others: `# <age>: 25  <sex>: M`). Every pair lands in `fields`; `age`, `sex` and
 * `diagnoses` (from `Dx`) are filled in when present and readable.
 */
export function parsePatientInfo(comments: readonly string[]): PatientInfo {
  const fields: Record<string, string> = {};
  for (const comment of comments) {
    for (const [key, value] of keyValuePairs(comment)) fields[key] = value;
  }
  const info: PatientInfo = { fields };
  const lookup = (name: string) => Object.entries(fields).find(([key]) => key.toLowerCase() === name)?.[1];
  const age = Number.parseFloat(lookup('age') ?? '');
  if (Number.isFinite(age) && age >= 0) info.age = age;
  const sex = lookup('sex');
  if (sex !== undefined) info.sex = parseSex(sex);
  const dx = lookup('dx');
  if (dx !== undefined)
    info.diagnoses = dx
      .split(',')
      .map((code) => code.trim())
      .filter(Boolean);
  return info;
}

function keyValuePairs(comment: string): [string, string][] {
  if (comment.trimStart().startsWith('<')) {
    return [...comment.matchAll(/<([^<>]+)>:\s*([^<]*)/g)].map((m) => [m[1].trim(), m[2].trim()]);
  }
  const match = /^\s*([A-Za-z][\w .()/-]*?)\s*:\s*(.*)$/.exec(comment);
  return match === null ? [] : [[match[1], match[2].trim()]];
}

function parseSex(text: string): 'male' | 'female' | 'unknown' {
  const value = text.trim().toLowerCase();
  if (value === 'm' || value === 'male') return 'male';
  if (value === 'f' || value === 'female') return 'female';
  return 'unknown';
}
