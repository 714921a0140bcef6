// One training epoch of EnECG with the frozen-feature cache vs recomputing the frozen experts every epoch.
// Run: pnpm --filter @enecg/enecg bench. Prints both times and their ratio (same run, same machine).
import { useBackend } from '@enecg/backbones';
import { FeatureCache } from '../src/cache/feature-cache.js';
import { DEFAULT_EXPERTS, loadExperts } from '../src/cli/experts.js';
import { simulatedDataset } from '../src/data/simulated.js';
import { EnEcg } from '../src/model/enecg.js';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 96);

await useBackend('wasm');
const backbones = await loadExperts();
const { tasks, examples } = simulatedDataset({ count: RECORDS, seed: 7 });
const config = { experts: [...DEFAULT_EXPERTS], tasks, seed: 0 };

async function epochSeconds(options: {
  cache?: FeatureCache;
  recomputeEmbeddings?: boolean;
}): Promise<number> {
  const model = EnEcg.create(config, { backbones });
  const started = performance.now();
  await model.fit(examples, { epochs: 1, ...options });
  const seconds = (performance.now() - started) / 1000;
  model.dispose();
  return seconds;
}

const cache = new FeatureCache();
const filling = await epochSeconds({ cache }); // embeds every record once and trains one epoch
const cached = await epochSeconds({ cache }); // every embedding from the cache
const recomputed = await epochSeconds({ recomputeEmbeddings: true });
console.log(
  `EnECG, ${DEFAULT_EXPERTS.length} experts, ${tasks.length} tasks, ${RECORDS} simulated records, wasm backend`,
);
console.log('| epoch | seconds |\n| --- | --- |');
console.log(`| first epoch, filling the cache | ${filling.toFixed(2)} |`);
console.log(`| epoch with the feature cache | ${cached.toFixed(2)} |`);
console.log(`| epoch recomputing the frozen experts | ${recomputed.toFixed(2)} |`);
console.log(`recompute / cache: ${(recomputed / cached).toFixed(1)}x`);
for (const backbone of backbones) backbone.dispose();
