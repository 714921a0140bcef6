import * as tf from '@tensorflow/tfjs';

/** Returns the layer to use in place of `layer` (found at `path`), or undefined to keep it. */
export type LayerReplacer = (layer: tf.layers.Layer, path: string) => tf.layers.Layer | undefined;

type GraphNode = tf.layers.Layer['inboundNodes'][number];

/**
 * Re-creates the graph of `model` with some layers replaced, calling every layer (or its replacement) on the
 * new inputs the way the original graph called it. Unchanged parts of the graph are reused as they are, so
 * every layer not replaced is shared with `model` (same object, same weights). Nested models that contain a
 * replaced layer are rebuilt the same way (keeping their names); `model` itself is left unchanged.
 * Returns `model` when nothing was replaced.
 */
export function rebuildModel(model: tf.LayersModel, replace: LayerReplacer, prefix = ''): tf.LayersModel {
  const substitutes = new Map<tf.layers.Layer, tf.layers.Layer>();
  const outputsOf = new Map<GraphNode, tf.SymbolicTensor[]>();

  const substituteFor = (layer: tf.layers.Layer): tf.layers.Layer => {
    let substitute = substitutes.get(layer);
    if (!substitute) {
      const path = `${prefix}${layer.name}`;
      substitute =
        layer instanceof tf.LayersModel
          ? rebuildModel(layer, replace, `${path}.`)
          : (replace(layer, path) ?? layer);
      substitutes.set(layer, substitute);
    }
    return substitute;
  };

  const rebuilt = (tensor: tf.SymbolicTensor): tf.SymbolicTensor => {
    if (model.inputs.includes(tensor)) return tensor;
    const layer = tensor.sourceLayer as tf.layers.Layer;
    const node = layer.inboundNodes.find((candidate) => candidate.outputTensors.includes(tensor))!;
    let outputs = outputsOf.get(node);
    if (!outputs) {
      const inputs = node.inputTensors.map(rebuilt);
      const substitute = substituteFor(layer);
      if (substitute === layer && inputs.every((input, i) => input === node.inputTensors[i])) {
        outputs = node.outputTensors;
      } else {
        const result = substitute.apply(inputs.length === 1 ? inputs[0] : inputs, node.callArgs ?? {});
        outputs = (Array.isArray(result) ? result : [result]) as tf.SymbolicTensor[];
      }
      outputsOf.set(node, outputs);
    }
    return outputs[node.outputTensors.indexOf(tensor)];
  };

  const outputs = model.outputs.map(rebuilt);
  if (outputs.every((output, i) => output === model.outputs[i])) return model;
  return tf.model({ inputs: model.inputs, outputs, name: model.name });
}
