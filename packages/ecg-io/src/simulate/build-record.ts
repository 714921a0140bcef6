import { STANDARD_12_LEADS, type StandardLead } from '../leads.js';
import type { EcgRecord } from '../record.js';
import { signalChecksum } from '../wfdb/checksum.js';
import { fillSamples } from './samples.js';

/** What a simulated record is made of. */
export interface RecordParts {
  name: string;
  samplingFrequency: number;
  gain: number;
  digital: Record<StandardLead, Int32Array>;
  /** `key: value` header comments, also parsed into `patient.fields` as readers do. */
  fields: Record<string, string>;
  warnings: string[];
}

/**
 * An EcgRecord of the 12 standard leads as a WFDB reader would return it for a format-16 record written
 * with one `<name>.dat` file: physical = digital / gain (mV), baseline 0, 16-bit ADC, checksums and initial
 * values filled in.
 */
export function buildRecord(parts: RecordParts): EcgRecord {
  const digital = STANDARD_12_LEADS.map((lead) => parts.digital[lead]);
  const length = digital[0].length;
  return {
    name: parts.name,
    samplingFrequency: parts.samplingFrequency,
    length,
    startFrame: 0,
    signals: STANDARD_12_LEADS.map((lead, k) => ({
      name: lead,
      lead,
      units: 'mV',
      gain: parts.gain,
      baseline: 0,
      adcResolution: 16,
      adcZero: 0,
      initialValue: length > 0 ? digital[k][0] : 0,
      checksum: signalChecksum(digital[k], length, 1, 0, 1),
      samplesPerFrame: 1,
      skew: 0,
      byteOffset: 0,
      format: 16,
      fileName: `${parts.name}.dat`,
    })),
    digital,
    physical: digital.map((values) => fillSamples(new Float64Array(length), (n) => values[n] / parts.gain)),
    expanded: false,
    comments: Object.entries(parts.fields).map(([key, value]) => `${key}: ${value}`),
    patient: { fields: { ...parts.fields } },
    warnings: parts.warnings,
  };
}
