import type * as tf from '@tensorflow/tfjs';
import { MoeConfigError, MoeShapeError } from '../errors.js';

/** Options of a forward pass. */
export interface GateApplyOptions {
  /** Training mode: noise, jitter and dropout are applied only when true. Default false. */
  training?: boolean;
}

/** What a gate returns for a batch. */
export interface GateOutput {
  /**
   * Gate weights [batch, experts]. Zero where an example is not routed to an expert. Rows sum to 1 for the
   * softmax and top-k gates; Switch and expert-choice rows hold router probabilities (a dropped example's
   * row is all zero).
   */
  weights: tf.Tensor2D;
  /** Auxiliary losses by name, already multiplied by their coefficients. Empty for a gate without any. */
  auxLosses: Record<string, tf.Scalar>;
}

/**
 * A gate (router): a module with its own trainable variables that maps a gating input [batch, features] to
 * gate weights [batch, experts]. Implement it to plug your own gate into `MixtureOfExperts`.
 */
export interface Gate {
  /** Number of features of the gating input. */
  readonly inputFeatures: number;
  /** Number of experts E. */
  readonly numExperts: number;
  /** Gate weights (and auxiliary losses) for `x` [batch, inputFeatures]. Returns new tensors. */
  apply(x: tf.Tensor, options?: GateApplyOptions): GateOutput;
  /** Every variable by a name stable across instances (e.g. `output/kernel`), for checkpoints. */
  namedVariables(): Record<string, tf.Variable>;
  /** The variables that train (`trainable` true), for `tf.variableGrads` and `optimizer.minimize`. */
  trainableVariables(): tf.Variable[];
  /** Frees the variables. The gate cannot be used afterwards. */
  dispose(): void;
}

/** Shared behaviour of this package's gates: variable lists and weight loading. */
export abstract class GateModule implements Gate {
  abstract readonly inputFeatures: number;
  abstract readonly numExperts: number;
  abstract apply(x: tf.Tensor, options?: GateApplyOptions): GateOutput;
  abstract namedVariables(): Record<string, tf.Variable>;
  abstract dispose(): void;

  trainableVariables(): tf.Variable[] {
    return Object.values(this.namedVariables()).filter((variable) => variable.trainable);
  }

  /**
   * Writes `values` (e.g. read from a checkpoint) into the variables of the same names. Every variable must
   * be given, with its shape; `MoeConfigError` names missing or unknown names, `MoeShapeError` a wrong shape.
   */
  setWeights(values: Record<string, tf.Tensor>): void {
    const variables = this.namedVariables();
    const missing = Object.keys(variables).filter((name) => !(name in values));
    const unknown = Object.keys(values).filter((name) => !(name in variables));
    if (missing.length || unknown.length) {
      throw new MoeConfigError(
        'weights',
        `missing [${missing.join(', ')}], unknown [${unknown.join(', ')}]; the gate has [${Object.keys(variables).join(', ')}]`,
      );
    }
    for (const [name, variable] of Object.entries(variables)) {
      const value = values[name];
      if (value.shape.join() !== variable.shape.join()) {
        throw new MoeShapeError(`weight "${name}"`, variable.shape, value.shape);
      }
    }
    for (const [name, variable] of Object.entries(variables)) variable.assign(values[name]);
  }
}
