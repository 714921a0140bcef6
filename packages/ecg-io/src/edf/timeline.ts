import { EcgFormatError } from '../errors.js';
import type { EdfGap } from './types.js';

/** Where each data record's frames go in the output. */
export interface FrameTimeline {
  /** First output frame of each data record. */
  recordFrames: number[];
  /** Output frames in all. */
  frames: number;
  gaps: EdfGap[];
}

/** Tolerance, in frames, for a record start that should fall on a frame boundary (onsets are decimal text). */
const FRAME_TOLERANCE = 1e-6;

/**
 * Places data records on the output's frame axis. Continuous files put them end to end (and warn when the
 * record onsets disagree). EDF+D files put each record at its onset, leaving gaps between records, which must
 * start at or after the end of the previous one; a start between two frames is rounded, with a warning.
 */
export function frameTimeline(
  recordOnsets: readonly number[],
  recordDuration: number,
  framesPerRecord: number,
  discontinuous: boolean,
  recordOffset: (record: number) => number,
  fileName: string,
  warnings: string[],
): FrameTimeline {
  const framePeriod = recordDuration / framesPerRecord;
  const recordFrames: number[] = [];
  const gaps: EdfGap[] = [];
  let end = 0;
  let warnedContinuity = false;
  recordOnsets.forEach((onset, record) => {
    const exact = record === 0 ? 0 : (onset - recordOnsets[0]) / framePeriod;
    let start = end;
    if (discontinuous) {
      start = Math.round(exact);
      if (Math.abs(exact - start) > FRAME_TOLERANCE) {
        warnings.push(
          `${fileName}: data record ${record} starts between frames (${onset} s); placed at frame ${start}`,
        );
      }
      if (start < end) {
        throw new EcgFormatError(`EDF+D data record ${record} starts before the previous one ends`, {
          file: fileName,
          byteOffset: recordOffset(record),
          field: 'EDF+ annotation (time keeping)',
          expected: `an onset of at least ${recordOnsets[0] + end * framePeriod} s`,
          found: `${onset} s`,
        });
      }
      if (start > end) gaps.push({ startFrame: end, frames: start - end });
    } else if (!warnedContinuity && Math.abs(exact - start) > FRAME_TOLERANCE) {
      warnings.push(
        `${fileName}: data record ${record} starts at ${onset} s, not right after the previous one; read as continuous`,
      );
      warnedContinuity = true;
    }
    recordFrames.push(start);
    end = start + framesPerRecord;
  });
  return { recordFrames, frames: end, gaps };
}
