import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { DesiredCi, DesiredRelation, DesiredState } from '../../core/ci/desired-state.js';
import { joinScopes, type InputScope } from '../../core/import/input-scope.js';
import { CliUsageError } from '../output.js';
import { importInput } from './import-input.js';

/** An observation read from its files: the items, the format word, a hash of the files, and what it covers. */
export interface ReadObservation {
  state: DesiredState;
  format: string;
  hash?: string;
  /** Set when an importer found the input partial (a GLPI inventory marked `partial`). */
  scope?: InputScope;
}

/**
 * Reads an observation, from one file or several (read together as one observation, like
 * `cairn import FORMAT FILE…`), in Cairn's own format (JSON, YAML or NDJSON, by extension unless
 * `--format` says) or in any importer's format; bad records refuse the check, as an import would.
 * This module loads the importers: commands load it inside their action, never for `--help`.
 */
export async function readObservation(
  files: string | string[],
  format: string | undefined,
  mapping: string | undefined,
): Promise<ReadObservation> {
  const paths = typeof files === 'string' ? [files] : files;
  if (paths.length === 0) throw new CliUsageError('name at least one observation file (-f FILE)');
  const own = format === undefined || format === 'cairn';
  const cis: DesiredCi[] = [];
  const relations: DesiredRelation[] = [];
  const issues: string[] = [];
  let scope: InputScope | undefined;
  // Cairn's own files may mix JSON, YAML and NDJSON: each is read by its extension.
  const groups = own ? paths.map((p) => ({ word: ownFormat(p), files: [p] })) : [{ word: format, files: paths }];
  for (const group of groups) {
    const input = await importInput(group.word, group.files, mapping);
    for await (const batch of input.batches) {
      for (const c of batch.cis) cis.push(c);
      for (const r of batch.relations) relations.push(r);
      if (batch.scope) scope = joinScopes(scope, batch.scope);
      for (const p of batch.issues ?? []) issues.push(`${p.file}${p.location ? ` (${p.location})` : ''}: ${p.message}`);
    }
  }
  if (issues.length > 0)
    throw new CliUsageError(
      `the observation has ${issues.length} bad record${issues.length === 1 ? '' : 's'}: ${issues.slice(0, 3).join('; ')}`,
    );
  const hash = paths.includes('-') ? undefined : hashOf(paths);
  return {
    state: { cis, relations },
    format: own ? 'cairn' : format,
    ...(hash ? { hash } : {}),
    ...(scope ? { scope } : {}),
  };
}

/** One file's SHA-256, or for several the hash of their hashes in the order given. */
function hashOf(paths: string[]): string {
  const each = paths.map((p) => createHash('sha256').update(readFileSync(p)).digest('base64url'));
  return each.length === 1 ? each[0]! : createHash('sha256').update(each.join('\n')).digest('base64url');
}

function ownFormat(file: string): string {
  if (/\.ndjson$/i.test(file)) return 'ndjson';
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}
