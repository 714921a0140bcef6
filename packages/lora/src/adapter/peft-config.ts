import type { LayerSelector, LoraBias, LoraConfig, ResolvedLoraConfig } from '../config.js';
import { AdapterFormatError, AdapterVersionError } from '../errors.js';

/** Version of the adapter format this library writes (`enecg_lora_format_version` in adapter_config.json). */
export const ADAPTER_FORMAT_VERSION = 1;

/** File names PEFT uses in an adapter folder. */
export const ADAPTER_CONFIG_FILE = 'adapter_config.json';
export const ADAPTER_WEIGHTS_FILE = 'adapter_model.safetensors';

/** adapter_config.json: the fields of PEFT's `LoraConfig.to_dict()` this library uses, plus its format version. */
export interface PeftLoraConfigJson {
  peft_type: 'LORA';
  enecg_lora_format_version: number;
  task_type: string | null;
  base_model_name_or_path: string | null;
  r: number;
  lora_alpha: number;
  lora_dropout: number;
  target_modules: string[] | string;
  exclude_modules: string[] | string | null;
  modules_to_save: string[] | null;
  bias: LoraBias;
  use_rslora: boolean;
  init_lora_weights: boolean | 'gaussian';
  rank_pattern: Record<string, number>;
  alpha_pattern: Record<string, number>;
  fan_in_fan_out: boolean;
  inference_mode: boolean;
  use_dora: boolean;
  lora_bias: boolean;
  layers_to_transform: null;
  layers_pattern: null;
}

/**
 * adapter_config.json for `config`. As PEFT's `save_pretrained` does, `inference_mode` is written as true;
 * loading decides trainability itself (`isTrainable`).
 */
export function toPeftConfigJson(config: ResolvedLoraConfig): PeftLoraConfigJson {
  return {
    peft_type: 'LORA',
    enecg_lora_format_version: ADAPTER_FORMAT_VERSION,
    task_type: config.taskType,
    base_model_name_or_path: config.baseModelNameOrPath,
    r: config.r,
    lora_alpha: config.loraAlpha,
    lora_dropout: config.loraDropout,
    target_modules: selectorToJson(config.targetModules),
    exclude_modules: config.excludeModules === null ? null : selectorToJson(config.excludeModules),
    modules_to_save: config.modulesToSave.length > 0 ? [...config.modulesToSave] : null,
    bias: config.bias,
    use_rslora: config.useRslora,
    init_lora_weights: config.initLoraWeights,
    rank_pattern: { ...config.rankPattern },
    alpha_pattern: { ...config.alphaPattern },
    fan_in_fan_out: false,
    inference_mode: true,
    use_dora: false,
    lora_bias: false,
    layers_to_transform: null,
    layers_pattern: null,
  };
}

// PEFT options that change what the adapter computes and that this library does not implement.
const UNSUPPORTED_OPTIONS = [
  'use_dora',
  'lora_bias',
  'use_qalora',
  'layers_to_transform',
  'layer_replication',
  'trainable_token_indices',
  'target_parameters',
  'alora_invocation_tokens',
  'megatron_config',
  'use_bdlora',
  'velora_config',
  'monteclora_config',
  'arrow_config',
  'kasa_config',
];

/**
 * The `LoraConfig` of an adapter_config.json written by PEFT or by this library. Throws `AdapterFormatError`
 * for a config that is not LoRA or uses options this library cannot reproduce, and `AdapterVersionError` for
 * a newer format version. Options only PEFT uses at training time (`fan_in_fan_out`, `inference_mode`, ...)
 * are ignored.
 */
export function fromPeftConfigJson(json: unknown, file = ADAPTER_CONFIG_FILE): LoraConfig {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new AdapterFormatError('expected a JSON object', file);
  }
  const fields = json as Record<string, unknown>;
  if (fields.peft_type !== 'LORA') {
    throw new AdapterFormatError(`peft_type is ${JSON.stringify(fields.peft_type)}, not "LORA"`, file);
  }
  const version = fields.enecg_lora_format_version ?? ADAPTER_FORMAT_VERSION;
  if (!(Number.isInteger(version) && (version as number) >= 1)) {
    throw new AdapterFormatError(
      `enecg_lora_format_version ${JSON.stringify(version)} is not a positive integer`,
      file,
    );
  }
  if ((version as number) > ADAPTER_FORMAT_VERSION)
    throw new AdapterVersionError(version as number, ADAPTER_FORMAT_VERSION, file);
  const used = UNSUPPORTED_OPTIONS.filter((option) => isSet(fields[option]));
  if (used.length > 0) {
    throw new AdapterFormatError(
      `uses PEFT options this library does not implement: ${used.map((option) => `${option}=${JSON.stringify(fields[option])}`).join(', ')}`,
      file,
    );
  }
  const init = fields.init_lora_weights ?? true;
  if (!(typeof init === 'boolean' || init === 'gaussian')) {
    throw new AdapterFormatError(
      `init_lora_weights ${JSON.stringify(init)} is not supported (initialisations such as PiSSA or LoftQ rewrite ` +
        'the base weights; convert the adapter to plain LoRA in PEFT first)',
      file,
    );
  }
  if (fields.target_modules == null) throw new AdapterFormatError('target_modules is missing', file);
  return {
    targetModules: fields.target_modules as LayerSelector,
    excludeModules: (fields.exclude_modules ?? null) as LayerSelector | null,
    r: fields.r as number | undefined,
    loraAlpha: fields.lora_alpha as number | undefined,
    loraDropout: fields.lora_dropout as number | undefined,
    modulesToSave: (fields.modules_to_save ?? null) as string[] | null,
    bias: fields.bias as LoraBias | undefined,
    useRslora: fields.use_rslora as boolean | undefined,
    initLoraWeights: init,
    rankPattern: (fields.rank_pattern ?? {}) as Record<string, number>,
    alphaPattern: (fields.alpha_pattern ?? {}) as Record<string, number>,
    taskType: (fields.task_type ?? null) as string | null,
    baseModelNameOrPath: (fields.base_model_name_or_path ?? null) as string | null,
  };
}

function selectorToJson(selector: string[] | RegExp): string[] | string {
  return selector instanceof RegExp ? selector.source : [...selector];
}

function isSet(value: unknown): boolean {
  if (value === null || value === undefined || value === false) return false;
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return true;
}
