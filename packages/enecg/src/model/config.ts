import { canonicalLeadName } from '@enecg/ecg-io';
import type { TaskSpec } from '../tasks/task.js';
import { EnEcgConfigError } from './errors.js';

/** The output head of each expert and task: an FFN, adapted with LoRA or trained in full. */
export interface HeadConfig {
  /** Hidden layer sizes (ReLU). Default [256, 256] (the reference). */
  hidden?: number[];
  /**
   * 'lora' (default): the hidden layers keep their seeded random initialisation frozen and learn LoRA updates;
   * the output layer trains in full (PEFT `modules_to_save`). 'full': every head weight trains.
   */
  mode?: 'lora' | 'full';
  /** LoRA options. Defaults: r 8, alpha 32, dropout 0.05 (the reference). */
  lora?: { r?: number; alpha?: number; dropout?: number };
}

/** The gate that weighs the experts, per task. */
export interface GateConfig {
  /** 'softmax' (default): a learnt softmax gate; 'uniform': fixed equal weights (the averaging baseline). */
  kind?: 'softmax' | 'uniform';
  /** Leads the gate sees. Default ['II'] (the reference). */
  leads?: string[];
  /** Sampling rate of the gate input, Hz. Default 100. */
  sampleRate?: number;
  /** Duration of the gate input, s. Default 10. */
  durationS?: number;
  /** 'none' (default): raw mV, as the reference; 'zscore': per lead, per record. */
  normalization?: 'none' | 'zscore';
  /** Hidden layer sizes of the gate MLP. Default [] (a linear gate). */
  hidden?: number[];
}

/** Everything that defines an EnECG model (the frozen backbones are passed separately). */
export interface EnEcgConfig {
  /** Backbone ids, in expert order. */
  experts: string[];
  tasks: TaskSpec[];
  head?: HeadConfig;
  gate?: GateConfig;
  /**
   * Which window of a record longer than an expert's (or the gate's) input is used: 'center' (default) or
   * 'start'. The same rule applies to every expert and the gate.
   */
  crop?: 'start' | 'center';
  /** Seed of every random initialisation. Default 0. */
  seed?: number;
}

/** A configuration with every default filled in. */
export interface ResolvedEnEcgConfig {
  experts: string[];
  tasks: TaskSpec[];
  head: { hidden: number[]; mode: 'lora' | 'full'; lora: { r: number; alpha: number; dropout: number } };
  gate: Required<GateConfig>;
  crop: 'start' | 'center';
  seed: number;
}

/** Fills in the defaults and checks every option. */
export function resolveConfig(config: EnEcgConfig): ResolvedEnEcgConfig {
  if (!Array.isArray(config.experts) || config.experts.length === 0) {
    throw new EnEcgConfigError('experts', 'give at least one backbone id');
  }
  if (new Set(config.experts).size !== config.experts.length) {
    throw new EnEcgConfigError('experts', `ids must be distinct, got ${config.experts.join(', ')}`);
  }
  const tasks = checkTasks(config.tasks);
  const hidden = config.head?.hidden ?? [256, 256];
  checkSizes('head.hidden', hidden);
  const mode = config.head?.mode ?? 'lora';
  if (mode !== 'lora' && mode !== 'full') {
    throw new EnEcgConfigError('head.mode', `expected 'lora' or 'full', got ${String(mode)}`);
  }
  if (mode === 'lora' && hidden.length === 0) {
    throw new EnEcgConfigError(
      'head.hidden',
      "LoRA mode needs at least one hidden layer to adapt (or use mode 'full')",
    );
  }
  const lora = { r: 8, alpha: 32, dropout: 0.05, ...config.head?.lora };
  if (!Number.isInteger(lora.r) || lora.r < 1)
    throw new EnEcgConfigError('head.lora.r', `expected an integer >= 1, got ${lora.r}`);
  if (!(lora.alpha > 0)) throw new EnEcgConfigError('head.lora.alpha', `expected > 0, got ${lora.alpha}`);
  if (!(lora.dropout >= 0 && lora.dropout < 1)) {
    throw new EnEcgConfigError('head.lora.dropout', `expected a rate in [0, 1), got ${lora.dropout}`);
  }
  const gate: Required<GateConfig> = {
    kind: 'softmax',
    leads: ['II'],
    sampleRate: 100,
    durationS: 10,
    normalization: 'none',
    hidden: [],
    ...config.gate,
  };
  if (gate.kind !== 'softmax' && gate.kind !== 'uniform') {
    throw new EnEcgConfigError('gate.kind', `expected 'softmax' or 'uniform', got ${String(gate.kind)}`);
  }
  if (!Array.isArray(gate.leads) || gate.leads.length === 0) {
    throw new EnEcgConfigError('gate.leads', 'give at least one lead');
  }
  gate.leads = gate.leads.map((lead) => {
    const canonical = canonicalLeadName(lead);
    if (!canonical) throw new EnEcgConfigError('gate.leads', `'${lead}' is not an ECG lead name`);
    return canonical;
  });
  if (new Set(gate.leads).size !== gate.leads.length) {
    throw new EnEcgConfigError('gate.leads', `leads must be distinct, got ${gate.leads.join(', ')}`);
  }
  if (!(gate.sampleRate > 0))
    throw new EnEcgConfigError('gate.sampleRate', `expected > 0 Hz, got ${gate.sampleRate}`);
  if (!(gate.durationS > 0))
    throw new EnEcgConfigError('gate.durationS', `expected > 0 s, got ${gate.durationS}`);
  if (gate.normalization !== 'none' && gate.normalization !== 'zscore') {
    throw new EnEcgConfigError(
      'gate.normalization',
      `expected 'none' or 'zscore', got ${String(gate.normalization)}`,
    );
  }
  checkSizes('gate.hidden', gate.hidden);
  if (!(Math.round(gate.durationS * gate.sampleRate) >= 1)) {
    throw new EnEcgConfigError('gate.durationS', 'the gate input must hold at least one sample');
  }
  const crop = config.crop ?? 'center';
  if (crop !== 'start' && crop !== 'center') {
    throw new EnEcgConfigError('crop', `expected 'start' or 'center', got ${String(crop)}`);
  }
  const seed = config.seed ?? 0;
  if (!Number.isInteger(seed)) throw new EnEcgConfigError('seed', `expected an integer, got ${seed}`);
  return {
    experts: [...config.experts],
    tasks,
    head: { hidden: [...hidden], mode, lora },
    gate: { ...gate, leads: [...gate.leads], hidden: [...gate.hidden] },
    crop,
    seed,
  };
}

