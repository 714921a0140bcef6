// The gate of one task: a learnt softmax gate (@enecg/moe SoftmaxGate) on the gate input, or fixed equal
// weights ('uniform', the averaging baseline; also used whenever there is a single expert, whose weight is 1).
import { SoftmaxGate } from '@enecg/moe';
import * as tf from '@tensorflow/tfjs';
import { EnEcgFileError } from './errors.js';
import { type F32Tensor, readWeightsFile, writeWeightsFile } from './weights-file.js';

/** What defines a task's gate. */
export interface GateSpec {
  kind: 'softmax' | 'uniform';
  /** Features of the gate input (leads x samples). */
  inputFeatures: number;
  numExperts: number;
  hidden: number[];
  seed: number;
}

/** A task's gate: weights [B, E] whose rows sum to 1. */
export class TaskGate {
  private readonly softmax: SoftmaxGate | null;

  constructor(readonly spec: GateSpec) {
    this.softmax =
      spec.kind === 'softmax' && spec.numExperts > 1
        ? new SoftmaxGate({
            inputFeatures: spec.inputFeatures,
            numExperts: spec.numExperts,
            hiddenUnits: spec.hidden,
            seed: spec.seed,
          })
        : null;
  }

  /** Whether the gate has weights that learn (softmax kind with more than one expert). */
  get learnt(): boolean {
    return this.softmax !== null;
  }

  /** Gate weights [batch, E] for the gate input [batch, F] (unused by a fixed gate). */
  weights(gateInput: tf.Tensor2D | null, batch: number, training = false): tf.Tensor2D {
    if (!this.softmax) return tf.fill([batch, this.spec.numExperts], 1 / this.spec.numExperts) as tf.Tensor2D;
    if (!gateInput) throw new Error('a softmax gate needs its input');
    return this.softmax.apply(gateInput, { training }).weights;
  }

  trainableVariables(): tf.Variable[] {
    return this.softmax ? this.softmax.trainableVariables() : [];
  }

  parameterCount(): number {
    return this.trainableVariables().reduce((n, v) => n + v.size, 0);
  }

  /** The gate's weights as safetensors (TF.js layout, @enecg/moe names), or null for a fixed gate. */
  save(): Uint8Array | null {
    if (!this.softmax) return null;
    const tensors = new Map<string, F32Tensor>();
    for (const [name, variable] of Object.entries(this.softmax.namedVariables())) {
      tensors.set(name, { shape: [...variable.shape], data: variable.dataSync() as Float32Array });
    }
    return writeWeightsFile(tensors, {
      format: 'enecg-gate',
      layout: 'tfjs',
      gate: 'softmax',
      num_experts: String(this.spec.numExperts),
      hidden: JSON.stringify(this.spec.hidden),
    });
  }

  /** Loads weights written by `save`. */
  load(bytes: Uint8Array, file: string): void {
    if (!this.softmax) throw new EnEcgFileError(file, 'a fixed (uniform) gate has no weights to load');
    const { tensors } = readWeightsFile(bytes, file);
    const values = Object.fromEntries(
      [...tensors].map(([name, { shape, data }]) => [name, tf.tensor(data, shape)] as const),
    );
    try {
      this.softmax.setWeights(values);
    } catch (error) {
      throw new EnEcgFileError(file, (error as Error).message);
    } finally {
      tf.dispose(Object.values(values));
    }
  }

  dispose(): void {
    this.softmax?.dispose();
  }
}
