import * as tf from '@tensorflow/tfjs';
import { BackboneDefinitionError, InputShapeError } from '../errors.js';
import type { BackboneDefinition, BackboneNetwork } from './definition.js';
import { describeInputSpec, type InputSpec } from './input-spec.js';
import type { ParameterCounts, ParameterStore, WeightInfo } from './parameter-store.js';

/** Options of {@link Backbone.embed}. */
export interface EmbedOptions {
  /** Training behaviour (dropout, BatchNorm batch statistics). Ignored while the backbone is frozen. */
  training?: boolean;
}

/**
 * A backbone built by `createBackbone`: a network, its weights, and what it expects and returns.
 *
 * A frozen backbone (the default) never changes: its parameters are non-trainable TF.js variables, so optimizers
 * and `tf.variableGrads` skip them even when asked for every variable, and it always runs in inference mode
 * (no dropout, BatchNorm on running statistics) whatever `training` says.
 */
export class Backbone<C extends object = object> {
  /** Registry id. */
  readonly id: string;
  /** The full configuration (defaults, preset and overrides merged). */
  readonly config: Readonly<C>;
  /** What `embed` expects. */
  readonly input: InputSpec;
  /** Size of the embeddings `embed` returns. */
  readonly embeddingSize: number;
  /** Keys of the published PyTorch checkpoint that this backbone does not use (skipped by `loadTorchWeights`). */
  readonly ignoredTorchKeys: readonly RegExp[];
  private isFrozen = true;

  constructor(
    readonly definition: BackboneDefinition<C>,
    config: C,
    private readonly network: BackboneNetwork,
    private readonly store: ParameterStore,
    frozen: boolean,
  ) {
    this.id = definition.id;
    this.config = Object.freeze({ ...config });
    this.input = network.input;
    this.embeddingSize = network.embeddingSize;
    this.ignoredTorchKeys = network.ignoredTorchKeys ?? [];
    if (frozen) this.freeze();
    else this.unfreeze();
  }

  /** Whether the backbone is frozen (see the class description). */
  get frozen(): boolean {
    return this.isFrozen;
  }

  /** Makes every parameter non-trainable and forces inference mode. */
  freeze(): void {
    this.store.setTrainable(false);
    this.isFrozen = true;
  }

  /** Makes every parameter trainable (buffers stay non-trainable) and honours `training` again. */
  unfreeze(): void {
    this.store.setTrainable(true);
    this.isFrozen = false;
  }

  /**
   * Embeds a batch: `[batch, input.length, input.leads.length]` to `[batch, embeddingSize]`.
   *
   * @throws InputShapeError when `x` does not have the declared shape.
   */
  embed(x: tf.Tensor, options: EmbedOptions = {}): tf.Tensor2D {
    this.checkInput(x);
    const training = !this.isFrozen && (options.training ?? false);
    const output = tf.tidy(() => this.network.forward(x as tf.Tensor3D, { training }));
    const expected = [x.shape[0], this.embeddingSize];
    if (!tf.util.arraysEqual(output.shape, expected)) {
      output.dispose();
      throw new BackboneDefinitionError(
        this.id,
        `forward returned shape [${output.shape}], declared [${expected}]`,
      );
    }
    return output;
  }

  /** Parameter counts (buffers such as BatchNorm running statistics apart). */
  parameterCounts(): ParameterCounts {
    return this.store.counts();
  }

  /** Every variable of the backbone (parameters and buffers such as running statistics), in creation order. */
  variables(): tf.Variable[] {
    return this.store.variables();
  }

  /** The parameters that an optimizer may update: all of them when unfrozen, none when frozen. */
  trainableVariables(): tf.Variable[] {
    return this.store.variables().filter((variable) => variable.trainable);
  }

  /** Every weight: PyTorch state_dict key, TF.js shape, layout conversion, parameter or buffer. */
  weightInfo(): WeightInfo[] {
    return this.store.list();
  }

  /** Copies of every weight by name (TF.js layout); dispose them when done. */
  getWeights(): Map<string, tf.Tensor> {
    return this.store.snapshot();
  }

  /**
   * Sets weights by name (TF.js layout); every name and shape is checked before anything changes.
   *
   * @param options.strict - default true: every weight must be given, and no other name.
   * @param options.source - where the weights come from, for error messages.
   * @returns the weights left unchanged (non-strict only).
   * @throws WeightKeysError, WeightShapeError
   */
  setWeights(
    weights: ReadonlyMap<string, tf.Tensor> | Readonly<Record<string, tf.Tensor>>,
    options: { strict?: boolean; source?: string } = {},
  ): string[] {
    const map = weights instanceof Map ? weights : new Map(Object.entries(weights));
    return this.store.assign(map, options.strict ?? true, options.source);
  }

  /** Frees every variable and constant tensor of the backbone. */
  dispose(): void {
    this.store.dispose();
  }

  /** One line: id, embedding size, input. */
  toString(): string {
    return `${this.id}: ${describeInputSpec(this.input)} -> ${this.embeddingSize}-d embedding`;
  }

  private checkInput(x: tf.Tensor): void {
    const expected = [null, this.input.length, this.input.leads.length];
    if (x.rank !== 3 || x.shape[1] !== this.input.length || x.shape[2] !== this.input.leads.length) {
      throw new InputShapeError(this.id, expected, x.shape, `expects ${describeInputSpec(this.input)}`);
    }
  }
}
