// @enecg/enecg: building blocks of EnECG training and evaluation (the ensemble model itself is in progress).
export {
  type CacheStats,
  contentHash,
  type EmbeddingStore,
  FeatureCache,
  MemoryEmbeddingStore,
} from './cache/feature-cache.js';
export { formatDuration, ProgressBar, type ProgressBarOptions, type ProgressSink } from './cli/progress.js';
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
export { AdamWOptimizer, type AdamWOptions } from './train/adamw.js';
export { EarlyStopping, type EarlyStoppingOptions } from './train/early-stopping.js';
export {
  type CosineScheduleOptions,
  constantSchedule,
  cosineWithWarmup,
  type LearningRateSchedule,
} from './train/schedule.js';
