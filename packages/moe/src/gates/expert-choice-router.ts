import * as tf from '@tensorflow/tfjs';
import { SeedStream } from '../random.js';
import { topKMask } from '../top-k-mask.js';
import { asGateInput, integerAtLeast, positiveNumber } from '../validate.js';
import { expertCapacity } from './capacity-routing.js';
import { type GateApplyOptions, GateModule, type GateOutput } from './gate.js';
import { createVariable, routerInitializer } from './variables.js';

/** Configuration of {@link ExpertChoiceRouter}. */
export interface ExpertChoiceRouterConfig {
  /** Number of features F of the gating input [tokens, F]. */
  inputFeatures: number;
  /** Number of experts E. */
  numExperts: number;
  /**
   * Average number of experts per token c: each expert takes ceil(tokens · c / E) tokens (at most all of
   * them). Default 2, as in the paper.
   */
  capacityFactor?: number;
  /** Seed of the weight initialisation. Default: unseeded. */
  seed?: number;
}

/**
 * Expert-choice routing (Zhou et al. 2022): scores S = softmax(x·W_g) over experts; each expert picks the
 * `capacity` tokens (rows) with its highest scores, and those tokens get weight S[token, expert]. Loads are
 * balanced by construction, so there is no auxiliary loss; a token may be picked by several experts or by
 * none (an all-zero row). The batch is the pool of tokens, so results depend on the whole batch.
 */
export class ExpertChoiceRouter extends GateModule {
  readonly inputFeatures: number;
  readonly numExperts: number;
  readonly capacityFactor: number;
  /** Router weights W_g [F, E]. */
  readonly kernel: tf.Variable;

  constructor(config: ExpertChoiceRouterConfig) {
    super();
    this.inputFeatures = integerAtLeast('inputFeatures', config.inputFeatures, 1);
    this.numExperts = integerAtLeast('numExperts', config.numExperts, 1);
    this.capacityFactor = positiveNumber('capacityFactor', config.capacityFactor ?? 2);
    const seed = new SeedStream(config.seed).derived(0);
    this.kernel = createVariable(
      [this.inputFeatures, this.numExperts],
      routerInitializer(this.inputFeatures, seed),
    );
  }

  /** Tokens each expert takes from a batch of `tokens`: min(tokens, ceil(tokens · capacityFactor / E)). */
  capacity(tokens: number): number {
    return Math.min(tokens, expertCapacity(tokens, this.numExperts, this.capacityFactor));
  }

  // Routing has no random part, so `training` changes nothing.
  apply(gateInput: tf.Tensor, _options: GateApplyOptions = {}): GateOutput {
    const x = asGateInput(gateInput, this.inputFeatures);
    return tf.tidy(() => {
      const scores = tf.softmax(tf.matMul(x, this.kernel)) as tf.Tensor2D;
      const picked = tf.transpose(topKMask(tf.transpose(scores), this.capacity(x.shape[0])));
      return { weights: tf.mul(scores, picked) as tf.Tensor2D, auxLosses: {} };
    });
  }

  namedVariables(): Record<string, tf.Variable> {
    return { 'router/kernel': this.kernel };
  }

  dispose(): void {
    this.kernel.dispose();
  }
}
