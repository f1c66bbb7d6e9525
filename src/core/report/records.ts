import type { Change } from '../change/change.types.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { Baseline, Revision } from '../revision/revision.types.js';
import type { ReportDocument, ReportRow } from './report-document.js';
import { section } from './report-document.js';

/**
 * The records an auditor asks for: the baselines and what each holds, and the full record of one
 * CI or one change. Pure builders from what the services read.
 */

const REVISION_COLUMNS: [string, string][] = [
  ['rev', 'Revision'],
  ['at', 'At'],
  ['author', 'Author'],
  ['change', 'Change'],
  ['source', 'Source'],
  ['message', 'Message'],
];

export function baselinesReport(baselines: (Baseline & { cis: number })[], generatedAt: string): ReportDocument {
  return {
    report: 'baselines',
    title: 'Baselines',
    generatedAt,
    summary: [{ label: 'Baselines', value: baselines.length }],
    sections: [
      section(
        'Baselines, oldest first',
        [
          ['name', 'Baseline'],
          ['rev', 'Revision'],
          ['createdAt', 'Made'],
          ['author', 'By'],
          ['cis', 'CIs'],
          ['description', 'Description'],
        ],
        baselines.map((b) => ({ ...b })),
      ),
    ],
  };
}

export function baselineContentsReport(baseline: Baseline, cis: CiVersion[], generatedAt: string): ReportDocument {
  return {
    report: 'baseline',
    title: `Baseline ${baseline.name}`,
    generatedAt,
    revision: baseline.rev,
    summary: [
      { label: 'CIs', value: cis.length },
      { label: 'Made', value: baseline.createdAt },
      { label: 'By', value: baseline.author },
      ...(baseline.description === '' ? [] : [{ label: 'Description', value: baseline.description }]),
    ],
    sections: [
      section(
        `What ${baseline.name} holds (CMDB revision ${baseline.rev})`,
        [
          ['class', 'Class'],
          ['name', 'Name'],
          ['status', 'Status'],
          ['environment', 'Environment'],
          ['since', 'Version since revision'],
          ['hash', 'Content hash'],
        ],
        cis.map((ci) => ({
          class: ci.class,
          name: ci.name,
          status: ci.status,
          environment: typeof ci.attributes.environment === 'string' ? ci.attributes.environment : null,
          since: ci.revFrom,
          hash: ci.hash,
        })),
      ),
    ],
  };
}

/** A relationship of the CI, read from its side: `depends_on → shop/db` or `used_by ← shop/web`. */
export interface CiRelationLine {
  relation: RelationVersion;
  from: string;
  to: string;
  inverse: string;
}

export function ciRecordReport(
  ci: CiVersion,
  relations: CiRelationLine[],
  revisions: Revision[],
  changes: Change[],
  generatedAt: string,
): ReportDocument {
  const ref = `${ci.class}/${ci.name}`;
  return {
    report: 'ci',
    title: `Configuration item ${ref}`,
    generatedAt,
    revision: ci.revFrom,
    summary: [
      { label: 'Status', value: ci.status },
      { label: 'Current version since revision', value: ci.revFrom },
      { label: 'Revisions', value: revisions.length },
      { label: 'Changes', value: changes.length },
    ],
    sections: [
      section(
        'Attributes',
        [
          ['attribute', 'Attribute'],
          ['value', 'Value'],
          ['setBy', 'Last set by'],
        ],
        Object.entries(ci.attributes).map(([attribute, value]) => ({
          attribute,
          value: cellOf(value),
          setBy: ci.attributeSources[attribute] ?? null,
        })),
      ),
      section(
        'Labels',
        [
          ['label', 'Label'],
          ['value', 'Value'],
        ],
        Object.entries(ci.labels).map(([label, value]) => ({ label, value })),
      ),
      section(
        'Relationships',
        [
          ['relationship', 'Relationship'],
          ['ci', 'CI'],
          ['since', 'Since revision'],
        ],
        relations.map((r) =>
          r.from === ref
            ? { relationship: words(r.relation.type), ci: r.to, since: r.relation.revFrom }
            : { relationship: words(r.inverse), ci: r.from, since: r.relation.revFrom },
        ),
      ),
      section('Revisions that wrote it, newest first', REVISION_COLUMNS, revisions.map(revisionRow)),
      section(
        'Changes whose plan touches it',
        [
          ['change', 'Change'],
          ['title', 'Title'],
          ['type', 'Type'],
          ['state', 'State'],
          ['outcome', 'Outcome'],
          ['implemented', 'Implemented in revision'],
        ],
        changes.map((c) => ({
          change: c.ref,
          title: c.title,
          type: c.type,
          state: c.state,
          outcome: c.outcome ?? null,
          implemented: c.implementedRevision ?? null,
        })),
      ),
    ],
  };
}

