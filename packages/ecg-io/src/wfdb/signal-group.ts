import { EcgFormatError, UnsupportedFormatError } from '../errors.js';
import type { FileSource } from '../io/file-source.js';
import { joinPath } from '../io/paths.js';
import { decodeSamples } from './decode.js';
import { decodeFlac } from './flac.js';
import { samplesInBytes, type WfdbFormat, wfdbFormat } from './formats.js';
import type { WfdbSingleHeader } from './header.js';

/** One signal of a group: where its samples sit within each frame of the file. */
export interface GroupMember {
  /** Index of the signal in the header. */
  signal: number;
  /** Position of the signal's first sample within a frame of the file. */
  slot: number;
  samplesPerFrame: number;
  /** Skew in frames: frame `t` of the signal is stored in frame `t + skew` of the file. */
  skew: number;
  initialValue: number;
}

/** Signals stored together (interleaved frame by frame) in one signal file, as WFDB groups them. */
export interface SignalGroup {
  /** Path of the signal file within the source. */
  path: string;
  format: WfdbFormat;
  byteOffset: number;
  members: GroupMember[];
  /** Stored samples per frame, all members together. */
  frameSize: number;
}

/** Frames `[first, first + frames)` of a group's file, as stored values (format 8 already integrated). */
export interface GroupFrames {
  first: number;
  frames: number;
  /** `frames * frameSize` values, frame by frame. */
  values: Int32Array;
  warnings: string[];
}

/** Skew in frames from a header skew in samples, rounded as WFDB does. */
export function skewInFrames(skewSamples: number, samplesPerFrame: number): number {
  return Math.floor(skewSamples / samplesPerFrame + 0.5);
}

/** Splits a header's signals into groups: consecutive signals with the same file name share a file. */
export function signalGroups(header: WfdbSingleHeader, headerDir: string): SignalGroup[] {
  const groups: SignalGroup[] = [];
  header.signals.forEach((spec, signal) => {
    const previous = header.signals[signal - 1];
    if (previous === undefined || previous.fileName !== spec.fileName || spec.format === 0) {
      groups.push({
        path: joinPath(headerDir, spec.fileName),
        format: wfdbFormat(spec.format)!,
        byteOffset: spec.byteOffset,
        members: [],
        frameSize: 0,
      });
    }
    const group = groups[groups.length - 1];
    group.members.push({
      signal,
      slot: group.frameSize,
      samplesPerFrame: spec.samplesPerFrame,
      skew: skewInFrames(spec.skew, spec.samplesPerFrame),
      initialValue: spec.initialValue,
    });
    group.frameSize += spec.samplesPerFrame;
  });
  return groups;
}

/**
 * Reads frames `[first, end)` of a group's file. Fixed-layout formats fetch only the bytes of those frames
 * (from the block holding the first sample, for packed formats whose frames do not start on a byte); format 8
 * must be read from frame 0 (`first` must then be 0) and FLAC files are decoded whole. Allocation follows the
 * bytes actually read, so a header claiming more frames than the file holds costs nothing.
 */
export async function readGroupFrames(
  source: FileSource,
  group: SignalGroup,
  first: number,
  end: number,
): Promise<GroupFrames> {
  if (group.format.kind === 'flac') return readFlacFrames(source, group, first, end);
  const { format, frameSize } = group;
  const firstSample = first * frameSize;
  const firstBlock = Math.floor(firstSample / format.samplesPerBlock);
  const skip = firstSample - firstBlock * format.samplesPerBlock;
  const endBlock = Math.ceil((end * frameSize) / format.samplesPerBlock);
  const bytes = await source.read(group.path, {
    start: group.byteOffset + firstBlock * format.bytesPerBlock,
    end: Math.min(Number.MAX_SAFE_INTEGER, group.byteOffset + endBlock * format.bytesPerBlock),
  });
  const available = Math.max(0, samplesInBytes(format, bytes.length) - skip);
  const frames = Math.min(Math.floor(available / frameSize), end - first);
  const decoded = new Int32Array(skip + frames * frameSize);
  decodeSamples(format, bytes, decoded.length, decoded);
  const values = decoded.subarray(skip);
  if (format.kind === 'difference') integrateDifferences(values, group);
  return { first, frames, values, warnings: [] };
}

/** Format 8 stores first differences per signal; turn them into amplitudes starting at the initial values. */
function integrateDifferences(values: Int32Array, group: SignalGroup): void {
  for (const member of group.members) {
    let amplitude = member.initialValue;
    for (let frame = member.slot; frame < values.length; frame += group.frameSize) {
      for (let j = frame; j < frame + member.samplesPerFrame; j++) {
        amplitude += values[j];
        values[j] = amplitude;
      }
    }
  }
}

async function readFlacFrames(
  source: FileSource,
  group: SignalGroup,
  first: number,
  end: number,
): Promise<GroupFrames> {
  if (group.byteOffset !== 0) {
    throw new UnsupportedFormatError('byte offsets are not supported for FLAC signal files', {
      file: group.path,
      field: 'byte offset',
      expected: '0',
      found: String(group.byteOffset),
    });
  }
  const decoded = decodeFlac(await source.read(group.path), group.path);
  const { format, members, frameSize } = group;
  if (decoded.channels.length !== members.length) {
    throw new EcgFormatError('FLAC stream has the wrong number of channels', {
      file: group.path,
      expected: `${members.length} (one per signal of the file)`,
      found: String(decoded.channels.length),
    });
  }
  if (decoded.bitsPerSample > format.bits) {
    throw new EcgFormatError(`FLAC samples are wider than format ${format.code} allows`, {
      file: group.path,
      expected: `at most ${format.bits} bits per sample`,
      found: String(decoded.bitsPerSample),
    });
  }
  // Every signal of a FLAC file has the same samples per frame (checked when parsing the header).
  const spf = members[0].samplesPerFrame;
  const storedFrames = Math.min(...decoded.channels.map((channel) => Math.floor(channel.length / spf)));
  const warnings: string[] = [];
  const leftover = decoded.channels.reduce((sum, channel) => sum + channel.length - storedFrames * spf, 0);
  if (leftover > 0)
    warnings.push(`${group.path}: ${leftover} FLAC samples after the last whole frame ignored`);
  const frames = Math.max(0, Math.min(storedFrames, end) - first);
  const values = new Int32Array(frames * frameSize);
  members.forEach((member, channel) => {
    const samples = decoded.channels[channel];
    for (let frame = 0; frame < frames; frame++) {
      const offset = (first + frame) * spf;
      values.set(samples.subarray(offset, offset + spf), frame * frameSize + member.slot);
    }
  });
  return { first, frames, values, warnings };
}

/**
 * Frames stored in a group's file, from its size when the source can tell (else by reading it); FLAC files
 * are decoded to count. Used when a header omits the number of samples.
 */
export async function storedFrameCount(source: FileSource, group: SignalGroup): Promise<number> {
  if (group.format.kind === 'flac') return (await readFlacFrames(source, group, 0, Infinity)).frames;
  const size = source.size ? await source.size(group.path) : (await source.read(group.path)).length;
  const samples = samplesInBytes(group.format, Math.max(0, size - group.byteOffset));
  return Math.floor(samples / group.frameSize);
}
