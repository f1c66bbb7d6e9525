import type { CmdbService } from '../ci/cmdb.service.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import type { ClassDefinition, RelationTypeDefinition } from '../model/model.types.js';
import type { CmdbReader } from '../ports/cmdb-store.port.js';
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

/**
 * The CMDB (or its state as of a revision) as pages of records, for `cairn export`: first the
 * classes and relationship types that differ from the built-in model (an empty database must
 * know them before it can take the CIs), then CIs by class and name, then relationships. Reads
 * page by page, so memory holds one page whatever the CMDB's size.
 */
export async function* exportPages(deps: { store: CmdbReader; cmdb: CmdbService }, options: ExportOptions = {}): AsyncGenerator<ExportPage> {
  const { store, cmdb } = deps;
  const { at } = options;
  const pageSize = options.pageSize ?? 2000;
  const model = await customModel(store, at);
  if (model.classes.length > 0 || model.relationTypes.length > 0) yield { kind: 'model', ...model };

  const registry = await cmdb.registry(at);
  const classes = options.classes && [...new Set(options.classes.flatMap((c) => registry.withDescendants(c)))];
  let after: { class: string; name: string } | undefined;
  for (;;) {
    const page = await store.listCis({ at, classes, limit: pageSize, after });
    if (page.length > 0) {
      yield { kind: 'cis', cis: page.map((v) => ({ class: v.class, name: v.name, status: v.status, attributes: v.attributes, labels: v.labels, id: v.id, revision: v.revFrom })) };
    }
    if (page.length < pageSize) break;
    after = page[page.length - 1]!;
  }

  const wanted = classes && new Set(classes);
  let afterId: string | undefined;
  for (;;) {
    const page = await store.listRelations({ at, limit: pageSize, afterId });
    const names = await cmdb.namesOf(page.flatMap((r) => [r.sourceId, r.targetId]), at);
    const inClasses = (ref: string) => !wanted || wanted.has(ref.slice(0, ref.indexOf('/')));
    const relations = page
      .map((r) => ({ type: r.type, from: names.get(r.sourceId) ?? r.sourceId, to: names.get(r.targetId) ?? r.targetId, attributes: r.attributes, id: r.id, revision: r.revFrom }))
      .filter((r) => inClasses(r.from) && inClasses(r.to));
    if (relations.length > 0) yield { kind: 'relations', relations };
    if (page.length < pageSize) break;
    afterId = page[page.length - 1]!.id;
  }
}

/** Model entries that are not exactly the built-in ones. */
async function customModel(store: CmdbReader, at: number | undefined): Promise<{ classes: ClassDefinition[]; relationTypes: RelationTypeDefinition[] }> {
  const builtIn = new Set([...DEFAULT_CLASSES.map((d) => `class:${contentHash(d)}`), ...DEFAULT_RELATION_TYPES.map((d) => `relation_type:${contentHash(d)}`)]);
  const classes: ClassDefinition[] = [];
  const relationTypes: RelationTypeDefinition[] = [];
  for (const v of await store.modelVersions(at)) {
    if (builtIn.has(`${v.kind}:${contentHash(v.definition)}`)) continue;
    if (v.kind === 'class') classes.push(v.definition);
    else relationTypes.push(v.definition);
  }
  return { classes, relationTypes };
}
