import { EcgFormatError } from '../errors.js';
import type { FileSource } from '../io/file-source.js';
import { dirName } from '../io/paths.js';
import { INVALID_SAMPLE } from '../record.js';
import { checksumMatches, signalChecksum } from './checksum.js';
import type { WfdbSingleHeader } from './header.js';
import { checkReadSize } from './limits.js';
import { checkFrameRange } from './selection.js';
import {
  type GroupFrames,
  type GroupMember,
  readGroupFrames,
  type SignalGroup,
  signalGroups,
  storedFrameCount,
} from './signal-group.js';

/** What to read from an ordinary (single-segment) record. */
export interface SegmentRequest {
  /** First frame (inclusive). */
  from: number;
  /** End frame (exclusive); the record length when undefined. */
  to?: number;
  /** Header indices of the signals to return, in output order (repeats allowed). */
  signals: readonly number[];
  /** Read a signal file that ends early up to where it ends (with a warning) instead of throwing. */
  allowTruncated: boolean;
  /** End at the last frame every skewed signal has data for, instead of marking its missing tail invalid. */
  trimSkewedEnd: boolean;
}

/** Samples of the requested signals, each `(end - from) * samplesPerFrame` long (every sample kept). */
export interface SegmentSamples {
  /** Length of the whole record in frames (from the header, or from the signal file sizes). */
  recordLength: number;
  from: number;
  /** End frame actually read: `to`, or less when a truncated file or a skewed tail shortened the read. */
  end: number;
  samples: Int32Array[];
  warnings: string[];
}

/**
 * Reads frames of an ordinary record: fetches only the signal files of the requested signals and only the
 * byte ranges of the requested frames, deskews, maps each format's invalid value to INVALID_SAMPLE and
 * verifies header checksums when the whole record is read (a mismatch is a warning).
 */
export async function readSegmentSamples(
  source: FileSource,
  header: WfdbSingleHeader,
  headerPath: string,
  request: SegmentRequest,
): Promise<SegmentSamples> {
  const groups = signalGroups(header, dirName(headerPath));
  const recordLength = header.numberOfSamples ?? (await lengthFromFiles(source, groups));
  const { from } = request;
  const to = request.to ?? recordLength;
  checkFrameRange(from, to, recordLength, headerPath);
  const members = new Map<number, [SignalGroup, GroupMember]>();
  for (const group of groups) for (const member of group.members) members.set(member.signal, [group, member]);
  const wanted = [...new Set(request.signals)].map((signal) => members.get(signal)!);
  const reads = to > from ? await readGroups(source, wanted, from, to) : new Map<SignalGroup, GroupFrames>();

  const warnings = [...reads.values()].flatMap((read) => read.warnings);
  let end = to;
  for (const [group, read] of reads) {
    const dataEnd = read.first + read.frames;
    if (dataEnd >= to) continue;
    if (!request.allowTruncated) throw truncatedFileError(group, headerPath, dataEnd, to, recordLength);
    warnings.push(
      `${group.path}: signal file ends at frame ${dataEnd}, before frame ${to}; read up to there`,
    );
    end = Math.max(from, Math.min(end, dataEnd));
  }
  // A skewed signal's data ends `skew` frames before its file does.
  const skewedEnd = ([group, member]: [SignalGroup, GroupMember]) => {
    const read = reads.get(group);
    return read === undefined ? Infinity : read.first + read.frames - member.skew;
  };
  if (request.trimSkewedEnd) {
    for (const member of wanted) end = Math.max(from, Math.min(end, skewedEnd(member)));
  }
  for (const member of wanted) {
    if (skewedEnd(member) >= end) continue;
    warnings.push(
      `${member[0].path}: signal ${member[1].signal} is skewed past the end of its file; ` +
        `its samples from frame ${skewedEnd(member)} on are marked invalid`,
    );
  }
  if (from === 0 && to === recordLength && header.numberOfSamples !== undefined) {
    warnings.push(...checksumWarnings(header, reads, wanted, recordLength));
  }

  const samples = request.signals.map((signal) => {
    const [group, member] = members.get(signal)!;
    checkReadSize((end - from) * member.samplesPerFrame, headerPath);
    const read = reads.get(group);
    return read === undefined
      ? new Int32Array((end - from) * member.samplesPerFrame).fill(INVALID_SAMPLE)
      : extractSignal(read, group, member, from, end);
  });
  return { recordLength, from, end, samples, warnings };
}

