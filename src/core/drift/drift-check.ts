import type { CiVersion } from '../ci/ci.types.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import { refKey } from '../ci/apply-plan.js';
import { ListedRefs } from './listed-refs.js';
import { RefPositions } from './ref-positions.js';
import { formatRef, type DesiredCi, type DesiredState } from '../ci/desired-state.js';
import type { CmdbStore } from '../cmdb/cmdb.port.js';
import type { ChangeLookup, DriftStore, ScannedCi } from './drift.port.js';
import type { Clock } from '../shared/clock.js';
import { InputError } from '../shared/errors.js';
import { bySlices, SLICE, yieldToLoop } from '../shared/pace.js';
import { ownerOf, sourceName } from './authority.js';
import { canonicalRelations, compareRelations } from './compare-relations.js';
import type { ModelRegistry } from '../model/model-registry.js';
import { checkScope, type ObservationScope } from './scope.js';
import { classifyFindings } from './classify.js';
import { compareMatch, type CompareOptions } from './compare.js';
import type { DriftReport, DriftSummary, Finding, NewFinding, Observation } from './drift.types.js';
import { ListHasher } from './list-hash.js';
import { candidateClasses, ObservationMatcher, type MatchedPair, type MatchResult } from './match.js';
import { activeRules, suppressingRule } from './suppression.js';
import { parseRealTime } from '../shared/calendar.js';
import type { OutboxEntry } from '../shared/outbox.js';

/** What one drift check compares: what a source saw, already in Cairn's desired-state form. */
export interface CheckInput {
  /** The observed items (`cis`) and relationships (compared when there are some). */
  observed: DesiredState;
  /** What the observation covers, when it is partial or scoped (scope.ts); absent: all its source sees. */
  scope?: ObservationScope;
  /** The observing source, e.g. `glpi` or `cluster-a`. */
  source: string;
  /** `cairn`, or the importer's format word the observation was read with. */
  format: string;
  file?: string;
  /** When the source saw it (ISO-8601); the authorized state is read as of then. Default now. */
  observedAt?: string;
  /** A hash of the raw input, when the caller has it (cheaper than hashing the parsed items). */
  hash?: string;
  author: string;
}

export interface CheckDeps {
  store: CmdbStore;
  drift: DriftStore;
  cmdb: CmdbService;
  clock: Clock;
  changes: ChangeLookup;
  /** The events of a stored check, recorded with it (the events module's `driftEvent`). */
  eventsOf?: DriftEventsOf;
}

/** Turns a stored check's report into the events to record with it. */
export type DriftEventsOf = (report: DriftReport) => Omit<OutboxEntry, 'at'>[];

/** Rows per page when loading CIs: large pages, few round trips. */
const PAGE = 5000;

/**
 * A drift check: reads the authorized CIs the observation can concern in pages, pairing and
 * comparing each page as it comes (only CIs an item may pair by key wait for the scan's end),
 * classifies and suppresses the findings, and stores the observation with its findings. Queries
 * grow with pages and findings, never with matched items.
 */
