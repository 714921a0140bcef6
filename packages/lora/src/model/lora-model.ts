import type * as tf from '@tensorflow/tfjs';
import { type LoraConfig, type ResolvedLoraConfig, resolveLoraConfig } from '../config.js';
import { AdapterNameError } from '../errors.js';
import { cloneLayer, copyWeightValues } from '../layers/layer-utils.js';
import { checkAdapterName, LoraLayer } from '../layers/lora-layer.js';
import { ModulesToSaveLayer } from '../layers/modules-to-save.js';
import { createLoraLayer } from '../layers/registry.js';
import { type LayerAtPath, leafLayersWithPaths } from './layer-paths.js';
import { type AdapterPlan, planAdapter } from './plan.js';
import { rebuildModel } from './rebuild.js';
import { applyTrainability } from './trainability.js';

/**
 * A model with LoRA adapters, PEFT's `PeftModel`. Create one with {@link applyLora} or `loadLora`.
 *
 * `model` is the adapted TensorFlow.js model to compile, train and run. It is a new model object whose
 * Dense/Conv targets are replaced by LoRA layers and whose `modulesToSave` are wrapped; every other layer,
 * and every base weight, is shared with `baseModel` (nothing is copied). As in PEFT the base model is changed
 * in place only in two ways: its layers are frozen, and `merge()` writes into its kernels.
 */
export class LoraModel {
  /** The model the adapters were added to. Its graph is unchanged and still computes the base function. */
  readonly baseModel: tf.LayersModel;
  private graph: tf.LayersModel;
  private readonly configs = new Map<string, ResolvedLoraConfig>();
  private active: string | null = null;
  private disabled = false;

  /** A LoraModel without adapters (it computes `baseModel`'s function); add them with `addAdapter`. */
  constructor(baseModel: tf.LayersModel) {
    this.baseModel = baseModel;
    this.graph = baseModel;
  }

  /**
   * The adapted model. `addAdapter` (and loading an adapter) replaces it with a new object when the new
   * adapter wraps layers no adapter wrapped before: read it again, and compile again, after those calls.
   */
  get model(): tf.LayersModel {
    return this.graph;
  }

  /** The adapter of the forward pass, or null. */
  get activeAdapter(): string | null {
    return this.active;
  }

  /** All adapters, in the order they were added. */
  get adapterNames(): string[] {
    return [...this.configs.keys()];
  }

  /** True between `disableAdapters()` and `enableAdapters()`: the model computes the base function. */
  get adaptersDisabled(): boolean {
    return this.disabled;
  }

  /** True while the active adapter's update is folded into the base kernels. */
  get merged(): boolean {
    return this.loraLayers().some(({ layer }) => layer.mergedAdapters.length > 0);
  }

  /** The configuration of an adapter (default: the active one), defaults filled in. */
  getConfig(adapterName = this.active ?? ''): ResolvedLoraConfig {
    const config = this.configs.get(adapterName);
    if (!config)
      throw new AdapterNameError(
        adapterName,
        `no such adapter (adapters: ${this.adapterNames.join(', ') || 'none'})`,
      );
    return structuredClone(config);
  }

  /** The LoRA layers of `model` with their paths. */
  loraLayers(): Array<LayerAtPath & { layer: LoraLayer }> {
    return leafLayersWithPaths(this.graph).filter(
      (entry): entry is LayerAtPath & { layer: LoraLayer } => entry.layer instanceof LoraLayer,
    );
  }

  /** The wrapped modules to save of `model` with their paths. */
  modulesToSaveLayers(): Array<LayerAtPath & { layer: ModulesToSaveLayer }> {
    return leafLayersWithPaths(this.graph).filter(
      (entry): entry is LayerAtPath & { layer: ModulesToSaveLayer } =>
        entry.layer instanceof ModulesToSaveLayer,
    );
  }

  /**
   * Adds an adapter (PEFT's `add_adapter`). The first adapter becomes active; later ones do not (see
   * `setAdapter`). Everything is checked before anything changes: throws `AdapterNameError`,
   * `LoraConfigError`, `TargetModulesError` or `LoraRankError`.
   */
  addAdapter(adapterName: string, config: LoraConfig): void {
    checkAdapterName(adapterName);
    if (this.configs.has(adapterName))
      throw new AdapterNameError(adapterName, 'an adapter with this name exists');
    const resolved = resolveLoraConfig(config);
    this.applyPlan(adapterName, planAdapter(this.graph, resolved));
    this.configs.set(adapterName, resolved);
    if (this.active === null) this.active = adapterName;
    this.syncLayers();
  }

  /** Makes `adapterName` the adapter of the forward pass and the one that trains; unmerges first, as PEFT. */
  setAdapter(adapterName: string): void {
    this.getConfig(adapterName);
    if (this.active !== adapterName) this.unmerge();
    this.active = adapterName;
    this.syncLayers();
  }

