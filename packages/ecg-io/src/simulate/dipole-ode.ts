import type { PacemakerPhase } from './pacemaker.js';
import { templateDipole } from './waves.js';

/** A wave in phase units, as the integrator uses it. */
interface PhaseWave {
  theta: number;
  width: number;
  x: number;
  y: number;
  z: number;
}

/** Where a pacemaker is while integrating: its current segment and window, and its waves in phase units. */
interface PacemakerCursor {
  plan: PacemakerPhase;
  windowStart: number;
  waves: PhaseWave[][];
  segment: number;
  window: number;
}

const TWO_PI = 2 * Math.PI;

/** A wave farther than this many widths from the phase adds less than 4e-6 of its peak: skipped. */
const NEGLIGIBLE_WIDTHS = 5;

/**
 * Integrates the heart-dipole model with fourth-order Runge-Kutta on the pacemakers' grid and returns the
 * dipole (Frank x, y, z, mV) at every `decimation`-th grid point, `length` points from grid index 0.
 *
 * The state holds, for each pacemaker, ECGSYN's point (x, y) attracted to the unit circle and turning at the
 * planned angular velocity w (McSharry et al. 2003, eq. 1):
 *   dx/dt = (1 - r) x - w y,  dy/dt = (1 - r) y + w x,  phase = atan2(y, x),
 * and the three dipole components driven by every wave i of the active beat (Sameni et al. 2007, eq. 5):
 *   dD/dt = -sum_i a_i w (dtheta_i / b_i^2) exp(-dtheta_i^2 / (2 b_i^2)),  dtheta_i = phase - theta_i,
 * whose solution is the sum of Gaussians of `templateDipole`.
 *
 * Each wave lives in its beat's phase window. Where the next beat's window begins, the dipole takes the step
 * between the two beats' closed forms at that point (at most exp(-8) of a wave, well below a microvolt), so
 * it never drifts from the sum of Gaussians however the beats differ. ECGSYN's z equation also pulls z back
 * to a respiratory baseline at a rate of 1/s; that term shrinks slow waves (the T wave by about 15 %), so it
 * is left out and baseline wander is added as noise instead.
 */
export function integrateDipole(
  pacemakers: readonly PacemakerPhase[],
  decimation: number,
  length: number,
): [Float64Array, Float64Array, Float64Array] {
  const stepS = pacemakers[0].stepS;
  const cursors = pacemakers.map(startCursor);
  const size = 2 * cursors.length + 3;
  const state = new Float64Array(size);
  const dipole0 = [0, 0, 0];
  cursors.forEach((cursor, p) => {
    const phase = phaseAtIndex(cursor, 0);
    state[2 * p] = Math.cos(phase);
    state[2 * p + 1] = Math.sin(phase);
    const d = templateDipole(
      cursor.plan.templates[cursor.window],
      windowPhase(cursor, phase) / (TWO_PI / cursor.plan.meanCycleS),
    );
    for (let c = 0; c < 3; c++) dipole0[c] += d[c];
  });
  state.set(dipole0, size - 3);

  const k1 = new Float64Array(size);
  const k2 = new Float64Array(size);
  const k3 = new Float64Array(size);
  const k4 = new Float64Array(size);
  const probe = new Float64Array(size);
  const derivative = (s: Float64Array, out: Float64Array) => {
    out[size - 3] = 0;
    out[size - 2] = 0;
    out[size - 1] = 0;
    for (let p = 0; p < cursors.length; p++) {
      const cursor = cursors[p];
      const omega = cursor.plan.segmentOmega[cursor.segment];
      const x = s[2 * p];
      const y = s[2 * p + 1];
      const attraction = 1 - Math.sqrt(x * x + y * y);
      out[2 * p] = attraction * x - omega * y;
      out[2 * p + 1] = attraction * y + omega * x;
      const phase = windowPhase(cursor, Math.atan2(y, x));
      for (const wave of cursor.waves[cursor.window]) {
        const delta = phase - wave.theta;
        if (Math.abs(delta) > NEGLIGIBLE_WIDTHS * wave.width) continue;
        const drive =
          ((-omega * delta) / (wave.width * wave.width)) *
          Math.exp((-0.5 * delta * delta) / (wave.width * wave.width));
        out[size - 3] += drive * wave.x;
        out[size - 2] += drive * wave.y;
        out[size - 1] += drive * wave.z;
      }
    }
  };
  const stage = (from: Float64Array, slope: Float64Array, factor: number) => {
    for (let j = 0; j < size; j++) probe[j] = from[j] + factor * slope[j];
    return probe;
  };

  const out: [Float64Array, Float64Array, Float64Array] = [
    new Float64Array(length),
    new Float64Array(length),
    new Float64Array(length),
  ];
  const steps = (length - 1) * decimation;
  for (let i = 0; ; i++) {
    for (const cursor of cursors) {
      const previous = cursor.window;
      advance(cursor, i);
      if (cursor.window !== previous) {
        const { templates, windowStartS, meanCycleS } = cursor.plan;
        const entering = templateDipole(templates[cursor.window], windowStartS);
        const leaving = templateDipole(templates[previous], windowStartS + meanCycleS);
        for (let c = 0; c < 3; c++) state[size - 3 + c] += entering[c] - leaving[c];
      }
    }
    if (i % decimation === 0) {
      const n = i / decimation;
      out[0][n] = state[size - 3];
      out[1][n] = state[size - 2];
      out[2][n] = state[size - 1];
    }
    if (i >= steps) break;
    derivative(state, k1);
    derivative(stage(state, k1, stepS / 2), k2);
    derivative(stage(state, k2, stepS / 2), k3);
    derivative(stage(state, k3, stepS), k4);
    for (let j = 0; j < size; j++) state[j] += (stepS / 6) * (k1[j] + 2 * k2[j] + 2 * k3[j] + k4[j]);
  }
  return out;
}

function startCursor(plan: PacemakerPhase): PacemakerCursor {
  const toPhase = TWO_PI / plan.meanCycleS;
  const cursor: PacemakerCursor = {
    plan,
    windowStart: plan.windowStartS * toPhase,
    waves: plan.templates.map((template) =>
      template.map((w) => ({
        theta: w.centerS * toPhase,
        width: w.widthS * toPhase,
        x: w.vector[0],
        y: w.vector[1],
        z: w.vector[2],
      })),
    ),
    segment: 0,
    window: 0,
  };
  advance(cursor, 0);
  return cursor;
}

/** Moves the cursor to the segment and window that contain grid index `i`. */
function advance(cursor: PacemakerCursor, i: number): void {
  const { segmentStart, windowIndex } = cursor.plan;
  while (cursor.segment + 1 < segmentStart.length && segmentStart[cursor.segment + 1] <= i) cursor.segment++;
  while (cursor.window + 1 < windowIndex.length && windowIndex[cursor.window + 1] <= i) cursor.window++;
}

/** Planned phase at grid index `i` (inside the cursor's current segment). */
function phaseAtIndex(cursor: PacemakerCursor, i: number): number {
  const { segmentStart, segmentOmega, segmentPhase, stepS } = cursor.plan;
  const s = cursor.segment;
  return segmentPhase[s] + segmentOmega[s] * (i - segmentStart[s]) * stepS;
}

/** A phase mapped into the current beat's window [windowStart, windowStart + 2 pi). */
function windowPhase(cursor: PacemakerCursor, phase: number): number {
  const offset = (phase - cursor.windowStart) % TWO_PI;
  return cursor.windowStart + (offset < 0 ? offset + TWO_PI : offset);
}
