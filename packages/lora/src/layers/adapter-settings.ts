import { LoraConfigError } from '../errors.js';

/** PEFT's `init_lora_weights`: true (A Kaiming-uniform, B zero), 'gaussian' (A normal, B zero), false (both random). */
export type LoraInit = boolean | 'gaussian';

/** The per-layer settings of one adapter. */
export interface LoraAdapterSettings {
  /** Rank of the update B·A. */
  r: number;
  /** Scale numerator: the update is multiplied by loraAlpha / r, or loraAlpha / sqrt(r) with `useRslora`. */
  loraAlpha: number;
  /** Dropout rate on the LoRA path's input, applied in training only. */
  loraDropout: number;
  useRslora: boolean;
  initLoraWeights: LoraInit;
}

/** PEFT's defaults: r 8, alpha 8, no dropout, plain scaling, A Kaiming-uniform and B zero. */
export const DEFAULT_ADAPTER_SETTINGS: Readonly<LoraAdapterSettings> = {
  r: 8,
  loraAlpha: 8,
  loraDropout: 0,
  useRslora: false,
  initLoraWeights: true,
};

/** Validates adapter settings, filling in the defaults. Throws `LoraConfigError` naming the bad option. */
export function resolveAdapterSettings(settings: Partial<LoraAdapterSettings>): LoraAdapterSettings {
  const {
    r = DEFAULT_ADAPTER_SETTINGS.r,
    loraAlpha = DEFAULT_ADAPTER_SETTINGS.loraAlpha,
    loraDropout = DEFAULT_ADAPTER_SETTINGS.loraDropout,
    useRslora = DEFAULT_ADAPTER_SETTINGS.useRslora,
    initLoraWeights = DEFAULT_ADAPTER_SETTINGS.initLoraWeights,
  } = settings;
  checkRank('r', r);
  checkFinite('loraAlpha', loraAlpha);
  if (!(typeof loraDropout === 'number' && loraDropout >= 0 && loraDropout < 1)) {
    throw new LoraConfigError('loraDropout', `must be a number in [0, 1), got ${String(loraDropout)}`);
  }
  if (typeof useRslora !== 'boolean') {
    throw new LoraConfigError('useRslora', `must be true or false, got ${String(useRslora)}`);
  }
  if (!(typeof initLoraWeights === 'boolean' || initLoraWeights === 'gaussian')) {
    throw new LoraConfigError(
      'initLoraWeights',
      `must be true, false or 'gaussian', got ${JSON.stringify(initLoraWeights)}`,
    );
  }
  return { r, loraAlpha, loraDropout, useRslora, initLoraWeights };
}

/** The factor the LoRA path is multiplied by. */
export function loraScaling(settings: LoraAdapterSettings): number {
  return settings.useRslora ? settings.loraAlpha / Math.sqrt(settings.r) : settings.loraAlpha / settings.r;
}

/** Throws `LoraConfigError` unless `value` is an integer >= 1. */
export function checkRank(field: string, value: unknown): asserts value is number {
  if (!(Number.isInteger(value) && (value as number) >= 1)) {
    throw new LoraConfigError(field, `rank must be an integer >= 1, got ${String(value)}`);
  }
}

/** Throws `LoraConfigError` unless `value` is a finite number. */
export function checkFinite(field: string, value: unknown): asserts value is number {
  if (!(typeof value === 'number' && Number.isFinite(value))) {
    throw new LoraConfigError(field, `must be a finite number, got ${String(value)}`);
  }
}
