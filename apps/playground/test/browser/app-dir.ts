import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** apps/playground (this file lives in apps/playground/test/browser). */
export const APP_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
