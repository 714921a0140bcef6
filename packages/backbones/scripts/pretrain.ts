// Self-supervised pretraining of the built-in backbones (small sizes) and the shipped weights' model cards.
// Run from packages/backbones: pnpm pretrain [--backbone <id|all>] [--steps N | --epochs N] [--seed N]
//   [--out <dir>] [--data <PTB-XL folder>] ... (--help lists every option). Progress goes to stderr.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import type { EcgRecord, SimulatedDatasetRecord } from '@enecg/ecg-io';
import { nodeFileSource } from '@enecg/ecg-io/node';
import * as tf from '@tensorflow/tfjs';
import {
  type Backbone,
  createBackbone,
  describeInputSpec,
  serializeBackbone,
  useBackend,
} from '../src/index.js';
import { DEFAULT_AUGMENTATION } from '../src/pretrain/augment.js';
import type { ProbeComparison } from '../src/pretrain/compare.js';
import { pretrainContrastive } from '../src/pretrain/contrastive.js';
import {
  HELD_OUT_RECORDS,
  readPtbXlPretrainingRecords,
  readSamplePretrainingRecords,
  simulatedPretrainingRecords,
} from '../src/pretrain/corpus.js';
import { corpusSegments } from '../src/pretrain/corpus-segments.js';
import { readProbeDataset } from '../src/pretrain/probe-data.js';
import { type ProbeDataset, runProbes } from '../src/pretrain/probe-suite.js';
import {
  PRETRAINING_RECIPES,
  PRETRAINING_SIMULATION,
  PROBE_SIMULATION,
  type PretrainingRecipe,
  VALIDATION_SIMULATION,
} from '../src/pretrain/recipes.js';
import { prepareSegments } from '../src/pretrain/windows.js';
import { pretrainedWeightsDirectory } from '../src/pretrained/node-loader.js';
import { sha256Hex } from '../src/weights/sha256.js';
import { integerOption, type OptionSpec, parseArgs, UsageError, usage } from './lib/args.js';
import { updateManifest } from './lib/manifest.js';
import { modelCard } from './lib/model-card.js';
import type { PretrainingRun } from './lib/run-record.js';
import { formatSeconds, sampleDataDirectory } from './lib/sample-data.js';

