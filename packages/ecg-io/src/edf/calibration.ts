import type { EdfSignalHeader } from './types.js';

/** Gain and baseline of a signal in the EcgRecord convention: `physical = (digital - baseline) / gain`. */
export interface EdfCalibration {
  /** Digital units per physical unit: (dmax - dmin) / (pmax - pmin). Negative when pmin > pmax. */
  gain: number;
  /** Digital value of physical zero: (dmin pmax - dmax pmin) / (pmax - pmin). May be fractional. */
  baseline: number;
}

/**
 * The linear map EDF defines, `physical = pmin + (digital - dmin) (pmax - pmin) / (dmax - dmin)`, written as
 * gain and baseline. The baseline formula avoids the rounding of `dmin - pmin * gain`: for -32768..32767 over
 * -1000..1000 it gives exactly -0.5.
 */
export function edfCalibration(signal: EdfSignalHeader): EdfCalibration {
  const { physicalMinimum: pmin, physicalMaximum: pmax, digitalMinimum: dmin, digitalMaximum: dmax } = signal;
  return {
    gain: (dmax - dmin) / (pmax - pmin),
    baseline: (dmin * pmax - dmax * pmin) / (pmax - pmin),
  };
}