/** Number of outputs of a task's head: 1 (regression), one per class or one per label. */
export function outputSize(task: TaskSpec): number {
  if (task.kind === 'regression') return 1;
  return task.kind === 'classification' ? task.classes.length : task.labels.length;
}

function checkTasks(tasks: TaskSpec[]): TaskSpec[] {
  if (!Array.isArray(tasks) || tasks.length === 0)
    throw new EnEcgConfigError('tasks', 'give at least one task');
  const names = new Set<string>();
  for (const task of tasks) {
    const where = `tasks.${task.name}`;
    if (!/^[A-Za-z0-9_-]+$/.test(task.name ?? '')) {
      throw new EnEcgConfigError('tasks', `task names use letters, digits, '_' and '-', got '${task.name}'`);
    }
    if (names.has(task.name)) throw new EnEcgConfigError('tasks', `task '${task.name}' is given twice`);
    names.add(task.name);
    if (!['regression', 'classification', 'multilabel'].includes(task.kind)) {
      throw new EnEcgConfigError(
        `${where}.kind`,
        `expected regression, classification or multilabel, got ${String((task as { kind: unknown }).kind)}`,
      );
    }
    if (task.weight !== undefined && !(task.weight >= 0)) {
      throw new EnEcgConfigError(`${where}.weight`, `expected >= 0, got ${task.weight}`);
    }
    if (task.kind === 'classification' && !(task.classes?.length >= 2)) {
      throw new EnEcgConfigError(`${where}.classes`, 'a classification task needs at least 2 classes');
    }
    if (task.kind === 'multilabel' && !(task.labels?.length >= 1)) {
      throw new EnEcgConfigError(`${where}.labels`, 'a multi-label task needs at least 1 label');
    }
    if (
      task.kind === 'regression' &&
      task.loss !== undefined &&
      task.loss !== 'mse' &&
      task.loss !== 'huber'
    ) {
      throw new EnEcgConfigError(`${where}.loss`, `expected 'mse' or 'huber', got ${String(task.loss)}`);
    }
    if (task.kind === 'regression' && task.huberDelta !== undefined && !(task.huberDelta > 0)) {
      throw new EnEcgConfigError(`${where}.huberDelta`, `expected > 0, got ${task.huberDelta}`);
    }
  }
  return tasks.map((task) =>
    task.kind === 'classification'
      ? { ...task, classes: [...task.classes] }
      : task.kind === 'multilabel'
        ? { ...task, labels: [...task.labels] }
        : { ...task },
  );
}

function checkSizes(option: string, sizes: number[]): void {
  if (!Array.isArray(sizes) || sizes.some((n) => !Number.isInteger(n) || n < 1)) {
    throw new EnEcgConfigError(option, `expected a list of integers >= 1, got ${JSON.stringify(sizes)}`);
  }
}
