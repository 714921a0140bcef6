import * as tf from '@tensorflow/tfjs';

/** Options of AdamW (defaults as PyTorch's torch.optim.AdamW). */
export interface AdamWOptions {
  learningRate?: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Decoupled weight decay λ (default 0.01). */
  weightDecay?: number;
  /** Which variables decay, by variable name (default: all). Biases and norms are often excluded. */
  decay?: (variableName: string) => boolean;
}

/**
 * Adam with decoupled weight decay (Loshchilov & Hutter, "Decoupled Weight Decay Regularization", ICLR 2019), as
 * PyTorch's AdamW: each step first shrinks every decaying weight by (1 - lr·λ), then applies the Adam update.
 * tfjs has no AdamW; this extends its Adam so moments, serialisation and `minimize` work as usual. The learning
 * rate can change between steps (for schedules) with `setLearningRate`.
 */
export class AdamWOptimizer extends tf.AdamOptimizer {
  readonly weightDecay: number;
  private readonly decays: (variableName: string) => boolean;

  constructor(options: AdamWOptions = {}) {
    super(
      options.learningRate ?? 1e-3,
      options.beta1 ?? 0.9,
      options.beta2 ?? 0.999,
      options.epsilon ?? 1e-8,
    );
    this.weightDecay = options.weightDecay ?? 0.01;
    this.decays = options.decay ?? (() => true);
  }

  /** The learning rate used by the next step. */
  get currentLearningRate(): number {
    return this.learningRate;
  }

  setLearningRate(learningRate: number): void {
    if (!(learningRate >= 0)) throw new RangeError(`learning rate must be >= 0, got ${learningRate}`);
    this.learningRate = learningRate;
  }

  override applyGradients(variableGradients: Parameters<tf.AdamOptimizer['applyGradients']>[0]): void {
    const names = Array.isArray(variableGradients)
      ? variableGradients.map((g) => g.name)
      : Object.keys(variableGradients);
    const shrink = 1 - this.learningRate * this.weightDecay;
    if (shrink !== 1) {
      tf.tidy(() => {
        for (const name of names) {
          if (!this.decays(name)) continue;
          const variable = tf.engine().registeredVariables[name];
          if (variable?.trainable) variable.assign(variable.mul(shrink));
        }
      });
    }
    super.applyGradients(variableGradients);
  }
}
