import { canonicalLeadName } from '../leads.js';
import type { SignalInfo } from '../record.js';
import { wfdbFormat } from './formats.js';
import type { WfdbSignalSpec } from './header.js';
import { WFDB_DEFAULT_GAIN } from './physical.js';
import { skewInFrames } from './signal-group.js';

/**
 * The format-independent description of a header signal. Uncalibrated signals (gain 0) get gain 200 and a
 * zero ADC resolution the format's default, as WFDB assumes; signals without description are named
 * `signal <index>`.
 */
export function wfdbSignalInfo(spec: WfdbSignalSpec, index: number): SignalInfo {
  const name = signalName(spec, index);
  return {
    name,
    lead: canonicalLeadName(name),
    units: spec.units,
    gain: spec.adcGain === 0 ? WFDB_DEFAULT_GAIN : spec.adcGain,
    baseline: spec.baseline,
    adcResolution: spec.adcResolution || (wfdbFormat(spec.format)?.defaultAdcResolution ?? 0),
    adcZero: spec.adcZero,
    initialValue: spec.initialValue,
    checksum: spec.checksum,
    samplesPerFrame: spec.samplesPerFrame,
    skew: skewInFrames(spec.skew, spec.samplesPerFrame),
    byteOffset: spec.byteOffset,
    format: spec.format,
    fileName: spec.fileName,
  };
}

/** A signal's name: its description, or `signal <index>` when the header gives none. */
export function signalName(spec: WfdbSignalSpec, index: number): string {
  return spec.description || `signal ${index}`;
}
