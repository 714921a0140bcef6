import type { Backbone, InputSpec } from '@enecg/backbones';
import type { EcgRecord } from '@enecg/ecg-io';
import type * as tf from '@tensorflow/tfjs';
import { FeatureCache } from '../cache/feature-cache.js';
import type { LabelledEcg, TaskSpec, TaskTarget } from '../tasks/task.js';
import { type FeatureSource, fitNetwork } from '../train/fit.js';
import { type EnEcgConfig, type ResolvedEnEcgConfig, resolveConfig } from './config.js';
import { EnEcgConfigError, EnEcgDataError, EnEcgError, EnEcgFileError } from './errors.js';
import { evaluateTask } from './evaluate.js';
import { computeFeatures, type FeatureSources, subFeatureSet } from './features.js';
import { ExpertHead } from './head.js';
import { backboneIdentity } from './identity.js';
import {
  checkBackbones,
  filesUnder,
  gateFile,
  headFolder,
  MANIFEST_FILE,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  type ModelManifest,
  readManifest,
} from './manifest.js';
import { EnsembleNetwork } from './network.js';
import { collectOutputs } from './outputs.js';
import { predictionAt } from './predictions.js';
import { encodeTargets, readTarget, regressionStats, type TargetStats } from './targets.js';
import type {
  EnEcgParameterCounts,
  EvaluateOptions,
  EvaluationReport,
  FitHistory,
  FitOptions,
  Prediction,
  ProgressEvent,
} from './types.js';

/** Options of `EnEcg.create` and `EnEcg.load`. */
export interface EnEcgBackbones {
  /** The frozen experts, in the order of `config.experts` (same ids). The model uses them but does not own them. */
  backbones: Backbone[];
}

/**
 * EnECG (Xu et al., "Efficient Ensemble Learning for Electrocardiogram Multi-task Foundation Model"): frozen
 * backbones as experts, per expert and task an FFN head adapted with LoRA, and per task a gate that weighs the
 * experts. See the package README for the model, its training and its files.
 */
export class EnEcg {
  /** The configuration with every default filled in. */
  readonly config: ResolvedEnEcgConfig;
  readonly experts: readonly Backbone[];
  readonly tasks: readonly TaskSpec[];
  private readonly network: EnsembleNetwork;
  private targetStats: Record<string, TargetStats>;
  private trained: boolean;
  /** Embeddings of records seen by fit/evaluate when the caller gives no cache. */
  private readonly cache = new FeatureCache();
  private disposed = false;

  private constructor(
    config: ResolvedEnEcgConfig,
    backbones: readonly Backbone[],
    network: EnsembleNetwork,
    targetStats: Record<string, TargetStats>,
    trained: boolean,
  ) {
    this.config = config;
    this.experts = [...backbones];
    this.tasks = config.tasks;
    this.network = network;
    this.targetStats = targetStats;
    this.trained = trained;
  }

  /**
   * A new, untrained model.
   *
   * @throws EnEcgConfigError for an invalid configuration, or backbones that do not match `config.experts` or
   *   are not frozen.
   */
  static create(config: EnEcgConfig, options: EnEcgBackbones): EnEcg {
    const resolved = resolveConfig(config);
    checkBackboneList(resolved, options.backbones);
    const network = new EnsembleNetwork(
      resolved,
      options.backbones.map((b) => b.embeddingSize),
      gateFeatures(resolved),
    );
    return new EnEcg(resolved, options.backbones, network, {}, false);
  }

  /** What the gates see (null when no task has a learnt gate). */
  get gateInput(): InputSpec | null {
    return this.network.needsGateInput ? gateInputSpec(this.config) : null;
  }

  /** Whether `fit` has run (or the model was loaded from a trained model's files). */
  get isTrained(): boolean {
    return this.trained;
  }

