import { planModelChanges } from '../model/model-changes.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CmdbReader } from './cmdb.port.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import { describeFieldErrors, InputError, type FieldError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import { bySlices } from '../shared/pace.js';
import {
  planCiWrites,
  planRelationWrites,
  refKey,
  relationKey,
  resolveRelations,
  type WriteContext,
} from '../ci/apply-plan.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import { checkDocumentShape, checkDocumentShapePaced } from '../ci/desired-state-input.js';
import { formatRef, parseRef, type CiRef, type DesiredState } from '../ci/desired-state.js';

export interface ComputeOptions {
  rev: number;
  source: string | null;
  ids: IdGenerator;
  /** The current registry, read through the same reader (inside the transaction when writing). */
  registry: () => Promise<ModelRegistry>;
  /** Leave out items that fail validation (and relationships to them) instead of refusing all. */
  skipInvalid?: boolean;
  /** Source authority: whether a source may set an attribute of a class (see WriteContext). */
  mayWrite?: WriteContext['mayWrite'];
  /**
   * The id of a CI known to be current in this transaction, by `class/name` (a batched import
   * passes those its earlier batches wrote or read): a relationship end found here is not read
   * again. A CI the document writes or deletes is always read whole.
   */
  knownIds?: (ref: string) => string | undefined;
  /** References known to have no current CI in this transaction (a batched import screened them): not read again. */
  absent?: Set<string>;
  /** Ids of CIs created earlier in this revision: no relationship of theirs can exist yet. */
  createdIds?: Pick<ReadonlySet<string>, 'has'>;
  /** The reference (`class/name`) of each of the document's CIs, in order, where the caller made them already (an import). */
  ciRefs?: readonly string[];
  /**
   * What `knownIds` answers for the `from` (0) or `to` (1) end of the document's relationship `i`,
   * where the caller found it without the reference (an import, by the numbers of its input's
   * names); undefined asks `knownIds`.
   */
  knownEnds?: (i: number, end: 0 | 1) => string | undefined;
}

export interface ComputedWrites {
  writes: PendingWrites;
  /** `class/name` by id of every CI the document names, before and after. */
  refs: Map<string, string>;
  /** Problems of items left out (only with `skipInvalid`). */
  rejected: FieldError[];
  /** The current CI of every `class/name` the document names, after its writes. */
  current: Map<string, CiVersion>;
}

/**
 * Works out everything one desired-state document writes, against the state `reader` sees:
 * model changes, CI upserts, relationship upserts and deletions. Throws InputError naming every
 * bad field unless `skipInvalid`, in which case bad items are left out and reported.
 */
export async function computeWrites(
  reader: CmdbReader,
  doc: DesiredState,
  options: ComputeOptions,
): Promise<ComputedWrites> {
  const errors: FieldError[] = [];
  // Most documents carry no model changes: skip reading the model and building a registry.
  const model =
    (doc.classes?.length ?? 0) + (doc.relationTypes?.length ?? 0) > 0
      ? planModelChanges(await reader.modelVersions(), doc.classes ?? [], doc.relationTypes ?? [], options.rev)
      : undefined;
  if (model && model.errors.length > 0) throw invalidDocument(model.errors);
  const registry = model && model.changes.length > 0 ? model.registry : await options.registry();
  const changedClasses = (model?.changes ?? []).flatMap((c) => (c.after.kind === 'class' ? [c.after.name] : []));
  if (changedClasses.length > 0) await checkExistingCis(reader, changedClasses, registry);

  const ctx: WriteContext = {
    registry,
    rev: options.rev,
    ids: options.ids,
    source: options.source,
    mayWrite: options.mayWrite,
  };
  const deleteRefs = doc.delete?.cis ?? [];
  const deleteRelations = doc.delete?.relations ?? [];
  const { ciRefs } = options;
  const { current: currentCis, ends } = await currentByRef(reader, doc, options, ciRefs);
  const ciSeen = new Map<string, number>();
  const ciWrites: PendingWrites['cis'] = await bySlices(doc.cis, (slice, offset) =>
    planCiWrites(slice, currentCis, ctx, errors, { offset, seen: ciSeen, refs: ciRefs }),
  );

  const afterCis = new Map(currentCis);
  for (const w of ciWrites) if (w.after) afterCis.set(refKey(w.after.class, w.after.name), w.after);
  const deleted = planCiDeletes(deleteRefs, doc, currentCis, errors);
  for (const v of deleted) afterCis.delete(refKey(v.class, v.name));
  const relationSeen = new Map<string, number>();
  const resolved = await bySlices(doc.relations, (slice, offset) =>
    resolveRelations(slice, (ref) => afterCis.get(ref) ?? ends.get(ref), registry, errors, {
      offset,
      seen: relationSeen,
    }),
  );
  const resolvedDeletes = resolveRelations(
    deleteRelations,
    (ref) => currentCis.get(ref) ?? ends.get(ref),
    registry,
    errors,
  );
  if (errors.length > 0 && !options.skipInvalid) throw invalidDocument(errors);

  const currentRelations = new Map<string, RelationVersion>();
  // A relationship with a CI created by this document (or earlier in this revision) as one end
  // cannot exist yet: do not look for it.
  const created = options.createdIds;
  // The set is made only for a document with relationships: an import's CI batches have none.
  const named = [...resolved, ...resolvedDeletes];
  const newIds =
    named.length > 0 ? new Set(ciWrites.filter((w) => !w.before && w.after).map((w) => w.after!.id)) : undefined;
  const isNew = (id: string) => (newIds?.has(id) ?? false) || (created?.has(id) ?? false);
  const existing = named.filter((r) => !isNew(r.sourceId) && !isNew(r.targetId));
  // A read of nothing is not made: in a transaction it would wait for the writes sent before it.
  if (existing.length > 0)
    for (const v of await reader.getRelationsByKey(existing))
      currentRelations.set(relationKey(v.type, v.sourceId, v.targetId), v);
  const relationWrites: PendingWrites['relations'] = await bySlices(resolved, (slice) =>
    planRelationWrites(slice, currentRelations, ctx),
  );
  resolvedDeletes.forEach((r) => {
    const before = currentRelations.get(relationKey(r.type, r.sourceId, r.targetId));
    if (!before) errors.push({ path: `delete.relations[${r.index}]`, message: 'this relationship does not exist' });
    else relationWrites.push({ before });
  });
  if (deleted.length > 0) {
    const ending = new Set(relationWrites.map((w) => w.before?.id));
    for (const before of await reader.getRelationsTouching(deleted.map((v) => v.id)))
      if (!ending.has(before.id)) relationWrites.push({ before });
    for (const v of deleted) ciWrites.push({ before: v });
  }
  if (errors.length > 0 && !options.skipInvalid) throw invalidDocument(errors);

  // Names of the CIs the writes involve, for presenting them; not of everything looked up. Made
  // when first asked for: an import never asks unless it collects a plan, and the map held a
  // string and an entry per CI and two entries per relationship it wrote (issue 14).
  let refs: Map<string, string> | undefined;
  const namesOf = (): Map<string, string> => {
    if (refs) return refs;
    refs = new Map<string, string>();
    for (const w of ciWrites) refs.set((w.after ?? w.before)!.id, formatRef((w.after ?? w.before)!));
    for (const r of named) {
      refs.set(r.sourceId, r.sourceRef);
      refs.set(r.targetId, r.targetRef);
    }
    for (const v of deleted) refs.set(v.id, formatRef(v));
    return refs;
  };
  return {
    writes: { cis: ciWrites, relations: relationWrites, model: model?.changes ?? [] },
    get refs() {
      return namesOf();
    },
    rejected: errors,
    current: afterCis,
  };
}

/**
 * The current version of every CI the document names (as an item, a relationship end or a
 * deletion), by `class/name`, read in one batch (those `absent` are not); a relationship end that
 * `knownIds` answers is not read: only its id is given, in `ends`.
 */
async function currentByRef(
  reader: CmdbReader,
  doc: DesiredState,
  { knownIds, knownEnds, absent }: Pick<ComputeOptions, 'knownIds' | 'knownEnds' | 'absent'>,
  ciRefs: readonly string[] | undefined,
): Promise<{ current: Map<string, CiVersion>; ends: Map<string, { id: string }> }> {
  const current = new Map<string, CiVersion>();
  const ends = new Map<string, { id: string }>();
  const toRead: CiRef[] = [];
  const seen = new Set<string>();
  const want = (ref: string, end: boolean, known?: string) => {
    if (seen.has(ref) || absent?.has(ref)) return;
    seen.add(ref);
    const id = end ? (known ?? knownIds?.(ref)) : undefined;
    if (id !== undefined) ends.set(ref, { id });
    else {
      const parsed = parseRef(ref);
      if (parsed) toRead.push(parsed);
    }
  };
  // Items and deletions first: they need the whole version, even of a CI that is also an end.
  doc.cis.forEach((c, i) => want(ciRefs?.[i] ?? refKey(c.class, c.name), false));
  for (const ref of doc.delete?.cis ?? []) want(ref, false);
  doc.relations.forEach((r, i) => {
    want(r.from, true, knownEnds?.(i, 0));
    want(r.to, true, knownEnds?.(i, 1));
  });
  for (const r of doc.delete?.relations ?? []) {
    want(r.from, true);
    want(r.to, true);
  }
  if (toRead.length > 0) for (const v of await reader.getCisByRef(toRead)) current.set(refKey(v.class, v.name), v);
  return { current, ends };
}

export function parseDocument(document: unknown): DesiredState {
  const errors: FieldError[] = [];
  const doc = checkDocumentShape(document, errors);
  if (errors.length > 0) throw invalidDocument(errors);
  return doc;
}

/** parseDocument letting other requests in while a large document is checked (apply, plan). */
export async function parseDocumentPaced(document: unknown): Promise<DesiredState> {
  const errors: FieldError[] = [];
  const doc = await checkDocumentShapePaced(document, errors);
  if (errors.length > 0) throw invalidDocument(errors);
  return doc;
}

export function invalidDocument(errors: FieldError[]): InputError {
  return new InputError('INVALID_DOCUMENT', describeFieldErrors('the document is invalid', errors), errors);
}

function planCiDeletes(
  refs: string[],
  doc: DesiredState,
  current: Map<string, CiVersion>,
  errors: FieldError[],
): CiVersion[] {
  const out: CiVersion[] = [];
  // Made only when something is deleted: an import plans every CI batch through here.
  if (refs.length === 0) return out;
  const upserted = new Set(doc.cis.map((c) => refKey(c.class, c.name)));
  refs.forEach((ref, i) => {
    const v = current.get(ref);
    if (!v) errors.push({ path: `delete.cis[${i}]`, message: `${ref} does not exist` });
    else if (upserted.has(ref))
      errors.push({ path: `delete.cis[${i}]`, message: `${ref} is both written and deleted by the document` });
    else if (!out.includes(v)) out.push(v);
  });
  return out;
}

/** A class change must not leave existing CIs invalid: name the first few that would be. */
async function checkExistingCis(reader: CmdbReader, classes: string[], registry: ModelRegistry): Promise<void> {
  const errors: FieldError[] = [];
  const names = [...new Set(classes.flatMap((c) => registry.withDescendants(c)))];
  const refuse = () =>
    new InputError(
      'CLASS_BREAKS_CIS',
      describeFieldErrors('the class change would make existing CIs invalid; update them first', errors),
      errors,
    );
  let after: CiRef | undefined;
  for (;;) {
    const page = await reader.listCis({ classes: names, limit: 1000, after });
    for (const ci of page) {
      errors.push(...registry.validateAttributes(ci.class, ci.attributes, `${formatRef(ci)}.attributes`));
      if (!registry.statuses(ci.class).includes(ci.status))
        errors.push({
          path: `${formatRef(ci)}.status`,
          message: `"${ci.status}" is no longer a status of class ${ci.class}`,
        });
      if (errors.length >= 5) throw refuse();
    }
    if (page.length < 1000) break;
    const last = page[page.length - 1]!;
    after = { class: last.class, name: last.name };
  }
  if (errors.length > 0) throw refuse();
}
