import * as tf from '@tensorflow/tfjs';
import { AdapterNameError } from '../errors.js';
import {
  cloneLayer,
  copyWeightValues,
  deserializeLayer,
  findWeight,
  type Kwargs,
  type LayerArgs,
  serializeLayer,
  symbolicInputs,
} from './layer-utils.js';
import { checkAdapterName } from './lora-layer.js';

/** Arguments of {@link ModulesToSaveLayer}. */
export interface ModulesToSaveArgs extends LayerArgs {
  /** The layer to train in full. It stays untouched (and frozen); each adapter trains its own copy. */
  originalLayer: tf.layers.Layer;
  /** Adapters that get a copy. Default: one named 'default'. */
  adapters?: string[];
  /** The adapter whose copy the forward pass uses; null: the original. Default: the first adapter. */
  activeAdapter?: string | null;
  /** Dispose the original layer's weights with this layer. Default false. */
  ownsOriginalLayer?: boolean;
}

/**
 * PEFT's `ModulesToSaveWrapper`: keeps the original layer and one trainable copy of it per adapter. The
 * forward pass uses the active adapter's copy, or the original when no adapter is active or adapters are
 * disabled. Takes the original's name so layer paths do not change. Copy weights are named
 * `<name>/modules_to_save.<adapter>/<weight>`.
 */
export class ModulesToSaveLayer extends tf.layers.Layer {
  static readonly className = 'LoraModulesToSave';
  readonly originalLayer: tf.layers.Layer;
  private readonly ownsOriginalLayer: boolean;
  /** Copies by adapter name; undefined until the layer is built. */
  private readonly copies = new Map<string, tf.layers.Layer | undefined>();
  private active: string | null;
  private disabled = false;
  private builtInputShape: tf.Shape | tf.Shape[] | undefined;

  constructor(args: ModulesToSaveArgs) {
    const {
      originalLayer,
      adapters = ['default'],
      activeAdapter,
      ownsOriginalLayer = false,
      ...layerArgs
    } = args;
    super({ ...layerArgs, name: layerArgs.name ?? originalLayer.name });
    this.originalLayer = originalLayer;
    this.ownsOriginalLayer = ownsOriginalLayer;
    for (const name of adapters) this.declareAdapter(name);
    this.active = activeAdapter === undefined ? (adapters[0] ?? null) : activeAdapter;
    if (this.active !== null) this.requireAdapter(this.active);
  }

  /** Names of the adapters that have a copy. */
  get adapterNames(): string[] {
    return [...this.copies.keys()];
  }

  get activeAdapter(): string | null {
    return this.active;
  }

  /** True while the forward pass uses the original layer. */
  get adaptersDisabled(): boolean {
    return this.disabled;
  }

  set adaptersDisabled(disabled: boolean) {
    this.disabled = disabled;
  }

  override get trainable(): boolean {
    return this.trainable_;
  }

  /** false freezes everything; true trains the active adapter's copy. The original never trains. */
  override set trainable(value: boolean) {
    this.trainable_ = value;
    this.updateTrainableFlags();
  }

  override get trainableWeights(): tf.LayerVariable[] {
    return this.trainable_ ? this.sublayers().flatMap((layer) => layer.trainableWeights) : [];
  }

  override get nonTrainableWeights(): tf.LayerVariable[] {
    return this.trainable_
      ? this.sublayers().flatMap((layer) => layer.nonTrainableWeights)
      : this.sublayers().flatMap((layer) => layer.weights);
  }

  /** Makes `name`'s copy the one used in the forward pass and trained (null: the original, nothing trains). */
  setActiveAdapter(name: string | null): void {
    if (name !== null) this.requireAdapter(name);
    this.active = name;
    this.updateTrainableFlags();
  }

  /** The copy trained for adapter `name`. The layer must be built. */
  adapterLayer(name: string): tf.layers.Layer {
    const copy = this.requireAdapter(name);
    if (!copy) throw new AdapterNameError(name, `layer "${this.name}" is not built yet`);
    return copy;
  }

