import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository's root folder. Its own module because `local/start.ts` needs it before it may load
 * the runtime (an invalid config must fail with one line, not an import-time stack trace).
 */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
