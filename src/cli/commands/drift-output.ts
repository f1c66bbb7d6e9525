import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { stringify as toYaml } from 'yaml';
import type { DesiredCi, DesiredState } from '../../core/ci/desired-state.js';
import type { DriftReport, Finding, ReviewFlag, SuppressionRule } from '../../core/drift/drift.types.js';
import { CliUsageError, renderTable, show } from '../output.js';
import { importInput } from './import-input.js';

/** Findings shown in a table before the rest is left to `-o json`. */
const TABLE_ROWS = 200;

/**
 * Reads an observation in Cairn's own format (JSON, YAML or NDJSON, by extension unless
 * `--format` says) or in any importer's format; bad records refuse the check, as an import would.
 */
export async function readObservation(file: string, format: string | undefined, mapping: string | undefined): Promise<{ state: DesiredState; format: string; hash?: string }> {
  const word = format === undefined || format === 'cairn' ? ownFormat(file) : format;
  const input = await importInput(word, [file], mapping);
  const cis: DesiredCi[] = [];
  const issues: string[] = [];
  for await (const batch of input.batches) {
    for (const c of batch.cis) cis.push(c);
    for (const p of batch.issues ?? []) issues.push(`${p.file}${p.location ? ` (${p.location})` : ''}: ${p.message}`);
  }
  if (issues.length > 0) throw new CliUsageError(`the observation has ${issues.length} bad record${issues.length === 1 ? '' : 's'}: ${issues.slice(0, 3).join('; ')}`);
  const hash = file === '-' ? undefined : createHash('sha256').update(readFileSync(file)).digest('base64url');
  return { state: { cis, relations: [] }, format: format === undefined || format === 'cairn' ? 'cairn' : format, ...(hash ? { hash } : {}) };
}

function ownFormat(file: string): string {
  if (/\.ndjson$/i.test(file)) return 'ndjson';
  return /\.json$/i.test(file) ? 'json' : 'yaml';
}

export function reportText(r: DriftReport): string {
  const s = r.summary;
  const o = r.observation;
  const head = `${o.id}: ${o.items} items from ${o.source} (observed ${o.observedAt}) against revision ${o.rev}: ${s.matched} matched, ${s.modified} modified, ${s.missing} missing, ${s.unexpected} unexpected; ${s.suppressed} suppressed; ${s.unauthorized} unauthorized.`;
  const active = r.findings.filter((f) => !f.suppressedBy);
  const suppressed = r.findings.filter((f) => f.suppressedBy);
  const parts = [head];
  if (active.length > 0) parts.push('', findingsTable(active));
  if (suppressed.length > 0) parts.push('', 'Suppressed:', findingsTable(suppressed));
  return parts.join('\n');
}

export function findingsTable(findings: Finding[]): string {
  const rows = findings.slice(0, TABLE_ROWS).map((f) => [f.id, f.kind, f.ref, f.classification, detail(f), f.suppressedBy ?? '', f.state === 'open' ? 'open' : resolutionText(f)]);
  const more = findings.length > TABLE_ROWS ? `\n… and ${findings.length - TABLE_ROWS} more (use -o json for all)` : '';
  return renderTable(['ID', 'KIND', 'CI', 'CLASSIFICATION', 'DETAIL', 'SUPPRESSED', 'STATE'], rows) + more;
}

function resolutionText(f: Finding): string {
  const r = f.resolution;
  return `${r?.kind ?? 'resolved'} by ${r?.by ?? '?'}${r?.ref ? ` (${r.ref})` : ''}`;
}

function detail(f: Finding): string {
  const seenAs = f.observedRef ? `observed as ${f.observedRef}` : '';
  if (f.kind !== 'modified') return seenAs;
  const attrs = f.attributes.slice(0, 3).map((a) => `${a.name}: ${clip(show(a.authorized))} → ${clip(show(a.observed))}${a.because ? ` (${a.because})` : ''}`);
  if (f.attributes.length > 3) attrs.push(`+${f.attributes.length - 3} more`);
  if (seenAs) attrs.push(seenAs);
  return attrs.join('; ');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function suppressionTable(rules: (SuppressionRule & { active: boolean })[]): string {
  if (rules.length === 0) return 'No suppression rules.';
  return renderTable(
    ['ID', 'MATCH', 'OWNER', 'EXPIRES', 'ACTIVE', 'REASON'],
    rules.map((r) => [r.id, Object.entries(r.match).map(([k, v]) => `${k}=${v}`).join(' '), r.owner, r.expiresAt, r.active ? 'yes' : 'expired', r.reason]),
  );
}

export function reviewTable(flags: ReviewFlag[]): string {
  if (flags.length === 0) return 'No accepted drift waiting for review.';
  return renderTable(['REV', 'SOURCE', 'OBSERVATIONS', 'FINDINGS', 'FLAGGED', 'BY'], flags.map((f) => [f.rev, f.source, f.observationIds.join(' '), f.findingIds.length, f.flaggedAt, f.flaggedBy]));
}

/** `cairn drift accept` for people. */
export function acceptText(data: { revision: number | null; findings: readonly unknown[] }): string {
  const n = data.findings.length;
  if (n === 0) return 'No open findings: nothing accepted.';
  const rev = data.revision !== null ? `revision ${data.revision} (flagged for review: \`cairn drift review-pending\`)` : 'no revision (the CMDB already held it)';
  return `Accepted ${n} finding${n === 1 ? '' : 's'}: ${rev}.`;
}

type Remediation = { change: string | null; draft: { title: string; description: string; plan: unknown }; findings: readonly { id: string }[] };

/** `cairn drift remediate` for people. */
export function remediateText(data: Remediation): string {
  return `Opened ${data.change ?? 'no change'} to remediate ${data.findings.map((f) => f.id).join(', ')}: ${data.draft.title}.`;
}

/** `drift remediate --write FILE`: the change document of the remediation. */
export function writeRemediation(file: string, data: Remediation): void {
  writeFileSync(file, toYaml({ type: 'normal', title: data.draft.title, description: data.draft.description, plan: data.draft.plan }));
}
