import type { EcgRecord, LeadName, SignalInfo } from '@enecg/ecg-io';
import { readRecordFromPath } from '@enecg/ecg-io/node';
import { requireData, sampleData } from '@enecg/test-data';
import { describe, expect, it } from 'vitest';
import { displaySignals } from '../../src/viewer/display-signals.js';

function signal(name: string, lead: LeadName | null, units: string): SignalInfo {
  return {
    name,
    lead,
    units,
    gain: 200,
    baseline: 0,
    adcResolution: 12,
    adcZero: 0,
    initialValue: 0,
    samplesPerFrame: 1,
    skew: 0,
    byteOffset: 0,
    format: 16,
    fileName: 'r.dat',
  };
}

function recordOf(signals: SignalInfo[], physical: number[][]): EcgRecord {
  return {
    name: 'r',
    samplingFrequency: 1,
    length: physical[0].length,
    startFrame: 0,
    signals,
    digital: physical.map((values) => new Int32Array(values.length)),
    physical: physical.map((values) => Float64Array.from(values)),
    expanded: false,
    comments: [],
    patient: { fields: {} },
    warnings: [],
  };
}

describe('displaySignals', () => {
  it('orders leads in the standard order, unnamed voltage signals last', () => {
    const record = recordOf(
      [
        signal('V1', 'V1', 'mV'),
        signal('ECG1', null, 'mV'),
        signal('aVR', 'aVR', 'mV'),
        signal('MLII', 'II', 'mV'),
      ],
      [[0], [0], [0], [0]],
    );
    const { shown, hidden } = displaySignals(record);
    expect(shown.map((s) => s.label)).toEqual(['II (MLII)', 'aVR', 'V1', 'ECG1']);
    expect(shown.map((s) => s.index)).toEqual([3, 2, 0, 1]);
    expect(hidden).toEqual([]);
  });

  it('lays out a real 15-lead PTB record (lower-case names) as the 12 standard leads, then Frank X, Y, Z', async () => {
    requireData();
    const record = await readRecordFromPath(sampleData('s0010_re'), { to: 1000 });
    const { shown } = displaySignals(record);
    expect(shown.map((s) => s.label)).toEqual([
      ...['I', 'II', 'III', 'aVR', 'aVL', 'aVF', 'V1', 'V2', 'V3', 'V4', 'V5', 'V6'],
      ...['X (vx)', 'Y (vy)', 'Z (vz)'],
    ]);
  });

  it('converts microvolts and volts to millivolts and leaves out non-voltage signals', () => {
    const record = recordOf(
      [signal('I', 'I', 'uV'), signal('II', 'II', 'V'), signal('ABP', null, 'mmHg')],
      [
        [1000, -500],
        [0.002, 0],
        [80, 90],
      ],
    );
    const { shown, hidden } = displaySignals(record);
    expect(Array.from(shown[0].samplesMv)).toEqual([1, -0.5]);
    expect(Array.from(shown[1].samplesMv)).toEqual([2, 0]);
    expect(hidden).toEqual([{ name: 'ABP', reason: 'units "mmHg" are not a voltage' }]);
  });

  it('takes the median over the samples that are present', () => {
    const record = recordOf([signal('I', 'I', 'mV')], [[5, Number.NaN, -1, 0.5, Number.NaN, 2]]);
    expect(displaySignals(record).shown[0].medianMv).toBe(1.25);
  });
});
