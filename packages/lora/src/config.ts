import { LoraConfigError } from './errors.js';
import {
  checkFinite,
  checkRank,
  type LoraAdapterSettings,
  type LoraInit,
  resolveAdapterSettings,
} from './layers/adapter-settings.js';

/** Which biases train along with the adapter (PEFT's `bias`). */
export type LoraBias = 'none' | 'all' | 'lora_only';

/**
 * Which layers an option selects, by layer path (the names of nested models and the layer joined by '.').
 * A list selects layers whose path equals an entry or ends with '.' + an entry; a RegExp, or a single string
 * (read as a regular expression, as PEFT does), must match the whole path.
 */
export type LayerSelector = string[] | string | RegExp;

/** Options of one LoRA adapter. The names are those of PEFT's `LoraConfig`, in camelCase. */
export interface LoraConfig {
  /** Layers to adapt (Dense, Conv1D or Conv2D). Required. */
  targetModules: LayerSelector;
  /** Layers never to adapt even if `targetModules` selects them. */
  excludeModules?: LayerSelector | null;
  /** Rank of the update B·A. Default 8. */
  r?: number;
  /** The update is scaled by loraAlpha / r (loraAlpha / sqrt(r) with `useRslora`). Default 8. */
  loraAlpha?: number;
  /** Dropout on the input of the LoRA path, in training only. Default 0. */
  loraDropout?: number;
  /** Layers that are trained in full and saved with the adapter, e.g. a new classification head. */
  modulesToSave?: string[] | null;
  /** 'none' (default), 'all' (every bias of the model trains) or 'lora_only' (biases of adapted layers). */
  bias?: LoraBias;
  /** Scale by loraAlpha / sqrt(r) instead of loraAlpha / r (rank-stabilised LoRA). Default false. */
  useRslora?: boolean;
  /** true (default): A Kaiming-uniform, B zero; 'gaussian': A normal with std 1/r, B zero; false: A, B random. */
  initLoraWeights?: LoraInit;
  /** Rank for particular layers: keys are matched like PEFT (regular expression against the path's end). */
  rankPattern?: Record<string, number>;
  /** loraAlpha for particular layers, matched like `rankPattern`. */
  alphaPattern?: Record<string, number>;
  /** The adapter is frozen (not trainable). Default false. */
  inferenceMode?: boolean;
  /** Kept and written to adapter_config.json for PEFT, e.g. 'SEQ_CLS'. */
  taskType?: string | null;
  /** Kept and written to adapter_config.json for PEFT: where the base model comes from. */
  baseModelNameOrPath?: string | null;
}

/** A validated `LoraConfig` with every default filled in; string selectors become RegExps. */
export interface ResolvedLoraConfig extends LoraAdapterSettings {
  targetModules: string[] | RegExp;
  excludeModules: string[] | RegExp | null;
  modulesToSave: string[];
  bias: LoraBias;
  rankPattern: Record<string, number>;
  alphaPattern: Record<string, number>;
  inferenceMode: boolean;
  taskType: string | null;
  baseModelNameOrPath: string | null;
}

/** Checks every option of `config` and fills in PEFT's defaults. Throws `LoraConfigError`. */
export function resolveLoraConfig(config: LoraConfig): ResolvedLoraConfig {
  if (typeof config !== 'object' || config === null) {
    throw new LoraConfigError('config', 'expected an object with at least targetModules');
  }
  const settings = resolveAdapterSettings(config);
  const bias = config.bias ?? 'none';
  if (!['none', 'all', 'lora_only'].includes(bias)) {
    throw new LoraConfigError('bias', `must be 'none', 'all' or 'lora_only', got ${JSON.stringify(bias)}`);
  }
  const rankPattern = { ...config.rankPattern };
  for (const [key, value] of Object.entries(rankPattern)) checkRank(`rankPattern["${key}"]`, value);
  const alphaPattern = { ...config.alphaPattern };
  for (const [key, value] of Object.entries(alphaPattern)) checkFinite(`alphaPattern["${key}"]`, value);
  const modulesToSave = config.modulesToSave ?? [];
  if (!Array.isArray(modulesToSave) || !modulesToSave.every(isName)) {
    throw new LoraConfigError('modulesToSave', 'must be a list of layer names');
  }
  const inferenceMode = config.inferenceMode ?? false;
  if (typeof inferenceMode !== 'boolean') {
    throw new LoraConfigError('inferenceMode', `must be true or false, got ${String(inferenceMode)}`);
  }
  return {
    ...settings,
    targetModules: resolveSelector('targetModules', config.targetModules),
    excludeModules:
      config.excludeModules == null ? null : resolveSelector('excludeModules', config.excludeModules),
    modulesToSave: [...modulesToSave],
    bias,
    rankPattern,
    alphaPattern,
    inferenceMode,
    taskType: config.taskType ?? null,
    baseModelNameOrPath: config.baseModelNameOrPath ?? null,
  };
}

/** The adapter settings for the layer at `path`, after `rankPattern` and `alphaPattern`. */
export function adapterSettingsFor(config: ResolvedLoraConfig, path: string): LoraAdapterSettings {
  return {
    r: config.rankPattern[patternKeyFor(config.rankPattern, path) ?? ''] ?? config.r,
    loraAlpha: config.alphaPattern[patternKeyFor(config.alphaPattern, path) ?? ''] ?? config.loraAlpha,
    loraDropout: config.loraDropout,
    useRslora: config.useRslora,
    initLoraWeights: config.initLoraWeights,
  };
}

// PEFT's get_pattern_key: the first key that, as a regular expression, matches the end of the path at a '.'.
function patternKeyFor(patterns: Record<string, number>, path: string): string | undefined {
  return Object.keys(patterns).find((key) => new RegExp(`^(.*\\.)?(${key})$`).test(path));
}

function resolveSelector(field: string, selector: LayerSelector): string[] | RegExp {
  if (selector instanceof RegExp) {
    if (selector.flags !== '') {
      throw new LoraConfigError(
        field,
        `RegExp flags ("${selector.flags}") cannot be written to adapter_config.json`,
      );
    }
    return selector;
  }
  if (typeof selector === 'string') {
    try {
      return new RegExp(selector);
    } catch (error) {
      throw new LoraConfigError(field, `is not a valid regular expression: ${(error as Error).message}`);
    }
  }
  if (!Array.isArray(selector) || selector.length === 0 || !selector.every(isName)) {
    throw new LoraConfigError(field, 'must be a non-empty list of layer names, a string pattern or a RegExp');
  }
  return [...selector];
}

function isName(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0;
}
