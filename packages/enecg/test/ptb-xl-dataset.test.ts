import { memoryFileSource, STANDARD_12_LEADS, simulateEcg, writeWfdbRecord } from '@enecg/ecg-io';
import { describe, expect, it } from 'vitest';
import { PTBXL_TASKS, ptbXlDataset } from '../src/data/ptb-xl.js';
import { foldSplits } from '../src/experiment/run-experiment.js';

const STATEMENTS = [
  ',description,diagnostic,form,rhythm,diagnostic_class,diagnostic_subclass',
  'NORM,normal ECG,1.0,,,NORM,NORM',
  'NDT,non-diagnostic T abnormalities,1.0,1.0,,STTC,STTC',
  'IMI,inferior myocardial infarction,1.0,,,MI,IMI',
  'SR,sinus rhythm,,,1.0,,',
  'AFIB,atrial fibrillation,,,1.0,,',
  'STACH,sinus tachycardia,,,1.0,,',
].join('\n');

/** A miniature PTB-XL: four simulated 12-lead records at 100 Hz with known heart rates, three patients. */
function miniaturePtbXl(): { files: Map<string, Uint8Array>; medianRr: number[] } {
  const rows = [
    { ecgId: 1, patient: 7, age: '61.0', sex: 0, scp: "{'NORM': 100.0, 'SR': 0.0}", fold: 1, bpm: 60 },
    { ecgId: 2, patient: 7, age: '62.0', sex: 0, scp: "{'NDT': 100.0, 'AFIB': 0.0}", fold: 1, bpm: 90 },
    { ecgId: 3, patient: 8, age: '', sex: 1, scp: "{'IMI': 80.0, 'STACH': 0.0}", fold: 9, bpm: 110 },
    { ecgId: 4, patient: 9, age: '300.0', sex: 1, scp: "{'NORM': 100.0}", fold: 10, bpm: 75 },
  ];
  const files = new Map<string, Uint8Array>();
  const encode = (text: string) => new TextEncoder().encode(text);
  const header = 'ecg_id,patient_id,age,sex,scp_codes,strat_fold,filename_lr,filename_hr';
  const lines = rows.map((r) => {
    const id = String(r.ecgId).padStart(5, '0');
    return [
      r.ecgId,
      `${r.patient}.0`,
      r.age,
      r.sex,
      `"${r.scp}"`,
      r.fold,
      `records100/00000/${id}_lr`,
      `records500/00000/${id}_hr`,
    ].join(',');
  });
  files.set('ptbxl_database.csv', encode([header, ...lines].join('\n')));
  files.set('scp_statements.csv', encode(STATEMENTS));
  const medianRr: number[] = [];
  for (const row of rows) {
    const { record, labels } = simulateEcg({
      heartRateBpm: row.bpm,
      samplingFrequency: 100,
      durationS: 10,
      seed: row.ecgId,
    });
    medianRr.push(labels.medianRrMs);
    const written = writeWfdbRecord({
      name: `${String(row.ecgId).padStart(5, '0')}_lr`,
      samplingFrequency: 100,
      signals: STANDARD_12_LEADS.map((lead, k) => ({
        name: lead,
        units: 'mV',
        gain: 1000,
        digital: Int32Array.from(record.physical[k], (v) => Math.round(v * 1000)),
      })),
    });
    for (const [name, bytes] of written.files) files.set(`records100/00000/${name}`, bytes);
  }
  return { files, medianRr };
}

describe('ptbXlDataset on a miniature PTB-XL folder', () => {
  it('labels age, sex, RR (from lead II), rhythm, ST-T change and superclasses', async () => {
    const { files, medianRr } = miniaturePtbXl();
    const dataset = await ptbXlDataset(memoryFileSource(files));
    expect(dataset.tasks).toEqual(PTBXL_TASKS);
    expect(dataset.examples.map((e) => e.subjectId)).toEqual(['7', '7', '8', '9']);
    expect(dataset.examples.map((e) => e.stratFold)).toEqual([1, 1, 9, 10]);
    const t = dataset.examples.map((e) => e.targets);
    expect(t.map((x) => x.age)).toEqual([61, 62, null, 90]); // PTB-XL codes ages over 89 as 300
    expect(t.map((x) => x.sex)).toEqual([0, 0, 1, 1]);
    expect(t.map((x) => x.rhythm)).toEqual([0, 1, 2, null]); // SR, AFIB, other (STACH), no rhythm statement
    expect(t.map((x) => x.st_t_change)).toEqual([0, 1, 0, 0]);
    expect(t[2].superclasses).toEqual([0, 1, 0, 0, 0]); // NORM, MI, STTC, CD, HYP
    for (const [i, example] of dataset.examples.entries()) {
      // Detected on lead II at 100 Hz (10 ms samples): close to the simulator's own median RR, which also counts the
      // interval from a beat before the record (it matters in the irregular AFIB record).
      expect(Math.abs((example.targets.rr_interval as number) - medianRr[i])).toBeLessThanOrEqual(25);
    }
    const [split] = foldSplits(dataset.examples, 'ptb-xl', 5, 0);
    expect(split).toEqual({ train: [0, 1], validation: [2], test: [3] });
  });
});
