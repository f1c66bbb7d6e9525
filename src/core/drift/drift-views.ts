import type { AuthorityVersion } from './authority.js';
import type { DriftSchedule } from './drift-schedule.js';
import type { AcceptOutcome, RemediateOutcome } from './drift.service.js';
import type {
  AttributeDrift,
  DriftReport,
  DriftSummary,
  Finding,
  Observation,
  ReviewFlag,
  SuppressionRule,
} from './drift.types.js';

/**
 * The JSON views of drift that the API returns and the in-process client gives the CLI: one
 * definition, with properties in the order the API writes them (src/contracts/drift.contracts.ts:
 * the schema's order, required properties before optional ones), so that `cairn drift … -o json`
 * prints the same bytes on a database and through a server.
 */

type Json = Record<string, unknown>;

/** Copies the properties that are set, in this order; absent ones stay absent (not `undefined`). */
function ordered<T extends object>(value: T, keys: readonly (keyof T)[]): T {
  const out: Partial<T> = {};
  for (const k of keys) if (value[k] !== undefined) out[k] = value[k];
  return out as T;
}

const FINDING_KEYS = [
  'id',
  'observationId',
  'source',
  'kind',
  'ref',
  'class',
  'ciId',
  'classification',
  'attributes',
  'state',
  'observedRef',
  'item',
  'relation',
  'suppressedBy',
  'resolution',
] as const;

/** A finding as JSON: its item (unexpected or missing CIs) a plain object. */
export type FindingJson = Omit<Finding, 'item'> & { item?: Json };

export function findingView(f: Finding): FindingJson {
  const attributes = f.attributes.map((a) =>
    ordered<AttributeDrift>(a, ['name', 'authorized', 'observed', 'classification', 'because']),
  );
  const resolution = f.resolution && ordered(f.resolution, ['kind', 'by', 'at', 'ref', 'note']);
  const relation = f.relation && { type: f.relation.type, from: f.relation.from, to: f.relation.to };
  return ordered<FindingJson>({ ...f, attributes, item: f.item && { ...f.item }, relation, resolution }, FINDING_KEYS);
}

export function observationView(o: Observation): Observation {
  return ordered(o, [
    'id',
    'source',
    'observedAt',
    'checkedAt',
    'author',
    'format',
    'file',
    'hash',
    'items',
    'byClass',
    'rev',
    'scope',
    'relations',
  ]);
}

export function summaryView(s: DriftSummary): DriftSummary {
  const byClass = Object.fromEntries(
    Object.entries(s.byClass).map(([c, n]) => [
      c,
      { modified: n.modified, missing: n.missing, unexpected: n.unexpected },
    ]),
  );
  return {
    modified: s.modified,
    missing: s.missing,
    unexpected: s.unexpected,
    suppressed: s.suppressed,
    unauthorized: s.unauthorized,
    matched: s.matched,
    relations: s.relations,
    byClass,
  };
}

export function reportView(r: DriftReport) {
  return {
    observation: observationView(r.observation),
    summary: summaryView(r.summary),
    findings: r.findings.map(findingView),
  };
}

/** `cairn drift accept`: the revision written (null when the CMDB already held it) and the findings, resolved. */
export function acceptView(o: AcceptOutcome) {
  return { revision: o.revision?.rev ?? null, findings: o.findings.map(findingView) };
}

/** `cairn drift remediate`: the change opened, its draft, and the findings, resolved. */
export function remediationView(o: RemediateOutcome) {
  const d = o.draft;
  return {
    change: o.change?.ref ?? null,
    draft: { title: d.title, description: d.description, plan: { ...d.plan } as Json },
    findings: o.findings.map(findingView),
  };
}

export function reviewFlagView(f: ReviewFlag): ReviewFlag {
  return ordered(f, [
    'rev',
    'source',
    'observationIds',
    'findingIds',
    'flaggedAt',
    'flaggedBy',
    'reviewedAt',
    'reviewedBy',
    'note',
  ]);
}

export function suppressionView<R extends SuppressionRule & { active?: boolean }>(r: R): R {
  const view = ordered<R>(r, [
    'id',
    'match',
    'owner',
    'reason',
    'expiresAt',
    'createdAt',
    'createdBy',
    'removedAt',
    'removedBy',
    'active',
  ]);
  return { ...view, match: ordered(r.match, ['source', 'class', 'ci', 'attribute']) };
}

export function scheduleView(s: DriftSchedule): DriftSchedule {
  return ordered(s, [
    'id',
    'source',
    'format',
    'file',
    'mapping',
    'everySeconds',
    'nextRunAt',
    'createdAt',
    'createdBy',
    'lastRunAt',
    'lastObservation',
    'lastError',
  ]);
}

export function authorityView(v: AuthorityVersion): AuthorityVersion {
  const sources = v.rules.sources.map((s) => ordered(s, ['name', 'classes', 'attributes', 'description']));
  return { version: v.version, rules: { sources }, hash: v.hash, createdAt: v.createdAt, author: v.author };
}

/** `cairn drift authority apply`: the newest version, and whether this call stored it. */
export function authorityApplied(o: { version: AuthorityVersion; created: boolean }) {
  return { ...authorityView(o.version), created: o.created };
}