export async function runCheck(deps: CheckDeps, input: CheckInput): Promise<DriftReport> {
  const now = deps.clock.now();
  const observedAt = normaliseTime(input.observedAt) ?? now.toISOString();
  const at = await revisionAt(deps.store, observedAt);
  const registry = await deps.cmdb.registry(at.past ? at.rev : undefined);
  // The classes of the items, whichever of a repeated item is kept (uniqueItems).
  const observedClasses = classesOf(input.observed.cis);
  const scope = checkScope(input.scope, (name) => registry.getClass(name) !== undefined);
  const relations = canonicalRelations(input.observed.relations, registry);
  const rules = (await deps.drift.latestAuthority())?.rules;
  const options: CompareOptions = { source: input.source, observedClasses, ...scopeOptions(scope, registry) };
  if (rules)
    options.mayObserve = (cls, attr) =>
      (ownerOf(
        rules,
        registry.lineage(cls).map((c) => c.name),
        attr,
      ) ?? input.source) === input.source;

  // The scan's first page is asked for before the observation is de-duplicated: the store reads
  // meanwhile (SQLite on a thread of its own, PostgreSQL on its server).
  const scan =
    at.rev > 0
      ? firstAsked(
          deps.drift.scanCis({
            classes: candidateClasses(registry, [...observedClasses, ...(options.scopeClasses ?? [])]),
            sources: [input.source, `import:${input.source}`, `drift:${input.source}`],
            at: at.past ? at.rev : undefined,
            // The state compared with is the one at `at`, also where a commit lands before the scan.
            head: at.rev,
            pageSize: PAGE,
          }),
        )
      : undefined;
  const findings: NewFinding[] = [];
  // The pairs, kept only where relationships are compared: a check by class and name otherwise
  // holds no CI beyond its page (ObservationMatcher).
  const kept: MatchedPair[] | undefined = relations.length > 0 ? [] : undefined;
  let matched = 0;
  let items: DesiredCi[];
  let rest: MatchResult;
  let hasher: ListHasher | undefined;
  try {
    const unique = uniqueItems(input.observed.cis);
    items = unique.items;
    const matcher = new ObservationMatcher(items, registry, unique.positions);
    // Unless the caller gave it, the observation is hashed while the CIs are read (ListHasher).
    hasher = input.hash === undefined ? new ListHasher(items) : undefined;
    for (let next = scan?.first; next; next = scan?.pages.next()) {
      const page = await next;
      if (page.done) break;
      // Each page is matched and compared while the store reads the next one, a slice at a time:
      // between slices the next page's rows are taken in (PostgreSQL's server stops sending a
      // page while its rows wait unread, so a page worked on whole left it idle meanwhile).
      for (let at = 0; at < page.value.length; at += SLICE) {
        const slice = page.value.slice(at, at + SLICE);
        const decided = matcher.add(slice);
        matched += decided.pairs.length;
        if (kept) for (const pair of decided.pairs) kept.push(pair);
        for (const f of compareMatch({ ...decided, unmatched: [] }, options)) findings.push(f);
        // As many items as the slice brought CIs: an observation of its whole scope is hashed by
        // the scan's end, each piece while the store reads on.
        hasher?.advance(slice.length);
        await yieldToLoop();
      }
    }
    rest = matcher.finish();
  } finally {
    // A check that failed before the scan's end lets its reader go.
    await scan?.pages.return?.();
  }
  matched += rest.pairs.length;
  for (const f of await compareBySlices(rest, options)) findings.push(f);
  if (kept) {
    // Relationships are compared only when the observation reports some: most report none.
    const match = { pairs: [...kept, ...rest.pairs], unmatched: rest.unmatched };
    const authorized = await deps.store.getRelationsTouching(
      match.pairs.map((p) => p.ci.id),
      at.past ? at.rev : undefined,
    );
    findings.push(...compareRelations(relations, authorized, match, options));
  }

  const modifiedIds = findings.flatMap((f) => (f.kind === 'modified' && f.ciId ? [f.ciId] : []));
  const unexpected = findings.flatMap((f) => (f.kind === 'unexpected' && f.item ? [f.item] : []));
  const history = new Map<string, CiVersion[]>();
  for (const v of await deps.drift.pastVersions(modifiedIds))
    if (v.revTo !== null && v.revTo <= at.rev) history.set(v.id, [...(history.get(v.id) ?? []), v]);
  const pastByRef = new Map<string, CiVersion>();
  for (const v of await deps.drift.pastVersionsByRef(unexpected))
    if (v.revTo !== null && v.revTo <= at.rev) pastByRef.set(formatRef(v), v);
  classifyFindings(findings, { changes: await deps.changes.changesCovering(observedAt), history, pastByRef });

  const rulesInForce = activeRules(await deps.drift.listSuppressions(), now);
  for (const f of findings) {
    const rule = suppressingRule(f, rulesInForce, (cls, ancestor) => registry.isA(cls, ancestor) || cls === ancestor);
    if (rule) f.suppressedBy = rule;
  }
  findings.sort(byKindThenRef);

  const observation: Omit<Observation, 'id'> = {
    source: input.source,
    observedAt,
    checkedAt: now.toISOString(),
    author: input.author,
    format: input.format,
    file: input.file ?? null,
    hash: input.hash ?? (hasher ?? new ListHasher(items)).digest(),
    items: items.length,
    byClass: countBy(items.map((i) => i.class)),
    rev: at.rev,
    ...(scope ? { scope } : {}),
    ...(relations.length > 0 ? { relations: relations.length } : {}),
  };
  const reportOf = (saved: { observation: Observation; findings: Finding[] }): DriftReport => ({
    observation: saved.observation,
    summary: summarise(saved.findings, matched),
    findings: saved.findings,
  });
  const eventsOf = deps.eventsOf;
  const saved = await deps.drift.saveCheck(
    observation,
    findings,
    eventsOf && ((s) => eventsOf(reportOf(s)).map((e) => ({ ...e, at: s.observation.checkedAt }))),
  );
  return reportOf(saved);
}

/**
 * compareMatch a slice of pairs at a time, letting the event loop run between slices: a check of
 * 100 000 observed items compared in one go kept the server from answering anything else.
 */
