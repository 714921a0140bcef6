import * as tf from '@tensorflow/tfjs';

/** A layer of a model and its path: the names of the nested models that hold it and its own, joined by '.'. */
export interface LayerAtPath {
  path: string;
  layer: tf.layers.Layer;
}

/**
 * Every layer of `model` with its path, in model order; a nested model is listed and then its layers.
 * Input layers are left out. PEFT's module paths are built the same way (`encoder.layers.0.fc1`), so naming
 * TensorFlow.js layers after PyTorch modules makes adapter files interchangeable.
 */
export function layersWithPaths(model: tf.LayersModel, prefix = ''): LayerAtPath[] {
  const entries: LayerAtPath[] = [];
  for (const layer of model.layers) {
    if (layer.getClassName() === 'InputLayer') continue;
    const path = `${prefix}${layer.name}`;
    entries.push({ path, layer });
    if (layer instanceof tf.LayersModel) entries.push(...layersWithPaths(layer, `${path}.`));
  }
  return entries;
}

/** The layers of `model` that are not nested models. */
export function leafLayersWithPaths(model: tf.LayersModel): LayerAtPath[] {
  return layersWithPaths(model).filter(({ layer }) => !(layer instanceof tf.LayersModel));
}

/** `path (ClassName)` for each layer, for error messages. */
export function describeLayers(entries: LayerAtPath[]): string[] {
  return entries.map(({ path, layer }) => `${path} (${layer.getClassName()})`);
}
