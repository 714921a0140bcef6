import { describe, expect, it } from 'vitest';
import { OpenFilesError, planOpen } from '../../src/files/plan-open.js';

const file = (name: string) => new File([new Uint8Array(1)], name);

describe('planOpen', () => {
  it('reads a .hea as a WFDB record, keeping every file so companions can be matched by name', () => {
    const files = [file('100.dat'), file('100.HEA')];
    const plan = planOpen(files);
    expect(plan).toMatchObject({ kind: 'wfdb', recordName: '100' });
    expect(plan.kind === 'wfdb' && plan.header.name).toBe('100.HEA');
    expect(plan.kind === 'wfdb' && plan.files).toEqual(files);
  });

  it('reads an .edf or .bdf as EDF', () => {
    expect(planOpen([file('night.bdf')])).toMatchObject({ kind: 'edf', file: { name: 'night.bdf' } });
    expect(planOpen([file('ecg.EDF')])).toMatchObject({ kind: 'edf' });
  });

  it('refuses several recordings at once, naming them', () => {
    expect(() => planOpen([file('100.hea'), file('101.hea'), file('100.dat')])).toThrow(
      'Several recordings were opened (100.hea, 101.hea). Open one recording at a time.',
    );
    expect(() => planOpen([file('100.hea'), file('a.edf')])).toThrow(OpenFilesError);
  });

  it('asks for the header when only signal files were opened', () => {
    expect(() => planOpen([file('100.dat'), file('notes.txt')])).toThrow(
      '100.dat: WFDB signal file without a header. Open the record’s .hea file together with its signal files.',
    );
  });

  it('names files of an unsupported format', () => {
    expect(() => planOpen([file('scan.png')])).toThrow(/^scan\.png: not a format this app can open\./);
  });

  it('says when no file was opened', () => {
    expect(() => planOpen([])).toThrow('No file was opened.');
  });
});
