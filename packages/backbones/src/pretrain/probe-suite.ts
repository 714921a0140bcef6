import { SIMULATED_CONDITIONS, type SimulatedDatasetRecord } from '@enecg/ecg-io';
import type { Backbone } from '../core/backbone.js';
import { type AnnotatedWindow, centreCropSpan, hasAbnormalBeat, medianRrMs } from './annotated-windows.js';
import { embedRecords } from './embed-records.js';
import type { ExampleSpan } from './probe/folds.js';
import { probeClassification, probeRegression } from './probe/linear-probe.js';
import { type Matrix, selectRows } from './probe/matrix.js';

/** Held-out data the probes read. */
export interface ProbeDataset {
  /** Windows of an annotated recording never used for pretraining (MIT-BIH 100: 10 s every 5 s). */
  annotated: readonly AnnotatedWindow[];
  /** Simulated records never used for pretraining (their own seed), with known rate and condition. */
  simulated: readonly SimulatedDatasetRecord[];
}

/** Metrics of one probe task. */
export interface ProbeTaskResult {
  task: ProbeTaskName;
  /** What is predicted, with units. */
  description: string;
  kind: 'regression' | 'classification';
  /** Examples probed (out-of-fold predictions). */
  count: number;
  /** Regression: `mae`, `r2`; classification: `auroc`, `balancedAccuracy`, `positives` (binary). */
  metrics: Record<string, number>;
}

export type ProbeTaskName = 'rr-interval' | 'abnormal-beat' | 'heart-rate-sim' | 'rhythm-sim';

/** Every probe of one backbone. */
export interface ProbeReport {
  backbone: string;
  embeddingSize: number;
  tasks: ProbeTaskResult[];
  seconds: number;
}

/** Options of {@link runProbes}. */
export interface RunProbesOptions {
  /** Blocked folds (default 5). */
  folds?: number;
  onProgress?: (message: string) => void;
}

/**
 * Linear probes on a frozen backbone's embeddings, each by blocked cross-validation (`probeRegression`,
 * `probeClassification`; contiguous blocks in time for the recording, whole patients for simulated records):
 *
 * - `rr-interval`: median RR interval (ms) of the part of each annotated window the backbone sees (its centre
 *   crop when the window is longer than the input), from the beat annotations (ridge);
 * - `abnormal-beat`: whether the part of the window the backbone sees (centre crop) holds a beat other than
 *   `N` (class-balanced logistic regression; AUROC, balanced accuracy);
 * - `heart-rate-sim`: heart rate (bpm) of simulated records (ridge);
 * - `rhythm-sim`: the simulated condition, 10 classes (multinomial logistic; macro one-vs-rest AUROC).
 *
 * Tasks without data (no windows, or a single class) are left out.
 */
export async function runProbes(
  backbone: Backbone,
  data: ProbeDataset,
  options: RunProbesOptions = {},
): Promise<ProbeReport> {
  const { folds = 5, onProgress } = options;
  const started = Date.now();
  const tasks: ProbeTaskResult[] = [];

  if (data.annotated.length >= folds) {
    onProgress?.(`${backbone.id}: embedding ${data.annotated.length} annotated windows`);
    const features = await embedRecords(
      backbone,
      data.annotated.map((w) => w.record),
    );
    const spans = data.annotated.map((w) => ({ start: w.startS, end: w.endS }));
    // Labels of the part each backbone sees (the centre crop of a window longer than its input).
    const seen = data.annotated.map((w) => centreCropSpan(w, backbone.input));
    const rr = data.annotated.map((w, i) => medianRrMs(w, seen[i].fromS, seen[i].toS));
    const withRr = rr.flatMap((value, i) => (Number.isFinite(value) ? [i] : []));
    if (withRr.length >= folds) {
      const result = probeRegression(
        selectRows(features, withRr),
        withRr.map((i) => rr[i]),
        withRr.map((i) => spans[i]),
        { folds },
      );
      tasks.push({
        task: 'rr-interval',
        description: 'median RR interval of the seen part of the window (ms)',
        kind: 'regression',
        count: result.count,
        metrics: { mae: result.mae, r2: result.r2 },
      });
    }
    const abnormal = data.annotated.map((w, i) => (hasAbnormalBeat(w, seen[i].fromS, seen[i].toS) ? 1 : 0));
    const positives = abnormal.reduce<number>((a, b) => a + b, 0);
    if (positives > 0 && positives < abnormal.length) {
      tasks.push(
        classification(
          'abnormal-beat',
          'a beat other than N in the seen part',
          features,
          abnormal,
          2,
          spans,
          folds,
          positives,
        ),
      );
    }
  }

  if (data.simulated.length >= folds) {
    onProgress?.(`${backbone.id}: embedding ${data.simulated.length} simulated records`);
    const features = await embedRecords(
      backbone,
      data.simulated.map((s) => s.record),
    );
    const patients = new Map<string, number>();
    const spans: ExampleSpan[] = data.simulated.map((s) => {
      if (!patients.has(s.patientId)) patients.set(s.patientId, patients.size);
      const p = patients.get(s.patientId)!;
      return { start: p, end: p + 1 };
    });
    const rate = probeRegression(
      features,
      data.simulated.map((s) => s.labels.heartRateBpm),
      spans,
      { folds },
    );
    tasks.push({
      task: 'heart-rate-sim',
      description: 'heart rate of simulated records (bpm)',
      kind: 'regression',
      count: rate.count,
      metrics: { mae: rate.mae, r2: rate.r2 },
    });
    const conditions = data.simulated.map((s) => SIMULATED_CONDITIONS.indexOf(s.condition));
    tasks.push(
      classification(
        'rhythm-sim',
        'condition of simulated records (10 classes)',
        features,
        conditions,
        SIMULATED_CONDITIONS.length,
        spans,
        folds,
      ),
    );
  }
  return {
    backbone: backbone.id,
    embeddingSize: backbone.embeddingSize,
    tasks,
    seconds: (Date.now() - started) / 1000,
  };
}

function classification(
  task: ProbeTaskName,
  description: string,
  features: Matrix,
  labels: number[],
  classes: number,
  spans: ExampleSpan[],
  folds: number,
  positives?: number,
): ProbeTaskResult {
  const result = probeClassification(features, labels, classes, spans, { folds });
  return {
    task,
    description,
    kind: 'classification',
    count: result.count,
    metrics: {
      auroc: result.auroc,
      balancedAccuracy: result.balancedAccuracy,
      ...(positives === undefined ? {} : { positives }),
    },
  };
}
