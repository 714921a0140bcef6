import * as tf from '@tensorflow/tfjs';
import { ParameterStore } from '../core/parameter-store.js';
import { Linear } from '../nn/linear.js';

/**
 * SimCLR's projection head: `Linear(embedding, hidden) -> ReLU -> Linear(hidden, output)`. It is trained with the
 * backbone and thrown away: probes and downstream heads read the backbone's embedding before it.
 */
export class ProjectionHead {
  private readonly store: ParameterStore;
  private readonly first: Linear;
  private readonly second: Linear;

  constructor(embeddingSize: number, hidden: number, output: number, seed: number) {
    this.store = new ParameterStore('projection-head', seed);
    const root = this.store.root();
    this.first = new Linear(root.child('0'), embeddingSize, hidden);
    this.second = new Linear(root.child('2'), hidden, output);
  }

  apply(embedding: tf.Tensor2D): tf.Tensor2D {
    return tf.tidy(() => this.second.apply(tf.relu(this.first.apply(embedding))) as tf.Tensor2D);
  }

  variables(): tf.Variable[] {
    return this.store.variables();
  }

  dispose(): void {
    this.store.dispose();
  }
}

/** The speed pretext task's head: one linear map from an embedding difference to a log speed factor. */
export class SpeedHead {
  private readonly store: ParameterStore;
  private readonly linear: Linear;

  constructor(embeddingSize: number, seed: number) {
    this.store = new ParameterStore('speed-head', seed);
    this.linear = new Linear(this.store.root(), embeddingSize, 1);
  }

  /** `[batch, embedding]` -> `[batch]`. */
  apply(difference: tf.Tensor2D): tf.Tensor1D {
    return tf.tidy(() => tf.reshape(this.linear.apply(difference), [-1]) as tf.Tensor1D);
  }

  variables(): tf.Variable[] {
    return this.store.variables();
  }

  dispose(): void {
    this.store.dispose();
  }
}
