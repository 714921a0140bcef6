import { EcgRangeError } from '../errors.js';
import { fillSamples } from './samples.js';
import { type BeatTemplate, SUPPORT_WIDTHS, waveEnd, waveStart } from './waves.js';

/**
 * Phase plan of one pacemaker (atria or ventricles) on the integration grid.
 *
 * As in ECGSYN, a beat is one turn (2 pi) of the oscillator's phase and the phase runs at 2 pi / (mean cycle)
 * through the beat's waves, so wave timing is set by the mean heart rate. Cycle-to-cycle changes of the
 * interval are taken up by the quiet part of the cycle (TP segment, or between P waves), which runs faster or
 * slower; ECGSYN instead scales the whole cycle with each RR interval, which would narrow the QRS of every
 * early beat. A cycle too short even for that (shorter than its waves plus a quarter of their mean quiet
 * time) is compressed as a whole. Segment boundaries lie on the grid, so the angular velocity is constant
 * within each integration step.
 */
export interface PacemakerPhase {
  /** Mean cycle length (s): one turn of the phase at the reference speed. */
  meanCycleS: number;
  /** Integration step, s: grid index i is at time i * stepS. */
  stepS: number;
  /** Where every beat's phase window starts, s from its fiducial point (< 0); the window is one turn long. */
  windowStartS: number;
  /** Grid index of each beat's fiducial point (phase 0). */
  beatIndex: Int32Array;
  /** Grid index at which each beat's window, and so its template, begins. */
  windowIndex: Int32Array;
  templates: readonly BeatTemplate[];
  /** Constant-speed segments: first grid index, angular velocity (rad/s), phase at the first index (rad). */
  segmentStart: Int32Array;
  segmentOmega: Float64Array;
  segmentPhase: Float64Array;
}

/** Part of the mean quiet time a cycle keeps before the whole cycle is compressed. */
const MIN_QUIET_SHARE = 0.25;

/** Longest span of the beats' waves (their support) as a fraction of the mean cycle; the rest is quiet. */
export const MAX_ACTIVE_FRACTION = 0.9;

/** How far (s) the waves of templates reach (their support) before and after the fiducial point. */
export function waveSpan(templates: readonly BeatTemplate[]): { beforeS: number; afterS: number } {
  return { beforeS: -waveStart(templates, SUPPORT_WIDTHS), afterS: waveEnd(templates, SUPPORT_WIDTHS) };
}

/** Shortest cycle (s) from a beat `from` to a beat `to` that keeps their waves at full width. */
export function shortestCycle(from: BeatTemplate, to: BeatTemplate, meanCycleS: number): number {
  const active = waveSpan([from]).afterS + waveSpan([to]).beforeS;
  return active + MIN_QUIET_SHARE * (meanCycleS - active);
}

/**
 * Plans the phase of a pacemaker whose beats have fiducial points at `beatTimesS` (ascending, the first at or
 * before time 0 and the last at or after the end of the integration) with the given templates, on a grid of
 * step `stepS`. Every beat's window starts where the earliest-reaching template starts, so the waves of all
 * templates together must span at most MAX_ACTIVE_FRACTION of the mean cycle.
 */
export function planPacemaker(
  beatTimesS: readonly number[],
  templates: readonly BeatTemplate[],
  meanCycleS: number,
  stepS: number,
): PacemakerPhase {
  const all = waveSpan(templates);
  if (all.beforeS <= 0 || all.afterS <= 0 || all.beforeS + all.afterS > MAX_ACTIVE_FRACTION * meanCycleS) {
    throw new EcgRangeError(
      `beat waves span ${((all.beforeS + all.afterS) * 1000).toFixed(0)} ms, ` +
        `too long for a mean cycle of ${(meanCycleS * 1000).toFixed(0)} ms`,
    );
  }
  const omegaRef = (2 * Math.PI) / meanCycleS;
  const windowTurn = 2 * Math.PI - omegaRef * all.beforeS; // cycle phase at which the next beat's window starts
  const beatIndex = fillSamples(new Int32Array(beatTimesS.length), (k) => Math.round(beatTimesS[k] / stepS));
  const windowIndex = new Int32Array(beatIndex.length);
  windowIndex[0] = -(2 ** 31); // the first beat's window reaches back past the grid
  const starts: number[] = [];
  const omegas: number[] = [];
  const phases: number[] = [];
  for (let k = 0; k + 1 < beatIndex.length; k++) {
    const [from, to] = [beatIndex[k], beatIndex[k + 1]];
    const afterS = waveSpan([templates[k]]).afterS;
    const beforeS = waveSpan([templates[k + 1]]).beforeS;
    const cycleS = (to - from) * stepS;
    const compression = Math.min(1, cycleS / shortestCycle(templates[k], templates[k + 1], meanCycleS));
    const quietStart = from + Math.max(1, Math.round((compression * afterS) / stepS));
    const preStart = to - Math.max(1, Math.round((compression * beforeS) / stepS));
    if (preStart <= quietStart) {
      throw new EcgRangeError(
        `beats at ${beatTimesS[k]} s and ${beatTimesS[k + 1]} s are too close to simulate`,
      );
    }
    // Segments: the end of beat k's waves; the quiet time, split where the window of beat k + 1 begins (both
    // beats' waves are zero there) so that the window switch falls exactly on a grid index; the start of beat
    // k + 1's waves.
    const quietPhase = [omegaRef * afterS, 2 * Math.PI - omegaRef * beforeS];
    const switchAt =
      quietStart +
      Math.round(((windowTurn - quietPhase[0]) / (quietPhase[1] - quietPhase[0])) * (preStart - quietStart));
    const bounds = [from, quietStart, switchAt, preStart, to];
    const boundPhases = [0, quietPhase[0], windowTurn, quietPhase[1], 2 * Math.PI];
    for (let s = 0; s < 4; s++) {
      if (bounds[s + 1] === bounds[s]) continue; // the switch may fall on the start or end of the quiet time
      starts.push(bounds[s]);
      omegas.push((boundPhases[s + 1] - boundPhases[s]) / ((bounds[s + 1] - bounds[s]) * stepS));
      phases.push(boundPhases[s]);
    }
    windowIndex[k + 1] = switchAt;
  }
  return {
    meanCycleS,
    stepS,
    windowStartS: -all.beforeS,
    beatIndex,
    windowIndex,
    templates,
    segmentStart: Int32Array.from(starts),
    segmentOmega: Float64Array.from(omegas),
    segmentPhase: Float64Array.from(phases),
  };
}
