import * as tf from '@tensorflow/tfjs';
import { AdapterNameError, LoraConfigError, LoraRankError } from '../errors.js';
import { type LoraAdapterSettings, loraScaling, resolveAdapterSettings } from './adapter-settings.js';
import { loraInitializers } from './init.js';
import {
  deserializeLayer,
  findWeight,
  type Kwargs,
  type LayerArgs,
  serializeLayer,
  weightShape,
} from './layer-utils.js';

/** One adapter of a LoRA layer: its name and (optionally) settings; missing settings take PEFT's defaults. */
export interface LoraAdapterEntry extends Partial<LoraAdapterSettings> {
  name: string;
}

/** Arguments of the LoRA layer classes. */
export interface LoraLayerArgs extends LayerArgs {
  /** The layer to adapt. Its weights are used as they are (shared, not copied) and frozen. */
  baseLayer: tf.layers.Layer;
  /** Adapters to create when the layer is built. Default: one adapter named 'default' with PEFT's defaults. */
  adapters?: LoraAdapterEntry[];
  /** The adapter used in the forward pass; `null` for none. Default: the first adapter. */
  activeAdapter?: string | null;
  /** Adapters already folded into the base kernel (set when a saved merged layer is loaded). */
  mergedAdapters?: string[];
  /** Whether the base layer's bias trains along with the adapter. Default false. */
  trainBias?: boolean;
  /** Dispose the base layer's weights with this layer. Default false: the base layer belongs to the caller. */
  ownsBaseLayer?: boolean;
}

interface Adapter {
  settings: LoraAdapterSettings;
  scaling: number;
  /** Created when the layer is built. */
  weights?: { loraA: tf.LayerVariable; loraB: tf.LayerVariable };
}

const ADAPTER_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;

/** Throws `AdapterNameError` unless `name` can name an adapter (and its weights). */
export function checkAdapterName(name: string): void {
  if (typeof name !== 'string' || !ADAPTER_NAME.test(name)) {
    throw new AdapterNameError(
      String(name),
      'names must start with a letter or digit and use only [A-Za-z0-9_.-]',
    );
  }
}

/**
 * The largest useful rank for a kernel of shape [...kernel size, in, out]: the rank of its update reshaped to
 * [kernel size x in, out].
 */
export function maxLoraRank(kernelShape: number[]): number {
  const out = kernelShape[kernelShape.length - 1];
  return Math.min(
    kernelShape.slice(0, -1).reduce((product, size) => product * size, 1),
    out,
  );
}

/**
 * A layer that adds a low-rank update to a frozen Dense or convolution layer:
 * `y = activation(base(x) + scaling · B(A(dropout(x))))`, where A has the base layer's kernel size, strides and
 * padding and `r` output channels, and B is a 1x1 map from `r` to the output channels. Holds any number of
 * named adapters; only the active one takes part in the forward pass. Subclasses supply the base operation.
 *
 * The layer takes the base layer's name, so layer paths (and PEFT tensor names) do not change when a model is
 * wrapped. Weights: the base kernel (never trainable), the base bias (trainable with `trainBias`), and per
 * adapter `lora_A.<adapter>` and `lora_B.<adapter>` in TensorFlow.js layout ([...kernel size, in, r] and
 * [...1, r, out]); only the active adapter's are trainable.
 */
export abstract class LoraLayer extends tf.layers.Layer {
  /** The wrapped layer. */
  readonly baseLayer: tf.layers.Layer;
  private readonly ownsBaseLayer: boolean;
  private readonly activation: tf.layers.Layer | null;
  private readonly adapters = new Map<string, Adapter>();
  private active: string | null;
  private merged: string[];
  private disabled = false;
  private trainBiasValue: boolean;

