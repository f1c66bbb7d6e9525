import type { UnauthorizedRecord } from '../change/change.port.js';
import type { CiFacetCount } from '../cmdb/cmdb.port.js';
import type { Deployment } from '../release/deployment.types.js';
import type { Diff, MadeIn, ProvenancedSection } from '../revision/diff.js';
import type { Baseline, Revision } from '../revision/revision.types.js';
import type { ReportCell, ReportDocument, ReportRow } from './report-document.js';
import { section } from './report-document.js';

/**
 * Configuration audit of a baseline (ISO 10007 §5.6, EIA-649 configuration verification and
 * audit). The physical side: what the baseline holds, CIs by class and status at its revision.
 * The functional side: every difference between the baseline and a later point, each with the
 * revision that made it and what authorized that revision — the change it implemented or backed
 * out, the release deployment that applied it, or the retrospective change attached to an
 * emergency write. A difference nothing authorized is flagged.
 *
 * A field changed several times since the baseline is credited to the last revision that changed
 * it (the diff's own rule): the difference as it stands now is what that revision left. So that an
 * unauthorized write overwritten later is not lost, every revision of the range nothing authorized
 * is listed too, with how many of the differences it still accounts for.
 */

/** What the audit reads: the baseline, the diff from it, and the records that explain revisions. */
export interface AuditInput {
  baseline: Baseline;
  /** CIs by class, status and environment at the baseline's revision. */
  contents: CiFacetCount[];
  /** From the baseline's revision to the audited point. */
  diff: Diff;
  /** The deployments whose CI updates a revision in the diff's range applied. */
  deployments: Deployment[];
  /** The emergency writes recorded in the diff's range, with any retrospective change attached. */
  unauthorized: UnauthorizedRecord[];
  /**
   * Every revision of the range (after the baseline, up to the audited point). A write nothing
   * authorized whose work a later revision overwrote leaves no difference, yet an auditor asks
   * about it: these are listed whether or not their work is still visible.
   */
  revisions: Revision[];
  generatedAt: string;
}

/** Which record explains a revision, and whether anything authorized it. */
export interface Explanation {
  change: string | null;
  /** `service version → environment` of the deployment that applied the revision. */
  release: string | null;
  deployment: string | null;
  /** The explanation in one sentence. */
  explanation: string;
  flagged: boolean;
}

/** Why one revision of the audited range happened, from the records that name it. */
export function explainRevision(
  madeIn: MadeIn,
  deployment: Deployment | undefined,
  emergency: UnauthorizedRecord | undefined,
): Explanation {
  const release = deployment ? `${deployment.service} ${deployment.version} → ${deployment.environment}` : null;
  const deployed = deployment ? `, deploying ${release} (${deployment.id})` : '';
  const base = { release, deployment: deployment?.id ?? null };
  if (madeIn.change !== null)
    return { ...base, change: madeIn.change, explanation: `implements ${madeIn.change}${deployed}`, flagged: false };
  if (madeIn.backoutOf !== null)
    return { ...base, change: madeIn.backoutOf, explanation: `backs out ${madeIn.backoutOf}`, flagged: false };
  if (deployment)
    return {
      ...base,
      change: deployment.change,
      explanation: `deploys release ${release} (${deployment.id}) by ${deployment.by}`,
      flagged: false,
    };
  if (emergency?.retrospectiveChange)
    return {
      ...base,
      change: emergency.retrospectiveChange,
      explanation: `emergency write ("${emergency.reason}"), authorized afterwards by ${emergency.retrospectiveChange}`,
      flagged: false,
    };
  if (emergency)
    return {
      ...base,
      change: null,
      explanation: `emergency write ("${emergency.reason}") with no retrospective change attached`,
      flagged: true,
    };
  return { ...base, change: null, explanation: 'no change or release explains it', flagged: true };
}

const DIFFERENCE_COLUMNS: [string, string][] = [
  ['item', 'Item'],
  ['kind', 'Kind'],
  ['difference', 'Difference'],
  ['field', 'Field'],
  ['from', 'Was'],
  ['to', 'Is'],
  ['rev', 'Revision'],
  ['at', 'At'],
  ['author', 'By'],
  ['change', 'Change'],
  ['release', 'Release'],
  ['explanation', 'Explained by'],
  ['flagged', 'Unexplained'],
];

/** The configuration audit report of a baseline against the point its diff reaches. */
export function configurationAuditReport(input: AuditInput): ReportDocument {
  const { baseline, diff } = input;
  const deployments = new Map(input.deployments.flatMap((d) => (d.revision === null ? [] : [[d.revision, d]])));
  const emergencies = new Map(input.unauthorized.map((u) => [u.revision, u]));
  const explain = (m: MadeIn) => explainRevision(m, deployments.get(m.rev), emergencies.get(m.rev));
  const rows = [...differenceRows(diff, 'CI', explain), ...differenceRows(diff.relations, 'relationship', explain)];
  const flagged = rows.filter((r) => r['flagged'] === true);
  const unauthorizedWrites = unexplainedRevisions(input.revisions, explain, rows);
  const count = (pick: (r: ReportRow) => boolean) => rows.filter(pick).length;
  return {
    report: 'audit',
    title: `Configuration audit of baseline ${baseline.name}`,
    generatedAt: input.generatedAt,
    revision: diff.to,
    summary: [
      { label: 'Baseline', value: baseline.name },
      { label: 'Baseline revision', value: baseline.rev },
      { label: 'Audited at revision', value: diff.to },
      { label: 'CIs in the baseline', value: input.contents.reduce((n, c) => n + c.count, 0) },
      { label: 'Differences', value: rows.length },
      { label: 'Explained by a change', value: count((r) => r['change'] !== null) },
      { label: 'Explained by a release', value: count((r) => r['release'] !== null) },
      { label: 'Unexplained', value: flagged.length },
      { label: 'Writes nothing authorized', value: unauthorizedWrites.rows.length },
    ],
    sections: [
      section(`Differences no change or release explains`, DIFFERENCE_COLUMNS, flagged),
      section(`Differences since ${baseline.name} (revision ${baseline.rev} → ${diff.to})`, DIFFERENCE_COLUMNS, rows),
      unauthorizedWrites,
      revisionsSection(rows),
      contentsSection(baseline, input.contents),
    ],
  };
}

