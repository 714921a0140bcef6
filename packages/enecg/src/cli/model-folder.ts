import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, join, relative, sep } from 'node:path';

/** Writes a saved model's files (`EnEcg.save()`) under `folder`, creating sub-folders. */
export async function writeModelFolder(
  folder: string,
  files: ReadonlyMap<string, Uint8Array>,
): Promise<void> {
  for (const [name, bytes] of files) {
    const path = join(folder, ...name.split('/'));
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  }
}

/** Reads every file under `folder` (except markdown model cards) as a saved model's files, keyed by `/` paths. */
export async function readModelFolder(folder: string): Promise<Map<string, Uint8Array>> {
  const files = new Map<string, Uint8Array>();
  const entries = await readdir(folder, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || entry.name.endsWith('.md')) continue;
    const path = join(entry.parentPath ?? (entry as unknown as { path: string }).path, entry.name);
    files.set(relative(folder, path).split(sep).join('/'), new Uint8Array(await readFile(path)));
  }
  return files;
}
