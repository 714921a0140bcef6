import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PRETRAINING_RECIPES } from '../../src/pretrain/recipes.js';
import type { PretrainedBackboneInfo } from '../../src/pretrained/catalog.js';

/** Adds or replaces `entry` in `<dir>/manifest.json`, keeping the recipes' order. */
export function updateManifest(dir: string, entry: PretrainedBackboneInfo): void {
  const path = join(dir, 'manifest.json');
  const manifest = existsSync(path)
    ? JSON.parse(readFileSync(path, 'utf8'))
    : { format: 'enecg-pretrained-backbones', version: 1, backbones: [] };
  const order = PRETRAINING_RECIPES.map((recipe) => recipe.id);
  const others = (manifest.backbones as PretrainedBackboneInfo[]).filter((b) => b.id !== entry.id);
  manifest.backbones = [...others, entry].sort((a, b) => order.indexOf(a.id) - order.indexOf(b.id));
  writeFileSync(path, `${JSON.stringify(manifest, null, 2)}\n`);
}
