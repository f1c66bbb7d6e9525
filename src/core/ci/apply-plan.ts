import type { FieldError } from '../shared/errors.js';
import type { IdGenerator } from '../shared/ids.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { CiVersion, RelationVersion } from './ci.types.js';
import { ciContentHash, relationContentHash } from './content-hash.js';
import { formatRef, isRef, type DesiredCi, type DesiredRelation } from './desired-state.js';
import { mergeRecord, sameJson } from './merge.js';

export interface VersionWrite<T> {
  /** The current version this write ends; absent when the item is new. */
  before?: T;
  after: T;
}

export interface WriteContext {
  registry: ModelRegistry;
  rev: number;
  ids: IdGenerator;
  source: string | null;
  /**
   * Whether the writing source may set this attribute of this class: false when another source
   * is authoritative for it. Attributes refused are left as they are, not written.
   */
  mayWrite?: (className: string, attribute: string, source: string | null) => boolean;
}

/**
 * Where a slice of a document's list starts (its first item's index) and the items seen in the
 * slices before it, so that a list worked a slice at a time (shared/pace.ts) names the same paths
 * and finds the same duplicates as in one go.
 */
export interface SliceState {
  offset: number;
  seen: Map<string, number>;
  /** The whole list's references (refKey), where the caller made them already: not made again. */
  refs?: readonly string[];
}

/** Key of a CI by reference, for maps. */
export const refKey = (cls: string, name: string): string => `${cls}/${name}`;
export const relationKey = (type: string, sourceId: string, targetId: string): string =>
  `${type}\u0000${sourceId}\u0000${targetId}`;

/**
 * Works out the CI versions an apply writes: each desired CI merged into its current version,
 * validated against its class, and kept only if its content changed. Pure: the caller loads the
 * current versions and persists the result.
 */
export function planCiWrites(
  desired: DesiredCi[],
  current: Map<string, CiVersion>,
  ctx: WriteContext,
  errors: FieldError[],
  slice: SliceState = { offset: 0, seen: new Map() },
): VersionWrite<CiVersion>[] {
  const writes: VersionWrite<CiVersion>[] = [];
  const { seen, refs } = slice;
  desired.forEach((d, j) => {
    const i = j + slice.offset;
    const path = `cis[${i}]`;
    const key = refs?.[i] ?? refKey(d.class, d.name);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({ path, message: `${key} appears twice in the document (first at cis[${first}])` });
      return;
    }
    seen.set(key, i);
    if (!ctx.registry.getClass(d.class)) {
      errors.push({ path: `${path}.class`, message: `"${d.class}" is not a known class (see \`cairn class list\`)` });
      return;
    }
    const before = current.get(key);
    if (before && sameContentHash(d, before)) return;
    const status = d.status ?? before?.status ?? defaultStatus(ctx.registry.statuses(d.class));
    const allowed = ctx.registry.statuses(d.class);
    if (!allowed.includes(status)) {
      errors.push({
        path: `${path}.status`,
        message: `"${status}" is not a status of class ${d.class} (allowed: ${allowed.join(', ')})`,
      });
      return;
    }
    const wanted = ctx.mayWrite ? ownedAttributes(d, ctx) : d.attributes;
    const attributes = mergeRecord(before?.attributes ?? {}, wanted);
    const labels = mergeRecord(before?.labels ?? {}, d.labels);
    const fieldErrors = ctx.registry.validateAttributes(d.class, attributes, `${path}.attributes`);
    if (fieldErrors.length > 0) {
      errors.push(...fieldErrors);
      return;
    }
    const hash = ciContentHash({ class: d.class, name: d.name, status, attributes, labels });
    if (before && before.hash === hash) return;
    // Every field written out, in one literal: spreading a content object into it cost more than
    // the rest of planning an item (an import plans one per record).
    writes.push({
      before,
      after: {
        class: d.class,
        name: d.name,
        status,
        attributes,
        labels,
        id: before?.id ?? ctx.ids.next('ci'),
        source: ctx.source ?? before?.source ?? null,
        revFrom: ctx.rev,
        revTo: null,
        hash,
        attributeSources: attributeSources(before, attributes, ctx.source),
      },
    });
  });
  return writes;
}

/**
 * Whether a desired CI that sets its attributes whole is its current version again, told by the
 * content hash before anything is merged, validated or parsed from the store (a re-import is
 * mostly such items). Equal hashes mean the merge would change nothing: every key the document
 * sets holds that value already, and a current version is valid under the current model (a class
 * change that would break one is refused). Unequal hashes prove nothing (a partial update):
 * the full merge decides.
 */
export function sameContentHash(d: DesiredCi, before: Pick<CiVersion, 'status' | 'labels' | 'hash'>): boolean {
  if (d.attributes === undefined) return false;
  const status = d.status ?? before.status;
  // A label set to null (a removal) never hashes like a stored version: it goes to the merge.
  const labels = (d.labels ?? before.labels) as CiVersion['labels'];
  return ciContentHash({ class: d.class, name: d.name, status, attributes: d.attributes, labels }) === before.hash;
}

