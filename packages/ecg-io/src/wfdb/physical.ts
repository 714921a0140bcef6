import { INVALID_SAMPLE } from '../record.js';

/** Gain WFDB assumes for uncalibrated signals (header gain 0 or absent): `WFDB_DEFGAIN`. */
export const WFDB_DEFAULT_GAIN = 200;

/** Physical values `(digital - baseline) / gain`, NaN for missing samples. A gain of 0 means 200. */
export function toPhysical(digital: Int32Array, gain: number, baseline: number): Float64Array {
  const divisor = gain === 0 ? WFDB_DEFAULT_GAIN : gain;
  const physical = new Float64Array(digital.length);
  // Locals keep this hot loop free of module-binding and property lookups.
  const invalid = INVALID_SAMPLE;
  const nan = Number.NaN;
  for (let i = 0; i < digital.length; i++) {
    const value = digital[i];
    physical[i] = value === invalid ? nan : (value - baseline) / divisor;
  }
  return physical;
}
