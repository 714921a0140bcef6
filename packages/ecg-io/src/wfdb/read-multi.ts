import { EcgFormatError } from '../errors.js';
import type { FileSource } from '../io/file-source.js';
import { dirName, joinPath } from '../io/paths.js';
import { INVALID_SAMPLE } from '../record.js';
import { wfdbFormat } from './formats.js';
import type { WfdbMultiHeader, WfdbSignalSpec, WfdbSingleHeader } from './header.js';
import { checkReadSize } from './limits.js';
import { parseWfdbHeader } from './parse-header.js';
import { WFDB_DEFAULT_GAIN } from './physical.js';
import { readSegmentSamples } from './read-segment.js';
import { rescaleSamples } from './rescale.js';
import { checkFrameRange, resolveSignals, type SignalSelection } from './selection.js';
import { signalName } from './signal-info.js';

/** What to read from a multi-segment record. */
export interface MultiSegmentRequest {
  from: number;
  to?: number;
  signals?: SignalSelection;
  allowTruncated: boolean;
}

/** Samples of the selected signals across segments, each `(to - from) * samplesPerFrame` long. */
export interface MultiSegmentSamples {
  /** Specs of the selected signals: from the layout header (variable layout) or the first segment (fixed). */
  specs: WfdbSignalSpec[];
  /** Header indices of the selected signals in `specs`' header. */
  indices: number[];
  recordLength: number;
  from: number;
  end: number;
  samples: Int32Array[];
  warnings: string[];
}

/** A segment header read from the master header's folder. */
interface SegmentHeader {
  header: WfdbSingleHeader;
  path: string;
}

/**
 * Reads frames of a multi-segment record, opening only the segments that overlap the requested frames.
 *
 * Variable layout (segment 0 is a layout header of length 0): the output signals are those of the layout
 * header; each segment's signals are matched by description, absent signals read as missing, and samples are
 * rescaled to the layout's gain and baseline exactly as WFDB does. Gap segments (`~`) read as missing.
 * Fixed layout: the output signals are the first segment's, matched by position; a segment whose gain or
 * baseline differ is rescaled to the first segment's (with a warning) so values stay comparable.
 */
export async function readMultiSegmentSamples(
  source: FileSource,
  master: WfdbMultiHeader,
  masterPath: string,
  request: MultiSegmentRequest,
): Promise<MultiSegmentSamples> {
  const folder = dirName(masterPath);
  const headers = new Map<string, SegmentHeader>();
  const segmentHeader = async (name: string): Promise<SegmentHeader> => {
    let found = headers.get(name);
    if (found === undefined) {
      found = await readSegmentHeader(source, joinPath(folder, `${name}.hea`), masterPath);
      headers.set(name, found);
    }
    return found;
  };

  const { segments } = master;
  const variableLayout = segments[0].length === 0 && segments[0].name !== '~';
  const layoutName = variableLayout ? segments[0].name : segments.find((s) => s.name !== '~')?.name;
  if (layoutName === undefined) {
    throw new EcgFormatError('multi-segment record has no segment with signals', {
      file: masterPath,
      expected: 'a layout header or at least one segment that is not a gap (~)',
    });
  }
  const layout = await segmentHeader(layoutName);
  const layoutSpecs = layout.header.signals;
  const warnings: string[] = [];
  if (layoutSpecs.length !== master.numberOfSignals) {
    warnings.push(
      `${masterPath}: record line says ${master.numberOfSignals} signals, ` +
        `${layout.path} defines ${layoutSpecs.length}; using the latter`,
    );
  }
  const indices = resolveSignals(request.signals, layoutSpecs.map(signalName), masterPath);
  const specs = indices.map((i) => layoutSpecs[i]);

  const recordLength = segments.reduce((sum, s) => sum + s.length, 0);
  if (master.numberOfSamples !== undefined && master.numberOfSamples !== recordLength) {
    warnings.push(
      `${masterPath}: record line says ${master.numberOfSamples} frames, segments add up to ${recordLength}`,
    );
  }
  const { from } = request;
  const to = request.to ?? recordLength;
  checkFrameRange(from, to, recordLength, masterPath);
  for (const spec of specs) checkReadSize((to - from) * spec.samplesPerFrame, masterPath);
  const samples = specs.map((spec) =>
    new Int32Array((to - from) * spec.samplesPerFrame).fill(INVALID_SAMPLE),
  );

  let start = 0;
  for (const segment of segments) {
    const segmentStart = start;
    start += segment.length;
    const first = Math.max(from, segmentStart);
    const last = Math.min(to, segmentStart + segment.length);
    if (first >= last || segment.name === '~') continue;
    const part = await segmentHeader(segment.name);
    checkSegment(part, segment.length, masterPath, variableLayout ? undefined : layoutSpecs.length);
    const sources = matchSignals(part, layout, indices, variableLayout);
    const present = [...new Set(sources.filter((i) => i >= 0))];
    const read = await readSegmentSamples(source, part.header, part.path, {
      from: first - segmentStart,
      to: last - segmentStart,
      signals: present,
      allowTruncated: request.allowTruncated,
      trimSkewedEnd: false,
    });
    warnings.push(...read.warnings);
    sources.forEach((segmentIndex, k) => {
      if (segmentIndex < 0) return;
      const values = read.samples[present.indexOf(segmentIndex)];
      const spec = part.header.signals[segmentIndex];
      const rescaled = rescaledTo(values, spec, specs[k]);
      if (rescaled !== values && !variableLayout) {
        warnings.push(
          `${part.path}: signal ${segmentIndex} has gain ${spec.adcGain} and baseline ${spec.baseline}, ` +
            `unlike the first segment; rescaled to gain ${specs[k].adcGain} and baseline ${specs[k].baseline}`,
        );
      }
      samples[k].set(rescaled, (first - from) * specs[k].samplesPerFrame);
    });
  }
  return { specs, indices, recordLength, from, end: to, samples, warnings };
}

