import type { AugmentationOptions } from '../../src/pretrain/augment.js';
import type { ProbeComparison } from '../../src/pretrain/compare.js';
import type { PretrainingRecipe } from '../../src/pretrain/recipes.js';

/** Everything a model card states about one pretraining run. */
export interface PretrainingRun {
  recipe: PretrainingRecipe;
  trainingSeed: number;
  backbone: {
    id: string;
    config: Record<string, unknown>;
    input: string;
    embeddingSize: number;
    parameters: number;
    buffers: number;
  };
  file: { name: string; bytes: number; sha256: string };
  corpus: {
    real: { record: string; leads: string; segments: number }[];
    realSegments: number;
    heldOut: readonly string[];
    simulated: { count: number; seed: number; durationS: number; segments: number };
    ptbXl: { folds: readonly number[]; records: number; available: number; segments: number } | null;
  };
  validation: { count: number; seed: number; segments: number };
  augmentation: AugmentationOptions;
  projection: { hidden: number; output: number };
  training: {
    steps: number;
    batchSize: number;
    passes: number;
    seconds: number;
    firstLoss: number;
    finalLoss: number;
    initialValidationLoss: number;
    finalValidationLoss: number;
    /** Means over the last tenth of the steps of the two terms. */
    finalContrastiveLoss: number;
    finalSpeedLoss: number;
    /** Validation terms before and after. */
    validation: { step: number; loss: number; contrastive: number; speed: number }[];
  };
  speed: { weight: number; range: readonly [number, number] };
  probe: ProbeComparison | null;
  command: string;
  environment: string;
}
