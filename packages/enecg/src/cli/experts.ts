import {
  type Backbone,
  createBackbone,
  loadPretrainedBackbone,
  PRETRAINED_BACKBONES,
  useBackend,
} from '@enecg/backbones/node';

/** The experts of the CLI's models, in order: every built-in backbone. */
export const DEFAULT_EXPERTS = ['dlinear', 'timesnet', 'moment', 'ecg-fm', 'xresnet1d'] as const;

/**
 * Loads the frozen experts: the project's self-supervised pretrained weights shipped in @enecg/backbones. A
 * backbone without shipped weights is built with its default configuration from seed 0, and `warn` says so.
 */
export async function loadExperts(
  ids: readonly string[] = DEFAULT_EXPERTS,
  warn: (text: string) => void = () => {},
): Promise<Backbone[]> {
  const backbones: Backbone[] = [];
  for (const id of ids) {
    if (PRETRAINED_BACKBONES.includes(id)) {
      backbones.push(await loadPretrainedBackbone(id));
    } else {
      warn(`no pretrained weights shipped for ${id}: using a random initialisation (seed 0)`);
      backbones.push(createBackbone(id, { config: id === 'timesnet' ? { pooling: 'mean' } : {}, seed: 0 }));
    }
  }
  return backbones;
}

/** Switches TF.js to `backend` ('wasm' loads the wasm backend). */
export async function selectBackend(backend: 'wasm' | 'cpu'): Promise<void> {
  await useBackend(backend);
}
