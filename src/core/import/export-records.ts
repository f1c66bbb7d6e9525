import type { CmdbService } from '../cmdb/cmdb.service.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import type { ClassDefinition, RelationTypeDefinition } from '../model/model.types.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import { contentHash } from '../shared/canonical.js';

/** A CI as export writes it; `id` and `revision` are read-only extras that import accepts. */
export interface CiRecord {
  class: string;
  name: string;
  status: string;
  attributes: Record<string, unknown>;
  labels: Record<string, string>;
  id: string;
  revision: number;
}

export interface RelationRecord {
  type: string;
  from: string;
  to: string;
  attributes: Record<string, unknown>;
  id: string;
  revision: number;
}

export type ExportPage =
  | { kind: 'model'; classes: ClassDefinition[]; relationTypes: RelationTypeDefinition[] }
  | { kind: 'cis'; cis: CiRecord[] }
  | { kind: 'relations'; relations: RelationRecord[] };

export interface ExportOptions {
  /** As of this revision; current when absent. */
  at?: number;
  /** Only CIs of these classes (and their subclasses), and relationships between them. */
  classes?: string[];
  pageSize?: number;
}

/** Where an export has got to: the model first, then CIs after a `class/name`, then relationships after an id. */
export type ExportPosition =
  | { phase: 'model' }
  | { phase: 'cis'; after?: { class: string; name: string } }
  | { phase: 'relations'; afterId?: string };

/** One step of an export: the custom model, or a page of CIs, or a page of relationships; and where the next step starts. */
export interface ExportStep {
  model?: { classes: ClassDefinition[]; relationTypes: RelationTypeDefinition[] };
  cis: CiRecord[];
  relations: RelationRecord[];
  next: ExportPosition | null;
}

/**
 * Reads one step of an export from `position`: first the classes and relationship types that
 * differ from the built-in model (an empty database must know them before it can take the
 * CIs), then CIs by class and name, then relationships. `classes` are the wanted classes with
 * their subclasses already added; `at` undefined reads the current state.
 */
export async function exportStep(
  deps: { store: CmdbReader; cmdb: CmdbService },
  query: { at?: number; classes?: string[]; limit: number },
  position: ExportPosition,
): Promise<ExportStep> {
  const { store, cmdb } = deps;
  const { at, classes, limit } = query;
  if (position.phase === 'model') {
    const model = await customModel(store, at);
    const next: ExportPosition = { phase: 'cis' };
    return model.classes.length > 0 || model.relationTypes.length > 0
      ? { model, cis: [], relations: [], next }
      : exportStep(deps, query, next);
  }
  if (position.phase === 'cis') {
    const rows = await store.listCis({ at, classes, limit: limit + 1, after: position.after });
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    const cis = page.map((v) => ({
      class: v.class,
      name: v.name,
      status: v.status,
      attributes: v.attributes,
      labels: v.labels,
      id: v.id,
      revision: v.revFrom,
    }));
    return {
      cis,
      relations: [],
      next:
        rows.length > limit && last
          ? { phase: 'cis', after: { class: last.class, name: last.name } }
          : { phase: 'relations' },
    };
  }
  const rows = await store.listRelations({ at, limit: limit + 1, afterId: position.afterId });
  const page = rows.slice(0, limit);
  const names = await cmdb.namesOf(
    page.flatMap((r) => [r.sourceId, r.targetId]),
    at,
  );
  const wanted = classes && new Set(classes);
  const inClasses = (ref: string) => !wanted || wanted.has(ref.slice(0, ref.indexOf('/')));
  const relations = page
    .map((r) => ({
      type: r.type,
      from: names.get(r.sourceId) ?? r.sourceId,
      to: names.get(r.targetId) ?? r.targetId,
      attributes: r.attributes,
      id: r.id,
      revision: r.revFrom,
    }))
    .filter((r) => inClasses(r.from) && inClasses(r.to));
  return {
    cis: [],
    relations,
    next: rows.length > limit ? { phase: 'relations', afterId: page[page.length - 1]!.id } : null,
  };
}

/**
 * The CMDB (or its state as of a revision) as pages of records, for writing an export in one
 * process: the steps of `exportStep` one after the other. Memory holds one page whatever the
 * CMDB's size.
 */
export async function* exportPages(
  deps: { store: CmdbReader; cmdb: CmdbService },
  options: ExportOptions = {},
): AsyncGenerator<ExportPage> {
  const registry = await deps.cmdb.registry(options.at);
  const classes = options.classes && [...new Set(options.classes.flatMap((c) => registry.withDescendants(c)))];
  const query = { at: options.at, classes, limit: options.pageSize ?? 2000 };
  for (let position: ExportPosition | null = { phase: 'model' }; position !== null;) {
    const step = await exportStep(deps, query, position);
    yield* stepPages(step);
    position = step.next;
  }
}

/** The pages a step holds, as the format writers take them. */
export function* stepPages(step: Pick<ExportStep, 'model' | 'cis' | 'relations'>): Generator<ExportPage> {
  if (step.model) yield { kind: 'model', ...step.model };
  if (step.cis.length > 0) yield { kind: 'cis', cis: step.cis };
  if (step.relations.length > 0) yield { kind: 'relations', relations: step.relations };
}

/** Model entries that are not exactly the built-in ones. */
async function customModel(
  store: CmdbReader,
  at: number | undefined,
): Promise<{ classes: ClassDefinition[]; relationTypes: RelationTypeDefinition[] }> {
  const builtIn = new Set([
    ...DEFAULT_CLASSES.map((d) => `class:${contentHash(d)}`),
    ...DEFAULT_RELATION_TYPES.map((d) => `relation_type:${contentHash(d)}`),
  ]);
  const classes: ClassDefinition[] = [];
  const relationTypes: RelationTypeDefinition[] = [];
  for (const v of await store.modelVersions(at)) {
    if (builtIn.has(`${v.kind}:${contentHash(v.definition)}`)) continue;
    if (v.kind === 'class') classes.push(v.definition);
    else relationTypes.push(v.definition);
  }
  return { classes, relationTypes };
}
