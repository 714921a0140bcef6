// @enecg/backbones: ECG and time-series backbones for TensorFlow.js — registry, built-in architectures,
// PyTorch weight loading, weight files, record-to-input adapter and a conformance suite for contributors.
// Browser-safe; file paths are in '@enecg/backbones/node'.
export { type DLinearConfig, dlinear } from './architectures/dlinear.js';
export { type EcgFmConfig, ecgFm } from './architectures/ecg-fm/ecg-fm.js';
export type { ConvLayerSpec } from './architectures/ecg-fm/feature-extractor.js';
export { type MomentConfig, moment } from './architectures/moment/moment.js';
export { type TimesNetConfig, timesnet } from './architectures/timesnet/timesnet.js';
export { type XResNet1dConfig, xresnet1d } from './architectures/xresnet1d/xresnet1d.js';
export {
  type FastestBackend,
  type FastestBackendOptions,
  selectFastestBackend,
} from './backend/fastest-backend.js';
export {
  type BackendChoice,
  type BackendName,
  DEFAULT_BACKEND_ORDER,
  type InitBackendOptions,
  initBackend,
} from './backend/init-backend.js';
export { loadWasmBackend, useBackend, type WasmBackendOptions } from './backend/wasm-backend.js';
export { registerWasmGradientKernels } from './backend/wasm-gradient-kernels.js';
export type { ConformanceOptions } from './conformance/check.js';
export {
  CONFORMANCE_CHECKS,
  type ConformanceReport,
  type ConformanceResult,
  runConformance,
} from './conformance/run-conformance.js';
export { Backbone, type EmbedOptions } from './core/backbone.js';
export type { BackboneDefinition, BackboneNetwork, ForwardContext } from './core/definition.js';
export * from './core/initializers.js';
export { describeInputSpec, type InputSpec, type Normalization } from './core/input-spec.js';
export {
  type ParameterCounts,
  ParameterScope,
  ParameterStore,
  type WeightInfo,
  type WeightOptions,
} from './core/parameter-store.js';
export { fromTorchLayout, type TorchLayout, torchShape } from './core/torch-layout.js';
export * from './errors.js';
export {
  type CropPosition,
  type InputReport,
  type PreparedBatch,
  type PreparedRecord,
  type PrepareRecordOptions,
  prepareBatch,
  prepareRecord,
} from './input/prepare-record.js';
export { gelu, geluTanh } from './nn/activations.js';
export { type AttentionOptions, MultiHeadSelfAttention } from './nn/attention.js';
export { BatchNorm, type BatchNormOptions } from './nn/batch-norm.js';
export { Conv1d, type Conv1dOptions, groupedConv1d } from './nn/conv1d.js';
export { dropout } from './nn/dropout.js';
export { GroupNorm } from './nn/group-norm.js';
export { LayerNorm } from './nn/layer-norm.js';
export { Linear, type LinearOptions } from './nn/linear.js';
export { RmsNorm } from './nn/rms-norm.js';
export { sinusoidalPositions } from './nn/sinusoidal.js';
export { stopGradient } from './nn/stop-gradient.js';
// Self-supervised pretraining and linear probes (how the shipped weights were made and checked).
export * from './pretrain/index.js';
// Shipped pretrained weights: catalog and browser loader (Node file loader in ./node).
export {
  PRETRAINED_BACKBONES,
  type PretrainedBackboneInfo,
  pretrainedBackboneInfo,
  UnknownPretrainedBackboneError,
} from './pretrained/catalog.js';
export {
  type LoadPretrainedOptions,
  loadPretrainedBackboneFromUrl,
  pretrainedBackboneFromBytes,
} from './pretrained/load-pretrained.js';
export {
  type BackboneConfigOf,
  type BackboneConfigs,
  type BackboneSummary,
  type CreateBackboneOptions,
  createBackbone,
  getBackboneDefinition,
  listBackbones,
  registerBackbone,
  unregisterBackbone,
} from './registry.js';
export {
  BACKBONE_FILE_FORMAT,
  BACKBONE_FILE_VERSION,
  type BackboneFileContents,
  type BackboneFileMetadata,
  deserializeBackbone,
  type LoadBackboneOptions,
  loadBackboneWeights,
  readBackboneFile,
  serializeBackbone,
} from './weights/backbone-file.js';
export {
  type LoadFromUrlOptions,
  loadBackboneFromUrl,
  loadBackboneWithHandler,
  saveBackboneWithHandler,
} from './weights/io-handlers.js';
export {
  loadTorchWeights,
  type TorchWeightsOptions,
  type TorchWeightsReport,
} from './weights/torch-weights.js';