  /** The weight `shortName` (e.g. `kernel`) of adapter `name`'s copy. */
  adapterWeight(name: string, shortName: string): tf.LayerVariable | undefined {
    return findWeight(this.adapterLayer(name), shortName);
  }

  /** Adds a copy of the original layer (with its current weights) for adapter `name`; it is not made active. */
  addAdapter(name: string): void {
    this.declareAdapter(name);
    if (this.built) {
      this.createCopy(name, `${this.name}/`);
      this.updateTrainableFlags();
    }
  }

  /** Removes adapter `name`'s copy and disposes its weights. */
  deleteAdapter(name: string): void {
    const copy = this.requireAdapter(name);
    if (copy) for (const weight of copy.weights) weight.dispose();
    this.copies.delete(name);
    if (this.active === name) this.active = null;
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    if (!this.originalLayer.built) this.originalLayer.build(inputShape);
    this.builtInputShape = inputShape;
    for (const name of this.copies.keys()) this.createCopy(name, '');
    this.built = true;
    this.updateTrainableFlags();
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape | tf.Shape[] {
    return this.originalLayer.computeOutputShape(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor | tf.Tensor[] {
    const copy = this.disabled || this.active === null ? undefined : this.copies.get(this.active);
    return (copy ?? this.originalLayer).call(inputs, kwargs);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      originalLayer: serializeLayer(this.originalLayer),
      // Objects with a `name` key: TensorFlow.js re-cases plain string values when it saves a model.
      adapters: this.adapterNames.map((name) => ({ name, active: name === this.active })),
    };
  }

  /** Re-creates the layer from `getConfig()` output; used by `tf.loadLayersModel`. */
  static override fromConfig<T extends tf.serialization.Serializable>(
    cls: tf.serialization.SerializableConstructor<T>,
    config: tf.serialization.ConfigDict,
  ): T {
    const { originalLayer, adapters, ...layerArgs } = config;
    const entries = (adapters ?? []) as unknown as Array<{ name: string; active: boolean }>;
    const args: ModulesToSaveArgs = {
      ...(layerArgs as LayerArgs),
      originalLayer: deserializeLayer(originalLayer, 'originalLayer'),
      adapters: entries.map((entry) => entry.name),
      activeAdapter: entries.find((entry) => entry.active)?.name ?? null,
      ownsOriginalLayer: true,
    };
    return new cls(args);
  }

  protected override disposeWeights(): number {
    const layers = [...this.copies.values()].filter((copy) => copy !== undefined);
    if (this.ownsOriginalLayer) layers.push(this.originalLayer);
    const weights = layers.flatMap((layer) => layer.weights);
    for (const weight of weights) weight.dispose();
    return weights.length;
  }

  private sublayers(): tf.layers.Layer[] {
    return [this.originalLayer, ...[...this.copies.values()].filter((copy) => copy !== undefined)];
  }

  private requireAdapter(name: string): tf.layers.Layer | undefined {
    if (!this.copies.has(name)) {
      throw new AdapterNameError(
        name,
        `layer "${this.name}" has no copy for this adapter (it has: ${this.adapterNames.join(', ') || 'none'})`,
      );
    }
    return this.copies.get(name);
  }

  private declareAdapter(name: string): void {
    checkAdapterName(name);
    if (this.copies.has(name))
      throw new AdapterNameError(name, `layer "${this.name}" already has this adapter`);
    this.copies.set(name, undefined);
  }

  // Inside build() the name scope is this layer's name; elsewhere `namePrefix` spells it out, so the copy's
  // weights are `<name>/modules_to_save.<adapter>/<weight>` either way.
  private createCopy(name: string, namePrefix: string): void {
    const copy = cloneLayer(this.originalLayer, `${namePrefix}modules_to_save.${name}`, 'originalLayer');
    copy.apply(symbolicInputs(this.builtInputShape!));
    copyWeightValues(this.originalLayer, copy);
    this.copies.set(name, copy);
  }

  private updateTrainableFlags(): void {
    this.originalLayer.trainable = false;
    for (const [name, copy] of this.copies) {
      if (copy) copy.trainable = this.trainable_ && name === this.active;
    }
  }
}
tf.serialization.registerClass(ModulesToSaveLayer);
