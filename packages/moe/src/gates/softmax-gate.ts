import * as tf from '@tensorflow/tfjs';
import { asGateInput, integerAtLeast } from '../validate.js';
import { type GateApplyOptions, GateModule, type GateOutput } from './gate.js';
import { SoftmaxGateLayer, type SoftmaxGateOptions } from './softmax-gate-layer.js';

/** Configuration of {@link SoftmaxGate}. */
export interface SoftmaxGateConfig extends SoftmaxGateOptions {
  /** Number of features F of the gating input [batch, F]. */
  inputFeatures: number;
  /** Name of the underlying layer. Default: a unique name. */
  name?: string;
}

/**
 * Dense softmax gate (EnECG's gate): an MLP followed by a softmax over the E experts, so every expert gets a
 * weight > 0 and each row sums to 1. No auxiliary losses.
 *
 * The computation lives in {@link SoftmaxGateLayer}, available as `gate.layer` for use in Layers models;
 * this class gives it the {@link Gate} interface for custom training loops.
 */
export class SoftmaxGate extends GateModule {
  readonly inputFeatures: number;
  readonly numExperts: number;
  /** The layer holding the weights; share it with a Layers model to train or save it there. */
  readonly layer: SoftmaxGateLayer;

  constructor(config: SoftmaxGateConfig) {
    super();
    const { inputFeatures, ...layerArgs } = config;
    this.inputFeatures = integerAtLeast('inputFeatures', inputFeatures, 1);
    this.layer = new SoftmaxGateLayer(layerArgs);
    this.numExperts = this.layer.numExperts;
    // One eager call builds the weights and makes the layer disposable (TensorFlow.js counts eager use).
    tf.tidy(() => {
      this.layer.apply(tf.zeros([1, inputFeatures]));
    });
  }

  apply(gateInput: tf.Tensor, options: GateApplyOptions = {}): GateOutput {
    const x = asGateInput(gateInput, this.inputFeatures);
    const weights = this.layer.apply(x, { training: options.training ?? false }) as tf.Tensor2D;
    return { weights, auxLosses: {} };
  }

  // A layer weight's `read()` is its `tf.Variable`.
  namedVariables(): Record<string, tf.Variable> {
    const weights = Object.entries(this.layer.namedWeights());
    return Object.fromEntries(weights.map(([name, weight]) => [name, weight.read() as tf.Variable]));
  }

  /** Disposes the layer's weights, unless a model still uses the layer. */
  dispose(): void {
    this.layer.dispose();
  }
}
