// @enecg/lora: LoRA for any TensorFlow.js model, with adapter files compatible with Hugging Face PEFT.
// Browser-safe; file-system helpers are in '@enecg/lora/node'.

export {
  ADAPTER_ARTIFACTS_FORMAT,
  readAdapterWithHandler,
  saveAdapterWithHandler,
} from './adapter/io-handlers.js';
export {
  type AdapterFilesInput,
  type AdapterLoadReport,
  type LoadAdapterOptions,
  loadAdapter,
  loadLora,
} from './adapter/load.js';
export {
  ADAPTER_CONFIG_FILE,
  ADAPTER_FORMAT_VERSION,
  ADAPTER_WEIGHTS_FILE,
  fromPeftConfigJson,
  type PeftLoraConfigJson,
  toPeftConfigJson,
} from './adapter/peft-config.js';
export { type AdapterFiles, saveAdapter } from './adapter/save.js';
export { PEFT_KEY_PREFIX } from './adapter/tensor-specs.js';
export {
  type LayerSelector,
  type LoraBias,
  type LoraConfig,
  type ResolvedLoraConfig,
  resolveLoraConfig,
} from './config.js';
export * from './errors.js';
export { type LoraAdapterSettings, type LoraInit, loraScaling } from './layers/adapter-settings.js';
export {
  LoraConv1D,
  type LoraConv1DArgs,
  LoraConv2D,
  type LoraConv2DArgs,
  loraConv1d,
  loraConv2d,
} from './layers/lora-conv.js';
export { LoraDense, type LoraDenseArgs, loraDense } from './layers/lora-dense.js';
export type { LoraFactoryArgs } from './layers/lora-factory-args.js';
export { type LoraAdapterEntry, LoraLayer, type LoraLayerArgs, maxLoraRank } from './layers/lora-layer.js';
export { type ModulesToSaveArgs, ModulesToSaveLayer } from './layers/modules-to-save.js';
export { LORA_WRAPPABLE_CLASSES } from './layers/registry.js';
export { type LayerAtPath, layersWithPaths } from './model/layer-paths.js';
export { applyLora, LoraModel } from './model/lora-model.js';
export { formatTrainableParameters, type ParameterCounts, trainableParameters } from './parameters.js';