  /**
   * Removes an adapter and disposes its weights. If it was active, the first remaining adapter becomes active.
   * LoRA layers left without adapters stay in `model` and compute the base function.
   */
  deleteAdapter(adapterName: string): void {
    this.getConfig(adapterName);
    for (const { layer } of [...this.loraLayers(), ...this.modulesToSaveLayers()]) {
      if (layer.adapterNames.includes(adapterName)) layer.deleteAdapter(adapterName);
    }
    this.configs.delete(adapterName);
    if (this.active === adapterName) this.active = this.adapterNames[0] ?? null;
    this.syncLayers();
  }

  /** Folds the active adapter into the base kernels (shared with `baseModel`). Outputs stay the same. */
  merge(): void {
    for (const { layer } of this.loraLayers()) layer.merge();
  }

  /** Undoes `merge()`: subtracts the updates from the base kernels again. */
  unmerge(): void {
    for (const { layer } of this.loraLayers()) layer.unmerge();
  }

  /**
   * PEFT's `merge_and_unload`: folds the active adapter into the base kernels for good and returns a plain
   * model (Dense/Conv layers, no LoRA) that computes what `model` computed, built from the base layers and
   * fresh copies of the active adapter's modules to save. This consumes the adapters: all of them are deleted
   * and their weights disposed, and the base model keeps the merged kernels.
   */
  mergeAndUnload(): tf.LayersModel {
    this.merge();
    const clones = new Map<tf.layers.Layer, tf.layers.Layer>();
    const plain = rebuildModel(this.graph, (layer) => {
      if (layer instanceof LoraLayer) return layer.baseLayer;
      if (!(layer instanceof ModulesToSaveLayer)) return undefined;
      const source =
        this.disabled || layer.activeAdapter === null
          ? layer.originalLayer
          : layer.adapterLayer(layer.activeAdapter);
      const clone = cloneLayer(source, layer.name, 'modulesToSave');
      clones.set(source, clone);
      return clone;
    });
    for (const [source, clone] of clones) copyWeightValues(source, clone);
    for (const { layer } of this.loraLayers()) layer.unload();
    for (const { layer } of this.modulesToSaveLayers()) {
      for (const adapterName of layer.adapterNames) layer.deleteAdapter(adapterName);
    }
    this.configs.clear();
    this.active = null;
    this.syncLayers();
    return plain;
  }

  /** The forward pass uses the base model only (merged adapters are unmerged first). */
  disableAdapters(): void {
    this.disabled = true;
    this.syncLayers();
  }

  /** Ends `disableAdapters()`. */
  enableAdapters(): void {
    this.disabled = false;
    this.syncLayers();
  }

  /**
   * Runs `fn` with adapters disabled (PEFT's `with model.disable_adapter():`) and enables them again
   * afterwards, also when `fn` throws or its promise settles.
   */
  withAdaptersDisabled<T>(fn: () => T): T {
    const wasDisabled = this.disabled;
    this.disableAdapters();
    const restore = () => {
      if (!wasDisabled) this.enableAdapters();
    };
    let result: T;
    try {
      result = fn();
    } catch (error) {
      restore();
      throw error;
    }
    if (result instanceof Promise) return result.finally(restore) as T;
    restore();
    return result;
  }

  /**
   * Deletes every adapter (unmerging first), disposing the adapter weights and module copies. The base model
   * keeps its weights (its layers stay frozen: set `trainable` on them to train it again).
   */
  dispose(): void {
    for (const adapterName of this.adapterNames) this.deleteAdapter(adapterName);
  }

  private applyPlan(adapterName: string, plan: AdapterPlan): void {
    const wrappers = new Map<tf.layers.Layer, tf.layers.Layer>();
    for (const { layer, settings } of plan.targets) {
      if (layer instanceof LoraLayer) layer.addAdapter(adapterName, settings);
      else
        wrappers.set(
          layer,
          createLoraLayer({
            baseLayer: layer,
            adapters: [{ name: adapterName, ...settings }],
            activeAdapter: null,
          }),
        );
    }
    for (const { layer } of plan.modules) {
      if (layer instanceof ModulesToSaveLayer) layer.addAdapter(adapterName);
      else
        wrappers.set(
          layer,
          new ModulesToSaveLayer({ originalLayer: layer, adapters: [adapterName], activeAdapter: null }),
        );
    }
    if (wrappers.size > 0) this.graph = rebuildModel(this.graph, (layer) => wrappers.get(layer));
  }

  private syncLayers(): void {
    for (const { layer } of [...this.loraLayers(), ...this.modulesToSaveLayers()]) {
      const active = this.active !== null && layer.adapterNames.includes(this.active) ? this.active : null;
      layer.setActiveAdapter(active);
      layer.adaptersDisabled = this.disabled;
    }
    applyTrainability(this.graph, this.active === null ? null : this.configs.get(this.active)!);
  }
}

/**
 * Adds a LoRA adapter to a TensorFlow.js model (Sequential or functional, nested models included), like
 * PEFT's `get_peft_model`: the layers `config.targetModules` selects get LoRA, `config.modulesToSave` are
 * trained in full, and everything else is frozen. See {@link LoraModel} for what is shared and what changes.
 */
export function applyLora(model: tf.LayersModel, config: LoraConfig, adapterName = 'default'): LoraModel {
  const lora = new LoraModel(model);
  lora.addAdapter(adapterName, config);
  return lora;
}