/** A segment must be as long as the master header says and, in a fixed layout, have no extra signals. */
function checkSegment(part: SegmentHeader, length: number, masterPath: string, maxSignals?: number): void {
  if (part.header.numberOfSamples !== length) {
    throw new EcgFormatError('segment length differs between the master header and the segment header', {
      file: part.path,
      field: 'number of samples',
      expected: `${length} as ${masterPath} says`,
      found: String(part.header.numberOfSamples ?? 'none'),
    });
  }
  if (maxSignals !== undefined && part.header.signals.length > maxSignals) {
    throw new EcgFormatError('fixed-layout segment has more signals than the first segment', {
      file: part.path,
      field: 'number of signals',
      expected: `at most ${maxSignals}`,
      found: String(part.header.signals.length),
    });
  }
}

/**
 * For each selected layout signal, the index of the segment signal holding it (by description in a variable
 * layout, by position in a fixed one), or -1 when the segment lacks it. Samples per frame must agree.
 */
function matchSignals(
  part: SegmentHeader,
  layout: SegmentHeader,
  indices: number[],
  variableLayout: boolean,
): number[] {
  const signals = part.header.signals;
  return indices.map((layoutIndex) => {
    const target = layout.header.signals[layoutIndex];
    const index = variableLayout
      ? signals.findIndex((s) => s.description === target.description)
      : layoutIndex < signals.length
        ? layoutIndex
        : -1;
    if (index >= 0 && signals[index].samplesPerFrame !== target.samplesPerFrame) {
      throw new EcgFormatError(
        `signal "${signals[index].description}" has a different number of samples per frame`,
        {
          file: part.path,
          field: 'samples per frame',
          expected: `${target.samplesPerFrame} as in ${layout.path}`,
          found: String(signals[index].samplesPerFrame),
        },
      );
    }
    return index;
  });
}

/** Samples re-expressed in the target signal's gain and baseline (a rescaled copy), or the same array. */
function rescaledTo(values: Int32Array, spec: WfdbSignalSpec, target: WfdbSignalSpec): Int32Array {
  const from = { gain: spec.adcGain || WFDB_DEFAULT_GAIN, baseline: spec.baseline };
  const to = { gain: target.adcGain || WFDB_DEFAULT_GAIN, baseline: target.baseline };
  if (from.gain === to.gain && from.baseline === to.baseline) return values;
  const copy = values.slice();
  rescaleSamples(copy, wfdbFormat(spec.format)!, from, to);
  return copy;
}

async function readSegmentHeader(
  source: FileSource,
  path: string,
  masterPath: string,
): Promise<SegmentHeader> {
  const header = parseWfdbHeader(await source.read(path), path);
  if (header.kind === 'multi') {
    throw new EcgFormatError('a segment of a multi-segment record cannot itself have segments', {
      file: path,
      expected: `an ordinary record as segment of ${masterPath}`,
      found: `${header.segments.length} segments`,
    });
  }
  return { header, path };
}
