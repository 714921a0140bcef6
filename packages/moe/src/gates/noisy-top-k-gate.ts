import * as tf from '@tensorflow/tfjs';
import { MoeConfigError } from '../errors.js';
import { cvSquared, probabilityInTopK } from '../losses.js';
import { SeedStream } from '../random.js';
import { topKMask } from '../top-k-mask.js';
import { asGateInput, integerAtLeast, nonNegativeNumber } from '../validate.js';
import { type GateApplyOptions, GateModule, type GateOutput } from './gate.js';
import { createVariable } from './variables.js';

/** Configuration of {@link NoisyTopKGate}. */
export interface NoisyTopKGateConfig {
  /** Number of features F of the gating input [batch, F]. */
  inputFeatures: number;
  /** Number of experts E. */
  numExperts: number;
  /** Experts kept per example, 1 <= k <= E. */
  k: number;
  /** Coefficient of the importance loss (CV² of the per-expert sums of gate weights). Default 0.01. */
  importanceCoefficient?: number;
  /** Coefficient of the load loss (CV² of the smooth per-expert load estimate). Default 0.01. */
  loadCoefficient?: number;
  /** Added to softplus(x·W_noise) so the noise standard deviation never reaches 0. Default 0.01. */
  noiseEpsilon?: number;
  /** Seed of the noise, for reproducible runs. Default: unseeded. */
  seed?: number;
}

/**
 * Noisy top-k gating (Shazeer et al. 2017, "Outrageously large neural networks"):
 * H = x·W_g + ε · (softplus(x·W_noise) + noiseEpsilon), ε ~ N(0, 1) in training only (H = x·W_g otherwise);
 * weights = softmax over the k largest entries of H, zero elsewhere (each row sums to 1, k non-zeros).
 *
 * Auxiliary losses: `importance` = importanceCoefficient · CV²(Σ_batch weights) and `load` = loadCoefficient
 * · CV²(Σ_batch P(x, i)), with the paper's smooth estimator P (see {@link probabilityInTopK}), computed from
 * the logits actually used. W_g and W_noise start at zero, as in the paper: no signal and some noise.
 */
export class NoisyTopKGate extends GateModule {
  readonly inputFeatures: number;
  readonly numExperts: number;
  readonly k: number;
  readonly importanceCoefficient: number;
  readonly loadCoefficient: number;
  readonly noiseEpsilon: number;
  /** Gating weights W_g [F, E]. */
  readonly gateKernel: tf.Variable;
  /** Noise weights W_noise [F, E]. */
  readonly noiseKernel: tf.Variable;
  private readonly seeds: SeedStream;

  constructor(config: NoisyTopKGateConfig) {
    super();
    this.inputFeatures = integerAtLeast('inputFeatures', config.inputFeatures, 1);
    this.numExperts = integerAtLeast('numExperts', config.numExperts, 1);
    this.k = integerAtLeast('k', config.k, 1);
    if (this.k > this.numExperts) {
      throw new MoeConfigError('k', `${this.k} is larger than the number of experts (${this.numExperts})`);
    }
    this.importanceCoefficient = nonNegativeNumber(
      'importanceCoefficient',
      config.importanceCoefficient ?? 0.01,
    );
    this.loadCoefficient = nonNegativeNumber('loadCoefficient', config.loadCoefficient ?? 0.01);
    this.noiseEpsilon = nonNegativeNumber('noiseEpsilon', config.noiseEpsilon ?? 0.01);
    this.seeds = new SeedStream(config.seed);
    const shape = [this.inputFeatures, this.numExperts];
    this.gateKernel = createVariable(shape, tf.initializers.zeros());
    this.noiseKernel = createVariable(shape, tf.initializers.zeros());
  }

  apply(gateInput: tf.Tensor, options: GateApplyOptions = {}): GateOutput {
    const x = asGateInput(gateInput, this.inputFeatures);
    const noiseSeed = options.training ? this.seeds.next() : undefined;
    return tf.tidy(() => {
      const clean = tf.matMul(x, this.gateKernel) as tf.Tensor2D;
      const noiseStd = tf.add<tf.Tensor2D>(tf.softplus(tf.matMul(x, this.noiseKernel)), this.noiseEpsilon);
      const logits = options.training
        ? tf.add<tf.Tensor2D>(
            clean,
            tf.mul(tf.randomNormal(clean.shape, 0, 1, 'float32', noiseSeed), noiseStd),
          )
        : clean;
      const kept = tf.cast(topKMask(logits, this.k), 'bool');
      const weights = tf.softmax(tf.where(kept, logits, tf.fill(logits.shape, -Infinity))) as tf.Tensor2D;
      const load = tf.sum<tf.Tensor1D>(probabilityInTopK(clean, logits, noiseStd, this.k), 0);
      return {
        weights,
        auxLosses: {
          importance: tf.mul(
            this.importanceCoefficient,
            cvSquared(tf.sum<tf.Tensor1D>(weights, 0)),
          ) as tf.Scalar,
          load: tf.mul(this.loadCoefficient, cvSquared(load)) as tf.Scalar,
        },
      };
    });
  }

  namedVariables(): Record<string, tf.Variable> {
    return { 'gate/kernel': this.gateKernel, 'noise/kernel': this.noiseKernel };
  }

  dispose(): void {
    this.gateKernel.dispose();
    this.noiseKernel.dispose();
  }
}
