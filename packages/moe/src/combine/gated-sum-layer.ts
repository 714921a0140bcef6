import * as tf from '@tensorflow/tfjs';
import { MoeShapeError } from '../errors.js';
import { combineDense } from './dense.js';

/**
 * The dense ensemble as a TensorFlow.js layer, with no weights: inputs `[gateWeights, y0, ..., y(E-1)]`
 * ([batch, E] and E tensors [batch, D]), output Σᵢ gateWeights[:, i] · yᵢ [batch, D]. With
 * {@link SoftmaxGateLayer} it builds EnECG-style ensembles as Layers models (registered for serialisation).
 */
export class GatedSumLayer extends tf.layers.Layer {
  static readonly className = 'MoeGatedSum';

  override build(inputShape: tf.Shape | tf.Shape[]): void {
    outputShapeOf(inputShape);
    this.built = true;
  }

  override computeOutputShape(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
    return outputShapeOf(inputShape);
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [gateWeights, ...outputs] = inputs as tf.Tensor[];
      return combineDense(gateWeights as tf.Tensor2D, tf.stack(outputs, 1) as tf.Tensor3D);
    });
  }
}
tf.serialization.registerClass(GatedSumLayer);

/** The output shape [batch, D] of inputs [[batch, E], E x [batch, D]]; `MoeShapeError` for other shapes. */
function outputShapeOf(inputShape: tf.Shape | tf.Shape[]): tf.Shape {
  const shapes = (Array.isArray(inputShape[0]) ? inputShape : [inputShape]) as tf.Shape[];
  const [gateShape, ...outputShapes] = shapes;
  const numExperts = gateShape.length === 2 ? gateShape[1] : null;
  if (numExperts === null || outputShapes.length !== numExperts) {
    throw new MoeShapeError(
      'gated sum inputs',
      [null, outputShapes.length],
      gateShape,
      `the first input must be the gate weights [batch, E], followed by E expert outputs (${outputShapes.length} given)`,
    );
  }
  const first = outputShapes[0];
  outputShapes.forEach((shape, i) => {
    if (shape.length !== 2 || shape[1] !== first[1]) {
      throw new MoeShapeError(
        `output of expert ${i}`,
        [null, first[1]],
        shape,
        'all expert outputs must be [batch, D]',
      );
    }
  });
  return [gateShape[0], first[1]];
}