  /**
   * Trains the heads and gates on `train` (the backbones stay frozen). Each record's embeddings are computed
   * once (FeatureCache), then every epoch trains on them. Regression targets are standardised with the training
   * set's mean and std. With `validation`, training stops early when the validation loss has not improved for
   * `patience` epochs and the best epoch's weights are restored.
   *
   * @throws EnEcgDataError for a target that does not fit its task or a record without the leads an expert needs.
   */
  async fit(train: LabelledEcg[], options: FitOptions = {}): Promise<FitHistory> {
    this.checkUsable();
    if (!Array.isArray(train) || train.length === 0) {
      throw new EnEcgDataError({}, 'fit needs at least one training example');
    }
    const validation = options.validation?.length ? options.validation : undefined;
    const training = resolveFitOptions(options, this.config.seed);
    const stats: Record<string, TargetStats> = {};
    for (const task of this.tasks) {
      if (task.kind === 'regression') stats[task.name] = regressionStats(task, train);
    }
    for (const example of validation ?? []) for (const task of this.tasks) readTarget(task, example);
    const trainTargets = this.tasks.map((task) => encodeTargets(task, train, stats[task.name]));
    const validationTargets = validation
      ? this.tasks.map((task) => encodeTargets(task, validation, stats[task.name]))
      : undefined;
    for (const [t, task] of this.tasks.entries()) {
      if (trainTargets[t].known === 0) {
        throw new EnEcgDataError({ task: task.name }, 'no training example has this target (all are null)');
      }
    }

    const sources = this.featureSources();
    const featureOptions = {
      batchSize: training.embedBatchSize,
      onProgress: options.onProgress,
    };
    let trainSource: FeatureSource;
    let validationSource: FeatureSource | undefined;
    if (options.recomputeEmbeddings) {
      const recompute = (examples: LabelledEcg[]) => () =>
        computeFeatures(sources, records(examples), { ...featureOptions, cache: null, ids: ids(examples) });
      trainSource = { features: recompute(train), fresh: true };
      validationSource = validation ? { features: recompute(validation), fresh: true } : undefined;
    } else {
      // One pass over training and validation records, so that progress shows one embedding phase.
      const all = [...train, ...(validation ?? [])];
      const features = await computeFeatures(sources, records(all), {
        ...featureOptions,
        cache: options.cache ?? this.cache,
        ids: ids(all),
      });
      const trainSet = subFeatureSet(features, 0, train.length);
      trainSource = { features: async () => trainSet, fresh: false };
      if (validation) {
        const validationSet = subFeatureSet(features, train.length, validation.length);
        validationSource = { features: async () => validationSet, fresh: false };
      }
    }
    const history = await fitNetwork(
      this.network,
      { source: trainSource, targets: trainTargets },
      validationSource && validationTargets
        ? { source: validationSource, targets: validationTargets }
        : undefined,
      { ...training, onProgress: options.onProgress },
    );
    this.targetStats = stats;
    this.trained = true;
    return history;
  }

  /**
   * Computes the experts' embeddings and the gate inputs of `records` into `cache` (default: the model's own),
   * so that later `fit`/`evaluate` calls with that cache embed nothing. Useful to embed a whole dataset once, with
   * one progress bar, before training several models (folds, baselines) that share the cache.
   */
  async cacheFeatures(
    recordList: EcgRecord[],
    options: { cache?: FeatureCache; batchSize?: number; onProgress?: (event: ProgressEvent) => void } = {},
  ): Promise<void> {
    this.checkUsable();
    await computeFeatures(this.featureSources(), recordList, {
      cache: options.cache ?? this.cache,
      batchSize: options.batchSize ?? 32,
      onProgress: options.onProgress,
    });
  }

  /** Metrics per task on labelled examples (null targets skipped). */
  async evaluate(examples: LabelledEcg[], options: EvaluateOptions = {}): Promise<EvaluationReport> {
    this.checkUsable();
    for (const example of examples) for (const task of this.tasks) readTarget(task, example);
    const results = await this.outputs(
      records(examples),
      ids(examples),
      options.cache ?? this.cache,
      options,
    );
    const report: EvaluationReport = { tasks: {} };
    this.tasks.forEach((task, t) => {
      const targets: TaskTarget[] = examples.map((example) => readTarget(task, example));
      report.tasks[task.name] = evaluateTask(task, targets, results[t]);
    });
    return report;
  }

  /** Predictions for one record. */
  async predict(record: EcgRecord): Promise<Prediction> {
    return (await this.predictBatch([record]))[0];
  }

  /** Predictions for several records (embedded in batches; nothing is cached). */
  async predictBatch(recordList: EcgRecord[]): Promise<Prediction[]> {
    this.checkUsable();
    if (recordList.length === 0) return [];
    const results = await this.outputs(recordList, undefined, null, {});
    return recordList.map((_, i) => predictionAt(this.tasks, this.config.experts, results, i));
  }

  /** Parameter counts: trainable (LoRA, output layers, gates) and total (frozen backbones and base FFNs included). */
  parameterCounts(): EnEcgParameterCounts {
    this.checkUsable();
    const experts = this.experts.reduce((n, b) => n + b.parameterCounts().total, 0);
    const { heads, headsTrainable, gates } = this.network.parameterCounts();
    const trainable = headsTrainable + gates;
    const total = experts + heads + gates;
    return { trainable, total, frozen: total - trainable, experts, heads, headsTrainable, gates };
  }

