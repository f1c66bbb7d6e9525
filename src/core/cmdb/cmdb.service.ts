import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import { registryOf } from '../model/model-changes.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader, CmdbStore, CmdbWriter } from './cmdb.port.js';
import { nextRevision, persistRevision } from './persist-revision.js';
import { appendWrites, isEmpty, type PendingWrites } from '../revision/pending-writes.js';
import { resolveArrivals } from './resolve-arrivals.js';
import type { UnresolvedRef, UnresolvedRefQuery } from './unresolved-ref.types.js';
import type { Revision, WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { NotFoundError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { refKey } from '../ci/apply-plan.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import { computeWrites, parseDocumentPaced, type ComputeOptions } from './compute-writes.js';
import { formatRef, type CiRef } from '../ci/desired-state.js';

export interface CmdbServiceDeps {
  store: CmdbStore;
  clock: Clock;
  ids: IdGenerator;
  /**
   * Checks a write inside its transaction, before anything is persisted (change control hooks in
   * here); throwing refuses the whole write.
   */
  guard?: WriteGuard;
  /** Source authority over attributes (drift/reconciliation rules); all writes allowed when absent. */
  authority?: AttributeAuthority;
}

/** Answers whether `source` may write `attribute` of CIs of `className`. */
export type AttributeAuthority = (className: string, attribute: string, source: string | null) => boolean;

export type WriteGuard = (check: {
  tx: CmdbWriter;
  writes: PendingWrites;
  meta: WriteMeta;
  registry: ModelRegistry;
}) => Promise<void>;

/** What an apply (or a plan, which writes nothing) found to write. */
export interface ApplyOutcome {
  /** The revision written; null when nothing changed or for a plan. */
  revision: Revision | null;
  writes: PendingWrites;
  /** Names of the CIs of the writes, by id, for presenting relationship ends. */
  refs: Map<string, string>;
}

/** How many past models' registries are kept (a few points in history are read again and again). */
const PAST_REGISTRIES = 32;

/** Listens to committed revisions (the in-memory graph, events). */
/**
 * Told of each committed revision with its versions, or without them (`undefined`) when the write
 * was too large to hold them (a large import): then the listener reads what it needs from the store.
 */
export type CommitListener = (revision: Revision, writes: PendingWrites | undefined) => void;

/**
 * Configuration identification: applying desired state, deleting CIs, and reading them. Every
 * write is one transaction that produces at most one revision.
 */
export class CmdbService {
  private cachedRegistry: { rev: number; registry: ModelRegistry } | undefined;
  /** Registries of past models by the revision asked for: history never changes, so they stay valid. */
  private readonly pastRegistries = new Map<number, ModelRegistry>();
  private readonly listeners: CommitListener[] = [];

  constructor(private readonly deps: CmdbServiceDeps) {}

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Writes the built-in model as the first revision of an empty CMDB; does nothing otherwise. */
  async initialize(author: string): Promise<Revision | null> {
    // Safe when two processes initialise a new database at once: the second apply finds the
    // model already written inside its own transaction and writes nothing.
    if (await this.deps.store.head()) return this.addNewBuiltIns(author);
    const outcome = await this.apply(
      { classes: DEFAULT_CLASSES, relationTypes: DEFAULT_RELATION_TYPES, cis: [], relations: [] },
      { author, message: 'Built-in model', source: 'init' },
    );
    return outcome.revision;
  }

  /**
   * A database made by an older Cairn lacks the classes and relationship types this version's
   * built-in model added (an importer that reads a new kind needs them): they are written, as one
   * revision the history shows, the first time this version opens it. Classes and types the
   * database holds are never touched, built-in or not, so what a configuration manager changed stays.
   */
  private async addNewBuiltIns(author: string): Promise<Revision | null> {
    const held = new Set((await this.deps.store.modelVersions()).map((v) => `${v.kind}:${v.name}`));
    const classes = DEFAULT_CLASSES.filter((c) => !held.has(`class:${c.name}`));
    const relationTypes = DEFAULT_RELATION_TYPES.filter((t) => !held.has(`relation_type:${t.name}`));
    if (classes.length === 0 && relationTypes.length === 0) return null;
    const names = [...classes.map((c) => c.name), ...relationTypes.map((t) => t.name)];
    const outcome = await this.apply(
      { classes, relationTypes, cis: [], relations: [] },
      { author, message: `Built-in model: what this version adds (${names.join(', ')})`, source: 'init' },
    );
    return outcome.revision;
  }

  /** The class registry as of a revision (current when absent). */
  async registry(at?: number, reader: CmdbReader = this.deps.store): Promise<ModelRegistry> {
    const rev = await reader.modelRevision();
    // As of a revision before the model's last change: a past model, built once (a registry
    // compiles validators, which costs more than the as-of read it serves). At or after it: the
    // current model.
    if (at !== undefined && at < rev) return this.pastRegistry(at, reader);
    if (this.cachedRegistry?.rev !== rev) {
      this.cachedRegistry = { rev, registry: registryOf(await reader.modelVersions()) };
    }
    return this.cachedRegistry.registry;
  }

  /**
   * The registry of the model as of revision `modelRev` (the last revision that changed it) from
   * the cache, without asking the store, when that is the model the cache holds; otherwise the
   * current one, as `registry()`. For reports on the in-memory graph, which knows the model's
   * revision as of its state (MemoryGraph.modelRevision).
   */
  async registryOfModel(modelRev: number | undefined): Promise<ModelRegistry> {
    const cached = this.cachedRegistry;
    return modelRev !== undefined && cached?.rev === modelRev ? cached.registry : this.registry();
  }

  private async pastRegistry(at: number, reader: CmdbReader): Promise<ModelRegistry> {
    let registry = this.pastRegistries.get(at);
    if (!registry) {
      registry = registryOf(await reader.modelVersions(at));
      if (this.pastRegistries.size >= PAST_REGISTRIES)
        this.pastRegistries.delete(this.pastRegistries.keys().next().value!);
      this.pastRegistries.set(at, registry);
    }
    return registry;
  }

  /** Upserts the document's classes, CIs and relationships as one revision (none if nothing changed). */
  async apply(document: unknown, meta: WriteMeta): Promise<ApplyOutcome> {
    const doc = await parseDocumentPaced(document);
    const outcome = await this.deps.store.write(async (tx) => {
      const next = await nextRevision(tx);
      const { writes, refs } = await computeWrites(tx, doc, this.computeOptions(tx, next.rev, meta.source ?? null));
      if (isEmpty(writes)) return { revision: null, writes, refs };
      // References imports left waiting for a CI this apply creates become relationships now.
      const arrivals = await resolveArrivals(
        tx,
        (reader, rev, source) => this.computeOptions(reader, rev, source, true),
        next.rev,
        writes,
        this.deps.clock.now().toISOString(),
      );
      appendWrites(writes, arrivals.writes);
      for (const [id, ref] of arrivals.refs) refs.set(id, ref);
      await this.checkWrite(tx, writes, meta);
      const revision = await persistRevision(tx, next, meta, this.deps.clock, writes);
      return { revision, writes, refs };
    });
    this.notify(outcome);
    return outcome;
  }

  /** What `apply` would write, computed against the current state; writes nothing. */
  async plan(document: unknown): Promise<ApplyOutcome> {
    const doc = await parseDocumentPaced(document);
    const head = await this.deps.store.head();
    const { writes, refs } = await computeWrites(
      this.deps.store,
      doc,
      this.computeOptions(this.deps.store, (head?.rev ?? 0) + 1, null),
    );
    return { revision: null, writes, refs };
  }

  /** Ends the current versions of these CIs and of every relationship touching them, as one revision. */
  async deleteCis(refs: CiRef[], meta: WriteMeta): Promise<ApplyOutcome> {
    const outcome = await this.deps.store.write(async (tx) => {
      const writes = await this.computeDelete(tx, refs);
      await this.checkWrite(tx, writes, meta);
      const next = await nextRevision(tx);
      const revision = await persistRevision(tx, next, meta, this.deps.clock, writes);
      return { revision, writes, refs: refsOf(writes) };
    });
    this.notify(outcome);
    return outcome;
  }

  /** The writes that deleting these CIs makes; throws NotFoundError naming any that does not exist. */
  async computeDelete(reader: CmdbReader, refs: CiRef[]): Promise<PendingWrites> {
    const found = await reader.getCisByRef(refs);
    const byRef = new Map(found.map((v) => [refKey(v.class, v.name), v]));
    const missing = refs.filter((r) => !byRef.has(refKey(r.class, r.name)));
    if (missing.length > 0)
      throw new NotFoundError('CI_NOT_FOUND', `${missing.map(formatRef).join(', ')} does not exist`);
    const relations = await reader.getRelationsTouching(found.map((v) => v.id));
    return { cis: found.map((before) => ({ before })), relations: relations.map((before) => ({ before })), model: [] };
  }

  /** The store's change stamp (CmdbStore.changeStamp): undefined where it cannot tell cheaply. */
  changeStamp(): number | undefined {
    return this.deps.store.changeStamp?.();
  }

  async getCi(ref: CiRef, at?: number): Promise<CiVersion> {
    const [ci] = await this.deps.store.getCisByRef([ref], at);
    if (!ci) {
      const when = at === undefined ? '' : ` at revision ${at}`;
      throw new NotFoundError('CI_NOT_FOUND', `${formatRef(ref)} does not exist${when}`);
    }
    return ci;
  }

  /**
   * Relationships of a CI with both ends named, and each type's inverse name as of the same point,
   * so that a face can say "used by" from the target's side.
   */
  async relationsOf(
    ciId: string,
    at?: number,
  ): Promise<{ relation: RelationVersion; from: string; to: string; inverse: string }[]> {
    const relations = await this.deps.store.getRelationsTouching([ciId], at);
    const names = await this.namesOf(
      relations.flatMap((r) => [r.sourceId, r.targetId]),
      at,
    );
    const registry = await this.registry(at);
    return relations.map((relation) => ({
      relation,
      from: names.get(relation.sourceId) ?? relation.sourceId,
      to: names.get(relation.targetId) ?? relation.targetId,
      inverse: registry.relationType(relation.type)?.definition.inverse ?? relation.type,
    }));
  }

  /**
   * References imports kept because their target was neither in their input nor in the CMDB,
   * oldest first: those waiting (`open: true`), those resolved into relationships, or both.
   */
  async unresolvedRefs(query: UnresolvedRefQuery): Promise<UnresolvedRef[]> {
    return this.deps.store.listUnresolvedRefs(query);
  }

  /** A page of them, as GET /refs and `cairn list refs` read it: `cursor` is the last id of the page before. */
  async unresolvedRefPage(query: {
    state?: 'unresolved' | 'resolved' | 'all';
    ci?: string;
    source?: string;
    limit?: number;
    cursor?: string;
  }): Promise<{ items: UnresolvedRef[]; nextCursor: string | null }> {
    const limit = query.limit ?? 100;
    const state = query.state ?? 'unresolved';
    const items = await this.deps.store.listUnresolvedRefs({
      ...(query.ci !== undefined ? { ci: query.ci } : {}),
      ...(query.source !== undefined ? { source: query.source } : {}),
      ...(state === 'all' ? {} : { open: state === 'unresolved' }),
      limit: limit + 1,
      ...(query.cursor !== undefined ? { afterId: query.cursor } : {}),
    });
    const page = items.slice(0, limit);
    return { items: page, nextCursor: items.length > limit ? page[page.length - 1]!.id : null };
  }

  /** `class/name` of each id, as of `at`, falling back to the latest version for ids gone by then. */
  async namesOf(ids: string[], at?: number): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const names = new Map<string, string>();
    for (const v of await this.deps.store.getCiRefsById(unique, at)) names.set(v.id, formatRef(v));
    const missing = unique.filter((id) => !names.has(id));
    if (missing.length > 0)
      for (const v of await this.deps.store.getLatestCisById(missing)) names.set(v.id, formatRef(v));
    return names;
  }

  /** How `computeWrites` reads the registry and makes ids, for a write at revision `rev`. */
  computeOptions(reader: CmdbReader, rev: number, source: string | null, skipInvalid = false): ComputeOptions {
    return {
      rev,
      source,
      ids: this.deps.ids,
      registry: () => this.registry(undefined, reader),
      skipInvalid,
      mayWrite: this.deps.authority,
    };
  }

  /** Runs the write guard (change control) on writes about to be persisted. */
  async checkWrite(tx: CmdbWriter, writes: PendingWrites, meta: WriteMeta): Promise<void> {
    await this.deps.guard?.({ tx, writes, meta, registry: await this.registry(undefined, tx) });
  }

  notify(outcome: Pick<ApplyOutcome, 'revision'> & { writes: PendingWrites | undefined }): void {
    if (!outcome.revision) return;
    for (const l of this.listeners) l(outcome.revision, outcome.writes);
  }
}

function refsOf(writes: PendingWrites): Map<string, string> {
  const refs = new Map<string, string>();
  for (const w of writes.cis) {
    const v = w.after ?? w.before;
    if (v) refs.set(v.id, formatRef(v));
  }
  return refs;
}