async function compareBySlices(match: MatchResult, options: CompareOptions): Promise<NewFinding[]> {
  const modified = await bySlices(match.pairs, (pairs) =>
    compareMatch({ pairs, unmatched: [], unobserved: [] }, options),
  );
  return [...modified, ...compareMatch({ ...match, pairs: [] }, options)];
}

/** The revision the observation is compared with: the head, or the newest one at `observedAt` if that is earlier. */
async function revisionAt(store: CmdbStore, observedAt: string): Promise<{ rev: number; past: boolean }> {
  const head = await store.head();
  if (!head) return { rev: 0, past: false };
  if (observedAt >= head.at) return { rev: head.rev, past: false };
  const r = await store.revisionAtTime(observedAt);
  return { rev: r?.rev ?? 0, past: true };
}

function normaliseTime(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const t = parseRealTime(text);
  if (Number.isNaN(t)) throw new InputError('INVALID_TIME', `"${text}" is not a valid ISO-8601 time`);
  return new Date(t).toISOString();
}

/**
 * An observation naming the same item twice keeps the last: a later record of a listing wins.
 * Returns the items kept and each one's position by class and name, which matching reuses.
 */
export function uniqueItems(cis: DesiredCi[]): { items: DesiredCi[]; positions: Pick<RefPositions, 'get' | 'size'> } {
  // Listed class by class in name order, no class/name can repeat, and a scan finds each item by walking.
  const listed = ListedRefs.of(cis);
  if (listed) return { items: cis, positions: listed };
  const positions = new RefPositions(cis.length);
  for (let i = 0; i < cis.length; i++) positions.set(cis[i]!, i);
  if (positions.size === cis.length) return { items: cis, positions };
  // Duplicates (rare): the last of each, in the order its class/name was first seen.
  const byRef = new Map<string, DesiredCi>();
  for (const c of cis) byRef.set(refKey(c.class, c.name), c);
  const items = [...byRef.values()];
  const kept = new RefPositions();
  items.forEach((c, i) => kept.set(c, i));
  return { items, positions: kept };
}

/** A scan's pages with the first one already asked for: the store starts reading at once. */
function firstAsked(scan: AsyncIterable<ScannedCi[]>) {
  const pages = scan[Symbol.asyncIterator]();
  const first = pages.next();
  // Settled when the check awaits it; a failure before then must not go unhandled.
  first.catch(() => undefined);
  return { pages, first };
}

function classesOf(cis: readonly DesiredCi[]): Set<string> {
  const classes = new Set<string>();
  let last: string | undefined;
  for (const c of cis)
    if (c.class !== last) {
      last = c.class;
      classes.add(last);
    }
  return classes;
}

function countBy(keys: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return out;
}

const KIND_ORDER = { modified: 0, missing: 1, unexpected: 2 } as const;

/** CIs before relationships within a kind, then by reference. */
function byKindThenRef(a: NewFinding, b: NewFinding): number {
  const ka = a.relation ? `${a.ref}\u0001${a.relation.type} ${a.relation.to}` : a.ref;
  const kb = b.relation ? `${b.ref}\u0001${b.relation.type} ${b.relation.to}` : b.ref;
  return (
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    Number(a.relation !== undefined) - Number(b.relation !== undefined) ||
    (ka < kb ? -1 : ka > kb ? 1 : 0)
  );
}

/** The compare options an explicit scope gives: its classes with their subclasses, its sources. */
function scopeOptions(scope: ObservationScope | undefined, registry: ModelRegistry): Partial<CompareOptions> {
  if (!scope) return {};
  const out: Partial<CompareOptions> = {};
  if (scope.classes) out.scopeClasses = new Set(scope.classes.flatMap((c) => registry.withDescendants(c)));
  if (scope.sources) out.scopeSources = new Set(scope.sources.map(sourceName));
  if (scope.partial) out.partial = true;
  return out;
}

/** Counts by kind and class; suppressed findings are counted in their kind and apart. */
export function summarise(findings: Finding[], matched: number): DriftSummary {
  const s: DriftSummary = {
    modified: 0,
    missing: 0,
    unexpected: 0,
    suppressed: 0,
    unauthorized: 0,
    matched,
    relations: 0,
    byClass: {},
  };
  for (const f of findings) {
    s[f.kind]++;
    if (f.relation) s.relations++;
    const c = (s.byClass[f.class] ??= { modified: 0, missing: 0, unexpected: 0 });
    c[f.kind]++;
    if (f.suppressedBy) s.suppressed++;
    else if (f.classification === 'unauthorized') s.unauthorized++;
  }
  return s;
}
