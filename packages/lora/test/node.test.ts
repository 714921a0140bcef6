import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import {
  AdapterIOError,
  applyLora,
  loadLora,
  readAdapterFolder,
  saveAdapter,
  saveAdapterToFolder,
} from '../src/node.js';
import { nestedModel, predictValues, pseudoRandom } from './helpers.js';

const folders: string[] = [];
afterAll(async () => {
  for (const folder of folders) await rm(folder, { recursive: true, force: true });
});

describe('adapter folders (Node)', () => {
  it('writes adapter_config.json and adapter_model.safetensors and reads them back', async () => {
    const root = await mkdtemp(join(tmpdir(), 'enecg-lora-'));
    folders.push(root);
    const folder = join(root, 'nested', 'adapter');
    const lora = applyLora(nestedModel(), { targetModules: ['fc1'], modulesToSave: ['head'], r: 2 });
    lora.model.trainableWeights.forEach((weight, index) => {
      const shape = weight.shape as number[];
      weight.write(
        tf.tensor(
          pseudoRandom(
            shape.reduce((a, b) => a * b, 1),
            index + 1,
          ),
          shape,
        ),
      );
    });
    await saveAdapterToFolder(lora, folder);
    expect((await readdir(folder)).sort()).toEqual(['adapter_config.json', 'adapter_model.safetensors']);
    expect(JSON.parse(await readFile(join(folder, 'adapter_config.json'), 'utf8')).peft_type).toBe('LORA');

    const { lora: loaded } = loadLora(nestedModel(), await readAdapterFolder(folder));
    expect(saveAdapter(loaded).safetensors).toEqual(saveAdapter(lora).safetensors);
    const x = tf.tensor(pseudoRandom(8, 9), [2, 4]);
    expect(predictValues(loaded.model, x)).toEqual(predictValues(lora.model, x));
  });

  it('names the folder when it cannot be read', async () => {
    await expect(readAdapterFolder('/nonexistent/adapter')).rejects.toThrow(AdapterIOError);
    await expect(readAdapterFolder('/nonexistent/adapter')).rejects.toThrow(
      /^\/nonexistent\/adapter: cannot read/,
    );
  });
});
