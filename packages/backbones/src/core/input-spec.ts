import type { LeadName } from '@enecg/ecg-io';

/**
 * How a backbone expects the amplitudes of its input to be scaled.
 *
 * - `none`: physical units (mV) as recorded; the backbone normalises internally (e.g. MOMENT's RevIN).
 * - `zscore`: per record, `(x - mean) / std` with statistics of each lead (`perLead`) or of all leads together
 *   (`global`).
 * - `standardize`: `(x - mean) / std` with fixed statistics, typically those of the training set.
 */
export type Normalization =
  | { kind: 'none' }
  | { kind: 'zscore'; scope: 'perLead' | 'global' }
  | { kind: 'standardize'; mean: number; std: number };

/** What a backbone expects as input: `embed` takes `[batch, length, leads.length]` float32 tensors. */
export interface InputSpec {
  /** Sampling rate in Hz. */
  readonly sampleRate: number;
  /** Samples per lead (`length / sampleRate` seconds). */
  readonly length: number;
  /** The leads, in the order of the last input axis. */
  readonly leads: readonly LeadName[];
  readonly normalization: Normalization;
}

/** One line such as `12 leads (I, II, ...) x 2500 samples at 500 Hz (5 s), z-score per lead`. */
export function describeInputSpec(spec: InputSpec): string {
  const seconds = Number((spec.length / spec.sampleRate).toFixed(3));
  return (
    `${spec.leads.length} leads (${spec.leads.join(', ')}) x ${spec.length} samples at ${spec.sampleRate} Hz ` +
    `(${seconds} s), ${describeNormalization(spec.normalization)}`
  );
}

function describeNormalization(normalization: Normalization): string {
  switch (normalization.kind) {
    case 'none':
      return 'no normalisation';
    case 'zscore':
      return normalization.scope === 'perLead' ? 'z-score per lead' : 'z-score over all leads';
    case 'standardize':
      return `standardised with mean ${normalization.mean} and std ${normalization.std}`;
  }
}
