import { describe, expect, it } from 'vitest';
import type { STANDARD_12_LEADS } from '../../src/leads.js';
import { DOWER_COEFFICIENTS, fitLeadPattern, leadVector, projectDipole } from '../../src/simulate/dower.js';
import { stShiftDipole } from '../../src/simulate/morphology.js';
import type { Vec3 } from '../../src/simulate/vec3.js';

describe('Dower lead vectors', () => {
  it('derive the limb leads from I and II', () => {
    const dipole: Vec3 = [0.7, -0.4, 1.3];
    const value = (lead: (typeof STANDARD_12_LEADS)[number]) => projectDipole(dipole, lead);
    expect(value('III')).toBeCloseTo(value('II') - value('I'), 12);
    expect(value('aVR') + value('aVL') + value('aVF')).toBeCloseTo(0, 12);
    expect(value('aVL')).toBeCloseTo(value('I') - value('II') / 2, 12);
    // Published coefficients: V2 = 0.044 X + 0.164 Y - 1.387 Z.
    expect(value('V2')).toBeCloseTo(0.044 * 0.7 - 0.164 * 0.4 - 1.387 * 1.3, 12);
    expect(leadVector('V6')).toEqual(DOWER_COEFFICIENTS.V6);
  });

  it('fits back a dipole from its own 12-lead projections', () => {
    const dipole: Vec3 = [0.2, -0.9, 0.45];
    const fitted = fitLeadPattern((lead) => projectDipole(dipole, lead), ['V1', 'V2'], 3);
    fitted.forEach((v, k) => {
      expect(v).toBeCloseTo(dipole[k], 10);
    });
  });

  it('gives an ST shift whose mean over the chosen leads is the requested deviation', () => {
    const shift = stShiftDipole(['V1', 'V2', 'V3', 'V4'], 0.3) as Vec3;
    const chosen = (['V1', 'V2', 'V3', 'V4'] as const).map((lead) => projectDipole(shift, lead));
    expect(chosen.reduce((a, b) => a + b) / 4).toBeCloseTo(0.3, 12);
    expect(Math.abs(projectDipole(shift, 'II'))).toBeLessThan(0.1); // a limb lead barely moves
    expect(stShiftDipole(['II'], 0)).toBeNull();
  });
});
