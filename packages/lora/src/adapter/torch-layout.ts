// PyTorch stores a Linear/Conv weight as [out, in, ...kernel size]; TensorFlow.js stores the kernel as
// [...kernel size, in, out]. PEFT's lora_A / lora_B weights follow PyTorch: lora_A [r, in, ...k],
// lora_B [out, r, ...1]. These helpers convert between the two layouts.

/** Axis order that turns a TensorFlow.js kernel [...k, in, out] into PyTorch's [out, in, ...k]. */
export function tfjsToTorchAxes(rank: number): number[] {
  return [rank - 1, rank - 2, ...Array.from({ length: rank - 2 }, (_, axis) => axis)];
}

/** The inverse of `tfjsToTorchAxes`: PyTorch [out, in, ...k] to TensorFlow.js [...k, in, out]. */
export function torchToTfjsAxes(rank: number): number[] {
  return [...Array.from({ length: rank - 2 }, (_, axis) => axis + 2), 1, 0];
}

/** `shape` reordered by `axes`. */
export function permuteShape(shape: number[], axes: number[] | null): number[] {
  return axes ? axes.map((axis) => shape[axis]) : [...shape];
}

// The PyTorch parameter name of each TensorFlow.js weight, for the layer types whose PyTorch twin is clear.
const TORCH_NAMES: Record<string, Record<string, string>> = {
  Dense: { kernel: 'weight', bias: 'bias' },
  Conv1D: { kernel: 'weight', bias: 'bias' },
  Conv2D: { kernel: 'weight', bias: 'bias' },
  LayerNormalization: { gamma: 'weight', beta: 'bias' },
  BatchNormalization: {
    gamma: 'weight',
    beta: 'bias',
    moving_mean: 'running_mean',
    moving_variance: 'running_var',
  },
  Embedding: { embeddings: 'weight' },
};

/**
 * The PyTorch name of weight `shortName` of a `className` layer, and the axis order to convert its value
 * (null: same layout). Weights of other layer types keep their TensorFlow.js name and layout.
 */
export function torchParameter(
  className: string,
  shortName: string,
  rank: number,
): { name: string; axes: number[] | null } {
  const name = TORCH_NAMES[className]?.[shortName] ?? shortName;
  const isKernel = shortName === 'kernel' && ['Dense', 'Conv1D', 'Conv2D'].includes(className);
  return { name, axes: isKernel ? tfjsToTorchAxes(rank) : null };
}
