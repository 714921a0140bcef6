import type * as tf from '@tensorflow/tfjs';
import type { InputSpec } from './input-spec.js';
import type { ParameterScope } from './parameter-store.js';

/** Passed to every forward pass. */
export interface ForwardContext {
  /**
   * Training behaviour: dropout active, BatchNorm on batch statistics (and updating its running statistics).
   * Always false while the backbone is frozen.
   */
  readonly training: boolean;
}

/** A built network: what `BackboneDefinition.build` returns. */
export interface BackboneNetwork {
  /** What the network expects. */
  readonly input: InputSpec;
  /** Size of the embedding `forward` returns. */
  readonly embeddingSize: number;
  /**
   * PyTorch state_dict keys of the published model that have no place in this network (task heads, buffers that
   * are recomputed, duplicate registrations): skipped silently when loading PyTorch weights.
   */
  readonly ignoredTorchKeys?: readonly RegExp[];
  /**
   * Maps `[batch, input.length, input.leads.length]` to `[batch, embeddingSize]`. Runs inside `tf.tidy`; the
   * input shape has been checked already.
   */
  forward(x: tf.Tensor3D, context: ForwardContext): tf.Tensor2D;
}

/**
 * Everything the registry needs to build a backbone. A contributor writes one of these (see
 * CONTRIBUTING-BACKBONES.md) and passes it to `registerBackbone`.
 */
export interface BackboneDefinition<C extends object = object> {
  /** Registry id, e.g. `ecg-fm`: lower case letters, digits and dashes. */
  readonly id: string;
  /** Human-readable name. */
  readonly title: string;
  /** The paper (and code) the architecture follows. */
  readonly reference: string;
  /** The small default configuration (runs fast on a CPU). */
  readonly defaultConfig: Readonly<C>;
  /** Named overrides of the default configuration, e.g. the published sizes. */
  readonly presets?: Readonly<Record<string, Partial<C>>>;
  /**
   * Creates the weights (through `scope`) and returns the network. Throw `BackboneConfigError` for an invalid
   * configuration.
   */
  build(config: C, scope: ParameterScope): BackboneNetwork;
}
