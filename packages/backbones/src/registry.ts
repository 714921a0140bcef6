import { BUILTIN_BACKBONES, type BuiltinBackboneConfigs } from './architectures/builtins.js';
import { registerWasmGradientKernels } from './backend/wasm-gradient-kernels.js';
import { Backbone } from './core/backbone.js';
import type { BackboneDefinition } from './core/definition.js';
import { ParameterStore } from './core/parameter-store.js';
import {
  BackboneConfigError,
  BackboneDefinitionError,
  DuplicateBackboneError,
  UnknownBackboneError,
} from './errors.js';

/**
 * Configuration types by backbone id, for typed `createBackbone` calls. Contributors may add theirs:
 * `declare module '@enecg/backbones' { interface BackboneConfigs { 'my-net': MyNetConfig } }`.
 */
export interface BackboneConfigs extends BuiltinBackboneConfigs {}

/** The configuration type of backbone `K` (a plain record for ids without a declared type). */
export type BackboneConfigOf<K extends string> = K extends keyof BackboneConfigs
  ? BackboneConfigs[K]
  : Record<string, unknown>;

/** Options of {@link createBackbone}. */
export interface CreateBackboneOptions<C extends object> {
  /** A named preset of the definition (e.g. the published size), applied over the default configuration. */
  preset?: string;
  /** Options applied over the default configuration and the preset. */
  config?: Partial<C>;
  /** Default true: the backbone is a frozen feature extractor (see `Backbone`). */
  frozen?: boolean;
  /** Seed of the initial weights (default 0): equal seeds give equal weights. */
  seed?: number;
}

/** What `listBackbones` says about a registered backbone. */
export interface BackboneSummary {
  id: string;
  title: string;
  reference: string;
  presets: string[];
  defaultConfig: Readonly<object>;
}

const ID_PATTERN = /^[a-z0-9]+(-[a-z0-9]+)*$/;

// biome-ignore lint/suspicious/noExplicitAny: definitions of any configuration type live in one map.
const registry = new Map<string, BackboneDefinition<any>>(BUILTIN_BACKBONES.map((d) => [d.id, d]));

/**
 * Adds a backbone definition to the registry.
 *
 * @throws DuplicateBackboneError when the id is taken; BackboneDefinitionError when it is malformed.
 */
export function registerBackbone<C extends object>(definition: BackboneDefinition<C>): void {
  if (!ID_PATTERN.test(definition.id)) {
    throw new BackboneDefinitionError(
      definition.id,
      'ids are lower-case letters and digits, separated by single dashes (e.g. "ecg-fm")',
    );
  }
  if (registry.has(definition.id)) throw new DuplicateBackboneError(definition.id, [...registry.keys()]);
  registry.set(definition.id, definition);
}

/** Removes a definition (built-ins included); returns whether it was registered. */
export function unregisterBackbone(id: string): boolean {
  return registry.delete(id);
}

/** Every registered backbone, in registration order (built-ins first). */
export function listBackbones(): BackboneSummary[] {
  return [...registry.values()].map((d) => ({
    id: d.id,
    title: d.title,
    reference: d.reference,
    presets: Object.keys(d.presets ?? {}),
    defaultConfig: d.defaultConfig,
  }));
}

/** The registered definition of `id`. @throws UnknownBackboneError */
export function getBackboneDefinition<K extends string>(id: K): BackboneDefinition<BackboneConfigOf<K>> {
  const definition = registry.get(id);
  if (definition === undefined) throw new UnknownBackboneError(id, [...registry.keys()]);
  return definition;
}

/**
 * Builds a registered backbone: default configuration, then `preset`, then `config`. The weights are freshly
 * initialised (load pretrained ones with `loadTorchWeights` or `loadBackboneWeights`).
 *
 * @throws UnknownBackboneError for an unknown id; BackboneConfigError for an unknown preset or option, or an
 *   invalid value.
 */
export function createBackbone<K extends string>(
  id: K,
  options: CreateBackboneOptions<BackboneConfigOf<K>> = {},
): Backbone<BackboneConfigOf<K>> {
  const definition = getBackboneDefinition(id);
  const config = resolveConfig(definition, options);
  const store = new ParameterStore(id, options.seed ?? 0);
  try {
    const network = definition.build(config, store.root());
    // Lets convolutional backbones train on the wasm backend, whichever backend is active now.
    registerWasmGradientKernels();
    return new Backbone(definition, config, network, store, options.frozen ?? true);
  } catch (error) {
    store.dispose();
    throw error;
  }
}

function resolveConfig<C extends object>(
  definition: BackboneDefinition<C>,
  options: CreateBackboneOptions<C>,
): C {
  const presets = definition.presets ?? {};
  let preset: Partial<C> = {};
  if (options.preset !== undefined) {
    if (!Object.hasOwn(presets, options.preset)) {
      throw new BackboneConfigError(
        definition.id,
        'preset',
        `unknown preset "${options.preset}"; presets: ${Object.keys(presets).join(', ') || '(none)'}`,
      );
    }
    preset = presets[options.preset];
  }
  const overrides = options.config ?? {};
  const known = Object.keys(definition.defaultConfig);
  for (const key of Object.keys(overrides)) {
    if (!known.includes(key)) {
      throw new BackboneConfigError(definition.id, key, `unknown option; options: ${known.join(', ')}`);
    }
  }
  return { ...definition.defaultConfig, ...preset, ...overrides };
}