/**
 * Reads frames `[from, to)` of the files holding the wanted signals (plus the frames skew pushes past `to`).
 * Format 8 files are read from frame 0, as their differences add up from there; null signals have no file.
 */
async function readGroups(
  source: FileSource,
  wanted: [SignalGroup, GroupMember][],
  from: number,
  to: number,
): Promise<Map<SignalGroup, GroupFrames>> {
  const groups = [...new Set(wanted.map(([group]) => group))].filter((g) => g.format.kind !== 'null');
  const reads = await Promise.all(
    groups.map((group) => {
      const first = group.format.kind === 'difference' ? 0 : from;
      return readGroupFrames(source, group, first, to + Math.max(...group.members.map((m) => m.skew)));
    }),
  );
  return new Map(groups.map((group, i) => [group, reads[i]]));
}

/** Length of a record whose header omits it: the frames of its shortest signal file. */
async function lengthFromFiles(source: FileSource, groups: SignalGroup[]): Promise<number> {
  const stored = groups.filter((g) => g.format.kind !== 'null');
  const counts = await Promise.all(stored.map((group) => storedFrameCount(source, group)));
  return counts.length === 0 ? 0 : Math.min(...counts);
}

/** One signal's samples for frames `[from, end)`, deskewed, with missing samples as INVALID_SAMPLE. */
function extractSignal(
  read: GroupFrames,
  group: SignalGroup,
  member: GroupMember,
  from: number,
  end: number,
): Int32Array {
  const { samplesPerFrame, slot, skew } = member;
  const { frameSize } = group;
  const invalid = group.format.invalidValue;
  const missing = INVALID_SAMPLE;
  const out = new Int32Array((end - from) * samplesPerFrame);
  const values = read.values;
  // Stored frames [first, last) hold this signal's frames [from, end) shifted by its skew; beyond them, none.
  const first = from + skew - read.first;
  const last = Math.min(end + skew, read.first + read.frames) - read.first;
  let o = 0;
  for (let frame = first; frame < last; frame++) {
    for (let i = frame * frameSize + slot, j = 0; j < samplesPerFrame; j++, i++, o++) {
      const value = values[i];
      out[o] = value === invalid ? missing : value;
    }
  }
  out.fill(missing, o);
  return out;
}

function checksumWarnings(
  header: WfdbSingleHeader,
  reads: Map<SignalGroup, GroupFrames>,
  wanted: [SignalGroup, GroupMember][],
  recordLength: number,
): string[] {
  const warnings: string[] = [];
  for (const [group, member] of wanted) {
    const read = reads.get(group);
    const spec = header.signals[member.signal];
    if (read === undefined || read.first !== 0 || read.frames < recordLength || spec.checksum === undefined) {
      continue;
    }
    const computed = signalChecksum(
      read.values,
      recordLength,
      group.frameSize,
      member.slot,
      member.samplesPerFrame,
    );
    if (!checksumMatches(spec.checksum, computed)) {
      warnings.push(
        `${group.path}: checksum mismatch in signal ${member.signal} (${spec.description || 'no description'}): ` +
          `header says ${spec.checksum}, samples sum to ${computed}`,
      );
    }
  }
  return warnings;
}

function truncatedFileError(
  group: SignalGroup,
  headerPath: string,
  dataEnd: number,
  to: number,
  recordLength: number,
): EcgFormatError {
  return new EcgFormatError(
    `signal file is shorter than ${headerPath} says (record length ${recordLength} frames); ` +
      'pass allowTruncated: true to read what is there',
    {
      file: group.path,
      expected: `frames up to ${to} (${group.frameSize} samples of format ${group.format.code} per frame)`,
      found: `${dataEnd} whole frames`,
    },
  );
}
