import { describe, expect, it } from 'vitest';
import { integrateDipole } from '../../src/simulate/dipole-ode.js';
import { type PacemakerPhase, planPacemaker } from '../../src/simulate/pacemaker.js';
import { type BeatTemplate, templateDipole } from '../../src/simulate/waves.js';

const NORMAL: BeatTemplate = [
  { centerS: -0.026, widthS: 0.007, vector: [-0.1, 0.03, -0.22] },
  { centerS: 0, widthS: 0.01, vector: [0.95, 0.8, 0.1] },
  { centerS: 0.034, widthS: 0.007, vector: [-0.25, -0.1, 0.2] },
  { centerS: 0.25, widthS: 0.04, vector: [0.24, 0.13, -0.2] },
];
const WIDE: BeatTemplate = [
  { centerS: 0, widthS: 0.024, vector: [-1.2, 0.9, 0.4] },
  { centerS: 0.27, widthS: 0.06, vector: [0.36, -0.27, -0.12] },
];

/** The planned phase at grid index i, and which beat's window holds it (the reference for the integrator). */
function plannedPhase(plan: PacemakerPhase, i: number): { phase: number; beat: number } {
  let s = 0;
  while (s + 1 < plan.segmentStart.length && plan.segmentStart[s + 1] <= i) s++;
  let beat = 0;
  while (beat + 1 < plan.windowIndex.length && plan.windowIndex[beat + 1] <= i) beat++;
  const stepS = plan.stepS;
  const phase = plan.segmentPhase[s] + plan.segmentOmega[s] * (i - plan.segmentStart[s]) * stepS;
  const windowStart = (plan.windowStartS * 2 * Math.PI) / plan.meanCycleS;
  const within = (((phase - windowStart) % (2 * Math.PI)) + 2 * Math.PI) % (2 * Math.PI);
  return { phase: windowStart + within, beat };
}

function closedForm(plan: PacemakerPhase, i: number): [number, number, number] {
  const { phase, beat } = plannedPhase(plan, i);
  return templateDipole(plan.templates[beat], (phase * plan.meanCycleS) / (2 * Math.PI)) as [
    number,
    number,
    number,
  ];
}

describe('integrateDipole', () => {
  // Irregular beats: a premature wide beat, a pause, a beat so early its cycle is compressed.
  const beatTimes = [-0.7, 0.25, 1.0, 1.46, 2.9, 3.45, 4.2];
  const templates = [NORMAL, NORMAL, NORMAL, WIDE, NORMAL, NORMAL, NORMAL];

  for (const [fs, decimation] of [
    [500, 2],
    [500, 1],
    [360, 3],
  ] as const) {
    it(`matches the closed-form sum of Gaussians at ${fs} Hz integrated at ${fs * decimation} Hz`, () => {
      const stepS = 1 / (fs * decimation);
      const plan = planPacemaker(beatTimes, templates, 0.8, stepS);
      const length = Math.round(4 * fs);
      const [x, y, z] = integrateDipole([plan], decimation, length);
      let worst = 0;
      for (let n = 0; n < length; n++) {
        const [ex, ey, ez] = closedForm(plan, n * decimation);
        worst = Math.max(worst, Math.abs(x[n] - ex), Math.abs(y[n] - ey), Math.abs(z[n] - ez));
      }
      // mV; 1e-3 mV is the ADC step at the default gain.
      expect(worst).toBeLessThan(fs * decimation >= 1000 ? 5e-5 : 1e-3);
      // The waves are really there: the R wave of the beat at 0.25 s peaks at its fiducial sample.
      expect(x[Math.round(0.25 * fs)]).toBeCloseTo(0.95, 3);
    });
  }

  it('sums the dipoles of several pacemakers', () => {
    const stepS = 1 / 1000;
    const ventricles = planPacemaker([-0.5, 0.4, 1.2], [NORMAL, NORMAL, NORMAL], 0.8, stepS);
    const pWave: BeatTemplate = [{ centerS: 0, widthS: 0.02, vector: [0.05, 0.1, 0] }];
    const atria = planPacemaker([-0.65, 0.25, 1.05], [pWave, pWave, pWave], 0.8, stepS);
    const [, both] = integrateDipole([ventricles, atria], 2, 500);
    const [, alone] = integrateDipole([ventricles], 2, 500);
    expect(both[125] - alone[125]).toBeCloseTo(0.1, 5); // P-wave peak at 0.25 s
  });
});
