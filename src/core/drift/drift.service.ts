import type { AttributeAuthority, CmdbService } from '../cmdb/cmdb.service.js';
import { registryOf } from '../model/model-changes.js';
import type { CmdbReader, CmdbStore } from '../cmdb/cmdb.port.js';
import type { ChangeLookup, ChangeOpener, DriftStore } from './drift.port.js';
import type { Revision, WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { ConflictError, InputError, NotFoundError } from '../shared/errors.js';
import { checkPageLimit } from '../shared/page.js';
import { authorityFrom, authorityHash, parseAuthorityRules, type AuthorityVersion } from './authority.js';
import { RevisionChangeLookup } from './change-lookup.js';
import { runCheck, type CheckInput, type DriftEventsOf } from './drift-check.js';
import {
  afterCursor,
  checkInputOf,
  cursorAfter,
  observationFilter,
  resolveSelection,
  type FindingListQuery,
  type FindingPage,
  type FindingSelection,
  type SubmittedCheck,
} from './drift-requests.js';
import {
  parseNumberedRef,
  type DriftReport,
  type Finding,
  type FindingQuery,
  type Observation,
  type ReviewFlag,
  type SuppressionRule,
} from './drift.types.js';
import { acceptDocument, remediationDraft, type RemediationDraft } from './reconcile.js';
import { activeRules, checkSuppression, suppressingRule, type SuppressionInput } from './suppression.js';

export interface DriftServiceDeps {
  store: CmdbStore;
  drift: DriftStore;
  cmdb: CmdbService;
  clock: Clock;
  /** Changes that may explain drift; the revision log (RevisionChangeLookup) when absent. */
  changes?: ChangeLookup;
  /** Opens remediation changes; without it, `remediate` returns the draft for the caller to file. */
  opener?: ChangeOpener;
}

export type { FindingSelection } from './drift-requests.js';

export interface AcceptOutcome {
  /** The one revision written (null when the CMDB already held the observed state). */
  revision: Revision | null;
  findings: Finding[];
}

export interface RemediateOutcome {
  draft: RemediationDraft;
  /** The change opened, when a change workflow is wired in. */
  change?: { ref: string };
  findings: Finding[];
}

/**
 * Configuration audit: drift checks of observations against the authorized state, the findings'
 * lifecycle (accept into the CMDB, or remediate through a change), suppression rules for known
 * drift, and source authority over attributes. In server mode, `check` is what a scheduled run
 * calls; its findings are what gets published as events.
 */
/** Told of every stored drift check, after it is saved (events). */
export type DriftCheckListener = (report: DriftReport) => void;

export class DriftService {
  private readonly changes: ChangeLookup;
  private readonly listeners: DriftCheckListener[] = [];
  private eventsOf: DriftEventsOf | undefined;

  constructor(private readonly deps: DriftServiceDeps) {
    this.changes = deps.changes ?? new RevisionChangeLookup({ drift: deps.drift, cmdb: deps.store });
  }

  /** Listens to stored checks (after they are saved); the event relay is nudged here. */
  onCheck(listener: DriftCheckListener): void {
    this.listeners.push(listener);
  }

  /** Sets what events a stored check records in its own transaction (the events module's). */
  recordEvents(eventsOf: DriftEventsOf): void {
    this.eventsOf = eventsOf;
  }

  /** Compares an observation with the authorized state, stores it with its findings and returns the report. */
  async check(input: CheckInput): Promise<DriftReport> {
    const report = await runCheck({ ...this.deps, changes: this.changes, eventsOf: this.eventsOf }, input);
    for (const l of this.listeners) l(report);
    return report;
  }

  /** An observation sent by a client (the CLI read its file): its items are checked first. */
  checkSubmitted(submitted: SubmittedCheck, author: string): Promise<DriftReport> {
    return this.check(checkInputOf(submitted, author));
  }

  listFindings(query: FindingQuery): Promise<Finding[]> {
    return this.deps.drift.listFindings({ ...query, observationId: observationFilter(query.observationId) });
  }

  /** One page of stored findings, oldest first; the first page counts them all when there are more. */
  async findings(query: FindingListQuery): Promise<FindingPage> {
    const { cursor, limit, ...filter } = query;
    checkPageLimit(limit);
    const after = afterCursor(cursor);
    const where = { ...filter, observationId: observationFilter(filter.observationId) };
    const rows = await this.deps.drift.listFindings({ ...where, limit: limit + 1, after });
    const items = rows.slice(0, limit);
    const more = rows.length > limit;
    const nextCursor = more ? cursorAfter(items[items.length - 1]!) : null;
    const total = after !== undefined ? undefined : more ? await this.deps.drift.countFindings(where) : items.length;
    return { items, nextCursor, ...(total === undefined ? {} : { total }) };
  }

  async observation(id: string): Promise<Observation> {
    const n = parseNumberedRef(id, 'OBS');
    const found = n === undefined ? undefined : await this.deps.drift.getObservation(n);
    if (!found)
      throw new NotFoundError(
        'DRIFT_OBSERVATION_NOT_FOUND',
        `observation ${id} does not exist (see \`cairn drift list\`)`,
      );
    return found;
  }

  /**
   * Writes the observed state of the findings as ONE revision (source `drift:<source>`, message
   * naming the observations) and flags it for retrospective review. All findings must be open
   * and come from one source, since a revision has one source. Controlled CIs pass change control
   * only with `emergency` (recorded as an unauthorized change), like any direct write.
   */
  async accept(
    selection: FindingSelection,
    by: string,
    options: { message?: string; emergency?: WriteMeta['emergency'] } = {},
  ): Promise<AcceptOutcome> {
    const findings = await this.select(selection);
    if (findings.length === 0) return { revision: null, findings };
    const sources = [...new Set(findings.map((f) => f.source))];
    if (sources.length > 1)
      throw new InputError(
        'DRIFT_MIXED_SOURCES',
        `the findings come from several sources (${sources.join(', ')}): accept them one source at a time (--source)`,
      );
    const source = sources[0]!;
    const observations = [...new Set(findings.map((f) => f.observationId))];
    const text =
      options.message ?? `Accept drift observed by ${source} in ${observations.join(', ')}: ${summaryOf(findings)}`;
    const outcome = await this.deps.cmdb.apply(acceptDocument(findings), {
      author: by,
      message: text,
      source: `drift:${source}`,
      ...(options.emergency ? { emergency: options.emergency } : {}),
    });
    const at = this.deps.clock.now().toISOString();
    const ids = findings.map((f) => f.id);
    if (outcome.revision) {
      await this.deps.drift.flagForReview({
        rev: outcome.revision.rev,
        source,
        observationIds: observations,
        findingIds: ids,
        flaggedAt: at,
        flaggedBy: by,
      });
    }
    const resolution = outcome.revision
      ? { kind: 'accepted' as const, by, at, ref: `r${outcome.revision.rev}` }
      : { kind: 'accepted' as const, by, at, note: 'the CMDB already held the observed state' };
    await this.deps.drift.resolveFindings(ids.map(numberOf), resolution);
    return { revision: outcome.revision, findings: await this.deps.drift.getFindings(ids.map(numberOf)) };
  }

  /**
   * Opens a change whose plan restores the authorized state (through the ChangeOpener), or,
   * without one, returns its draft; the findings are resolved as `remediated` either way.
   */
  async remediate(selection: FindingSelection, by: string, note?: string): Promise<RemediateOutcome> {
    const findings = await this.select(selection);
    if (findings.length === 0)
      throw new InputError('DRIFT_NOTHING_TO_RESOLVE', 'there are no open findings to remediate');
    const draft = remediationDraft(findings);
    if (draft.plan.cis.length === 0 && draft.plan.relations.length === 0) {
      throw new InputError(
        'DRIFT_NOTHING_TO_PLAN',
        'only unexpected items were named: they have no authorized state to restore; remove them from the systems, or accept them with `cairn drift accept`',
      );
    }
    const change = this.deps.opener ? await this.deps.opener.open({ ...draft, author: by }) : undefined;
    const at = this.deps.clock.now().toISOString();
    const resolution = {
      kind: 'remediated' as const,
      by,
      at,
      ...(change ? { ref: change.ref } : {}),
      ...(note ? { note } : {}),
    };
    const ids = findings.map((f) => numberOf(f.id));
    await this.deps.drift.resolveFindings(ids, resolution);
    return { draft, ...(change ? { change } : {}), findings: await this.deps.drift.getFindings(ids) };
  }

  private async select(selection: FindingSelection): Promise<Finding[]> {
    const resolved = resolveSelection(selection);
    if ('allOpen' in resolved)
      return this.deps.drift.listFindings({ state: 'open', source: resolved.source, limit: Number.MAX_SAFE_INTEGER });
    const numbers = resolved.numbers;
    const found = await this.deps.drift.getFindings(numbers);
    const byId = new Map(found.map((f) => [f.id, f]));
    for (const n of numbers) {
      const f = byId.get(`DRF-${n}`);
      if (!f)
        throw new NotFoundError(
          'DRIFT_FINDING_NOT_FOUND',
          `finding DRF-${n} does not exist (see \`cairn drift list\`)`,
        );
      if (f.state !== 'open') {
        const r = f.resolution;
        throw new ConflictError(
          'DRIFT_FINDING_RESOLVED',
          `finding ${f.id} is already resolved (${r?.kind ?? 'resolved'} by ${r?.by ?? '?'} at ${r?.at ?? '?'})`,
        );
      }
    }
    return [...new Set(numbers)].map((n) => byId.get(`DRF-${n}`)!);
  }

  /**
   * Adds a suppression rule. The open findings it suppresses (alone, or together with the rules
   * in force, for attribute rules) are marked suppressed by it in the same transaction, so that
   * drift accepted as known leaves the open list at once rather than at the next check.
   */
  async suppress(input: SuppressionInput, by: string): Promise<SuppressionRule> {
    const now = this.deps.clock.now();
    const expiresAt = checkSuppression(input, now);
    const rule = {
      match: input.match,
      owner: input.owner,
      reason: input.reason,
      expiresAt,
      createdAt: now.toISOString(),
      createdBy: by,
    };
    return this.deps.drift.addSuppression(rule, await this.openFindingsSuppressedBy(rule, now));
  }

  /** The numbers of the open, unsuppressed findings that `rule` would suppress if it were in force now. */
  private async openFindingsSuppressedBy(rule: Omit<SuppressionRule, 'id'>, now: Date): Promise<number[]> {
    const registry = await this.deps.cmdb.registry();
    const isA = (cls: string, ancestor: string) => registry.isA(cls, ancestor) || cls === ancestor;
    const candidate: SuppressionRule = { ...rule, id: NEW_RULE };
    const rules = [...activeRules(await this.deps.drift.listSuppressions(), now), candidate];
    const ids: number[] = [];
    for (let after: number | undefined; ;) {
      const page = await this.deps.drift.listFindings({
        state: 'open',
        source: rule.match.source,
        limit: SUPPRESS_PAGE,
        after,
      });
      for (const f of page)
        if (f.suppressedBy === undefined && suppressingRule(f, rules, isA) !== undefined) ids.push(numberOf(f.id));
      if (page.length < SUPPRESS_PAGE) return ids;
      after = numberOf(page[page.length - 1]!.id);
    }
  }

  /** Rules not removed, each with whether it is in force now. */
  async suppressions(): Promise<(SuppressionRule & { active: boolean })[]> {
    const now = this.deps.clock.now().toISOString();
    return (await this.deps.drift.listSuppressions()).map((r) => ({ ...r, active: r.expiresAt > now }));
  }

  async unsuppress(id: string, by: string): Promise<void> {
    const n = parseNumberedRef(id, 'SUP');
    const removed =
      n !== undefined && (await this.deps.drift.removeSuppression(n, by, this.deps.clock.now().toISOString()));
    if (!removed)
      throw new NotFoundError(
        'DRIFT_SUPPRESSION_NOT_FOUND',
        `suppression rule ${id} does not exist or was already removed (see \`cairn drift suppress list\`)`,
      );
  }

  /** Stores source authority rules as a new version (none when they did not change). */
  async applyAuthority(doc: unknown, by: string): Promise<{ version: AuthorityVersion; created: boolean }> {
    const registry = await this.deps.cmdb.registry();
    const rules = parseAuthorityRules(doc, (name) => registry.getClass(name) !== undefined);
    return this.deps.drift.saveAuthority(rules, authorityHash(rules), by, this.deps.clock.now().toISOString());
  }

  authorityRules(): Promise<AuthorityVersion | undefined> {
    return this.deps.drift.latestAuthority();
  }

  reviewPending(): Promise<ReviewFlag[]> {
    return this.deps.drift.pendingReviews();
  }

  async markReviewed(
    rev: number,
    by: string,
    note?: string,
  ): Promise<{ rev: number; reviewedBy: string; reviewedAt: string; note?: string }> {
    const at = this.deps.clock.now().toISOString();
    if (!(await this.deps.drift.markReviewed(rev, by, at, note))) {
      throw new NotFoundError(
        'DRIFT_REVIEW_NOT_FOUND',
        `revision ${rev} is not a drift acceptance waiting for review (see \`cairn drift review-pending\`)`,
      );
    }
    return { rev, reviewedBy: by, reviewedAt: at, ...(note !== undefined ? { note } : {}) };
  }
}

/**
 * The stored authority rules as the CMDB's write hook (pass it to createCmdbServices as
 * `authority`); undefined when no rules were ever applied, so every write is allowed.
 */
export async function loadAuthority(drift: DriftStore, cmdb: CmdbReader): Promise<AttributeAuthority | undefined> {
  const latest = await drift.latestAuthority();
  if (!latest) return undefined;
  const registry = registryOf(await cmdb.modelVersions());
  return authorityFrom(latest.rules, (cls) => registry.lineage(cls).map((c) => c.name));
}

/** The id a rule not yet stored goes by while the findings it would suppress are worked out. */
const NEW_RULE = 'SUP-new';
/** Open findings read per page while looking for those a new rule suppresses. */
const SUPPRESS_PAGE = 1000;

function numberOf(id: string): number {
  return parseNumberedRef(id, 'DRF')!;
}

function summaryOf(findings: Finding[]): string {
  const n = (kind: Finding['kind']) => findings.filter((f) => f.kind === kind).length;
  return [`${n('modified')} modified`, `${n('missing')} missing`, `${n('unexpected')} unexpected`].join(', ');
}
