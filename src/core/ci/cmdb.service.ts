import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import { planModelChanges, registryOf } from '../model/model-changes.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader, CmdbStore, CmdbWriter } from '../ports/cmdb-store.port.js';
import { isEmpty, nextRevision, persistRevision, type PendingWrites } from '../revision/persist-revision.js';
import type { Revision, WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { describeFieldErrors, InputError, NotFoundError, type FieldError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { planCiWrites, planRelationWrites, refKey, relationKey, resolveRelations } from './apply-plan.js';
import type { CiVersion, RelationVersion } from './ci.types.js';
import { checkDocumentShape } from './document-shape.js';
import { formatRef, parseRef, type CiRef, type DesiredState } from './desired-state.js';

export interface CmdbServiceDeps {
  store: CmdbStore;
  clock: Clock;
  ids: IdGenerator;
}

/** What an apply (or a plan, which writes nothing) found to write. */
export interface ApplyOutcome {
  /** The revision written; null when nothing changed or for a plan. */
  revision: Revision | null;
  writes: PendingWrites;
  /** Names of the CIs of the writes, by id, for presenting relationship ends. */
  refs: Map<string, string>;
}

/** Listens to committed revisions (the in-memory graph, events). */
export type CommitListener = (revision: Revision, writes: PendingWrites) => void;

/**
 * Configuration identification: applying desired state, deleting CIs, and reading them. Every
 * write is one transaction that produces at most one revision.
 */
export class CmdbService {
  private cachedRegistry: { rev: number; registry: ModelRegistry } | undefined;
  private readonly listeners: CommitListener[] = [];

  constructor(private readonly deps: CmdbServiceDeps) {}

  onCommit(listener: CommitListener): void {
    this.listeners.push(listener);
  }

  /** Writes the built-in model as the first revision of an empty CMDB; does nothing otherwise. */
  async initialize(author: string): Promise<Revision | null> {
    // Safe when two processes initialise a new database at once: the second apply finds the
    // model already written inside its own transaction and writes nothing.
    if (await this.deps.store.head()) return null;
    const outcome = await this.apply(
      { classes: DEFAULT_CLASSES, relationTypes: DEFAULT_RELATION_TYPES, cis: [], relations: [] },
      { author, message: 'Built-in model', source: 'init' },
    );
    return outcome.revision;
  }

  /** The class registry as of a revision (current when absent). */
  async registry(at?: number, reader: CmdbReader = this.deps.store): Promise<ModelRegistry> {
    if (at !== undefined) return registryOf(await reader.modelVersions(at));
    const rev = await reader.modelRevision();
    if (this.cachedRegistry?.rev !== rev) {
      this.cachedRegistry = { rev, registry: registryOf(await reader.modelVersions()) };
    }
    return this.cachedRegistry.registry;
  }

  /** Upserts the document's classes, CIs and relationships as one revision (none if nothing changed). */
  async apply(document: unknown, meta: WriteMeta): Promise<ApplyOutcome> {
    const doc = parseDocument(document);
    const outcome = await this.deps.store.write(async (tx) => {
      const next = await nextRevision(tx);
      const { writes, refs } = await this.computeWrites(tx, doc, next.rev, meta.source ?? null);
      if (isEmpty(writes)) return { revision: null, writes, refs };
      const revision = await persistRevision(tx, next, meta, this.deps.clock, writes);
      return { revision, writes, refs };
    });
    this.notify(outcome);
    return outcome;
  }

  /** What `apply` would write, computed against the current state; writes nothing. */
  async plan(document: unknown): Promise<ApplyOutcome> {
    const doc = parseDocument(document);
    const head = await this.deps.store.head();
    const { writes, refs } = await this.computeWrites(this.deps.store, doc, (head?.rev ?? 0) + 1, null);
    return { revision: null, writes, refs };
  }

  /** Ends the current versions of these CIs and of every relationship touching them, as one revision. */
  async deleteCis(refs: CiRef[], meta: WriteMeta): Promise<ApplyOutcome> {
    const outcome = await this.deps.store.write(async (tx) => {
      const writes = await this.computeDelete(tx, refs);
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
    if (missing.length > 0) throw new NotFoundError('CI_NOT_FOUND', `${missing.map(formatRef).join(', ')} does not exist`);
    const relations = await reader.getRelationsTouching(found.map((v) => v.id));
    return { cis: found.map((before) => ({ before })), relations: relations.map((before) => ({ before })), model: [] };
  }

  async getCi(ref: CiRef, at?: number): Promise<CiVersion> {
    const [ci] = await this.deps.store.getCisByRef([ref], at);
    if (!ci) {
      const when = at === undefined ? '' : ` at revision ${at}`;
      throw new NotFoundError('CI_NOT_FOUND', `${formatRef(ref)} does not exist${when}`);
    }
    return ci;
  }

  /** Relationships of a CI with both ends named. */
  async relationsOf(ciId: string, at?: number): Promise<{ relation: RelationVersion; from: string; to: string }[]> {
    const relations = await this.deps.store.getRelationsTouching([ciId], at);
    const names = await this.namesOf(relations.flatMap((r) => [r.sourceId, r.targetId]), at);
    return relations.map((relation) => ({ relation, from: names.get(relation.sourceId) ?? relation.sourceId, to: names.get(relation.targetId) ?? relation.targetId }));
  }

  /** `class/name` of each id, as of `at`, falling back to the latest version for ids gone by then. */
  async namesOf(ids: string[], at?: number): Promise<Map<string, string>> {
    const unique = [...new Set(ids)];
    const names = new Map<string, string>();
    for (const v of await this.deps.store.getCisById(unique, at)) names.set(v.id, formatRef(v));
    const missing = unique.filter((id) => !names.has(id));
    if (missing.length > 0) {
      const head = await this.deps.store.head();
      for (let rev = head?.rev ?? 0; rev > 0 && missing.some((id) => !names.has(id)); rev = Math.floor(rev / 2)) {
        for (const v of await this.deps.store.getCisById(missing.filter((id) => !names.has(id)), rev)) names.set(v.id, formatRef(v));
      }
    }
    return names;
  }

  private async computeWrites(reader: CmdbReader | CmdbWriter, doc: DesiredState, rev: number, source: string | null) {
    const errors: FieldError[] = [];
    const current = await reader.modelVersions();
    const model = planModelChanges(current, doc.classes ?? [], doc.relationTypes ?? [], rev);
    errors.push(...model.errors);
    const registry = model.changes.length > 0 ? model.registry : await this.registry(undefined, reader);
    if (errors.length > 0) throw invalid(errors);
    if (model.changes.some((c) => c.after.kind === 'class')) await this.checkExistingCis(reader, model.changes.flatMap((c) => (c.after.kind === 'class' ? [c.after.name] : [])), registry);

    const ctx = { registry, rev, ids: this.deps.ids, source };
    const deleteRefs = doc.delete?.cis ?? [];
    const deleteRelations = doc.delete?.relations ?? [];
    const endRefs = [...doc.relations, ...deleteRelations].flatMap((r) => [r.from, r.to]);
    const lookups = [...doc.cis, ...[...endRefs, ...deleteRefs].map(parseRef).filter((r): r is CiRef => r !== undefined)];
    const currentCis = new Map<string, CiVersion>();
    for (const v of await reader.getCisByRef(lookups)) currentCis.set(refKey(v.class, v.name), v);
    const ciWrites: PendingWrites['cis'] = planCiWrites(doc.cis, currentCis, ctx, errors);

    const afterCis = new Map(currentCis);
    for (const w of ciWrites) if (w.after) afterCis.set(refKey(w.after.class, w.after.name), w.after);
    const deleted = this.planCiDeletes(deleteRefs, doc, currentCis, errors);
    for (const v of deleted) afterCis.delete(refKey(v.class, v.name));
    const resolved = resolveRelations(doc.relations, (ref) => afterCis.get(ref), registry, errors);
    const resolvedDeletes = resolveRelations(deleteRelations, (ref) => currentCis.get(ref), registry, errors);
    if (errors.length > 0) throw invalid(errors);

    const currentRelations = new Map<string, RelationVersion>();
    // A relationship with a CI created by this document as one end cannot exist yet.
    const newIds = new Set(ciWrites.filter((w) => !w.before && w.after).map((w) => w.after!.id));
    const existing = [...resolved, ...resolvedDeletes].filter((r) => !newIds.has(r.sourceId) && !newIds.has(r.targetId));
    for (const v of await reader.getRelationsByKey(existing)) currentRelations.set(relationKey(v.type, v.sourceId, v.targetId), v);
    const relationWrites: PendingWrites['relations'] = planRelationWrites(resolved, currentRelations, ctx);
    resolvedDeletes.forEach((r, i) => {
      const before = currentRelations.get(relationKey(r.type, r.sourceId, r.targetId));
      if (!before) errors.push({ path: `delete.relations[${i}]`, message: 'this relationship does not exist' });
      else relationWrites.push({ before });
    });
    if (deleted.length > 0) {
      const ending = new Set(relationWrites.map((w) => w.before?.id));
      for (const before of await reader.getRelationsTouching(deleted.map((v) => v.id))) if (!ending.has(before.id)) relationWrites.push({ before });
      for (const v of deleted) ciWrites.push({ before: v });
    }
    if (errors.length > 0) throw invalid(errors);

    const writes: PendingWrites = { cis: ciWrites, relations: relationWrites, model: model.changes };
    const refs = new Map<string, string>();
    for (const v of [...currentCis.values(), ...afterCis.values()]) refs.set(v.id, formatRef(v));
    return { writes, refs };
  }

  private planCiDeletes(refs: string[], doc: DesiredState, current: Map<string, CiVersion>, errors: FieldError[]): CiVersion[] {
    const upserted = new Set(doc.cis.map((c) => refKey(c.class, c.name)));
    const out: CiVersion[] = [];
    refs.forEach((ref, i) => {
      const v = current.get(ref);
      if (!v) errors.push({ path: `delete.cis[${i}]`, message: `${ref} does not exist` });
      else if (upserted.has(ref)) errors.push({ path: `delete.cis[${i}]`, message: `${ref} is both written and deleted by the document` });
      else if (!out.includes(v)) out.push(v);
    });
    return out;
  }

  /** A class change must not leave existing CIs invalid: name the first few that would be. */
  private async checkExistingCis(reader: CmdbReader, classes: string[], registry: ModelRegistry): Promise<void> {
    const errors: FieldError[] = [];
    const names = [...new Set(classes.flatMap((c) => registry.withDescendants(c)))];
    let after: CiRef | undefined;
    for (;;) {
      const page = await reader.listCis({ classes: names, limit: 1000, after });
      for (const ci of page) {
        for (const e of registry.validateAttributes(ci.class, ci.attributes, `${formatRef(ci)}.attributes`)) errors.push(e);
        if (!registry.statuses(ci.class).includes(ci.status)) errors.push({ path: `${formatRef(ci)}.status`, message: `"${ci.status}" is no longer a status of class ${ci.class}` });
        if (errors.length >= 5) throw new InputError('CLASS_BREAKS_CIS', describeFieldErrors('the class change would make existing CIs invalid; update them first', errors), errors);
      }
      if (page.length < 1000) break;
      const last = page[page.length - 1]!;
      after = { class: last.class, name: last.name };
    }
    if (errors.length > 0) throw new InputError('CLASS_BREAKS_CIS', describeFieldErrors('the class change would make existing CIs invalid; update them first', errors), errors);
  }

  private notify(outcome: ApplyOutcome): void {
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

function parseDocument(document: unknown): DesiredState {
  const errors: FieldError[] = [];
  const doc = checkDocumentShape(document, errors);
  if (errors.length > 0) throw invalid(errors);
  return doc;
}

function invalid(errors: FieldError[]): InputError {
  return new InputError('INVALID_DOCUMENT', describeFieldErrors('the document is invalid', errors), errors);
}
