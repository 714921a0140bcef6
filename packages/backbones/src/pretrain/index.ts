// Public API of the pretraining and probe modules (re-exported by the package's main entry).
export {
  type AnnotatedWindow,
  type AnnotatedWindowOptions,
  annotatedWindows,
  type BeatAnnotation,
  centreCropSpan,
  hasAbnormalBeat,
  medianRrMs,
} from './annotated-windows.js';
export { type AugmentationOptions, augmentView, centreView, DEFAULT_AUGMENTATION } from './augment.js';
export { formatProbeTable, meanMetric, type ProbeComparison } from './compare.js';
export {
  type ContrastiveOptions,
  type ContrastiveProgress,
  type ContrastiveResult,
  pretrainContrastive,
} from './contrastive.js';
export {
  HELD_OUT_RECORDS,
  PTB_XL_PRETRAINING_FOLDS,
  type PtbXlPretrainingOptions,
  type PtbXlPretrainingRecords,
  readPtbXlPretrainingRecords,
  readSamplePretrainingRecords,
  readSampleRecord,
  SAMPLE_PRETRAINING_RECORDS,
  type SampleRecordSpec,
  type SimulatedCorpusOptions,
  simulatedPretrainingRecords,
} from './corpus.js';
export {
  type CorpusSegmentOptions,
  type CorpusSummary,
  corpusSegments,
  type PretrainingCorpus,
} from './corpus-segments.js';
export { type EmbedRecordsOptions, embedRecords } from './embed-records.js';
export { ntXentLoss } from './nt-xent.js';
export { type BlockedFold, blockedFolds, blockedHoldout, type ExampleSpan } from './probe/folds.js';
export {
  type ClassificationProbeResult,
  type ProbeOptions,
  probeClassification,
  probeRegression,
  type RegressionProbeResult,
} from './probe/linear-probe.js';
export {
  balancedClassWeights,
  fitLogistic,
  type LogisticModel,
  type LogisticOptions,
  predictLogistic,
} from './probe/logistic.js';
export { type Matrix, matrixFromRows } from './probe/matrix.js';
export { auroc, balancedAccuracy, macroAuroc, meanAbsoluteError, rSquared } from './probe/metrics.js';
export { fitRidge, predictRidge, type RidgeModel } from './probe/ridge.js';
export { type ProbeDatasetOptions, readProbeDataset, simulatedProbeRecords } from './probe-data.js';
export {
  type ProbeDataset,
  type ProbeReport,
  type ProbeTaskName,
  type ProbeTaskResult,
  type RunProbesOptions,
  runProbes,
} from './probe-suite.js';
export {
  PRETRAINING_RECIPES,
  PRETRAINING_SIMULATION,
  PROBE_SIMULATION,
  type PretrainingRecipe,
  pretrainingRecipe,
  VALIDATION_SIMULATION,
} from './recipes.js';
export { type PreparedSegment, prepareSegments, type SegmentOptions, sliceRecord } from './windows.js';
