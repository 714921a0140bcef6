import { canonicalLeadName, type LeadName } from '@enecg/ecg-io';
import { BackboneConfigError } from '../errors.js';

/** The input options every built-in has. */
export interface SignalConfig {
  /** Sampling rate of the input in Hz. */
  sampleRate: number;
  /** Samples per lead. */
  inputLength: number;
  /** Leads, in input order. */
  leads: readonly LeadName[];
}

/** Checks `sampleRate`, `inputLength` and `leads` (canonical names, no repeats). */
export function checkSignalConfig(id: string, config: SignalConfig): void {
  if (!(config.sampleRate > 0)) {
    throw new BackboneConfigError(
      id,
      'sampleRate',
      `must be a positive number of Hz, got ${config.sampleRate}`,
    );
  }
  checkInteger(id, 'inputLength', config.inputLength, 1);
  if (config.leads.length === 0) throw new BackboneConfigError(id, 'leads', 'must name at least one lead');
  const seen = new Set<string>();
  for (const lead of config.leads) {
    if (canonicalLeadName(lead) !== lead) {
      throw new BackboneConfigError(
        id,
        'leads',
        `"${lead}" is not a canonical lead name (I, II, ..., V6, X, ...)`,
      );
    }
    if (seen.has(lead)) throw new BackboneConfigError(id, 'leads', `"${lead}" appears twice`);
    seen.add(lead);
  }
}

/** Throws unless `value` is an integer >= `min`. */
export function checkInteger(id: string, field: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) {
    throw new BackboneConfigError(id, field, `must be an integer >= ${min}, got ${value}`);
  }
}

/** Throws unless every entry of `values` is an integer >= `min` (the field is reported as `field[i]`). */
export function checkIntegers(id: string, field: string, values: readonly number[], min: number): void {
  for (const [i, value] of values.entries()) checkInteger(id, `${field}[${i}]`, value, min);
}

/** Throws unless `value` is in `[0, 1)`. */
export function checkRate(id: string, field: string, value: number): void {
  if (!(value >= 0 && value < 1)) throw new BackboneConfigError(id, field, `must be in [0, 1), got ${value}`);
}

/** Throws unless `divisor` divides `value`. */
export function checkDivisible(
  id: string,
  field: string,
  value: number,
  divisor: number,
  what: string,
): void {
  if (value % divisor !== 0) {
    throw new BackboneConfigError(id, field, `${value} is not divisible by ${what} (${divisor})`);
  }
}
