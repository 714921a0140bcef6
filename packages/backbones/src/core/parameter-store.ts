import * as tf from '@tensorflow/tfjs';
import { BackboneDefinitionError, WeightKeysError, WeightShapeError } from '../errors.js';
import type { Initializer } from './initializers.js';
import type { TorchLayout } from './torch-layout.js';

/** How a weight is created. */
export interface WeightOptions {
  init: Initializer;
  /** How the PyTorch tensor of the same name is laid out; default `same`. */
  layout?: TorchLayout;
  /** Non-trainable state such as BatchNorm running statistics: saved and loaded, never trained. */
  buffer?: boolean;
  /** Other PyTorch state_dict keys accepted for this weight (older spellings of the same tensor). */
  aliases?: readonly string[];
}

/** A weight of a backbone, named by its PyTorch state_dict key, shaped in TF.js layout. */
export interface WeightInfo {
  readonly name: string;
  readonly shape: readonly number[];
  readonly layout: TorchLayout;
  /** `parameter` (trainable unless frozen) or `buffer` (never trainable). */
  readonly kind: 'parameter' | 'buffer';
  readonly aliases: readonly string[];
}

/** Parameter counts: `total` and `trainable` count parameters (as PyTorch does); buffers are counted apart. */
export interface ParameterCounts {
  total: number;
  trainable: number;
  buffers: number;
}

interface StoredWeight extends WeightInfo {
  readonly variable: tf.Variable;
}

/**
 * Owns every variable and constant tensor of one backbone. Weights are created through {@link ParameterScope}s
 * and named by their PyTorch state_dict keys, so weight files and name maps need no separate table.
 */
export class ParameterStore {
  private readonly weights = new Map<string, StoredWeight>();
  private readonly constants: tf.Tensor[] = [];
  private created = 0;

  constructor(
    private readonly backboneId: string,
    private readonly seed: number,
  ) {}

  /** The scope whose weights have no name prefix. */
  root(): ParameterScope {
    return new ParameterScope(this, '');
  }

  /** Creates a weight; `name` must be new. Parameters start trainable, buffers never are. */
  add(name: string, shape: number[], options: WeightOptions): tf.Variable {
    if (this.weights.has(name)) {
      throw new BackboneDefinitionError(this.backboneId, `weight "${name}" is created twice`);
    }
    const seed = this.seed * 7919 + ++this.created;
    const kind = options.buffer ? 'buffer' : 'parameter';
    const variable = tf.tidy(() => tf.variable(options.init(shape, seed), kind === 'parameter'));
    this.weights.set(name, {
      name,
      shape: [...shape],
      layout: options.layout ?? 'same',
      kind,
      aliases: options.aliases ?? [],
      variable,
    });
    return variable;
  }

  /** Keeps a constant tensor (positional table, DFT basis...) alive until the backbone is disposed. */
  keep<T extends tf.Tensor>(tensor: T): T {
    this.constants.push(tf.keep(tensor));
    return tensor;
  }

  /** Every weight, in creation order. */
  list(): WeightInfo[] {
    return [...this.weights.values()].map(({ variable: _, ...info }) => info);
  }

  /** The variable of a weight, or undefined. */
  variable(name: string): tf.Variable | undefined {
    return this.weights.get(name)?.variable;
  }

  /** Every variable (parameters and buffers), in creation order. */
  variables(): tf.Variable[] {
    return [...this.weights.values()].map((w) => w.variable);
  }

  /** Makes every parameter trainable or not; buffers stay non-trainable. */
  setTrainable(trainable: boolean): void {
    for (const weight of this.weights.values()) {
      if (weight.kind === 'parameter') weight.variable.trainable = trainable;
    }
  }

  counts(): ParameterCounts {
    const counts: ParameterCounts = { total: 0, trainable: 0, buffers: 0 };
    for (const { kind, variable } of this.weights.values()) {
      if (kind === 'buffer') {
        counts.buffers += variable.size;
        continue;
      }
      counts.total += variable.size;
      if (variable.trainable) counts.trainable += variable.size;
    }
    return counts;
  }

  /** Copies of every weight (TF.js layout); the caller disposes them. */
  snapshot(): Map<string, tf.Tensor> {
    return new Map([...this.weights].map(([name, { variable }]) => [name, variable.clone()]));
  }

  /**
   * Assigns weights by name (TF.js layout). Checks every name and shape before assigning anything.
   *
   * @param strict - when true (default), every weight must be given and no other name.
   * @returns names that were not assigned (only when `strict` is false).
   */
  assign(values: ReadonlyMap<string, tf.Tensor>, strict = true, source?: string): string[] {
    const missing = [...this.weights.keys()].filter((name) => !values.has(name));
    const unexpected = [...values.keys()].filter((name) => !this.weights.has(name));
    if (strict && (missing.length > 0 || unexpected.length > 0)) {
      throw new WeightKeysError(missing, unexpected, source);
    }
    for (const [name, tensor] of values) {
      const weight = this.weights.get(name);
      if (weight && !tf.util.arraysEqual(weight.shape as number[], tensor.shape)) {
        throw new WeightShapeError(name, [...weight.shape], tensor.shape, source, 'TF.js layout');
      }
    }
    tf.tidy(() => {
      for (const [name, tensor] of values) this.weights.get(name)?.variable.assign(tensor.asType('float32'));
    });
    return missing;
  }

  dispose(): void {
    for (const { variable } of this.weights.values()) variable.dispose();
    for (const tensor of this.constants) tensor.dispose();
    this.weights.clear();
    this.constants.length = 0;
  }
}

/** Creates weights under a name prefix, mirroring the PyTorch module path (`encoder.layers.0.fc1`). */
export class ParameterScope {
  constructor(
    private readonly store: ParameterStore,
    /** The module path of this scope, `''` at the root. */
    readonly path: string,
  ) {}

  /** The scope of a submodule: `child('fc1')`, `child(0)`. */
  child(name: string | number): ParameterScope {
    return new ParameterScope(this.store, this.qualify(String(name)));
  }

  /** Creates the weight `<path>.<name>`. */
  weight(name: string, shape: number[], options: WeightOptions): tf.Variable {
    const aliases = options.aliases?.map((alias) => this.qualify(alias));
    return this.store.add(this.qualify(name), shape, { ...options, aliases });
  }

  /** Keeps a constant tensor alive for the backbone's lifetime (see {@link ParameterStore.keep}). */
  constant<T extends tf.Tensor>(tensor: T): T {
    return this.store.keep(tensor);
  }

  private qualify(name: string): string {
    return this.path === '' ? name : `${this.path}.${name}`;
  }
}
