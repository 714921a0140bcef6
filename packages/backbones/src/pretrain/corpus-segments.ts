import type { EcgRecord, SimulatedDatasetRecord } from '@enecg/ecg-io';
import type { InputSpec } from '../core/input-spec.js';
import { type PreparedSegment, prepareSegments } from './windows.js';

/** Records to pretrain on: real recordings (each its own group) and simulated ones (grouped by patient). */
export interface PretrainingCorpus {
  real: readonly { record: EcgRecord; group: string }[];
  simulated: readonly SimulatedDatasetRecord[];
}

/** Options of {@link corpusSegments}. */
export interface CorpusSegmentOptions {
  /** Most segments per simulated record (default 1). */
  segmentsPerSimulatedRecord?: number;
  /** Most segments per real record (default all: windows every half input duration). */
  segmentsPerRealRecord?: number;
  /** Seconds of time-shift margin on each side (default 0.25). */
  marginS?: number;
}

/** Segment counts of a corpus, for model cards. */
export interface CorpusSummary {
  realSegments: number;
  simulatedSegments: number;
  /** Segments per real record. */
  perRecord: Record<string, number>;
}

/** Every segment of a corpus for one backbone input (see `prepareSegments`), real ones first. */
export function corpusSegments(
  spec: InputSpec,
  corpus: PretrainingCorpus,
  options: CorpusSegmentOptions = {},
): { segments: PreparedSegment[]; summary: CorpusSummary } {
  const { segmentsPerSimulatedRecord = 1, segmentsPerRealRecord = Infinity, marginS = 0.25 } = options;
  const segments: PreparedSegment[] = [];
  const perRecord: Record<string, number> = {};
  for (const { record, group } of corpus.real) {
    const cut = prepareSegments(record, spec, { group, marginS, maxSegments: segmentsPerRealRecord });
    perRecord[record.name] = (perRecord[record.name] ?? 0) + cut.length;
    segments.push(...cut);
  }
  const realSegments = segments.length;
  for (const simulated of corpus.simulated) {
    segments.push(
      ...prepareSegments(simulated.record, spec, {
        group: `${simulated.record.name}/${simulated.patientId}`,
        marginS,
        maxSegments: segmentsPerSimulatedRecord,
      }),
    );
  }
  return {
    segments,
    summary: { realSegments, simulatedSegments: segments.length - realSegments, perRecord },
  };
}