const OPTIONS: OptionSpec[] = [
  {
    name: 'backbone',
    help: `id to pretrain, or "all" (default): ${PRETRAINING_RECIPES.map((r) => r.id).join(', ')}`,
  },
  { name: 'steps', help: "optimisation steps (default: the recipe's)" },
  { name: 'epochs', help: 'passes over the training windows instead of --steps' },
  { name: 'batch-size', help: "windows per step (default: the recipe's)" },
  { name: 'seed', help: 'seed of the initial weights and of the training (default 0)' },
  {
    name: 'out',
    help: "output folder for <id>.safetensors, <id>.md, manifest.json (default: the package's weights/)",
  },
  { name: 'data', help: 'PTB-XL folder: adds its records of strat_fold 1-8 (only) to the real data' },
  { name: 'ptbxl-limit', help: 'most PTB-XL records to read, spread over folds 1-8 (default 2000)' },
  {
    name: 'sample-data',
    help: 'wfdb-sample/sample-data folder (default: $ENECG_DATA_DIR or ../shared/data)',
  },
  { name: 'simulated', help: `simulated pretraining records (default ${PRETRAINING_SIMULATION.count})` },
  {
    name: 'probe-seeds',
    help: 'comma-separated seeds of the random-init probe baselines (default: the init seed)',
  },
  { name: 'max-shift', help: "largest time shift of a view in seconds (default: the recipe's)" },
  { name: 'sampling', help: "one-per-group or uniform batches (default: the recipe's)" },
  { name: 'margin', help: "seconds of extra signal on each side of a window (default: the recipe's)" },
  { name: 'speed-weight', help: "weight of the speed pretext task (default: the recipe's; 0: off)" },
  { name: 'probe-simulated', help: 'simulated probe records (default 300; 0: none)' },
  { name: 'no-probe', flag: true, help: 'skip the linear probes' },
  { name: 'help', flag: true, help: 'print this help' },
];

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv, OPTIONS);
  if (options.has('help')) {
    console.log(usage('pnpm pretrain', 'Contrastive pretraining of the built-in backbones.', OPTIONS));
    return;
  }
  const which = options.get('backbone') ?? 'all';
  const recipes = which === 'all' ? PRETRAINING_RECIPES : PRETRAINING_RECIPES.filter((r) => r.id === which);
  if (recipes.length === 0) {
    throw new UsageError(
      `unknown --backbone "${which}"; expected all or ${PRETRAINING_RECIPES.map((r) => r.id).join(', ')}`,
    );
  }
  const seed = integerOption(options, 'seed');
  const out = resolve(options.get('out') ?? pretrainedWeightsDirectory());
  mkdirSync(out, { recursive: true });
  const sampleDir = sampleDataDirectory(options.get('sample-data'));
  const simulatedCount = integerOption(options, 'simulated', PRETRAINING_SIMULATION.count)!;
  const probeSeeds = options.get('probe-seeds')?.split(',').map(Number);

  await useBackend('wasm');
  log(`backend ${tf.getBackend()}; output ${out}`);
  const real: { record: EcgRecord; group: string }[] = [];
  if (sampleDir) {
    for (const record of await readSamplePretrainingRecords(nodeFileSource(sampleDir))) {
      real.push({ record, group: record.name });
    }
    log(
      `real records: ${real.map((r) => `${r.record.name} (${(r.record.length / r.record.samplingFrequency).toFixed(0)} s)`).join(', ')}`,
    );
  } else {
    log('sample data folder not found: pretraining on simulated (and PTB-XL) records only');
  }
  log(`simulating ${simulatedCount} + ${VALIDATION_SIMULATION.count} records`);
  const simulated = simulatedPretrainingRecords({ ...PRETRAINING_SIMULATION, count: simulatedCount });
  const validation = simulatedPretrainingRecords(VALIDATION_SIMULATION);
  const probeData =
    !options.has('no-probe') && sampleDir
      ? await readProbeDataset(nodeFileSource(sampleDir), {
          simulated: {
            ...PROBE_SIMULATION,
            count: integerOption(options, 'probe-simulated', PROBE_SIMULATION.count)!,
          },
        })
      : null;

  for (const recipe of recipes) {
    const steps = integerOption(options, 'steps');
    const epochs = integerOption(options, 'epochs');
    const effective: PretrainingRecipe = {
      ...recipe,
      initSeed: seed ?? recipe.initSeed,
      batchSize: integerOption(options, 'batch-size', recipe.batchSize)!,
      steps: steps ?? recipe.steps,
      maxShiftS: options.has('max-shift') ? Number(options.get('max-shift')) : recipe.maxShiftS,
      marginS: options.has('margin') ? Number(options.get('margin')) : recipe.marginS,
      speedWeight: options.has('speed-weight') ? Number(options.get('speed-weight')) : recipe.speedWeight,
      sampling: (options.get('sampling') as PretrainingRecipe['sampling'] | undefined) ?? recipe.sampling,
    };
    if (!(effective.maxShiftS >= 0)) throw new UsageError('--max-shift must be a number of seconds >= 0');
    if (!(effective.marginS >= effective.maxShiftS))
      throw new UsageError('--margin must be >= the largest shift');
    if (effective.sampling !== 'one-per-group' && effective.sampling !== 'uniform') {
      throw new UsageError(`--sampling must be one-per-group or uniform, got "${effective.sampling}"`);
    }
    const run = await pretrainOne(effective, {
      epochs,
      trainingSeed: seed ?? 0,
      real,
      simulated,
      validation,
      ptbXlFolder: options.get('data'),
      ptbXlLimit: integerOption(options, 'ptbxl-limit', 2000)!,
      probeData,
      probeSeeds: probeSeeds ?? [effective.initSeed],
      out,
      command: `pnpm --filter @enecg/backbones pretrain ${argv.join(' ')}`.trim(),
    });
    log(`${recipe.id}: wrote ${join(out, run.file.name)} (${run.file.bytes} bytes) and ${recipe.id}.md`);
  }
}

