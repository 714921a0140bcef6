import * as tf from '@tensorflow/tfjs';
import { LoraConfigError } from '../errors.js';

/** Constructor arguments every TensorFlow.js layer accepts (name, inputShape, trainable, ...). */
export type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keyword arguments of `Layer.call` (e.g. `training`). */
export type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** A layer as `{ className, config }`, the form TensorFlow.js model JSON uses. */
export function serializeLayer(layer: tf.layers.Layer): tf.serialization.ConfigDict {
  return { className: layer.getClassName(), config: layer.getConfig() };
}

/** Re-creates a layer from `serializeLayer`'s output; its class must be registered with TensorFlow.js. */
export function deserializeLayer(value: tf.serialization.ConfigDictValue, field: string): tf.layers.Layer {
  const { className, config } = (value ?? {}) as { className?: string; config?: tf.serialization.ConfigDict };
  const entry = className ? tf.serialization.SerializationMap.getMap().classNameMap[className] : undefined;
  if (!entry || !config) {
    throw new LoraConfigError(
      field,
      `layer class ${JSON.stringify(className)} is unknown; register it with tf.serialization.registerClass`,
    );
  }
  const [cls, fromConfig] = entry;
  return fromConfig(cls, config) as tf.layers.Layer;
}

/** A new, unbuilt layer with the configuration of `layer` under another name, trainable. */
export function cloneLayer(layer: tf.layers.Layer, name: string, field: string): tf.layers.Layer {
  return deserializeLayer(
    { className: layer.getClassName(), config: { ...layer.getConfig(), name, trainable: true } },
    field,
  );
}

/** The last segment of a weight's name: `kernel` for `encoder/dense_1/kernel`. */
export function weightShortName(weight: tf.LayerVariable): string {
  return weight.originalName.slice(weight.originalName.lastIndexOf('/') + 1);
}

/** The shape of a weight (always fully known, unlike layer input shapes). */
export function weightShape(weight: tf.LayerVariable): number[] {
  return weight.shape as number[];
}

/** The weight of `layer` whose short name is `shortName`, if any. */
export function findWeight(layer: tf.layers.Layer, shortName: string): tf.LayerVariable | undefined {
  return layer.weights.find((weight) => weightShortName(weight) === shortName);
}

/** Biases in the PyTorch sense (what PEFT's `bias` option trains): Dense/Conv `bias`, normalisation `beta`. */
export function isBiasWeight(weight: tf.LayerVariable): boolean {
  const name = weightShortName(weight);
  return name === 'bias' || name === 'beta';
}

/** Symbolic inputs of the given shape(s), to build a layer under its own name scope with `layer.apply`. */
export function symbolicInputs(shape: tf.Shape | tf.Shape[]): tf.SymbolicTensor | tf.SymbolicTensor[] {
  const isList = Array.isArray(shape[0]);
  return isList
    ? (shape as tf.Shape[]).map((item) => tf.input({ batchShape: item }))
    : tf.input({ batchShape: shape as tf.Shape });
}

/** Sets every weight of `target` to the value of the weight with the same short name in `source`. */
export function copyWeightValues(source: tf.layers.Layer, target: tf.layers.Layer): void {
  for (const weight of target.weights) {
    const from = findWeight(source, weightShortName(weight));
    if (from) weight.write(from.read());
  }
}
