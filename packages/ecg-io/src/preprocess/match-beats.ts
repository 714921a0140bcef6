import { requireInteger } from './validate.js';

/** Beat-by-beat comparison of detections with reference annotations. */
export interface BeatMatch {
  /** Detections matched one-to-one with a reference beat. */
  tp: number;
  /** Detections without a reference beat within the tolerance. */
  fp: number;
  /** Reference beats without a detection within the tolerance. */
  fn: number;
  /** `tp / (tp + fn)`; NaN without reference beats. */
  sensitivity: number;
  /** Positive predictivity `tp / (tp + fp)`; NaN without detections. */
  ppv: number;
}

/**
 * Matches detected beats to reference beats one-to-one: a pair may match when `|detected - reference| <=
 * toleranceSamples`, and the closest pairs are matched first (ties: earlier first). With the usual 150 ms
 * tolerance (ANSI/AAMI EC57, WFDB `bxb`) this gives the standard sensitivity and positive predictivity.
 */
export function matchBeats(
  detected: ArrayLike<number>,
  reference: ArrayLike<number>,
  toleranceSamples: number,
): BeatMatch {
  requireInteger('match tolerance', toleranceSamples, 0);
  const det = Float64Array.from(detected).sort();
  const ref = Float64Array.from(reference).sort();

  // Candidate pairs within tolerance, found with a sliding start pointer over the sorted detections.
  const pairs: [distance: number, r: number, d: number][] = [];
  let start = 0;
  for (let r = 0; r < ref.length; r++) {
    while (start < det.length && det[start] < ref[r] - toleranceSamples) start++;
    for (let d = start; d < det.length && det[d] <= ref[r] + toleranceSamples; d++) {
      pairs.push([Math.abs(det[d] - ref[r]), r, d]);
    }
  }
  pairs.sort((a, b) => a[0] - b[0] || a[1] - b[1] || a[2] - b[2]);

  const refUsed = new Uint8Array(ref.length);
  const detUsed = new Uint8Array(det.length);
  let tp = 0;
  for (const [, r, d] of pairs) {
    if (refUsed[r] || detUsed[d]) continue;
    refUsed[r] = 1;
    detUsed[d] = 1;
    tp++;
  }
  const fp = det.length - tp;
  const fn = ref.length - tp;
  return {
    tp,
    fp,
    fn,
    sensitivity: ref.length > 0 ? tp / ref.length : Number.NaN,
    ppv: det.length > 0 ? tp / det.length : Number.NaN,
  };
}