interface RunContext {
  epochs: number | undefined;
  trainingSeed: number;
  real: { record: EcgRecord; group: string }[];
  simulated: SimulatedDatasetRecord[];
  validation: SimulatedDatasetRecord[];
  ptbXlFolder: string | undefined;
  ptbXlLimit: number;
  probeData: ProbeDataset | null;
  probeSeeds: number[];
  out: string;
  command: string;
}

async function pretrainOne(recipe: PretrainingRecipe, context: RunContext): Promise<PretrainingRun> {
  const backbone = createBackbone(recipe.id, { config: recipe.config, seed: recipe.initSeed, frozen: false });
  const spec = backbone.input;
  log(
    `${recipe.id}: ${describeInputSpec(spec)} -> ${backbone.embeddingSize}; ${backbone.parameterCounts().total} parameters`,
  );

  let ptbXl: PretrainingRun['corpus']['ptbXl'] = null;
  const real = [...context.real];
  if (context.ptbXlFolder) {
    const rate = spec.sampleRate > 100 ? 500 : 100;
    const read = await readPtbXlPretrainingRecords(nodeFileSource(resolve(context.ptbXlFolder)), {
      rate,
      limit: context.ptbXlLimit,
      onRecord: (done, total) => done % 200 === 0 && log(`PTB-XL: ${done}/${total} records read`),
    });
    for (const entry of read.records)
      real.push({ record: entry.record, group: `ptbxl-patient-${entry.patientId}` });
    ptbXl = { folds: read.folds, records: read.records.length, available: read.available, segments: 0 };
    log(
      `PTB-XL: ${read.records.length} records of folds ${read.folds.join(',')} (${read.available} available)`,
    );
  }
  const { segments, summary } = corpusSegments(
    spec,
    { real, simulated: context.simulated },
    { segmentsPerSimulatedRecord: recipe.segmentsPerSimulatedRecord, marginS: recipe.marginS },
  );
  const validationSegments = context.validation.flatMap((s) =>
    prepareSegments(s.record, spec, { group: s.patientId, maxSegments: 1, marginS: recipe.marginS }),
  );
  if (ptbXl) {
    ptbXl.segments = Object.entries(summary.perRecord)
      .filter(([name]) => !context.real.some((r) => r.record.name === name))
      .reduce((sum, [, count]) => sum + count, 0);
  }
  const steps = context.epochs
    ? Math.ceil((context.epochs * segments.length) / recipe.batchSize)
    : recipe.steps;
  log(
    `${recipe.id}: ${segments.length} training windows (${summary.realSegments} real, ${summary.simulatedSegments} simulated), ` +
      `${validationSegments.length} validation; ${steps} steps of ${recipe.batchSize}`,
  );
  const projection = { hidden: Math.min(backbone.embeddingSize, 128), output: 32 };
  let lastLog = 0;
  const result = await pretrainContrastive(backbone, segments, {
    steps,
    batchSize: recipe.batchSize,
    learningRate: recipe.learningRate,
    temperature: recipe.temperature,
    projectionHidden: projection.hidden,
    projectionDim: projection.output,
    seed: context.trainingSeed,
    sampling: recipe.sampling,
    speedWeight: recipe.speedWeight,
    speedRange: SPEED_RANGE,
    augmentation: { ...DEFAULT_AUGMENTATION, maxShiftS: recipe.maxShiftS },
    validation: validationSegments,
    onProgress: (p) => {
      if (p.step === p.steps || p.step === 1 || Date.now() - lastLog > 15_000) {
        lastLog = Date.now();
        log(
          `${recipe.id}: step ${p.step}/${p.steps} loss ${p.loss.toFixed(3)} lr ${p.learningRate.toExponential(1)} ` +
            `pass ${p.passes} elapsed ${formatSeconds(p.elapsedS)} ETA ${formatSeconds(p.etaS)}` +
            (p.validationLoss === undefined ? '' : ` validation ${p.validationLoss.toFixed(3)}`),
        );
      }
    },
  });
  backbone.freeze();
  const bytes = await serializeBackbone(backbone);
  const name = `${recipe.id}.safetensors`;
  writeFileSync(join(context.out, name), bytes);
  const headerLength = Number(new DataView(bytes.buffer, bytes.byteOffset, 8).getBigUint64(0, true));
  const sha256 = await sha256Hex(bytes.subarray(8 + headerLength));
  const counts = backbone.parameterCounts();
  updateManifest(context.out, {
    id: recipe.id,
    file: name,
    sha256,
    bytes: bytes.length,
    embeddingSize: backbone.embeddingSize,
    parameters: counts.total,
    config: { ...backbone.config },
  });

  const probe = context.probeData ? await compareWithRandom(backbone, recipe, context) : null;
  const run: PretrainingRun = {
    recipe,
    trainingSeed: context.trainingSeed,
    backbone: {
      id: recipe.id,
      config: { ...backbone.config },
      input: describeInputSpec(spec),
      embeddingSize: backbone.embeddingSize,
      parameters: counts.total,
      buffers: counts.buffers,
    },
    file: { name, bytes: bytes.length, sha256 },
    corpus: {
      real: context.real.map(({ record }) => ({
        record: record.name,
        leads: record.signals.map((s) => s.lead).join('+'),
        segments: summary.perRecord[record.name] ?? 0,
      })),
      realSegments: summary.realSegments - (ptbXl?.segments ?? 0),
      heldOut: HELD_OUT_RECORDS,
      simulated: {
        ...PRETRAINING_SIMULATION,
        count: context.simulated.length,
        segments: summary.simulatedSegments,
      },
      ptbXl,
    },
    validation: { ...VALIDATION_SIMULATION, segments: validationSegments.length },
    augmentation: { ...DEFAULT_AUGMENTATION, maxShiftS: recipe.maxShiftS },
    projection,
    training: {
      steps: result.steps,
      batchSize: result.batchSize,
      passes: result.passes,
      seconds: result.seconds,
      firstLoss: result.losses[0],
      finalLoss: result.finalLoss,
      initialValidationLoss: result.validation[0]?.loss ?? Number.NaN,
      finalValidationLoss: result.validation.at(-1)?.loss ?? Number.NaN,
      finalContrastiveLoss: tailMean(result.components.contrastive),
      finalSpeedLoss: tailMean(result.components.speed),
      validation: result.validation,
    },
    speed: { weight: recipe.speedWeight, range: SPEED_RANGE },
    probe,
    command: context.command,
    environment: `Node ${process.version}, TF.js ${tf.version.tfjs} ${tf.getBackend()} backend`,
  };
  writeFileSync(join(context.out, `${recipe.id}.md`), modelCard(run));
  writeFileSync(join(context.out, `${recipe.id}.run.json`), `${JSON.stringify(run, null, 2)}\n`);
  backbone.dispose();
  return run;
}

