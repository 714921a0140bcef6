import * as tf from '@tensorflow/tfjs';
import { combineDense, evaluateExperts } from './combine/dense.js';
import { type Expert, expertVariables } from './combine/experts.js';
import { dispatchSparse } from './combine/sparse.js';
import { MoeConfigError, MoeShapeError } from './errors.js';
import type { Gate } from './gates/gate.js';

/**
 * How expert outputs are combined: 'dense' runs every expert on every example (EnECG's ensemble);
 * 'sparse' runs each expert only on the examples with a non-zero gate weight for it.
 */
export type CombineMode = 'dense' | 'sparse';

/** Configuration of {@link MixtureOfExperts}. */
export interface MixtureOfExpertsConfig {
  /** The gate; its `numExperts` must equal the number of experts. Disposed with the mixture. */
  gate: Gate;
  /** The experts, each mapping [n, ...] to [n, D] with the same D. They stay the caller's to dispose. */
  experts: Expert[];
  /** Default 'dense'. */
  mode?: CombineMode;
}

/** Options of {@link MixtureOfExperts.apply}. */
export interface MoeApplyOptions {
  /** Training mode, passed to the gate (noise, dropout) and to the experts. Default false. */
  training?: boolean;
  /**
   * What the gate sees, [batch, F]; default the expert input itself. EnECG gates on lead II while the
   * experts see all leads. Flatten other shapes first: `t.reshape([t.shape[0], -1])`.
   */
  gateInput?: tf.Tensor;
}

/** Result of {@link MixtureOfExperts.apply}; every tensor is new and the caller's to dispose. */
export interface MoeOutput {
  /** Combined output [batch, D]. */
  output: tf.Tensor2D;
  /** Gate weights [batch, E], for inspection and plots. */
  gateWeights: tf.Tensor2D;
  /** The gate's auxiliary losses by name, already multiplied by their coefficients. */
  auxLosses: Record<string, tf.Scalar>;
  /** Sum of `auxLosses` (0 when there are none): add it to the task loss. */
  totalAuxLoss: tf.Scalar;
}

/**
 * A mixture-of-experts module: a gate weights E experts per example and their outputs are summed,
 * output[b] = Σᵢ gateWeights[b, i] · expertᵢ(x)[b]. For custom training loops: call `apply` inside
 * `optimizer.minimize` / `tf.variableGrads` and pass `trainableVariables()` as the variable list.
 */
export class MixtureOfExperts {
  readonly gate: Gate;
  readonly experts: readonly Expert[];
  readonly mode: CombineMode;

  constructor(config: MixtureOfExpertsConfig) {
    const { gate, experts, mode = 'dense' } = config;
    if (experts.length === 0) throw new MoeConfigError('experts', 'give at least one expert');
    if (experts.length !== gate.numExperts) {
      throw new MoeConfigError(
        'experts',
        `${experts.length} experts given, but the gate routes to ${gate.numExperts} (its numExperts)`,
      );
    }
    if (mode !== 'dense' && mode !== 'sparse') {
      throw new MoeConfigError('mode', `must be 'dense' or 'sparse', got ${JSON.stringify(mode)}`);
    }
    this.gate = gate;
    this.experts = [...experts];
    this.mode = mode;
  }

  /** Runs the gate and the experts on a batch `x` [batch, ...]. */
  apply(x: tf.Tensor, options: MoeApplyOptions = {}): MoeOutput {
    const training = options.training ?? false;
    const gateInput = options.gateInput ?? x;
    if (gateInput.shape[0] !== x.shape[0]) {
      throw new MoeShapeError(
        'gate input',
        [x.shape[0], null],
        gateInput.shape,
        `the expert input is [${x.shape.join(', ')}]`,
      );
    }
    return tf.tidy(() => {
      const { weights, auxLosses } = this.gate.apply(gateInput, { training });
      const output =
        this.mode === 'dense'
          ? combineDense(weights, evaluateExperts(this.experts, x, training))
          : dispatchSparse(this.experts, x, weights, training);
      const losses = Object.values(auxLosses);
      const totalAuxLoss = (losses.length ? tf.addN(losses) : tf.scalar(0)) as tf.Scalar;
      return { output, gateWeights: weights, auxLosses, totalAuxLoss };
    });
  }

  /** The gate's trainable variables, then those of the experts that are layers (not frozen ones). */
  trainableVariables(): tf.Variable[] {
    return [...this.gate.trainableVariables(), ...expertVariables(this.experts)];
  }

  /** Disposes the gate. The experts belong to the caller (often shared, pretrained models). */
  dispose(): void {
    this.gate.dispose();
  }
}
