import * as tf from '@tensorflow/tfjs';
import { LoraConfigError } from '../errors.js';
import { type LoraFactoryArgs, splitLoraArgs } from './lora-factory-args.js';
import { LoraLayer, type LoraLayerArgs } from './lora-layer.js';

interface ConvGeometry {
  strides: number[];
  padding: 'same' | 'valid';
  dilations: number[];
}

/** Why LoRA cannot wrap `layer` as a `className` convolution, or null if it can. */
export function convProblem(layer: tf.layers.Layer, className: 'Conv1D' | 'Conv2D'): string | null {
  if (layer.getClassName() !== className)
    return `Lora${className} wraps ${className} layers, not ${layer.getClassName()}`;
  const { padding } = layer.getConfig();
  // Conv1D.getConfig() leaves dataFormat out, so read the (protected) field the layer computes with.
  const dataFormat = Reflect.get(layer, 'dataFormat');
  if (dataFormat !== 'channelsLast')
    return `${className} layer "${layer.name}" uses ${dataFormat}; only channelsLast is supported`;
  if (padding !== 'same' && padding !== 'valid')
    return `${className} layer "${layer.name}" uses ${padding} padding; only same and valid are supported`;
  return null;
}

function convGeometry(layer: tf.layers.Layer, className: 'Conv1D' | 'Conv2D'): ConvGeometry {
  const problem = convProblem(layer, className);
  if (problem) throw new LoraConfigError('baseLayer', problem);
  const rank = className === 'Conv1D' ? 1 : 2;
  const { strides, padding, dilationRate } = layer.getConfig();
  const perAxis = (value: unknown) =>
    Array.isArray(value) ? (value as number[]) : new Array(rank).fill(value ?? 1);
  return {
    strides: perAxis(strides),
    padding: padding as 'same' | 'valid',
    dilations: perAxis(dilationRate),
  };
}

/**
 * LoRA for a `tf.layers.conv1d` layer (channelsLast). A is a convolution with the base layer's kernel size,
 * strides, padding and dilation and r filters; B a 1x1 convolution — PEFT's layout for `nn.Conv1d`.
 */
export class LoraConv1D extends LoraLayer {
  static readonly className = 'LoraConv1D';
  private readonly geometry: ConvGeometry;

  constructor(args: LoraLayerArgs) {
    const geometry = convGeometry(args.baseLayer, 'Conv1D');
    super(args);
    this.geometry = geometry;
  }

  protected applyKernel(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    const { strides, padding, dilations } = this.geometry;
    return tf.conv1d(x as tf.Tensor3D, kernel as tf.Tensor3D, strides[0], padding, 'NWC', dilations[0]);
  }
}
tf.serialization.registerClass(LoraConv1D);

/** LoRA for a `tf.layers.conv2d` layer (channelsLast), laid out like PEFT's LoRA for `nn.Conv2d`. */
export class LoraConv2D extends LoraLayer {
  static readonly className = 'LoraConv2D';
  private readonly geometry: ConvGeometry;

  constructor(args: LoraLayerArgs) {
    const geometry = convGeometry(args.baseLayer, 'Conv2D');
    super(args);
    this.geometry = geometry;
  }

  protected applyKernel(x: tf.Tensor, kernel: tf.Tensor): tf.Tensor {
    const { strides, padding, dilations } = this.geometry;
    return tf.conv2d(
      x as tf.Tensor4D,
      kernel as tf.Tensor4D,
      strides as [number, number],
      padding,
      'NHWC',
      dilations as [number, number],
    );
  }
}
tf.serialization.registerClass(LoraConv2D);

/** Arguments of {@link loraConv1d}: those of `tf.layers.conv1d` plus the adapter settings. */
export type LoraConv1DArgs = LoraFactoryArgs<Parameters<typeof tf.layers.conv1d>[0]>;

/** Arguments of {@link loraConv2d}: those of `tf.layers.conv2d` plus the adapter settings. */
export type LoraConv2DArgs = LoraFactoryArgs<Parameters<typeof tf.layers.conv2d>[0]>;

/** A new Conv1D layer with a LoRA adapter, for use in your own models (see `loraDense`). */
export function loraConv1d(args: LoraConv1DArgs): LoraConv1D {
  const { baseArgs, layerArgs } = splitLoraArgs(args);
  return new LoraConv1D({ ...layerArgs, baseLayer: tf.layers.conv1d(baseArgs) });
}

/** A new Conv2D layer with a LoRA adapter, for use in your own models (see `loraDense`). */
export function loraConv2d(args: LoraConv2DArgs): LoraConv2D {
  const { baseArgs, layerArgs } = splitLoraArgs(args);
  return new LoraConv2D({ ...layerArgs, baseLayer: tf.layers.conv2d(baseArgs) });
}
