import * as tf from '@tensorflow/tfjs';

/** Options of EarlyStopping. */
export interface EarlyStoppingOptions {
  /** Epochs without improvement before stopping (default 5). */
  patience?: number;
  /** Whether a larger monitored value is better (default false: a loss). */
  higherIsBetter?: boolean;
  /** Smallest change that counts as an improvement (default 0). */
  minDelta?: number;
}

/**
 * Tracks a validation metric, keeps a copy of the weights at the best epoch, and says when to stop. Call
 * `update(value, variables)` once per epoch; `restoreBest(variables)` puts the best weights back. Call `dispose()`
 * to free the stored copy.
 */
export class EarlyStopping {
  private readonly patience: number;
  private readonly higherIsBetter: boolean;
  private readonly minDelta: number;
  private bestWeights: tf.Tensor[] = [];
  private sinceBest = 0;
  /** Best value seen so far (NaN before the first update) and the 0-based epoch it was seen at. */
  best = Number.NaN;
  bestEpoch = -1;
  private epoch = -1;

  constructor(options: EarlyStoppingOptions = {}) {
    this.patience = options.patience ?? 5;
    this.higherIsBetter = options.higherIsBetter ?? false;
    this.minDelta = options.minDelta ?? 0;
  }

  /** Records one epoch's value; returns true when training should stop. */
  update(value: number, variables: tf.Variable[]): boolean {
    this.epoch++;
    const improvement = this.higherIsBetter ? value - this.best : this.best - value;
    if (Number.isNaN(this.best) || improvement > this.minDelta) {
      this.best = value;
      this.bestEpoch = this.epoch;
      this.sinceBest = 0;
      this.dispose();
      this.bestWeights = variables.map((v) => tf.keep(v.clone()));
      return false;
    }
    this.sinceBest++;
    return this.sinceBest >= this.patience;
  }

  /** Assigns the weights stored at the best epoch back to `variables` (same order as in `update`). */
  restoreBest(variables: tf.Variable[]): void {
    if (this.bestWeights.length !== variables.length) {
      throw new RangeError(`stored ${this.bestWeights.length} weights but got ${variables.length} variables`);
    }
    for (const [i, v] of variables.entries()) v.assign(this.bestWeights[i]);
  }

  dispose(): void {
    for (const t of this.bestWeights) t.dispose();
    this.bestWeights = [];
  }
}
