import * as tf from '@tensorflow/tfjs';
import { loadBalancingLoss, routerZLoss } from '../losses.js';
import { SeedStream } from '../random.js';
import { asGateInput, integerAtLeast, nonNegativeNumber, positiveNumber, unitInterval } from '../validate.js';
import {
  checkOverflowPolicy,
  expertCapacity,
  type OverflowPolicy,
  routeWithCapacity,
} from './capacity-routing.js';
import { type GateApplyOptions, GateModule, type GateOutput } from './gate.js';
import { createVariable, routerInitializer } from './variables.js';

/** Configuration of {@link SwitchRouter}. */
export interface SwitchRouterConfig {
  /** Number of features F of the gating input [tokens, F]. */
  inputFeatures: number;
  /** Number of experts E. */
  numExperts: number;
  /** Capacity per expert = ceil(tokens / E · capacityFactor); `Infinity` for no limit. Default 1.25. */
  capacityFactor?: number;
  /** A token whose expert is full is dropped ('drop') or sent to its next choice with room ('next'). Default 'drop'. */
  overflow?: OverflowPolicy;
  /** Coefficient α of the load-balancing loss E · Σ fᵢ · Pᵢ. Default 0.01. */
  balanceCoefficient?: number;
  /** Coefficient of the router z-loss mean(logsumexp(logits)²). Default 0.001. */
  zLossCoefficient?: number;
  /** Training only: multiply the router input by U(1 − jitter, 1 + jitter) noise. Default 0 (off). */
  jitterNoise?: number;
  /** Seed of the weight initialisation and of the jitter noise. Default: unseeded. */
  seed?: number;
}

/**
 * Switch Transformer top-1 router (Fedus et al. 2021): probabilities softmax(x·W_r); each token (row) goes to
 * its most probable expert with weight equal to that probability, at most `capacity` tokens per expert in
 * token order; overflowing tokens are dropped (all-zero row) or re-routed (see `overflow`).
 *
 * Auxiliary losses: `loadBalancing` = balanceCoefficient · E · Σ fᵢ · Pᵢ (fᵢ from first choices, before
 * capacity) and `zLoss` = zLossCoefficient · mean(logsumexp(logits)²) (ST-MoE). Routing decisions are read
 * back from the device (a synchronous `dataSync`). W_r [F, E] starts truncated-normal with std √(0.1 / F).
 */
export class SwitchRouter extends GateModule {
  readonly inputFeatures: number;
  readonly numExperts: number;
  readonly capacityFactor: number;
  readonly overflow: OverflowPolicy;
  readonly balanceCoefficient: number;
  readonly zLossCoefficient: number;
  readonly jitterNoise: number;
  /** Router weights W_r [F, E]. */
  readonly kernel: tf.Variable;
  private readonly seeds: SeedStream;

  constructor(config: SwitchRouterConfig) {
    super();
    this.inputFeatures = integerAtLeast('inputFeatures', config.inputFeatures, 1);
    this.numExperts = integerAtLeast('numExperts', config.numExperts, 1);
    this.capacityFactor = positiveNumber('capacityFactor', config.capacityFactor ?? 1.25, true);
    this.overflow = checkOverflowPolicy(config.overflow ?? 'drop');
    this.balanceCoefficient = nonNegativeNumber('balanceCoefficient', config.balanceCoefficient ?? 0.01);
    this.zLossCoefficient = nonNegativeNumber('zLossCoefficient', config.zLossCoefficient ?? 0.001);
    this.jitterNoise = unitInterval('jitterNoise', config.jitterNoise ?? 0);
    this.seeds = new SeedStream(config.seed);
    this.kernel = createVariable(
      [this.inputFeatures, this.numExperts],
      routerInitializer(this.inputFeatures, this.seeds.derived(0)),
    );
  }

  apply(gateInput: tf.Tensor, options: GateApplyOptions = {}): GateOutput {
    const x = asGateInput(gateInput, this.inputFeatures);
    const jitter = options.training === true && this.jitterNoise > 0;
    const jitterSeed = jitter ? this.seeds.next() : undefined;
    return tf.tidy(() => {
      const input = jitter
        ? tf.mul(
            x,
            tf.randomUniform(x.shape, 1 - this.jitterNoise, 1 + this.jitterNoise, 'float32', jitterSeed),
          )
        : x;
      const logits = tf.matMul(input, this.kernel) as tf.Tensor2D;
      const probs = tf.softmax(logits) as tf.Tensor2D;
      const tokens = x.shape[0];
      const capacity = expertCapacity(tokens, this.numExperts, this.capacityFactor);
      const { firstChoice, assignment } = routeWithCapacity(
        probs.dataSync(),
        this.numExperts,
        capacity,
        this.overflow,
      );
      const dispatched = tf.tensor2d(dispatchMask(assignment, this.numExperts), [tokens, this.numExperts]);
      return {
        weights: tf.mul(probs, dispatched) as tf.Tensor2D,
        auxLosses: {
          loadBalancing: tf.mul(this.balanceCoefficient, loadBalancingLoss(probs, firstChoice)) as tf.Scalar,
          zLoss: tf.mul(this.zLossCoefficient, routerZLoss(logits)) as tf.Scalar,
        },
      };
    });
  }

  namedVariables(): Record<string, tf.Variable> {
    return { 'router/kernel': this.kernel };
  }

  dispose(): void {
    this.kernel.dispose();
  }
}

/** Row-major [tokens, E] 0/1 values with a 1 at each token's assigned expert (none for dropped tokens). */
function dispatchMask(assignment: Int32Array, numExperts: number): Float32Array {
  const mask = new Float32Array(assignment.length * numExperts);
  assignment.forEach((expert, t) => {
    if (expert >= 0) mask[t * numExperts + expert] = 1;
  });
  return mask;
}