export function changeRecordReport(change: Change, revisions: Revision[], generatedAt: string): ReportDocument {
  const window = change.window ? `${change.window.start} – ${change.window.end}` : 'not scheduled';
  return {
    report: 'change',
    title: `${change.ref}: ${change.title}`,
    generatedAt,
    summary: [
      { label: 'State', value: change.state },
      { label: 'Type', value: change.type },
      { label: 'Risk', value: change.risk ? `${change.risk.level} (${change.risk.score})` : 'not assessed' },
      { label: 'Requester', value: change.requester },
      { label: 'Window', value: window },
      ...(change.outcome ? [{ label: 'Outcome', value: change.outcome }] : []),
    ],
    sections: [
      section(
        'The request',
        [
          ['field', 'Field'],
          ['value', 'Value'],
        ],
        fieldRows(change),
      ),
      section(
        'The plan',
        [
          ['action', 'Action'],
          ['what', 'What'],
          ['detail', 'Detail'],
        ],
        planRows(change),
      ),
      section(
        'Approvals',
        [
          ['by', 'By'],
          ['group', 'For group'],
          ['decision', 'Decision'],
          ['comment', 'Comment'],
          ['at', 'At'],
          ['counts', 'Counts'],
        ],
        change.approvals.map((a) => ({
          by: a.by,
          group: a.group,
          decision: a.decision,
          comment: a.comment ?? null,
          at: a.at,
          counts: a.voided ? `no: ${a.voidedReason ?? 'voided'}` : 'yes',
        })),
      ),
      section(
        'History',
        [
          ['at', 'At'],
          ['event', 'Step'],
          ['from', 'From'],
          ['to', 'To'],
          ['by', 'By'],
          ['comment', 'Comment'],
        ],
        change.history.map((h) => ({ ...h, comment: h.comment ?? null })),
      ),
      section('Revisions it wrote', REVISION_COLUMNS, revisions.map(revisionRow)),
    ],
  };
}

function fieldRows(c: Change): ReportRow[] {
  const fields: [string, string | number | undefined][] = [
    ['Description', c.description],
    ['Justification', c.justification],
    ['Category', c.category],
    ['Template', c.template],
    ['Assignee', c.assignee],
    ['Implementation plan', c.implementationPlan],
    ['Test plan', c.testPlan],
    ['Backout plan', c.backoutPlan],
    ['Plan hash', c.planHash],
    ['Planned against revision', c.baseRevision],
    ['Actual start', c.actualStart],
    ['Actual end', c.actualEnd],
    ['Implemented outside the window, by', c.windowOverride && `${c.windowOverride.by}: ${c.windowOverride.reason}`],
    ['Review outcome', c.review?.outcome],
    ['Review notes', c.review?.notes],
    ['Reviewed by', c.review && `${c.review.by} at ${c.review.at}`],
    ['Created', c.createdAt],
    ['Last updated', c.updatedAt],
  ];
  return fields.filter(([, v]) => v !== undefined && v !== '').map(([field, value]) => ({ field, value: value! }));
}

function planRows(c: Change): ReportRow[] {
  return [
    ...c.plan.cis.map((ci) => ({
      action: 'set',
      what: `${ci.class}/${ci.name}`,
      detail: cellOf({ status: ci.status, attributes: ci.attributes, labels: ci.labels }),
    })),
    ...c.plan.relations.map((r) => ({ action: 'relate', what: `${r.from} ${words(r.type)} ${r.to}`, detail: null })),
    ...(c.plan.delete?.cis ?? []).map((ref) => ({ action: 'delete', what: ref, detail: null })),
    ...(c.plan.delete?.relations ?? []).map((r) => ({
      action: 'unrelate',
      what: `${r.from} ${words(r.type)} ${r.to}`,
      detail: null,
    })),
  ];
}

function revisionRow(r: Revision): ReportRow {
  return { rev: r.rev, at: r.at, author: r.author, change: r.changeId, source: r.source, message: r.message };
}

/** `depends_on` → "depends on". */
function words(type: string): string {
  return type.replace(/_/g, ' ');
}

/** A value as one cell: text and numbers as they are, anything else as compact JSON (without absent keys). */
function cellOf(value: unknown): string | number | boolean | null {
  if (value === null || typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean')
    return value;
  if (value === undefined) return null;
  return JSON.stringify(value);
}
