import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root, found from this file's location (test/helpers/). */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** Path of a file in the real sample data kept in the repository (test/fixtures/samples, each folder with its SOURCE.txt). */
export function samplePath(...segments: string[]): string {
  const path = join(repoRoot, 'test', 'fixtures', 'samples', ...segments);
  if (!existsSync(path)) throw new Error(`sample not found: ${path}`);
  return path;
}

export function readSample(...segments: string[]): string {
  return readFileSync(samplePath(...segments), 'utf8');
}