/** The attributes of a desired CI that its source may write, by the authority rules. */
function ownedAttributes(d: DesiredCi, ctx: WriteContext): Record<string, unknown> | undefined {
  if (!d.attributes) return undefined;
  return Object.fromEntries(Object.entries(d.attributes).filter(([key]) => ctx.mayWrite!(d.class, key, ctx.source)));
}

/** Keeps who set each unchanged attribute; the writing source takes the ones it changed. */
function attributeSources(
  before: CiVersion | undefined,
  attributes: Record<string, unknown>,
  source: string | null,
): Record<string, string> {
  const out: Record<string, string> = {};
  const previous = before?.attributeSources ?? {};
  for (const key of Object.keys(attributes)) {
    const unchanged =
      before !== undefined && key in before.attributes && sameJson(before.attributes[key], attributes[key]);
    out[key] = unchanged && previous[key] ? previous[key] : (source ?? 'unknown');
  }
  return out;
}

function defaultStatus(statuses: readonly string[]): string {
  return statuses.includes('active') ? 'active' : (statuses[0] ?? 'active');
}

/** A desired relationship with its type resolved and both ends found. */
export interface ResolvedRelation {
  index: number;
  type: string;
  sourceId: string;
  targetId: string;
  /** `class/name` of each end, as the document named them (swapped with an inverse name). */
  sourceRef: string;
  targetRef: string;
  attributes?: Record<string, unknown>;
}

/** Resolves relationship types (inverse names flip the direction) and ends (by reference). */
export function resolveRelations(
  desired: DesiredRelation[],
  findCi: (ref: string) => Pick<CiVersion, 'id'> | undefined,
  registry: ModelRegistry,
  errors: FieldError[],
  slice: SliceState = { offset: 0, seen: new Map() },
): ResolvedRelation[] {
  const out: ResolvedRelation[] = [];
  const { seen } = slice;
  // Paths are spelled out only for an error: an import resolves every relationship it writes.
  const pathOf = (index: number) => `relations[${index}]`;
  const end = (ref: string, field: 'from' | 'to', index: number) => {
    if (!isRef(ref)) {
      errors.push({ path: `${pathOf(index)}.${field}`, message: `"${ref}" is not a CI reference (class/name)` });
      return undefined;
    }
    const ci = findCi(ref);
    if (!ci) errors.push({ path: `${pathOf(index)}.${field}`, message: `${ref} does not exist` });
    return ci;
  };
  desired.forEach((d, j) => {
    const index = j + slice.offset;
    const type = registry.relationType(d.type);
    if (!type) {
      errors.push({ path: `${pathOf(index)}.type`, message: `"${d.type}" is not a known relationship type` });
      return;
    }
    const from = end(d.from, 'from', index);
    const to = end(d.to, 'to', index);
    if (!from || !to) return;
    const { inverted } = type;
    const source = inverted ? to : from;
    const target = inverted ? from : to;
    const key = relationKey(type.definition.name, source.id, target.id);
    const first = seen.get(key);
    if (first !== undefined) {
      errors.push({
        path: pathOf(index),
        message: `this relationship appears twice in the document (first at relations[${first}])`,
      });
      return;
    }
    seen.set(key, index);
    out.push({
      index,
      type: type.definition.name,
      sourceId: source.id,
      targetId: target.id,
      sourceRef: inverted ? d.to : d.from,
      targetRef: inverted ? d.from : d.to,
      attributes: d.attributes,
    });
  });
  return out;
}

/** Works out the relationship versions an apply writes, given the current ones by key. */
export function planRelationWrites(
  resolved: ResolvedRelation[],
  current: Map<string, RelationVersion>,
  ctx: WriteContext,
): VersionWrite<RelationVersion>[] {
  const writes: VersionWrite<RelationVersion>[] = [];
  for (const r of resolved) {
    // A bulk import's relationships are all new: no key to build and look up.
    const before = current.size > 0 ? current.get(relationKey(r.type, r.sourceId, r.targetId)) : undefined;
    if (before && sameRelationContent(r.attributes, before)) continue;
    const attributes = mergeRecord(before?.attributes ?? {}, r.attributes);
    const hash = relationContentHash({ type: r.type, sourceId: r.sourceId, targetId: r.targetId, attributes });
    if (before && before.hash === hash) continue;
    // Every field in one literal, as for CIs (no spread).
    writes.push({
      before,
      after: {
        type: r.type,
        sourceId: r.sourceId,
        targetId: r.targetId,
        attributes,
        id: before?.id ?? ctx.ids.next('rel'),
        source: ctx.source ?? before?.source ?? null,
        revFrom: ctx.rev,
        revTo: null,
        hash,
      },
    });
  }
  return writes;
}

/**
 * Whether an existing relationship is written again unchanged, told without merging or parsing
 * its stored attributes: no attributes given keeps them, and attributes given whole with the
 * stored content hash change nothing (as for CIs, unequal hashes leave it to the merge).
 */
export function sameRelationContent(
  attributes: Record<string, unknown> | undefined,
  before: Pick<RelationVersion, 'type' | 'sourceId' | 'targetId' | 'hash'>,
): boolean {
  if (attributes === undefined) return true;
  const content = { type: before.type, sourceId: before.sourceId, targetId: before.targetId, attributes };
  return relationContentHash(content) === before.hash;
}

export { formatRef };
