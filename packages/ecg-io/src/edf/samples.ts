import { INVALID_SAMPLE } from '../record.js';
import type { RecordLayout } from './record-layout.js';
import type { FrameTimeline } from './timeline.js';

/** Digital and physical samples of one signal. */
export interface SignalSamples {
  digital: Int32Array;
  physical: Float64Array;
}

/**
 * Decodes one signal from every data record (little-endian two's complement, 16-bit EDF or 24-bit BDF) to
 * its place on the frame timeline, with physical values `(digital - baseline) / gain`. Frames in gaps get
 * INVALID_SAMPLE and NaN; a stored value equal to INVALID_SAMPLE keeps its physical value.
 */
export function decodeSignal(
  bytes: Uint8Array,
  layout: RecordLayout,
  timeline: FrameTimeline,
  signal: number,
  samplesPerFrame: number,
  gain: number,
  baseline: number,
): SignalSamples {
  const perRecord = layout.signalBytes[signal] / layout.bytesPerSample;
  const digital = new Int32Array(timeline.frames * samplesPerFrame);
  const physical = new Float64Array(digital.length);
  for (const gap of timeline.gaps) {
    const from = gap.startFrame * samplesPerFrame;
    const to = from + gap.frames * samplesPerFrame;
    digital.fill(INVALID_SAMPLE, from, to);
    physical.fill(Number.NaN, from, to);
  }
  const bdf = layout.bytesPerSample === 3;
  for (let record = 0; record < layout.records; record++) {
    let source = layout.signalStart(record, signal);
    const first = timeline.recordFrames[record] * samplesPerFrame;
    for (let i = first; i < first + perRecord; i++) {
      // Shifting the top byte into bit 31 and back sign-extends the value.
      const value = bdf
        ? ((bytes[source] | (bytes[source + 1] << 8) | (bytes[source + 2] << 16)) << 8) >> 8
        : ((bytes[source] | (bytes[source + 1] << 8)) << 16) >> 16;
      digital[i] = value;
      physical[i] = (value - baseline) / gain;
      source += layout.bytesPerSample;
    }
  }
  return { digital, physical };
}
