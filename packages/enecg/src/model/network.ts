// The trainable part of EnECG: per expert and task an output head, per task a gate. Experts are frozen and
// enter as precomputed embeddings; this computes each task's gate weights and expert outputs, and the
// multi-task loss.
import * as tf from '@tensorflow/tfjs';
import { taskMixtureLoss } from '../train/losses.js';
import { outputSize, type ResolvedEnEcgConfig } from './config.js';
import { type FeatureMatrix, sliceRows } from './features.js';
import { TaskGate } from './gate.js';
import { ExpertHead, type HeadSpec } from './head.js';
import { deriveSeed } from './seeds.js';

/** One task's raw outputs for a batch: gate weights [B, E] and each expert's head output [B, E, K]. */
export interface TaskOutputs {
  gateWeights: tf.Tensor2D;
  /** Standardised predictions (regression) or logits (classification, multi-label). */
  expertOutputs: tf.Tensor3D;
}

/** One task's targets for a batch: values [B, K] and mask [B] (1 = known). */
export interface TaskTargets {
  values: tf.Tensor2D;
  mask: tf.Tensor1D;
}

/** Options of {@link EnsembleNetwork.forward}. */
export interface NetworkForwardOptions {
  training?: boolean;
  /** Seeds of the LoRA dropout masks (training). */
  nextSeed?: () => number;
  /** `firstLayerBases` rows of this batch, [expert][task]. */
  firstLayerBases?: (tf.Tensor2D | null)[][];
  /** Each expert's embeddings transposed, [D, B] (training: faster gradients). */
  inputsTransposed?: tf.Tensor2D[];
}

/** Heads ([expert][task]) and gates ([task]) of an EnECG model. */
export class EnsembleNetwork {
  readonly heads: ExpertHead[][];
  readonly gates: TaskGate[];

  /**
   * @param embeddingSizes - each expert's embedding size.
   * @param gateFeatures - size of the flattened gate input.
   * @param loadHead - builds a head from its spec instead of initialising it (loading a saved model).
   */
  constructor(
    readonly config: ResolvedEnEcgConfig,
    embeddingSizes: readonly number[],
    gateFeatures: number,
    loadHead?: (spec: HeadSpec, expert: string, task: string) => ExpertHead,
  ) {
    const heads: ExpertHead[][] = [];
    const gates: TaskGate[] = [];
    try {
      for (const [e, expert] of config.experts.entries()) {
        const row: ExpertHead[] = [];
        heads.push(row);
        for (const task of config.tasks) {
          const spec = headSpec(config, expert, task.name, embeddingSizes[e], outputSize(task));
          row.push(loadHead ? loadHead(spec, expert, task.name) : ExpertHead.create(spec));
        }
      }
      for (const task of config.tasks) {
        gates.push(
          new TaskGate({
            kind: config.gate.kind,
            inputFeatures: gateFeatures,
            numExperts: config.experts.length,
            hidden: config.gate.hidden,
            seed: deriveSeed(config.seed, 'gate', task.name),
          }),
        );
      }
    } catch (error) {
      for (const head of heads.flat()) head.dispose();
      for (const gate of gates) gate.dispose();
      throw error;
    }
    this.heads = heads;
    this.gates = gates;
  }

  /** Whether any task has a learnt gate (which needs the gate input). */
  get needsGateInput(): boolean {
    return this.gates.some((gate) => gate.learnt);
  }

  /** Every variable training updates: heads, then gates. */
  trainableVariables(): tf.Variable[] {
    return [
      ...this.heads.flat().flatMap((h) => h.trainableVariables()),
      ...this.gates.flatMap((g) => g.trainableVariables()),
    ];
  }

