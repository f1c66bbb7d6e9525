import { writeFileSync } from 'node:fs';
import { toYaml } from '../../core/shared/yaml-text.js';
import type { ReadObservation } from './drift-observation.js';
import type {
  AuthorityView,
  FindingView,
  ObservationView,
  ReviewFlagView,
  SuppressionView,
} from '../../contracts/drift.contracts.js';
import { describeScope } from '../../core/import/input-scope.js';
import { renderTable, show } from '../output.js';
import { count } from './import-report.js';

/**
 * How drift reads for people. The formatters take the API's views (only the fields they print),
 * so that a command prints the same whether its client is in-process or over HTTP.
 */

/** Findings shown in a check's report before the rest is left to `-o json` (`drift list` pages instead). */
const TABLE_ROWS = 200;

/** What a finding's row prints. */
export type FindingLine = Pick<
  FindingView,
  | 'id'
  | 'kind'
  | 'ref'
  | 'classification'
  | 'attributes'
  | 'observedRef'
  | 'relation'
  | 'suppressedBy'
  | 'state'
  | 'resolution'
>;

/** The observation file, read by the importers: loaded on first use, so that `cairn drift --help` loads no importer. */
export async function readObservation(
  files: string | string[],
  format: string | undefined,
  mapping: string | undefined,
): Promise<ReadObservation> {
  return (await import('./drift-observation.js')).readObservation(files, format, mapping);
}

export interface ReportLines {
  observation: Pick<ObservationView, 'id' | 'items' | 'source' | 'observedAt' | 'rev' | 'scope' | 'relations'>;
  summary: {
    matched: number;
    modified: number;
    missing: number;
    unexpected: number;
    suppressed: number;
    unauthorized: number;
  };
  findings: FindingLine[];
}

export function reportText(r: ReportLines): string {
  const s = r.summary;
  const o = r.observation;
  const what = `${count(o.items, 'item')}${o.relations ? ` and ${count(o.relations, 'relationship')}` : ''}`;
  const scope = o.scope ? ` (${describeScope(o.scope)})` : '';
  const head = `${o.id}: ${what} from ${o.source}${scope} (observed ${o.observedAt}) against revision ${o.rev}: ${s.matched} matched, ${s.modified} modified, ${s.missing} missing, ${s.unexpected} unexpected; ${s.suppressed} suppressed; ${s.unauthorized} unauthorized.`;
  const active = r.findings.filter((f) => !f.suppressedBy);
  const suppressed = r.findings.filter((f) => f.suppressedBy);
  const parts = [head];
  if (active.length > 0) parts.push('', findingsTable(active));
  if (suppressed.length > 0) parts.push('', 'Suppressed:', findingsTable(suppressed));
  return parts.join('\n');
}

export const FINDING_HEAD = ['ID', 'KIND', 'CI', 'CLASSIFICATION', 'DETAIL', 'SUPPRESSED', 'STATE'];

export function findingRow(f: FindingLine): string[] {
  return [
    f.id,
    f.kind,
    f.ref,
    f.classification,
    detail(f),
    f.suppressedBy ?? '',
    f.state === 'open' ? 'open' : resolutionText(f),
  ];
}

export function findingsTable(findings: FindingLine[]): string {
  const rows = findings.slice(0, TABLE_ROWS).map(findingRow);
  const more = findings.length > TABLE_ROWS ? `\n… and ${findings.length - TABLE_ROWS} more (use -o json for all)` : '';
  return renderTable(FINDING_HEAD, rows) + more;
}

function resolutionText(f: FindingLine): string {
  const r = f.resolution;
  return `${r?.kind ?? 'resolved'} by ${r?.by ?? '?'}${r?.ref ? ` (${r.ref})` : ''}`;
}

function detail(f: FindingLine): string {
  if (f.relation)
    return `${f.kind === 'missing' ? 'not seen: ' : 'seen, not recorded: '}${f.relation.from} ${f.relation.type} ${f.relation.to}`;
  const seenAs = f.observedRef ? `observed as ${f.observedRef}` : '';
  if (f.kind !== 'modified') return seenAs;
  const attrs = f.attributes
    .slice(0, 3)
    .map(
      (a) => `${a.name}: ${clip(show(a.authorized))} → ${clip(show(a.observed))}${a.because ? ` (${a.because})` : ''}`,
    );
  if (f.attributes.length > 3) attrs.push(`+${f.attributes.length - 3} more`);
  if (seenAs) attrs.push(seenAs);
  return attrs.join('; ');
}

function clip(text: string): string {
  return text.length > 40 ? `${text.slice(0, 37)}…` : text;
}

export function suppressionTable(
  rules: Pick<SuppressionView, 'id' | 'match' | 'owner' | 'expiresAt' | 'active' | 'reason'>[],
): string {
  if (rules.length === 0) return 'No suppression rules.';
  return renderTable(
    ['ID', 'MATCH', 'OWNER', 'EXPIRES', 'ACTIVE', 'REASON'],
    rules.map((r) => [
      r.id,
      Object.entries(r.match)
        .map(([k, v]) => `${k}=${v}`)
        .join(' '),
      r.owner,
      r.expiresAt,
      r.active ? 'yes' : 'expired',
      r.reason,
    ]),
  );
}

export function reviewTable(
  flags: Pick<ReviewFlagView, 'rev' | 'source' | 'observationIds' | 'findingIds' | 'flaggedAt' | 'flaggedBy'>[],
): string {
  if (flags.length === 0) return 'No accepted drift waiting for review.';
  return renderTable(
    ['REV', 'SOURCE', 'OBSERVATIONS', 'FINDINGS', 'FLAGGED', 'BY'],
    flags.map((f) => [f.rev, f.source, f.observationIds.join(' '), f.findingIds.length, f.flaggedAt, f.flaggedBy]),
  );
}

/** `cairn drift accept` for people. */
export function acceptText(data: { revision: number | null; findings: readonly unknown[] }): string {
  const n = data.findings.length;
  if (n === 0) return 'No open findings: nothing accepted.';
  const rev =
    data.revision !== null
      ? `revision ${data.revision} (flagged for review: \`cairn drift review-pending\`)`
      : 'no revision (the CMDB already held it)';
  return `Accepted ${n} finding${n === 1 ? '' : 's'}: ${rev}.`;
}

type Remediation = {
  change: string | null;
  draft: { title: string; description: string; plan: unknown };
  findings: readonly { id: string }[];
};

/** `cairn drift remediate` for people. */
export function remediateText(data: Remediation): string {
  return `Opened ${data.change ?? 'no change'} to remediate ${data.findings.map((f) => f.id).join(', ')}: ${data.draft.title}.`;
}

/** `drift remediate --write FILE`: the change document of the remediation. */
export function writeRemediation(file: string, data: Remediation): void {
  writeFileSync(
    file,
    toYaml({ type: 'normal', title: data.draft.title, description: data.draft.description, plan: data.draft.plan }),
  );
}

/** `cairn drift authority show` for people. */
export function authorityText(current: AuthorityView | null): string {
  return current
    ? `Version ${current.version} (${current.createdAt}, ${current.author}):\n${toYaml(current.rules)}`
    : 'No source authority rules: every source may write every attribute.';
}

/** `cairn drift authority apply` for people. */
export function authorityAppliedText(applied: { version: number; created: boolean }): string {
  return applied.created
    ? `Source authority rules version ${applied.version} stored.`
    : `No changes: version ${applied.version} already holds these rules.`;
}
