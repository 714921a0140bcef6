import { ALL_LEADS, type EcgRecord, type LeadName, type SignalInfo } from '@enecg/ecg-io';

/** A signal ready to be drawn on ECG paper. */
export interface DisplaySignal {
  /** Index of the signal in the record. */
  index: number;
  /** Canonical lead name, or `null` for a voltage signal that is not a known ECG lead. */
  lead: LeadName | null;
  /** Label on the paper: the lead name, plus the file's name for it when that differs (`II (MLII)`; `V1` for `v1`). */
  label: string;
  /** Samples in millivolts; missing samples are NaN. */
  samplesMv: Float64Array;
  /** Median of the samples (mV): drawn on the row's baseline, so traces with a DC offset stay in their row. */
  medianMv: number;
}

/** A signal of the record that is not drawn, and why. */
export interface HiddenSignal {
  name: string;
  reason: string;
}

/** Millivolts per unit for the voltage units found in WFDB and EDF headers. */
const MV_PER_UNIT: ReadonlyMap<string, number> = new Map([
  ['mv', 1],
  ['uv', 1e-3],
  ['µv', 1e-3],
  ['μv', 1e-3],
  ['v', 1e3],
]);

/**
 * The record's signals that can go on ECG paper (those in volts, millivolts or microvolts), converted to mV
 * and in standard lead order (I, II, III, aVR, aVL, aVF, V1-V6, then other canonical leads, then unnamed
 * voltage signals in file order), plus the signals left out with the reason.
 */
export function displaySignals(record: EcgRecord): { shown: DisplaySignal[]; hidden: HiddenSignal[] } {
  const shown: DisplaySignal[] = [];
  const hidden: HiddenSignal[] = [];
  record.signals.forEach((signal, index) => {
    const mvPerUnit = MV_PER_UNIT.get(signal.units.trim().toLowerCase());
    if (mvPerUnit === undefined) {
      hidden.push({ name: signal.name, reason: `units "${signal.units}" are not a voltage` });
      return;
    }
    const physical = record.physical[index];
    const samplesMv = mvPerUnit === 1 ? physical : physical.map((value) => value * mvPerUnit);
    shown.push({
      index,
      lead: signal.lead,
      label: leadLabel(signal),
      samplesMv,
      medianMv: median(samplesMv),
    });
  });
  shown.sort((a, b) => leadRank(a) - leadRank(b) || a.index - b.index);
  return { shown, hidden };
}

/** The canonical lead name, followed by the name in the file when that is more than a change of case. */
function leadLabel(signal: SignalInfo): string {
  if (signal.lead === null || signal.lead.toLowerCase() === signal.name.toLowerCase()) {
    return signal.lead ?? signal.name;
  }
  return `${signal.lead} (${signal.name})`;
}

/** Position in the standard lead order; unnamed signals after every canonical lead. */
function leadRank(signal: DisplaySignal): number {
  return signal.lead === null ? ALL_LEADS.length : ALL_LEADS.indexOf(signal.lead);
}

/** Median of the values that are not NaN; 0 when there are none. */
function median(values: Float64Array): number {
  const present = values.filter((value) => !Number.isNaN(value)).sort();
  if (present.length === 0) return 0;
  const middle = present.length >> 1;
  return present.length % 2 === 1 ? present[middle] : (present[middle - 1] + present[middle]) / 2;
}