/** One row per added or removed item and per changed field, items by name. */
function differenceRows(s: ProvenancedSection, kind: string, explain: (m: MadeIn) => Explanation): ReportRow[] {
  const row = (item: string, difference: string, field: string | null, from: unknown, to: unknown, m: MadeIn) => {
    const { deployment: _d, ...why } = explain(m);
    return {
      item,
      kind,
      difference,
      field,
      from: cell(from),
      to: cell(to),
      rev: m.rev,
      at: m.at,
      author: m.author,
      ...why,
    };
  };
  const rows: ReportRow[] = [
    ...s.added.map((a) => row(a.ref, 'added', null, null, null, a.madeIn)),
    ...s.removed.map((r) => row(r.ref, 'removed', null, null, null, r.madeIn)),
    ...s.modified.flatMap((m) => m.changes.map((c) => row(m.ref, 'modified', c.path, c.from, c.to, c.madeIn))),
  ];
  return rows.sort((a, b) => String(a['item']).localeCompare(String(b['item'])) || Number(a['rev']) - Number(b['rev']));
}

/** The revisions of the range nothing authorized, oldest first, and how many differences each still accounts for. */
function unexplainedRevisions(revisions: Revision[], explain: (m: MadeIn) => Explanation, rows: ReportRow[]) {
  const out: ReportRow[] = [];
  for (const r of [...revisions].sort((a, b) => a.rev - b.rev)) {
    const why = explain({ rev: r.rev, at: r.at, author: r.author, change: r.changeId, backoutOf: r.backoutOf ?? null });
    if (!why.flagged) continue;
    const differences = rows.filter((row) => row['rev'] === r.rev).length;
    out.push({
      rev: r.rev,
      at: r.at,
      author: r.author,
      source: r.source,
      message: r.message,
      explanation: why.explanation,
      differences,
    });
  }
  return section(
    'Writes since the baseline that nothing authorized (including those later overwritten)',
    [
      ['rev', 'Revision'],
      ['at', 'At'],
      ['author', 'By'],
      ['source', 'Source'],
      ['message', 'Message'],
      ['explanation', 'Explained by'],
      ['differences', 'Differences still visible'],
    ],
    out,
  );
}

/** The revisions behind the differences, oldest first, each with how many differences it explains. */
function revisionsSection(rows: ReportRow[]) {
  const byRev = new Map<number, ReportRow>();
  for (const r of rows) {
    const rev = Number(r['rev']);
    const seen = byRev.get(rev);
    if (seen) seen['differences'] = Number(seen['differences']) + 1;
    else
      byRev.set(rev, {
        rev,
        at: r['at'] ?? null,
        author: r['author'] ?? null,
        change: r['change'] ?? null,
        release: r['release'] ?? null,
        explanation: r['explanation'] ?? null,
        flagged: r['flagged'] ?? null,
        differences: 1,
      });
  }
  return section(
    'Revisions behind the differences',
    [
      ['rev', 'Revision'],
      ['at', 'At'],
      ['author', 'By'],
      ['change', 'Change'],
      ['release', 'Release'],
      ['explanation', 'Explained by'],
      ['flagged', 'Unexplained'],
      ['differences', 'Differences'],
    ],
    [...byRev.values()].sort((a, b) => Number(a['rev']) - Number(b['rev'])),
  );
}

/** The physical side: what the baseline holds, CIs by class and status. */
function contentsSection(baseline: Baseline, contents: CiFacetCount[]) {
  const totals = new Map<string, ReportRow>();
  for (const c of contents) {
    const key = `${c.class}\u0000${c.status}`;
    const seen = totals.get(key);
    if (seen) seen['count'] = Number(seen['count']) + c.count;
    else totals.set(key, { class: c.class, status: c.status, count: c.count });
  }
  return section(
    `What ${baseline.name} holds (revision ${baseline.rev})`,
    [
      ['class', 'Class'],
      ['status', 'Status'],
      ['count', 'CIs'],
    ],
    [...totals.values()].sort(
      (a, b) =>
        String(a['class']).localeCompare(String(b['class'])) || String(a['status']).localeCompare(String(b['status'])),
    ),
  );
}

/** A value of a field as a report cell: scalars as they are, objects and arrays as JSON, absent as null. */
function cell(value: unknown): ReportCell {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return JSON.stringify(value);
}
