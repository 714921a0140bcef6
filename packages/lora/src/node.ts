// Node entry: everything from the main entry plus reading and writing adapter folders.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AdapterFilesInput } from './adapter/load.js';
import { ADAPTER_CONFIG_FILE, ADAPTER_WEIGHTS_FILE } from './adapter/peft-config.js';
import { saveAdapter } from './adapter/save.js';
import { AdapterIOError } from './errors.js';
import type { LoraModel } from './model/lora-model.js';

export * from './index.js';

/**
 * Writes an adapter (default: the active one) as a PEFT adapter folder: `folder/adapter_config.json` and
 * `folder/adapter_model.safetensors`, creating the folder if needed. Python loads it with
 * `PeftModel.from_pretrained(model, folder)`.
 */
export async function saveAdapterToFolder(
  lora: LoraModel,
  folder: string,
  adapterName?: string,
): Promise<void> {
  const { config, safetensors } = saveAdapter(lora, adapterName);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, ADAPTER_CONFIG_FILE), `${JSON.stringify(config, null, 2)}\n`);
    await writeFile(join(folder, ADAPTER_WEIGHTS_FILE), safetensors);
  } catch (error) {
    throw new AdapterIOError(folder, `cannot write the adapter: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Reads a PEFT adapter folder (written by PEFT or `saveAdapterToFolder`) for `loadLora` / `loadAdapter`. */
export async function readAdapterFolder(folder: string): Promise<AdapterFilesInput> {
  try {
    const [config, safetensors] = await Promise.all([
      readFile(join(folder, ADAPTER_CONFIG_FILE), 'utf8'),
      readFile(join(folder, ADAPTER_WEIGHTS_FILE)),
    ]);
    return { config, safetensors };
  } catch (error) {
    throw new AdapterIOError(folder, `cannot read the adapter: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