  /**
   * The frozen first-layer products of every head for these embeddings ([expert][task]; null in 'full' mode),
   * computed `chunk` records at a time.
   */
  async firstLayerBases(
    embeddings: readonly FeatureMatrix[],
    chunk = 512,
  ): Promise<(FeatureMatrix | null)[][]> {
    const bases: (FeatureMatrix | null)[][] = [];
    for (const [e, row] of this.heads.entries()) {
      const x = embeddings[e];
      const expertBases: (FeatureMatrix | null)[] = [];
      for (const head of row) {
        if (head.spec.mode !== 'lora') {
          expertBases.push(null);
          continue;
        }
        const columns = head.spec.hidden[0];
        const data = new Float32Array(x.rows * columns);
        for (let start = 0; start < x.rows; start += chunk) {
          const count = Math.min(chunk, x.rows - start);
          const input = sliceRows(x, start, count);
          const base = head.firstLayerBase(input)!;
          // Asynchronous reads: WebGPU in Node has no synchronous read (tfjs needs OffscreenCanvas for it).
          data.set(await base.data(), start * columns);
          tf.dispose([input, base]);
        }
        expertBases.push({ data, rows: x.rows, columns });
      }
      bases.push(expertBases);
    }
    return bases;
  }

  /** Gate weights and expert outputs of every task for a batch of embeddings (one [B, D] per expert). */
  forward(
    embeddings: readonly tf.Tensor2D[],
    gateInput: tf.Tensor2D | null,
    options: NetworkForwardOptions = {},
  ): TaskOutputs[] {
    const batch = embeddings[0].shape[0];
    return this.config.tasks.map((_, t) => {
      const outputs = this.heads.map((row, e) =>
        row[t].forward(embeddings[e], {
          training: options.training,
          nextSeed: options.nextSeed,
          firstLayerBase: options.firstLayerBases?.[e][t] ?? undefined,
          inputTransposed: options.inputsTransposed?.[e],
        }),
      );
      const expertOutputs = tf.stack(outputs, 1) as tf.Tensor3D;
      tf.dispose(outputs);
      return { gateWeights: this.gates[t].weights(gateInput, batch, options.training), expertOutputs };
    });
  }

  /** Each task's mean loss over its known targets in the batch (unweighted). */
  taskLosses(outputs: readonly TaskOutputs[], targets: readonly TaskTargets[]): tf.Scalar[] {
    return this.config.tasks.map((task, t) =>
      taskMixtureLoss(
        task,
        outputs[t].gateWeights,
        outputs[t].expertOutputs,
        targets[t].values,
        targets[t].mask,
      ),
    );
  }

  /** The multi-task loss: Σ over tasks of weight x task loss. */
  loss(outputs: readonly TaskOutputs[], targets: readonly TaskTargets[]): tf.Scalar {
    return tf.tidy(() => {
      const losses = this.taskLosses(outputs, targets);
      return tf.addN(losses.map((loss, t) => tf.mul(loss, this.config.tasks[t].weight ?? 1))) as tf.Scalar;
    });
  }

  /** Parameters of the heads (all, trainable) and gates. */
  parameterCounts(): { heads: number; headsTrainable: number; gates: number } {
    let heads = 0;
    let headsTrainable = 0;
    for (const head of this.heads.flat()) {
      const counts = head.parameterCounts();
      heads += counts.total;
      headsTrainable += counts.trainable;
    }
    return { heads, headsTrainable, gates: this.gates.reduce((n, g) => n + g.parameterCount(), 0) };
  }

  dispose(): void {
    for (const head of this.heads.flat()) head.dispose();
    for (const gate of this.gates) gate.dispose();
  }
}

/** The spec of expert `expert`'s head for task `task`. */
export function headSpec(
  config: ResolvedEnEcgConfig,
  expert: string,
  task: string,
  inputSize: number,
  size: number,
): HeadSpec {
  return {
    inputSize,
    outputSize: size,
    hidden: config.head.hidden,
    mode: config.head.mode,
    lora: config.head.lora,
    seed: deriveSeed(config.seed, 'head', expert, task),
    name: `enecg-head/${expert}/${task}`,
  };
}
