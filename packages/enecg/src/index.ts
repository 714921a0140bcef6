// @enecg/enecg: the EnECG model (frozen backbones, LoRA heads, MoE gates), its training and evaluation, and their
// building blocks.
export {
  type CacheStats,
  contentHash,
  type EmbeddingStore,
  FeatureCache,
  MemoryEmbeddingStore,
} from './cache/feature-cache.js';
export { formatDuration, ProgressBar, type ProgressBarOptions, type ProgressSink } from './cli/progress.js';
export {
  ABNORMAL_BEAT_TASK,
  type AnnotatedWfdbDataset,
  type AnnotatedWfdbOptions,
  annotatedWfdbDataset,
  RR_TASK,
  type SkippedRecord,
} from './data/annotated-wfdb.js';
export { PTBXL_TASKS, type PtbXlDatasetOptions, ptbXlDataset } from './data/ptb-xl.js';
export { medianRrMs } from './data/rr.js';
export { SIMULATED_TASKS, type SimulatedDatasetOptions, simulatedDataset } from './data/simulated.js';
export {
  type FoldSplit,
  ptbXlRecommendedSplit,
  type SubjectKFoldOptions,
  subjectKFold,
} from './eval/folds.js';
export {
  accuracy,
  binaryAuroc,
  type MacroScores,
  macroAuroc,
  macroPrecisionRecallF1,
  meanAbsoluteError,
  meanAndStd,
  meanSquaredError,
  rootMeanSquaredError,
} from './eval/metrics.js';
export { formatResultsMarkdown } from './experiment/format-results.js';
export {
  type ExperimentOptions,
  type ExperimentProgress,
  type ExperimentResult,
  foldSplits,
  type MeanStd,
  runExperiment,
  type TaskResult,
  type Variant,
} from './experiment/run-experiment.js';
export {
  type EnEcgConfig,
  type GateConfig,
  type HeadConfig,
  outputSize,
  type ResolvedEnEcgConfig,
  resolveConfig,
} from './model/config.js';
export { EnEcg, type EnEcgBackbones } from './model/enecg.js';
export {
  type DataLocation,
  EnEcgBackboneMismatchError,
  EnEcgConfigError,
  EnEcgDataError,
  EnEcgError,
  EnEcgFileError,
} from './model/errors.js';
export { MANIFEST_FILE, MODEL_FORMAT, MODEL_FORMAT_VERSION, type ModelManifest } from './model/manifest.js';
export type { TargetStats } from './model/targets.js';
export type {
  EnEcgParameterCounts,
  EvaluateOptions,
  EvaluationReport,
  FitHistory,
  FitOptions,
  Prediction,
  ProgressEvent,
  TaskEvaluation,
  TaskPrediction,
} from './model/types.js';
export type {
  ClassificationTask,
  LabelledDataset,
  LabelledEcg,
  MultilabelTask,
  RegressionTask,
  TaskSpec,
  TaskTarget,
} from './tasks/task.js';
export { AdamWOptimizer, type AdamWOptions } from './train/adamw.js';
export { EarlyStopping, type EarlyStoppingOptions } from './train/early-stopping.js';
export {
  classificationMixtureLoss,
  logMixture,
  maskedMean,
  mixturePrediction,
  multilabelMixtureLoss,
  type RegressionLossOptions,
  regressionMixtureLoss,
} from './train/losses.js';
export {
  type CosineScheduleOptions,
  constantSchedule,
  cosineWithWarmup,
  type LearningRateSchedule,
} from './train/schedule.js';
