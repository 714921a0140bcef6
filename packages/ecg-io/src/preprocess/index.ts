// Signal preprocessing: resampling, IIR filtering, normalisation, lead selection and R-peak detection.
// Pure functions on Float32Array / Float64Array / number[]; results are new Float64Arrays.
export { type BaselineMethod, type BaselineOptions, removeBaselineWander } from './baseline.js';
export { type BandType, butter } from './butter.js';
export { besselI0, kaiserLowpass, kaiserWindow } from './fir.js';
export { type HeartRate, heartRate, rrIntervals } from './heart-rate.js';
export { type BeatMatch, matchBeats } from './match-beats.js';
export { medianFilter } from './median-filter.js';
export {
  applyMinMax,
  applyZScore,
  type Clipped,
  clip,
  type MinMaxStats,
  minMaxScale,
  type Normalized,
  type NormalizeScope,
  type ZScoreStats,
  zScore,
} from './normalize.js';
export { iirnotch, type PowerlineOptions, removePowerline } from './notch.js';
export { detectRPeaks, type RPeakOptions } from './pan-tompkins.js';
export { type RationalRatio, type ResampleOptions, rationalRatio, resample } from './resample.js';
export { resampleFft } from './resample-fft.js';
export { type PolyPadType, type ResamplePolyOptions, resamplePoly } from './resample-poly.js';
export {
  deriveLimbLeads,
  type LeadSource,
  type LimbLead,
  type NamedSignals,
  type SelectedLeads,
  type SelectLeadsOptions,
  selectLeads,
} from './select-leads.js';
export {
  type FiltfiltPadType,
  type SectionState,
  type SosfiltfiltOptions,
  sosfilt,
  sosfiltfilt,
  sosfiltZi,
  sosGain,
} from './sos.js';
export type { SecondOrderSection, Sos } from './sos-types.js';