  constructor(args: LoraLayerArgs) {
    const {
      baseLayer,
      adapters = [{ name: 'default' }],
      activeAdapter,
      mergedAdapters = [],
      trainBias = false,
      ownsBaseLayer = false,
      ...layerArgs
    } = args;
    super({ ...layerArgs, name: layerArgs.name ?? baseLayer.name });
    this.baseLayer = baseLayer;
    this.ownsBaseLayer = ownsBaseLayer;
    const activation = String(baseLayer.getConfig().activation ?? 'linear');
    this.activation =
      activation === 'linear'
        ? null
        : tf.layers.activation({
            activation: activation as Parameters<typeof tf.layers.activation>[0]['activation'],
          });
    for (const entry of adapters) this.declareAdapter(entry.name, entry);
    this.active = activeAdapter === undefined ? (adapters[0]?.name ?? null) : activeAdapter;
    if (this.active !== null) this.requireAdapter(this.active);
    for (const name of mergedAdapters) this.requireAdapter(name);
    this.merged = [...mergedAdapters];
    this.trainBiasValue = trainBias;
  }

  /** The base operation with kernel `kernel` (no bias, no activation), e.g. a matrix product or convolution. */
  protected abstract applyKernel(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor;

  /** The base layer's kernel, [...kernel size, input channels, output channels]. */
  get baseKernel(): tf.LayerVariable {
    const kernel = findWeight(this.baseLayer, 'kernel');
    if (!kernel) throw new LoraConfigError('baseLayer', `layer "${this.name}" is not built yet`);
    return kernel;
  }

  /** The base layer's bias, or null if it has none. */
  get baseBias(): tf.LayerVariable | null {
    return findWeight(this.baseLayer, 'bias') ?? null;
  }

  /** Names of the adapters, in the order they were added. */
  get adapterNames(): string[] {
    return [...this.adapters.keys()];
  }

  /** The adapter used in the forward pass, or null. */
  get activeAdapter(): string | null {
    return this.active;
  }

  /** Adapters whose update is currently folded into the base kernel, in merge order. */
  get mergedAdapters(): string[] {
    return [...this.merged];
  }

  /** True while the forward pass uses the base layer only. Disabling unmerges merged adapters first (as PEFT). */
  get adaptersDisabled(): boolean {
    return this.disabled;
  }

  set adaptersDisabled(disabled: boolean) {
    if (disabled) this.unmerge();
    this.disabled = disabled;
  }

  /** Whether the base bias trains (PEFT's `bias: 'all' | 'lora_only'`). */
  get trainBias(): boolean {
    return this.trainBiasValue;
  }

  set trainBias(value: boolean) {
    this.trainBiasValue = value;
    this.updateTrainableFlags();
  }

  override get trainable(): boolean {
    return this.trainable_;
  }

  /** false freezes the whole layer; true trains the active adapter (and the bias with `trainBias`). */
  override set trainable(value: boolean) {
    this.trainable_ = value;
    this.updateTrainableFlags();
  }

  /** Makes `name` the adapter of the forward pass (null: none). Its weights become the trainable ones. */
  setActiveAdapter(name: string | null): void {
    if (name !== null) this.requireAdapter(name);
    this.active = name;
    this.updateTrainableFlags();
  }

  /** The settings of adapter `name`. */
  adapterSettings(name: string): LoraAdapterSettings {
    return { ...this.requireAdapter(name).settings };
  }

  /** The A and B weights of adapter `name`, in TensorFlow.js layout. The layer must be built. */
  adapterWeights(name: string): { loraA: tf.LayerVariable; loraB: tf.LayerVariable } {
    const { weights } = this.requireAdapter(name);
    if (!weights) throw new AdapterNameError(name, `layer "${this.name}" is not built yet`);
    return weights;
  }

  /** Adds an adapter (not made active). Throws `AdapterNameError` for a taken name, `LoraRankError` for a too-large r. */
  addAdapter(name: string, settings: Partial<LoraAdapterSettings> = {}): void {
    this.declareAdapter(name, settings);
    if (this.built) {
      // Outside `apply` there is no name scope, so spell out the prefix build() gets from its scope.
      this.createAdapterWeights(name, `${this.name}/`);
      this.updateTrainableFlags();
    }
  }

  /** Removes an adapter and disposes its weights, unmerging it first if it is merged. */
  deleteAdapter(name: string): void {
    const adapter = this.requireAdapter(name);
    if (this.merged.includes(name)) this.unmerge();
    if (adapter.weights) {
      const { loraA, loraB } = adapter.weights;
      this._trainableWeights = this._trainableWeights.filter(
        (weight) => weight !== loraA && weight !== loraB,
      );
      loraA.dispose();
      loraB.dispose();
    }
    this.adapters.delete(name);
    if (this.active === name) this.active = null;
  }

  /**
   * Deletes every adapter, disposing its weights; updates that are merged stay in the base kernel for good
   * (PEFT's `merge_and_unload`). The layer then computes its base layer's function.
   */
  unload(): void {
    this.merged = [];
    for (const name of this.adapterNames) this.deleteAdapter(name);
  }

  /** The update of adapter `name` in the base kernel's layout: scaling · A·B. The caller disposes it. */
  deltaWeight(name: string): tf.Tensor {
    const adapter = this.requireAdapter(name);
    const { loraA, loraB } = this.adapterWeights(name);
    const { r } = adapter.settings;
    return tf.tidy(() => {
      const kernelShape = weightShape(this.baseKernel);
      const a = tf.reshape(loraA.read(), [-1, r]);
      const b = tf.reshape(loraB.read(), [r, kernelShape[kernelShape.length - 1]]);
      return tf.reshape(tf.mul(tf.matMul(a, b), adapter.scaling), kernelShape);
    });
  }

  /** Folds the active adapter's update into the base kernel (which is shared with the base model, as in PEFT). */
  merge(): void {
    if (this.active === null || this.merged.includes(this.active) || this.disabled) return;
    const delta = this.deltaWeight(this.active);
    tf.tidy(() => {
      this.baseKernel.write(tf.add(this.baseKernel.read(), delta));
    });
    delta.dispose();
    this.merged.push(this.active);
  }

  /** Subtracts every merged update from the base kernel again, newest first. */
  unmerge(): void {
    for (const name of [...this.merged].reverse()) {
      const delta = this.deltaWeight(name);
      tf.tidy(() => {
        this.baseKernel.write(tf.sub(this.baseKernel.read(), delta));
      });
      delta.dispose();
    }
    this.merged = [];
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    // Built inside apply()'s name scope, so the base weights get this layer's name: `<name>/kernel`.
    if (!this.baseLayer.built) this.baseLayer.build(inputShape);
    const bias = this.baseBias;
    this._trainableWeights = bias ? [this.baseKernel, bias] : [this.baseKernel];
    for (const name of this.adapters.keys()) this.createAdapterWeights(name, '');
    this.built = true;
    this.updateTrainableFlags();
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return this.baseLayer.computeOutputShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const x = Array.isArray(inputs) ? inputs[0] : inputs;
      let output = this.applyKernel(x, this.baseKernel.read());
      const bias = this.baseBias;
      if (bias) output = tf.add(output, bias.read());
      const adapter = this.forwardAdapter();
      if (adapter?.weights) {
        const { loraDropout } = adapter.settings;
        const input = kwargs?.training === true && loraDropout > 0 ? tf.dropout(x, loraDropout) : x;
        const low = this.applyKernel(input, adapter.weights.loraA.read());
        output = tf.add(output, tf.mul(pointwise(low, adapter.weights.loraB.read()), adapter.scaling));
      }
      return this.activation ? (this.activation.apply(output) as tf.Tensor) : output;
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    const adapters = [...this.adapters].map(([name, { settings }]) => ({
      name,
      ...settings,
      active: name === this.active,
      merged: this.merged.includes(name),
    }));
    return {
      ...super.getConfig(),
      baseLayer: serializeLayer(this.baseLayer),
      adapters,
      trainBias: this.trainBiasValue,
    };
  }

  /** Re-creates a LoRA layer from `getConfig()` output; used by `tf.loadLayersModel`. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { baseLayer, adapters, trainBias, ...layerArgs } = config;
    const entries = (adapters ?? []) as unknown as Array<
      LoraAdapterEntry & { active: boolean; merged: boolean }
    >;
    const args: LoraLayerArgs = {
      ...(layerArgs as LayerArgs),
      baseLayer: deserializeLayer(baseLayer, 'baseLayer'),
      adapters: entries.map(({ active, merged, ...entry }) => entry),
      activeAdapter: entries.find((entry) => entry.active)?.name ?? null,
      mergedAdapters: entries.filter((entry) => entry.merged).map((entry) => entry.name),
      trainBias: trainBias === true,
      ownsBaseLayer: true,
    };
    return new cls(args);
  }

  protected override disposeWeights(): number {
    let count = 0;
    for (const { weights } of this.adapters.values()) {
      if (weights) {
        weights.loraA.dispose();
        weights.loraB.dispose();
        count += 2;
      }
    }
    if (this.ownsBaseLayer) {
      for (const weight of this.baseLayer.weights) weight.dispose();
      count += this.baseLayer.weights.length;
    }
    return count;
  }

  private forwardAdapter(): Adapter | undefined {
    if (this.disabled || this.active === null || this.merged.includes(this.active)) return undefined;
    return this.adapters.get(this.active);
  }

  private requireAdapter(name: string): Adapter {
    const adapter = this.adapters.get(name);
    if (!adapter) {
      throw new AdapterNameError(
        name,
        `layer "${this.name}" has no such adapter (it has: ${this.adapterNames.join(', ') || 'none'})`,
      );
    }
    return adapter;
  }

  private declareAdapter(name: string, entry: Partial<LoraAdapterSettings>): void {
    checkAdapterName(name);
    if (this.adapters.has(name))
      throw new AdapterNameError(name, `layer "${this.name}" already has this adapter`);
    const settings = resolveAdapterSettings(entry);
    if (this.baseLayer.built) this.checkRank(settings.r);
    this.adapters.set(name, { settings, scaling: loraScaling(settings) });
  }

  private checkRank(r: number): void {
    const maxRank = maxLoraRank(weightShape(this.baseKernel));
    if (r > maxRank) throw new LoraRankError(this.name, r, maxRank);
  }

  private createAdapterWeights(name: string, namePrefix: string): void {
    const adapter = this.adapters.get(name)!;
    const { r, initLoraWeights } = adapter.settings;
    this.checkRank(r);
    const kernelShape = weightShape(this.baseKernel);
    const aShape = [...kernelShape.slice(0, -1), r];
    const bShape = [...kernelShape.slice(0, -2).map(() => 1), r, kernelShape[kernelShape.length - 1]];
    const initializers = loraInitializers(initLoraWeights, r, aShape, bShape);
    const create = (weightName: string, shape: number[], initializer: typeof initializers.a) => {
      const value = initializer.apply(shape, 'float32');
      // A LayerVariable rather than addWeight(): addWeight refuses a name it has seen, even after deleteAdapter.
      const variable = new tf.LayerVariable(value, 'float32', `${namePrefix}${weightName}.${name}`, true);
      value.dispose();
      this._trainableWeights.push(variable);
      return variable;
    };
    adapter.weights = {
      loraA: create('lora_A', aShape, initializers.a),
      loraB: create('lora_B', bShape, initializers.b),
    };
  }

  // Flags live on the weights, so they also decide what the base model (which shares the base weights) trains.
  private updateTrainableFlags(): void {
    if (!this.built) return;
    this.baseKernel.trainable = false;
    const bias = this.baseBias;
    if (bias) bias.trainable = this.trainable_ && this.trainBiasValue;
    for (const [name, { weights }] of this.adapters) {
      if (!weights) continue;
      weights.loraA.trainable = this.trainable_ && name === this.active;
      weights.loraB.trainable = this.trainable_ && name === this.active;
    }
  }
}

/** Applies a [...1, r, out] kernel along the last axis of `x` ([..., r]): a 1x1 convolution / matrix product. */
export function pointwise(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
  const [inner, out] = kernel.shape.slice(-2);
  return matMulLastAxis(x, tf.reshape(kernel, [inner, out]));
}

/** Multiplies the last axis of `x` ([..., in]) by a matrix [in, out], for inputs of any rank. */
export function matMulLastAxis(x: tf.Tensor, matrix: tf.Tensor): tf.Tensor {
  if (x.rank === 2) return tf.matMul(x as tf.Tensor2D, matrix as tf.Tensor2D);
  const [inner, out] = matrix.shape;
  const product = tf.matMul(tf.reshape(x, [-1, inner]), matrix as tf.Tensor2D);
  return tf.reshape(product, [...x.shape.slice(0, -1), out]);
}