  /** The variables training updates (LoRA A/B and output layers, or whole heads in 'full' mode, and gates). */
  trainableVariables(): tf.Variable[] {
    this.checkUsable();
    return this.network.trainableVariables();
  }

  /**
   * The model's files: `enecg.json`; per expert and task `heads/<expert>/<task>/adapter_config.json` and
   * `adapter_model.safetensors` (PEFT adapter; 'full' mode: `head.safetensors`); per task with a learnt gate
   * `gates/<task>.safetensors`. Backbone weights are not included (only their ids, configurations and SHA-256).
   */
  async save(): Promise<Map<string, Uint8Array>> {
    this.checkUsable();
    const files = new Map<string, Uint8Array>();
    const identities = await Promise.all(this.experts.map(backboneIdentity));
    const heads: ModelManifest['heads'] = {};
    for (const [e, expert] of this.config.experts.entries()) {
      heads[expert] = {};
      for (const [t, task] of this.tasks.entries()) {
        const head = this.network.heads[e][t];
        const folder = headFolder(expert, task.name);
        const headFiles = head.save();
        for (const [name, bytes] of headFiles) files.set(`${folder}/${name}`, bytes);
        heads[expert][task.name] = {
          folder,
          files: [...headFiles.keys()],
          frozenWeightsSha256: await head.frozenWeightsHash(),
        };
      }
    }
    const gates: ModelManifest['gates'] = {};
    this.tasks.forEach((task, t) => {
      const bytes = this.network.gates[t].save();
      const file = bytes ? gateFile(task.name) : null;
      if (bytes && file) files.set(file, bytes);
      gates[task.name] = { kind: this.network.gates[t].learnt ? 'softmax' : 'uniform', file };
    });
    const manifest: ModelManifest = {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      config: this.config,
      experts: identities.map((identity, e) => ({
        id: identity.id,
        config: identity.config,
        sha256: identity.sha256,
        embeddingSize: this.experts[e].embeddingSize,
      })),
      targetStats: this.targetStats,
      heads,
      gates,
      trained: this.trained,
    };
    files.set(MANIFEST_FILE, new TextEncoder().encode(`${JSON.stringify(manifest, null, 2)}\n`));
    return files;
  }

  /**
   * A model from the files `save` wrote, with the backbones it was trained with.
   *
   * @throws EnEcgBackboneMismatchError when a backbone's id, configuration or weights differ from the saved ones;
   *   EnEcgFileError for missing or malformed files.
   */
  static async load(files: ReadonlyMap<string, Uint8Array>, options: EnEcgBackbones): Promise<EnEcg> {
    const manifest = readManifest(files);
    const identities = await Promise.all(options.backbones.map(backboneIdentity));
    checkBackbones(manifest, options.backbones, identities);
    let config: ResolvedEnEcgConfig;
    try {
      config = resolveConfig(manifest.config);
    } catch (error) {
      throw new EnEcgFileError(MANIFEST_FILE, (error as Error).message);
    }
    checkBackboneList(config, options.backbones);
    const network = new EnsembleNetwork(
      config,
      options.backbones.map((b) => b.embeddingSize),
      gateFeatures(config),
      (spec, expert, task) => {
        const folder = manifest.heads?.[expert]?.[task]?.folder ?? headFolder(expert, task);
        return ExpertHead.fromFiles(spec, filesUnder(files, folder), folder);
      },
    );
    try {
      for (const [e, expert] of config.experts.entries()) {
        for (const [t, task] of config.tasks.entries()) {
          const expected = manifest.heads?.[expert]?.[task.name]?.frozenWeightsSha256 ?? null;
          const actual = await network.heads[e][t].frozenWeightsHash();
          if (expected !== actual) {
            throw new EnEcgFileError(
              `${headFolder(expert, task.name)}`,
              `the frozen base weights re-created from seed ${config.seed} differ from those the adapter was ` +
                `trained on (sha256 ${expected} vs ${actual}); was the model saved by another TensorFlow.js version?`,
            );
          }
        }
      }
      config.tasks.forEach((task, t) => {
        const gate = network.gates[t];
        if (!gate.learnt) return;
        const file = manifest.gates?.[task.name]?.file ?? gateFile(task.name);
        const bytes = files.get(file);
        if (!bytes) throw new EnEcgFileError(file, 'missing');
        gate.load(bytes, file);
      });
    } catch (error) {
      network.dispose();
      throw error;
    }
    return new EnEcg(
      config,
      options.backbones,
      network,
      manifest.targetStats ?? {},
      manifest.trained === true,
    );
  }

