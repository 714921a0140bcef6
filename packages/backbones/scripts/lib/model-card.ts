import { formatProbeTable } from '../../src/pretrain/compare.js';
import type { PretrainingRun } from './run-record.js';
import { formatSeconds } from './sample-data.js';

function fmt(value: number | undefined): string {
  return value === undefined || !Number.isFinite(value) ? 'n/a' : value.toFixed(3);
}

/** The markdown model card of a pretraining run. */
export function modelCard(run: PretrainingRun): string {
  const { backbone, file, corpus, training, augmentation, recipe } = run;
  const kib = (file.bytes / 1024).toFixed(1);
  const realList = corpus.real.map((r) => `\`${r.record}\` (${r.leads}: ${r.segments})`).join(', ');
  const lines = [
    `# ${backbone.id}: pretrained weights of @enecg/backbones`,
    '',
    `Self-supervised (contrastive) pretraining of the small \`${backbone.id}\` configuration below, by this`,
    `package's own script. Load it with \`loadPretrainedBackbone('${backbone.id}')\` (Node) or`,
    `\`loadPretrainedBackboneFromUrl('${backbone.id}', baseUrl)\` (browsers).`,
    '',
    '## File',
    '',
    '| | |',
    '| --- | --- |',
    `| file | \`${file.name}\` (${file.bytes.toLocaleString('en-US')} bytes, ${kib} KiB) |`,
    `| sha256 of the tensor data (also in the file's metadata) | \`${file.sha256}\` |`,
    `| parameters | ${backbone.parameters.toLocaleString('en-US')} (+ ${backbone.buffers.toLocaleString('en-US')} buffer values) |`,
    `| embedding | ${backbone.embeddingSize} values |`,
    `| input | ${backbone.input} |`,
    `| configuration (overrides of the default) | \`${JSON.stringify(recipe.config)}\` |`,
    '',
    'Full configuration (stored in the file and used to rebuild the backbone):',
    '',
    '```json',
    JSON.stringify(backbone.config),
    '```',
    '',
    '## Data',
    '',
    `- Real ECG windows: ${corpus.realSegments} from ${corpus.real.length} records of PhysioNet's WFDB sample data`,
    `  (record: leads used: windows) ${realList}. Windows have the input's duration plus ${recipe.marginS} s on each side,`,
    '  every half input duration.',
    `- Held out of pretraining entirely: ${corpus.heldOut.map((r) => `\`${r}\``).join(', ')} (MIT-BIH; the probe data).`,
    `- Simulated 12-lead ECGs: ${corpus.simulated.count} records of ${corpus.simulated.durationS} s from`,
    `  \`simulateDataset({ count: ${corpus.simulated.count}, seed: ${corpus.simulated.seed} })\` (10 conditions, default noise),`,
    `  ${corpus.simulated.segments} windows. The probes use seed 9001, the validation loss seed ${run.validation.seed}.`,
    corpus.ptbXl
      ? `- PTB-XL: ${corpus.ptbXl.records} of the ${corpus.ptbXl.available} records of strat_fold ${corpus.ptbXl.folds.join(', ')} (folds 9 and 10 never read), ${corpus.ptbXl.segments} windows.`
      : '- PTB-XL: not used for these weights (`--data <folder>` adds strat_fold 1-8 only).',
    '',
    '## Objective and training',
    '',
    '- SimCLR: two augmented views of each window, embedded by the backbone (training mode), projected by an MLP',
    `  head (${backbone.embeddingSize} -> ${run.projection.hidden} -> ReLU -> ${run.projection.output}, discarded afterwards),`,
    `  NT-Xent loss at temperature ${recipe.temperature}; batches hold one window per recording.`,
    `- Augmentations: time shift up to ${augmentation.maxShiftS} s, amplitude x${augmentation.scale[0]}-${augmentation.scale[1]} per lead,`,
    `  Gaussian noise ${augmentation.noiseStd[0]}-${augmentation.noiseStd[1]} and baseline wander ${augmentation.wanderAmplitude[0]}-${augmentation.wanderAmplitude[1]} of the lead's std`,
    `  (${augmentation.wanderHz[0]}-${augmentation.wanderHz[1]} Hz), lead dropout ${augmentation.leadDropout[0]}-${augmentation.leadDropout[1]}. No time stretching of these views: the heart rate is kept.`,
    run.speed.weight > 0
      ? `- Speed pretext task (weight ${run.speed.weight}): a third view of each window played r times faster (r log-uniform in ${run.speed.range[0]}-${run.speed.range[1]}, limited by the ${recipe.marginS} s margins); a linear head on (its embedding - the first view's) predicts log r; squared error divided by the variance of log r.`
      : '- No speed pretext task.',
    `- ${training.steps} steps of ${training.batchSize} windows (${training.passes} passes over the windows), Adam,`,
    `  learning rate ${recipe.learningRate} after a linear warm-up, cosine decay to a tenth; gradients clipped to norm 5;`,
    `  initial weights seed ${recipe.initSeed}, training seed ${run.trainingSeed}. ${formatSeconds(training.seconds)} on ${run.environment}.`,
    '',
    '| loss | first step | end of training (mean of the last tenth of the steps) | validation before | validation after |',
    '| --- | --- | --- | --- | --- |',
    `| total (NT-Xent + ${run.speed.weight} x speed) | ${training.firstLoss.toFixed(3)} | ${training.finalLoss.toFixed(3)} | ${fmt(training.validation[0]?.loss)} | ${fmt(training.validation.at(-1)?.loss)} |`,
    `| NT-Xent | | ${training.finalContrastiveLoss.toFixed(3)} | ${fmt(training.validation[0]?.contrastive)} | ${fmt(training.validation.at(-1)?.contrastive)} |`,
    `| speed (normalised squared error; 1 = predicting the mean) | | ${training.finalSpeedLoss.toFixed(3)} | ${fmt(training.validation[0]?.speed)} | ${fmt(training.validation.at(-1)?.speed)} |`,
    '',
    `Validation: ${run.validation.segments} windows of simulated records (seed ${run.validation.seed}) never trained on, fixed views, inference mode.`,
    '',
    '## Linear probes: pretrained against random initialisation',
    '',
  ];
  if (run.probe) {
    lines.push(
      'Frozen embeddings, blocked 5-fold cross-validation (contiguous blocks of time for MIT-BIH 100, windows of',
      '10 s every 5 s, no window on both sides of a split; whole patients for the simulated records); ridge',
      'regression and class-balanced logistic regression, penalty chosen on an inner validation block. Random',
      `init: the same configuration built with seed${run.probe.random.length > 1 ? 's' : ''} ${run.probe.random.length > 1 ? 'listed in the command' : recipe.initSeed} (the pretraining's starting point).`,
      '',
      formatProbeTable([run.probe]),
    );
  } else {
    lines.push('Not run (`--no-probe`, or the sample data folder with record 100 was missing).');
  }
  lines.push(
    '',
    '## Reproduce',
    '',
    '```sh',
    run.command,
    '```',
    '',
    'Training on the wasm backend is deterministic for a seed on a given machine; other CPUs may differ in the last',
    'bits (the probe numbers, not the file checksum, are what to compare).',
    '',
  );
  return lines.join('\n');
}
