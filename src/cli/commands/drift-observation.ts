import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DesiredCi, DesiredState } from '../../core/ci/desired-state.js';
import { CliUsageError } from '../output.js';
import { importInput } from './import-input.js';

/**
 * Reads an observation in Cairn's own format (JSON, YAML or NDJSON, by extension unless
 * `--format` says) or in any importer's format; bad records refuse the check, as an import would.
 * This module loads the importers: commands load it inside their action, never for `--help`.
 */
export async function readObservation(
  file: string,
  format: string | undefined,
  mapping: string | undefined,
): Promise<{ state: DesiredState; format: string; hash?: string }> {
  const word = format === undefined || format === 'cairn' ? ownFormat(file) : format;
  const input = await importInput(word, [file], mapping);
  const cis: DesiredCi[] = [];
  const issues: string[] = [];
  for await (const batch of input.batches) {
    for (const c of batch.cis) cis.push(c);
    for (const p of batch.issues ?? []) issues.push(`${p.file}${p.location ? ` (${p.location})` : ''}: ${p.message}`);
  }
  if (issues.length > 0)
    throw new CliUsageError(
      `the observation has ${issues.length} bad record${issues.length === 1 ? '' : 's'}: ${issues.slice(0, 3).join('; ')}`,
    );
  const hash = file === '-' ? undefined : createHash('sha256').update(readFileSync(file)).digest('base64url');
  return {
    state: { cis, relations: [] },
    format: format === undefined || format === 'cairn' ? 'cairn' : format,
    ...(hash ? { hash } : {}),
  };
}

function ownFormat(file: string): string {
  if (/\.ndjson$/i.test(file)) return 'ndjson';
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}
