import * as tf from '@tensorflow/tfjs';
import { activationFunction, type GateActivation } from '../activations.js';
import { MoeShapeError } from '../errors.js';
import { SeedStream } from '../random.js';
import { integerAtLeast, positiveNumber, unitInterval } from '../validate.js';

/** Constructor arguments every TensorFlow.js layer accepts (name, inputShape, trainable, ...). */
type LayerArgs = NonNullable<ConstructorParameters<typeof tf.layers.Layer>[0]>;

/** Keyword arguments of `Layer.call` (e.g. `training`). */
type Kwargs = Parameters<tf.layers.Layer['call']>[1];

/** Options of the softmax gate (see the README table). */
export interface SoftmaxGateOptions {
  /** Number of experts E: the size of the output. */
  numExperts: number;
  /** Sizes of the hidden layers of the MLP. Default `[]`: a linear gate, softmax(x·W + b). */
  hiddenUnits?: number[];
  /** Activation of the hidden layers. Default `'relu'`. */
  activation?: GateActivation;
  /** Dropout rate after each hidden activation, in training only. Default 0. */
  dropout?: number;
  /** Softmax temperature T: weights = softmax(logits / T). Above 1 flattens, below 1 sharpens. Default 1. */
  temperature?: number;
  /** Seed of the weight initialisation and of the dropout masks, for reproducible runs. Default: unseeded. */
  seed?: number;
}

/** Arguments of {@link SoftmaxGateLayer}: the gate options plus the usual layer arguments. */
export interface SoftmaxGateLayerArgs extends LayerArgs, SoftmaxGateOptions {}

interface DenseWeights {
  prefix: string;
  kernel: tf.LayerVariable;
  bias: tf.LayerVariable;
}

/**
 * The dense softmax gate as a TensorFlow.js layer: an MLP followed by a softmax over the experts.
 * Input [batch, features], output gate weights [batch, E] whose rows sum to 1. Use it in `tf.sequential` /
 * functional models; it is registered for serialisation, so models containing it save and load.
 *
 * Weights: `hidden<i>/kernel`, `hidden<i>/bias` for each hidden layer, then `output/kernel`, `output/bias`.
 * Kernels start Glorot-uniform, biases at zero.
 */
export class SoftmaxGateLayer extends tf.layers.Layer {
  static readonly className = 'MoeSoftmaxGate';

  readonly numExperts: number;
  readonly hiddenUnits: number[];
  readonly activation: GateActivation;
  readonly dropout: number;
  readonly temperature: number;
  readonly seed: number | undefined;
  private readonly activate: (x: tf.Tensor) => tf.Tensor;
  private readonly seeds: SeedStream;
  private dense: DenseWeights[] = [];

  constructor(args: SoftmaxGateLayerArgs) {
    super(args);
    this.numExperts = integerAtLeast('numExperts', args.numExperts, 1);
    this.hiddenUnits = (args.hiddenUnits ?? []).map((units, i) =>
      integerAtLeast(`hiddenUnits[${i}]`, units, 1),
    );
    this.activation = args.activation ?? 'relu';
    this.activate = activationFunction(this.activation);
    this.dropout = unitInterval('dropout', args.dropout ?? 0);
    this.temperature = positiveNumber('temperature', args.temperature ?? 1);
    this.seed = args.seed;
    this.seeds = new SeedStream(args.seed);
  }

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    const features = shape[shape.length - 1];
    if (shape.length !== 2 || features == null) {
      throw new MoeShapeError(
        `input of layer ${this.name}`,
        [null, null],
        shape,
        'flatten the gating input to [batch, features] first',
      );
    }
    const sizes = [features, ...this.hiddenUnits, this.numExperts];
    this.dense = sizes.slice(1).map((units, i) => {
      const prefix = i < this.hiddenUnits.length ? `hidden${i}` : 'output';
      const glorot = tf.initializers.glorotUniform({ seed: this.seeds.derived(i) });
      return {
        prefix,
        kernel: this.addWeight(`${prefix}/kernel`, [sizes[i], units], 'float32', glorot),
        bias: this.addWeight(`${prefix}/bias`, [units], 'float32', tf.initializers.zeros()),
      };
    });
    this.built = true;
  }

  /** The weights by their names within the layer (`hidden0/kernel`, ..., `output/bias`); empty before build. */
  namedWeights(): Record<string, tf.LayerVariable> {
    return Object.fromEntries(
      this.dense.flatMap(({ prefix, kernel, bias }) => [
        [`${prefix}/kernel`, kernel],
        [`${prefix}/bias`, bias],
      ]),
    );
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as tf.Shape;
    return [shape[0], this.numExperts];
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    return tf.tidy(() => {
      const training = kwargs['training'] === true;
      const last = this.dense.length - 1;
      let h = Array.isArray(inputs) ? inputs[0] : inputs;
      this.dense.forEach(({ kernel, bias }, i) => {
        h = tf.add(tf.matMul(h, kernel.read()), bias.read());
        if (i === last) return;
        h = this.activate(h);
        if (training && this.dropout > 0) h = tf.dropout(h, this.dropout, undefined, this.seeds.next());
      });
      return tf.softmax(this.temperature === 1 ? h : tf.div(h, this.temperature));
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return {
      ...super.getConfig(),
      numExperts: this.numExperts,
      hiddenUnits: [...this.hiddenUnits],
      activation: this.activation,
      dropout: this.dropout,
      temperature: this.temperature,
      ...(this.seed === undefined ? {} : { seed: this.seed }),
    };
  }
}
tf.serialization.registerClass(SoftmaxGateLayer);
