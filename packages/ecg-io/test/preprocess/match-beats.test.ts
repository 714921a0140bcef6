import { describe, expect, it } from 'vitest';
import { EcgRangeError } from '../../src/errors.js';
import { matchBeats } from '../../src/preprocess/match-beats.js';

describe('matchBeats', () => {
  it('counts matches within the tolerance (inclusive), misses and extras', () => {
    // ref 100 <- 104 (4), ref 300 <- 310 (10 = tolerance), ref 500 missed; 700 extra.
    expect(matchBeats([104, 310, 700], [100, 300, 500], 10)).toEqual({
      tp: 2,
      fp: 1,
      fn: 1,
      sensitivity: 2 / 3,
      ppv: 2 / 3,
    });
    expect(matchBeats([311], [300], 10).tp).toBe(0);
  });

  it('matches one-to-one, closest pairs first', () => {
    // Two detections near one reference: one matches, the other is a false positive.
    expect(matchBeats([98, 103], [100], 5)).toMatchObject({ tp: 1, fp: 1, fn: 0 });
    // Detection 105 is within reach of both references; it goes to 104 (closer), 100 keeps 96.
    expect(matchBeats([96, 105], [100, 104], 5)).toMatchObject({ tp: 2, fp: 0, fn: 0 });
  });

  it('sorts its inputs and reports NaN rates when a side is empty', () => {
    expect(matchBeats([300, 100], [101, 299], 2)).toMatchObject({ tp: 2, sensitivity: 1, ppv: 1 });
    const none = matchBeats([], [], 5);
    expect(none.tp).toBe(0);
    expect(none.sensitivity).toBeNaN();
    expect(none.ppv).toBeNaN();
    expect(() => matchBeats([1], [1], -1)).toThrowError(EcgRangeError);
  });
});
