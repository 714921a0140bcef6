import type { SeededRandom } from './random.js';

/** WFDB beat annotation symbols used by the simulator: normal, premature ventricular, premature atrial. */
export type BeatSymbol = 'N' | 'V' | 'A';

/** One ventricular beat: the time of its fiducial point (R peak of the main QRS wave), s from record start. */
export interface ScheduledBeat {
  timeS: number;
  symbol: BeatSymbol;
}

/** One atrial activation: the time of its P-wave centre, s from record start. */
export interface AtrialActivation {
  timeS: number;
  ectopic: boolean;
}

/** When the atria and the ventricles fire. */
export interface BeatSchedule {
  beats: ScheduledBeat[];
  atrial: AtrialActivation[];
}

/** What the sinus schedule needs. */
export interface SinusPlan {
  /** Sinus RR interval (s) at time t (s). */
  rrAt: (t: number) => number;
  /** Time from a conducted P-wave centre to its R peak, s. */
  pToRS: number;
  /** Probability that a normal beat is followed by a premature ventricular / atrial beat. */
  pvcProbability: number;
  pacProbability: number;
  /** Shortest coupling intervals (s) that leave the previous T wave and the premature QRS whole. */
  shortestPvcCouplingS: number;
  shortestPacCouplingS: number;
}

/** The schedule covers this much time before the record and after its end, s. */
export const SCHEDULE_MARGIN_S = 1;

/** Coupling intervals of premature beats as fractions of the sinus RR interval (typical clinical ranges). */
const PVC_COUPLING = [0.55, 0.7] as const;
const PAC_COUPLING = [0.6, 0.75] as const;
/** A premature beat that would come later than this fraction of the RR interval is not premature: skipped. */
const MAX_COUPLING = 0.85;
/** The sinus node, reset by a premature atrial beat, fires one cycle later plus up to this fraction. */
const PAC_RESET_DELAY = 0.1;

/**
 * Sinus rhythm with optional premature beats, from `-SCHEDULE_MARGIN_S` to `durationS + SCHEDULE_MARGIN_S`.
 *
 * A premature ventricular beat (V) leaves the sinus node alone: its sinus P wave still comes on time (hidden
 * in or after the wide QRS) but is not conducted, so the next normal beat comes two sinus cycles after the
 * last one (a full compensatory pause). A PVC comes no later than the centre of that P wave, so no P wave
 * precedes it. A premature atrial beat (A) is an early, differently shaped P wave
 * conducted normally; it resets the sinus node, so the next beat comes about one cycle later.
 */
export function sinusSchedule(plan: SinusPlan, durationS: number, random: SeededRandom): BeatSchedule {
  const beats: ScheduledBeat[] = [];
  const atrial: AtrialActivation[] = [];
  const conducted = (timeS: number, symbol: BeatSymbol) => {
    beats.push({ timeS, symbol });
    atrial.push({ timeS: timeS - plan.pToRS, ectopic: symbol === 'A' });
  };
  let t = -SCHEDULE_MARGIN_S - random.next() * plan.rrAt(-SCHEDULE_MARGIN_S);
  conducted(t, 'N');
  while (t < durationS + SCHEDULE_MARGIN_S) {
    const rr = plan.rrAt(t);
    const draw = random.next();
    if (draw < plan.pvcProbability) {
      const coupling = Math.max(random.uniform(...PVC_COUPLING) * rr, plan.shortestPvcCouplingS);
      if (coupling <= Math.min(MAX_COUPLING * rr, rr - plan.pToRS)) {
        beats.push({ timeS: t + coupling, symbol: 'V' });
        atrial.push({ timeS: t + rr - plan.pToRS, ectopic: false }); // blocked sinus P
        t += rr;
        t += plan.rrAt(t);
        conducted(t, 'N');
        continue;
      }
    } else if (draw < plan.pvcProbability + plan.pacProbability) {
      const coupling = Math.max(random.uniform(...PAC_COUPLING) * rr, plan.shortestPacCouplingS);
      if (coupling <= MAX_COUPLING * rr) {
        t += coupling;
        conducted(t, 'A');
        t += plan.rrAt(t) * (1 + random.uniform(0, PAC_RESET_DELAY));
        conducted(t, 'N');
        continue;
      }
    }
    t += rr;
    conducted(t, 'N');
  }
  return { beats, atrial };
}

/** What the atrial fibrillation schedule needs. */
export interface FibrillationPlan {
  meanRrS: number;
  /** Coefficient of variation of the RR intervals. */
  rrCv: number;
  /** Shortest RR interval that leaves the previous T wave and the next QRS whole, s. */
  minRrS: number;
}

/**
 * Atrial fibrillation: no organised atrial activity, RR intervals independent and log-normally distributed
 * (irregularly irregular) with the given mean and coefficient of variation, redrawn when shorter than the
 * ventricles allow. Every beat is conducted, so every beat is 'N' (as MIT-BIH annotates beats in AF).
 */
export function fibrillationSchedule(
  plan: FibrillationPlan,
  durationS: number,
  random: SeededRandom,
): BeatSchedule {
  const sigma = Math.sqrt(Math.log(1 + plan.rrCv * plan.rrCv));
  const mu = Math.log(plan.meanRrS) - (sigma * sigma) / 2; // so that the mean is meanRrS
  const drawRr = () => {
    let rr = Math.exp(random.normal(mu, sigma));
    while (rr < plan.minRrS) rr = Math.exp(random.normal(mu, sigma));
    return rr;
  };
  const beats: ScheduledBeat[] = [];
  let t = -SCHEDULE_MARGIN_S - random.next() * plan.meanRrS;
  beats.push({ timeS: t, symbol: 'N' });
  while (t < durationS + SCHEDULE_MARGIN_S) {
    t += drawRr();
    beats.push({ timeS: t, symbol: 'N' });
  }
  return { beats, atrial: [] };
}
