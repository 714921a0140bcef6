import { readFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type EcgRecord, readEdf } from '@enecg/ecg-io';
import { readRecordFromPath } from '@enecg/ecg-io/node';
import { EnEcg } from '../model/enecg.js';
import type { Prediction } from '../model/types.js';
import { type CliCommand, CliUsageError } from './context.js';
import { loadExperts, selectBackend } from './experts.js';
import { readModelFolder } from './model-folder.js';
import { choiceOption, helpText, type OptionSpecs, parseOptions } from './options.js';

const OPTIONS: OptionSpecs = {
  model: {
    type: 'string',
    help: 'folder of a model saved by `enecg train` (default: the shipped simulated-ECG model)',
  },
  backend: { type: 'string', help: "TF.js backend: 'wasm' (default) or 'cpu'" },
  json: { type: 'boolean', help: 'print the prediction as JSON' },
  help: { type: 'boolean', help: 'show this help' },
};

/** The model shipped with the package (trained on simulated ECGs; see its model card). */
export const SHIPPED_MODEL = fileURLToPath(new URL('../models/simulated', import.meta.url));

/** `enecg predict <file>`: per-task predictions, probabilities, gate weights and each expert's prediction. */
export const predict: CliCommand = async (args, context) => {
  const { values, positionals } = parseOptions(args, OPTIONS, true);
  if (values.help) {
    context.stdout(
      helpText(
        'enecg predict <record.hea | file.edf | file.bdf> [options]',
        'Run a trained EnECG model on one ECG.',
        OPTIONS,
      ),
    );
    return 0;
  }
  if (positionals.length !== 1)
    throw new CliUsageError(`give exactly one ECG file, got ${positionals.length}`);
  const record = await readEcg(resolve(context.cwd, positionals[0]));
  await selectBackend(choiceOption(values, 'backend', ['wasm', 'cpu'] as const, 'wasm'));
  const folder = typeof values.model === 'string' ? resolve(context.cwd, values.model) : SHIPPED_MODEL;
  const files = await readModelFolder(folder).catch((error: Error) => {
    throw new CliUsageError(`--model: cannot read '${folder}' (${error.message})`);
  });
  const manifest = JSON.parse(new TextDecoder().decode(files.get('enecg.json') ?? new Uint8Array())) as {
    config?: { experts?: string[] };
  };
  const backbones = await loadExperts(manifest.config?.experts, (text) =>
    context.stderr.write(`warning: ${text}\n`),
  );
  const model = await EnEcg.load(files, { backbones });
  try {
    const prediction = await model.predict(record);
    context.stdout(values.json ? `${JSON.stringify(prediction)}\n` : formatPrediction(record, prediction));
    return 0;
  } finally {
    model.dispose();
    for (const backbone of backbones) backbone.dispose();
  }
};

/** Reads WFDB (.hea or a record name), EDF or BDF. */
async function readEcg(path: string): Promise<EcgRecord> {
  const extension = extname(path).toLowerCase();
  if (extension === '.edf' || extension === '.bdf') {
    return readEdf(new Uint8Array(await readFile(path)), { fileName: path });
  }
  return readRecordFromPath(path);
}

function formatPrediction(record: EcgRecord, prediction: Prediction): string {
  const lines = [
    `${record.name}: ${record.signals.length} signals, ${(record.length / record.samplingFrequency).toFixed(1)} s`,
  ];
  for (const task of Object.values(prediction.tasks)) {
    const value = formatValue(task.prediction, task.label);
    const probabilities = task.probabilities
      ? ` (p = ${task.probabilities.map((p) => p.toFixed(2)).join(', ')})`
      : '';
    lines.push(`${task.task}: ${value}${probabilities}`);
    const gate = Object.entries(task.gateWeights)
      .map(([id, w]) => `${id} ${w.toFixed(2)}`)
      .join(', ');
    lines.push(`  gate: ${gate}`);
    const experts = Object.entries(task.experts)
      .map(([id, e]) => `${id} ${formatValue(e.prediction)}`)
      .join(', ');
    lines.push(`  experts: ${experts}`);
  }
  return `${lines.join('\n')}\n`;
}

function formatValue(prediction: number | number[], label?: string | string[]): string {
  if (label !== undefined) return Array.isArray(label) ? `[${label.join(', ')}]` : label;
  return Array.isArray(prediction) ? `[${prediction.join(', ')}]` : prediction.toFixed(1);
}
