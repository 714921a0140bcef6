/**
 * How a PyTorch tensor is stored in TensorFlow.js (axes of the PyTorch tensor, in TF.js order):
 *
 * | layout   | PyTorch module / shape                  | TF.js shape              | permutation |
 * | -------- | --------------------------------------- | ------------------------ | ----------- |
 * | `same`   | biases, norm weights, embeddings, ...   | unchanged                | none        |
 * | `linear` | `nn.Linear.weight` `[out, in]`          | `[in, out]`              | `[1, 0]`    |
 * | `conv1d` | `nn.Conv1d.weight` `[out, in/g, k]`     | `[k, in/g, out]`         | `[2, 1, 0]` |
 * | `conv2d` | `nn.Conv2d.weight` `[out, in, kh, kw]`  | `[kh, kw, in, out]`      | `[2, 3, 1, 0]` |
 */
export type TorchLayout = 'same' | 'linear' | 'conv1d' | 'conv2d';

const PERMUTATIONS: Readonly<Record<TorchLayout, readonly number[] | null>> = {
  same: null,
  linear: [1, 0],
  conv1d: [2, 1, 0],
  conv2d: [2, 3, 1, 0],
};

/** TF.js axis `i` is PyTorch axis `permutation[i]`; `null` for `same`. */
export function torchPermutation(layout: TorchLayout): readonly number[] | null {
  return PERMUTATIONS[layout];
}

/** The PyTorch shape of a weight stored in TF.js with `shape`. */
export function torchShape(shape: readonly number[], layout: TorchLayout): number[] {
  const permutation = PERMUTATIONS[layout];
  if (permutation === null) return [...shape];
  const torch = new Array<number>(shape.length);
  permutation.forEach((torchAxis, tfAxis) => {
    torch[torchAxis] = shape[tfAxis];
  });
  return torch;
}

/**
 * Rearranges row-major PyTorch data of `torchShapeOf` into the TF.js layout. Returns `data` itself for `same`.
 */
export function fromTorchLayout(
  data: Float32Array,
  torchShapeOf: readonly number[],
  layout: TorchLayout,
): Float32Array {
  const permutation = PERMUTATIONS[layout];
  if (permutation === null) return data;
  const tfShape = permutation.map((axis) => torchShapeOf[axis]);
  const torchStrides = stridesOf(torchShapeOf);
  // Stride in the PyTorch data for a step along each TF.js axis.
  const steps = permutation.map((axis) => torchStrides[axis]);
  const out = new Float32Array(data.length);
  const index = new Array<number>(tfShape.length).fill(0);
  let source = 0;
  for (let i = 0; i < out.length; i++) {
    out[i] = data[source];
    // Advance the TF.js multi-index (last axis fastest) and the matching PyTorch offset.
    for (let axis = tfShape.length - 1; axis >= 0; axis--) {
      index[axis]++;
      source += steps[axis];
      if (index[axis] < tfShape[axis]) break;
      source -= steps[axis] * tfShape[axis];
      index[axis] = 0;
    }
  }
  return out;
}

function stridesOf(shape: readonly number[]): number[] {
  const strides = new Array<number>(shape.length);
  let stride = 1;
  for (let axis = shape.length - 1; axis >= 0; axis--) {
    strides[axis] = stride;
    stride *= shape[axis];
  }
  return strides;
}
