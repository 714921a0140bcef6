// Tiny configurations of the built-ins, for tests that run every backbone.
export const TINY_CONFIGS: Record<string, Record<string, unknown>> = {
  dlinear: { inputLength: 24, leads: ['I', 'II', 'V1'], movingAverage: 5, outputLength: 4 },
  timesnet: { inputLength: 24, leads: ['I', 'II', 'V1'], modelDim: 4, ffDim: 6, topK: 2, numKernels: 2 },
  moment: {
    inputLength: 32,
    leads: ['I', 'II'],
    patchLength: 4,
    patchStride: 4,
    modelDim: 8,
    heads: 2,
    headDim: 4,
    ffDim: 12,
  },
  'ecg-fm': {
    inputLength: 64,
    leads: ['I', 'II', 'V1'],
    convLayers: [
      [8, 3, 2],
      [8, 2, 2],
    ],
    modelDim: 12,
    heads: 2,
    ffDim: 16,
    positionalKernel: 4,
    positionalGroups: 2,
  },
  xresnet1d: {
    inputLength: 40,
    leads: ['I', 'II', 'V1'],
    blocks: [1, 1],
    stageSizes: [8, 8],
    stemSizes: [4, 4, 8],
  },
};
