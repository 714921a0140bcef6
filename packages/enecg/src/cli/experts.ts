import { type Backbone, createBackbone, useBackend } from '@enecg/backbones/node';

/** The experts of the CLI's models, in order. */
export const DEFAULT_EXPERTS = ['dlinear', 'timesnet', 'moment', 'ecg-fm', 'xresnet1d'] as const;

/** Configuration overrides of the experts (TimesNet's default embedding is a 16000-d flatten). */
const EXPERT_CONFIGS: Record<string, object> = { timesnet: { pooling: 'mean' } };

/** Builds the frozen experts. */
export async function loadExperts(ids: readonly string[] = DEFAULT_EXPERTS): Promise<Backbone[]> {
  return ids.map((id) => createBackbone(id, { config: EXPERT_CONFIGS[id] ?? {}, seed: 0 }));
}

/** Switches TF.js to `backend` ('wasm' loads the wasm backend). */
export async function selectBackend(backend: 'wasm' | 'cpu'): Promise<void> {
  await useBackend(backend);
}
