// Linear probes of the shipped (or freshly pretrained) weights against randomly initialised copies of the same
// configurations; prints a markdown table to stdout. Run from packages/backbones: pnpm probe [options]
// (--help lists them).
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { nodeFileSource } from '@enecg/ecg-io/node';
import { type Backbone, createBackbone, useBackend } from '../src/index.js';
import { loadBackboneFromFile } from '../src/node.js';
import { formatProbeTable, type ProbeComparison } from '../src/pretrain/compare.js';
import { readProbeDataset } from '../src/pretrain/probe-data.js';
import { runProbes } from '../src/pretrain/probe-suite.js';
import { PROBE_SIMULATION } from '../src/pretrain/recipes.js';
import { PRETRAINED_BACKBONES } from '../src/pretrained/catalog.js';
import { loadPretrainedBackbone, pretrainedWeightsDirectory } from '../src/pretrained/node-loader.js';
import { integerOption, type OptionSpec, parseArgs, UsageError, usage } from './lib/args.js';
import { formatSeconds, sampleDataDirectory } from './lib/sample-data.js';

const OPTIONS: OptionSpec[] = [
  { name: 'backbone', help: `id to probe, or "all" (default): ${PRETRAINED_BACKBONES.join(', ')}` },
  {
    name: 'weights',
    help: "folder of <id>.safetensors (default: the package's shipped weights, checksums verified)",
  },
  { name: 'random-seeds', help: 'comma-separated seeds of the random-init copies (default 0,1,2)' },
  {
    name: 'sample-data',
    help: 'wfdb-sample/sample-data folder (default: $ENECG_DATA_DIR or ../shared/data)',
  },
  { name: 'max-windows', help: 'use only the first N windows of record 100 (default all 360)' },
  {
    name: 'simulated',
    help: `simulated probe records (default ${PROBE_SIMULATION.count}, seed ${PROBE_SIMULATION.seed}; 0: none)`,
  },
  { name: 'json', help: 'also write the full reports to this file' },
  { name: 'help', flag: true, help: 'print this help' },
];

async function main(argv: string[]): Promise<void> {
  const options = parseArgs(argv, OPTIONS);
  if (options.has('help')) {
    console.log(
      usage('pnpm probe', 'Linear probes: pretrained weights against random initialisation.', OPTIONS),
    );
    return;
  }
  const which = options.get('backbone') ?? 'all';
  const ids = which === 'all' ? [...PRETRAINED_BACKBONES] : [which];
  const weights = options.get('weights') ? resolve(options.get('weights')!) : null;
  const seeds = (options.get('random-seeds') ?? '0,1,2').split(',').map((s) => {
    const seed = Number(s);
    if (!Number.isInteger(seed) || seed < 0) throw new UsageError(`--random-seeds: "${s}" is not a seed`);
    return seed;
  });
  const sampleDir = sampleDataDirectory(options.get('sample-data'));
  if (!sampleDir)
    throw new UsageError('the sample data folder (with record 100) was not found; pass --sample-data');
  await useBackend('wasm');
  const started = Date.now();
  const data = await readProbeDataset(nodeFileSource(sampleDir), {
    maxWindows: integerOption(options, 'max-windows'),
    simulated: { ...PROBE_SIMULATION, count: integerOption(options, 'simulated', PROBE_SIMULATION.count)! },
  });
  log(`${data.annotated.length} windows of record 100, ${data.simulated.length} simulated records`);
  const comparisons: ProbeComparison[] = [];
  for (const id of ids) {
    const pretrained: Backbone = weights
      ? await loadBackboneFromFile(join(weights, `${id}.safetensors`))
      : await loadPretrainedBackbone(id);
    log(`${id}: probing the pretrained weights (${weights ?? pretrainedWeightsDirectory()})`);
    const report = await runProbes(pretrained, data);
    const random = [];
    for (const seed of seeds) {
      log(`${id}: probing a random initialisation, seed ${seed}`);
      const copy = createBackbone(id, { config: { ...pretrained.config }, seed });
      random.push(await runProbes(copy, data));
      copy.dispose();
    }
    pretrained.dispose();
    comparisons.push({ backbone: id, pretrained: report, random });
  }
  console.log(formatProbeTable(comparisons));
  console.log(
    `\nrandom init: mean over seeds ${seeds.join(', ')}; ${data.annotated.length} windows of MIT-BIH 100, ` +
      `${data.simulated.length} simulated records (seed ${PROBE_SIMULATION.seed}); ${formatSeconds((Date.now() - started) / 1000)}`,
  );
  if (options.get('json'))
    writeFileSync(resolve(options.get('json')!), `${JSON.stringify(comparisons, null, 2)}\n`);
}

function log(message: string): void {
  process.stderr.write(`[probe ${new Date().toISOString().slice(11, 19)}] ${message}\n`);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  process.stderr.write(`probe: ${(error as Error).message}\n`);
  process.exitCode = error instanceof UsageError ? 2 : 1;
});