async function compareWithRandom(
  pretrained: Backbone,
  recipe: PretrainingRecipe,
  context: RunContext,
): Promise<ProbeComparison> {
  const data = context.probeData!;
  log(`${recipe.id}: probing the pretrained backbone`);
  const report = await runProbes(pretrained, data);
  const random = [];
  for (const seed of context.probeSeeds) {
    log(`${recipe.id}: probing a random initialisation (seed ${seed})`);
    const copy = createBackbone(recipe.id, { config: recipe.config, seed });
    random.push(await runProbes(copy, data));
    copy.dispose();
  }
  for (const task of report.tasks) {
    const baseline = random[0].tasks.find((t) => t.task === task.task);
    log(
      `${recipe.id}: ${task.task} pretrained ${JSON.stringify(round(task.metrics))} random ${JSON.stringify(round(baseline?.metrics ?? {}))}`,
    );
  }
  return { backbone: recipe.id, pretrained: report, random };
}

/** Speed factors of the speed pretext task. */
const SPEED_RANGE = [0.8, 1.25] as const;

function tailMean(values: readonly number[]): number {
  const tail = values.slice(-Math.max(1, Math.floor(values.length / 10)));
  return tail.reduce((a, b) => a + b, 0) / tail.length;
}

function round(metrics: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
}

function log(message: string): void {
  process.stderr.write(`[pretrain ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`pretrain: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
