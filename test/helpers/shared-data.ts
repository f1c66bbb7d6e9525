import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location (test/helpers/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Path of a file in the real sample data kept beside the checkout (never copied into it). */
export function sharedDataPath(...segments: string[]): string {
  const path = join(repoRoot, '..', 'shared', 'data', ...segments);
  if (!existsSync(path)) throw new Error(`sample data not found: ${path} (the shared/ folder must sit beside the checkout)`);
  return path;
}

export function readSharedData(...segments: string[]): string {
  return readFileSync(sharedDataPath(...segments), 'utf8');
}
