import * as tf from '@tensorflow/tfjs';

// The wasm backend of TF.js 4.22 lacks two kernels that gradients need: Conv2DBackpropFilter (the weight
// gradient of every conv1d/conv2d) and UnsortedSegmentSum (the gradient of gather). Both are registered here as
// compositions of kernels the wasm backend has, so convolutional networks train on it. Registration does not
// load the wasm backend; it only takes effect once that backend is used.

type KernelArgs = Parameters<tf.KernelFunc>[0];
type Info = tf.TensorInfo;
type Backend = KernelArgs['backend'];

/** Runs another wasm kernel directly (as backends compose kernels), returning its raw output. */
function run(name: string, inputs: Record<string, Info>, attrs: object, backend: Backend): Info {
  const kernel = tf.getKernel(name, 'wasm');
  if (kernel === undefined) throw new Error(`the wasm backend has no ${name} kernel`);
  return kernel.kernelFunc({
    inputs: inputs as tf.NamedTensorInfoMap,
    attrs: attrs as tf.NamedAttrMap,
    backend,
  }) as Info;
}

function release(backend: Backend, ...infos: Info[]): void {
  for (const info of infos) (backend as tf.KernelBackend).disposeData(info.dataId);
}

/**
 * dW[i, j, c, o] = sum over (n, y, x) of xPadded[n, y*sh + i, x*sw + j, c] * dy[n, y, x, o]: a correlation of
 * the input with dy. With channels as the batch and the batch as channels it is one valid Conv2D whose filter
 * is dy, dilated by the forward stride: `conv2d(x^T[c, H, W, n], dy^T[y, x, n, o]) = dW^T[c, i, j, o]`.
 * One XNNPACK convolution instead of one matrix product per kernel tap.
 */
function conv2dBackpropFilter({ inputs, attrs, backend }: KernelArgs): Info {
  const { x, dy } = inputs as { x: Info; dy: Info };
  const { strides, pad, dimRoundingMode, filterShape, dataFormat } =
    attrs as unknown as tf.Conv2DBackpropFilterAttrs;
  if (dataFormat === 'NCHW') throw new Error('Conv2DBackpropFilter (wasm): only NHWC is supported');
  const info = tf.backend_util.computeConv2DInfo(
    x.shape as [number, number, number, number],
    filterShape,
    strides,
    1,
    pad,
    dimRoundingMode,
  );
  const { top, bottom, left, right } = info.padInfo;
  const padded = run(
    'PadV2',
    { x },
    {
      paddings: [
        [0, 0],
        [top, bottom],
        [left, right],
        [0, 0],
      ],
      constantValue: 0,
    },
    backend,
  );
  // The rows and columns that the forward pass actually read.
  const height = info.filterHeight - 1 + (info.outHeight - 1) * info.strideHeight + 1;
  const width = info.filterWidth - 1 + (info.outWidth - 1) * info.strideWidth + 1;
  const cropped = run(
    'Slice',
    { x: padded },
    { begin: [0, 0, 0, 0], size: [x.shape[0], height, width, x.shape[3]] },
    backend,
  );
  const channelsAsBatch = run('Transpose', { x: cropped }, { perm: [3, 1, 2, 0] }, backend);
  const dyAsFilter = run('Transpose', { x: dy }, { perm: [1, 2, 0, 3] }, backend);
  const correlation = run(
    'Conv2D',
    { x: channelsAsBatch, filter: dyAsFilter },
    { strides: [1, 1], pad: 'valid', dataFormat: 'NHWC', dilations: [info.strideHeight, info.strideWidth] },
    backend,
  );
  const filterGradient = run('Transpose', { x: correlation }, { perm: [1, 2, 0, 3] }, backend);
  release(backend, padded, cropped, channelsAsBatch, dyAsFilter, correlation);
  return filterGradient;
}

/**
 * out[s, ...] = sum of x[i, ...] over i with segmentIds[i] = s, as `oneHot(segmentIds)^T x` (one matrix
 * product). Negative ids match no segment and are dropped, as in TensorFlow.
 */
function unsortedSegmentSum({ inputs, attrs, backend }: KernelArgs): Info {
  const { x, segmentIds } = inputs as { x: Info; segmentIds: Info };
  const { numSegments } = attrs as unknown as tf.UnsortedSegmentSumAttrs;
  const count = tf.util.sizeFromShape(segmentIds.shape);
  const rest = x.shape.slice(segmentIds.shape.length);
  const restSize = tf.util.sizeFromShape(rest);
  const ids = run('Reshape', { x: segmentIds }, { shape: [count] }, backend);
  // The wasm OneHot kernel writes int32 whatever dtype is asked for: cast explicitly.
  const oneHot = run(
    'OneHot',
    { indices: ids },
    { depth: numSegments, onValue: 1, offValue: 0, dtype: 'int32' },
    backend,
  );
  const oneHotFloat = run('Cast', { x: oneHot }, { dtype: 'float32' }, backend);
  const oneHot3d = run('Reshape', { x: oneHotFloat }, { shape: [1, count, numSegments] }, backend);
  const values = run('Reshape', { x }, { shape: [1, count, restSize] }, backend);
  const sums = run(
    'BatchMatMul',
    { a: oneHot3d, b: values },
    { transposeA: true, transposeB: false },
    backend,
  );
  const out = run('Reshape', { x: sums }, { shape: [numSegments, ...rest] }, backend);
  release(backend, ids, oneHot, oneHotFloat, oneHot3d, values, sums);
  return out;
}

const KERNELS: readonly tf.KernelConfig[] = [
  { kernelName: tf.Conv2DBackpropFilter, backendName: 'wasm', kernelFunc: conv2dBackpropFilter },
  { kernelName: tf.UnsortedSegmentSum, backendName: 'wasm', kernelFunc: unsortedSegmentSum },
];

/**
 * Registers the gradient kernels the TF.js wasm backend lacks (Conv2DBackpropFilter, UnsortedSegmentSum), built
 * from kernels it has, so conv1d/conv2d and gather train on wasm. Idempotent; never replaces a kernel the wasm
 * backend already provides. `createBackbone` calls it.
 */
export function registerWasmGradientKernels(): void {
  for (const config of KERNELS) {
    if (tf.getKernel(config.kernelName, 'wasm') === undefined) tf.registerKernel(config);
  }
}