  /** Frees the heads and gates. The backbones belong to the caller and are not disposed. */
  dispose(): void {
    if (this.disposed) return;
    this.network.dispose();
    this.disposed = true;
  }

  private featureSources(): FeatureSources {
    return { experts: this.experts, gateSpec: this.gateInput, crop: this.config.crop };
  }

  private async outputs(
    recordList: EcgRecord[],
    exampleIds: string[] | undefined,
    cache: FeatureCache | null,
    options: EvaluateOptions,
  ) {
    const features = await computeFeatures(this.featureSources(), recordList, {
      cache,
      batchSize: options.batchSize ?? 64,
      ids: exampleIds,
      onProgress: options.onProgress,
    });
    return collectOutputs(this.network, features, this.targetStats, options.batchSize ?? 64, (done) =>
      options.onProgress?.({ phase: 'evaluate', done, total: recordList.length }),
    );
  }

  private checkUsable(): void {
    if (this.disposed) throw new EnEcgError('this EnEcg model has been disposed');
  }
}

function resolveFitOptions(options: FitOptions, modelSeed: number) {
  const resolved = {
    epochs: options.epochs ?? 30,
    batchSize: options.batchSize ?? 32,
    learningRate: options.learningRate ?? 1e-3,
    weightDecay: options.weightDecay ?? 0.01,
    warmupSteps: options.warmupSteps,
    patience: options.patience ?? 5,
    seed: options.seed ?? modelSeed,
    embedBatchSize: options.embedBatchSize ?? 32,
  };
  const positiveInteger = (name: string, value: number) => {
    if (!Number.isInteger(value) || value < 1)
      throw new EnEcgConfigError(`fit.${name}`, `expected an integer >= 1, got ${value}`);
  };
  positiveInteger('epochs', resolved.epochs);
  positiveInteger('batchSize', resolved.batchSize);
  positiveInteger('patience', resolved.patience);
  positiveInteger('embedBatchSize', resolved.embedBatchSize);
  if (!(resolved.learningRate > 0))
    throw new EnEcgConfigError('fit.learningRate', `expected > 0, got ${resolved.learningRate}`);
  if (!(resolved.weightDecay >= 0))
    throw new EnEcgConfigError('fit.weightDecay', `expected >= 0, got ${resolved.weightDecay}`);
  if (
    resolved.warmupSteps !== undefined &&
    !(Number.isInteger(resolved.warmupSteps) && resolved.warmupSteps >= 0)
  ) {
    throw new EnEcgConfigError('fit.warmupSteps', `expected an integer >= 0, got ${resolved.warmupSteps}`);
  }
  if (!Number.isInteger(resolved.seed))
    throw new EnEcgConfigError('fit.seed', `expected an integer, got ${resolved.seed}`);
  return resolved;
}

function checkBackboneList(config: ResolvedEnEcgConfig, backbones: readonly Backbone[]): void {
  if (!Array.isArray(backbones) || backbones.length !== config.experts.length) {
    throw new EnEcgConfigError(
      'backbones',
      `expected ${config.experts.length} backbones (${config.experts.join(', ')}), got ${backbones?.length ?? 0}`,
    );
  }
  backbones.forEach((backbone, i) => {
    if (backbone.id !== config.experts[i]) {
      throw new EnEcgConfigError(
        'backbones',
        `backbone ${i} is '${backbone.id}', expected '${config.experts[i]}' (same order as config.experts)`,
      );
    }
    if (!backbone.frozen) {
      throw new EnEcgConfigError(
        'backbones',
        `backbone '${backbone.id}' is not frozen; call backbone.freeze()`,
      );
    }
  });
}

function gateInputSpec(config: ResolvedEnEcgConfig): InputSpec {
  const { gate } = config;
  return {
    sampleRate: gate.sampleRate,
    length: Math.round(gate.durationS * gate.sampleRate),
    leads: gate.leads as InputSpec['leads'],
    normalization: gate.normalization === 'zscore' ? { kind: 'zscore', scope: 'perLead' } : { kind: 'none' },
  };
}

function gateFeatures(config: ResolvedEnEcgConfig): number {
  return Math.round(config.gate.durationS * config.gate.sampleRate) * config.gate.leads.length;
}

function records(examples: readonly LabelledEcg[]): EcgRecord[] {
  return examples.map((example, i) => {
    if (!example?.record)
      throw new EnEcgDataError({ exampleId: example?.id ?? `#${i}`, field: 'record' }, 'missing');
    return example.record;
  });
}

function ids(examples: readonly LabelledEcg[]): string[] {
  return examples.map((example) => example.id);
}
