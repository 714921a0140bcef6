import * as tf from '@tensorflow/tfjs';
import { adapterSettingsFor, type ResolvedLoraConfig } from '../config.js';
import { LoraRankError, TargetModulesError } from '../errors.js';
import type { LoraAdapterSettings } from '../layers/adapter-settings.js';
import { findWeight, weightShape } from '../layers/layer-utils.js';
import { LoraLayer, maxLoraRank } from '../layers/lora-layer.js';
import { ModulesToSaveLayer } from '../layers/modules-to-save.js';
import { loraWrapProblem } from '../layers/registry.js';
import { describeLayers, type LayerAtPath, layersWithPaths } from './layer-paths.js';
import { insideModulesToSave, selects, unmatchedSelectors } from './selectors.js';

/** A layer that gets an adapter: a plain Dense/Conv layer (to be wrapped) or an existing LoRA layer. */
export interface TargetPlan extends LayerAtPath {
  settings: LoraAdapterSettings;
}

/** Where an adapter lives in a model: the layers it adapts and the layers it trains in full. */
export interface AdapterPlan {
  targets: TargetPlan[];
  /** Plain layers (to be wrapped) or existing `ModulesToSaveLayer`s. */
  modules: LayerAtPath[];
}

/**
 * Finds the layers a new adapter with `config` adapts and saves, and checks them without changing anything:
 * every name must select a layer, selected layers must be of a kind LoRA can wrap, ranks must fit.
 * Throws `TargetModulesError` (listing the model's layers) or `LoraRankError`.
 */
export function planAdapter(model: tf.LayersModel, config: ResolvedLoraConfig): AdapterPlan {
  const layers = layersWithPaths(model);
  const paths = layers.map(({ path }) => path);
  const fail = (message: string, targets: string[]): never => {
    throw new TargetModulesError(message, targets, describeLayers(layers));
  };

  const unmatchedModules = unmatchedSelectors(config.modulesToSave, paths);
  if (unmatchedModules.length > 0)
    fail(`modulesToSave ${quoted(unmatchedModules)} match no layer`, unmatchedModules);
  const modules = layers.filter(({ path }) => selects(config.modulesToSave, path));
  const badModules = modules.filter(
    ({ layer }) => layer instanceof tf.LayersModel || layer instanceof LoraLayer,
  );
  if (badModules.length > 0) {
    const names = badModules.map(({ path }) => path);
    fail(`modulesToSave ${quoted(names)} must be plain layers, not nested models or LoRA layers`, names);
  }

  const unmatchedTargets = unmatchedSelectors(config.targetModules, paths);
  if (unmatchedTargets.length > 0)
    fail(`targetModules ${quoted(unmatchedTargets)} match no layer`, unmatchedTargets);
  const selected = layers.filter(
    ({ path }) =>
      selects(config.targetModules, path) &&
      !(config.excludeModules && selects(config.excludeModules, path)) &&
      !insideModulesToSave(config.modulesToSave, path),
  );
  if (selected.length === 0)
    fail('targetModules select no layer once excludeModules and modulesToSave are left out', []);
  const problems = selected.flatMap(({ path, layer }) => {
    const problem = layer instanceof LoraLayer ? null : loraWrapProblem(layer);
    return problem ? [`${path}: ${problem}`] : [];
  });
  if (problems.length > 0)
    fail(`LoRA cannot adapt every selected layer:\n  ${problems.join('\n  ')}`, problems);

  const targets = selected.map(({ path, layer }) => {
    const settings = adapterSettingsFor(config, path);
    const maxRank = maxLoraRank(weightShape(kernelOf(layer)));
    if (settings.r > maxRank) throw new LoraRankError(path, settings.r, maxRank);
    return { path, layer, settings };
  });
  return { targets, modules };
}

/** The plan of an adapter that exists in `model`: its LoRA layers and its modules to save. */
export function existingAdapterPlan(model: tf.LayersModel, adapterName: string): AdapterPlan {
  const layers = layersWithPaths(model);
  const targets = layers.flatMap(({ path, layer }) =>
    layer instanceof LoraLayer && layer.adapterNames.includes(adapterName)
      ? [{ path, layer, settings: layer.adapterSettings(adapterName) }]
      : [],
  );
  const modules = layers.filter(
    ({ layer }) => layer instanceof ModulesToSaveLayer && layer.adapterNames.includes(adapterName),
  );
  return { targets, modules };
}

/** The kernel of a plain Dense/Conv layer or of a LoRA layer's base. */
export function kernelOf(layer: tf.layers.Layer): tf.LayerVariable {
  return layer instanceof LoraLayer ? layer.baseKernel : findWeight(layer, 'kernel')!;
}

function quoted(names: string[]): string {
  return names.map((name) => JSON.stringify(name)).join(', ');
}
