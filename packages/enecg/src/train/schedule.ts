/** A learning-rate schedule: the rate to use at a 0-based optimizer step. */
export type LearningRateSchedule = (step: number) => number;

/** Options of cosineWithWarmup. */
export interface CosineScheduleOptions {
  /** Peak learning rate, reached at the end of the warm-up. */
  peak: number;
  /** Steps of linear warm-up from peak/warmupSteps to peak (default 0). */
  warmupSteps?: number;
  /** Total number of steps; after it the rate stays at `floor`. */
  totalSteps: number;
  /** Final learning rate (default 0). */
  floor?: number;
}

/** Linear warm-up followed by cosine decay to `floor` (as transformers' get_cosine_schedule_with_warmup). */
export function cosineWithWarmup(options: CosineScheduleOptions): LearningRateSchedule {
  const warmup = options.warmupSteps ?? 0;
  const floor = options.floor ?? 0;
  if (options.totalSteps <= warmup) {
    throw new RangeError(`totalSteps (${options.totalSteps}) must exceed warmupSteps (${warmup})`);
  }
  return (step) => {
    if (step < warmup) return (options.peak * (step + 1)) / warmup;
    const progress = Math.min(1, (step - warmup) / (options.totalSteps - warmup));
    return floor + (options.peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
  };
}

/** A constant learning rate. */
export function constantSchedule(rate: number): LearningRateSchedule {
  return () => rate;
}
