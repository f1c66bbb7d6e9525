import { parseAllDocuments } from 'yaml';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { InventoryBuilder } from '../common/inventory-builder.js';
import { asArray } from '../common/plain-json.js';
import type { CatalogEntity } from './backstage-entity.js';
import { attributesOf, labelsOf, readEntity, statusOf } from './backstage-entity.js';
import type { BackstageMapping } from './backstage-mapping.js';
import { GENERIC_CLASS, RESOURCE_CLASS, ciNameOf, classOf, resolveBackstageMapping } from './backstage-mapping.js';
import { LocationFollower } from './backstage-locations.js';
import { GENERIC_RELATION_FIELDS, RELATION_FIELDS } from './backstage-relations.js';
import { entityKey, formatEntityRef, parseEntityRef } from './entity-ref.js';

/**
 * Backstage catalog descriptors (multi-document YAML) → CIs and relationships. All files are
 * read first, so that a reference may point to an entity in any file; a reference to an entity
 * that is not in the input (`group:backstage/maintainers` defined in another catalog) is kept as
 * a relationship to the CI that entity would be, for the import to resolve. Location entities are
 * followed (when the caller gives a way to read files); kinds that are not inventory (Location,
 * Template, AiResource) are skipped with a note each; other kinds Cairn has no class for
 * (Environment, a kind of one's own) are kept as `backstage_entity` CIs.
 */
export const backstageImporter: Importer = {
  format: 'backstage',
  description:
    'Backstage catalog descriptor files (catalog-info.yaml): components, APIs, systems, domains, resources, groups, users',
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult {
    const mapping = resolveBackstageMapping(options?.mapping);
    const builder = new InventoryBuilder('backstage');
    const entities = readEntities(files, mapping, builder, new LocationFollower(options?.readFile));
    const index = new Map<string, string>();
    for (const [ref, entity] of entities) index.set(entityKey(entity.ref), ref);
    for (const [ref, entity] of entities) addRelations(builder, mapping, index, ref, entity);
    return builder.build();
  },
};

/**
 * Every entity of the input as a CI, keyed by its `class/name`: the files given, then the files
 * their Locations name, and theirs in turn (each file once).
 */
function readEntities(
  files: ImportFile[],
  mapping: BackstageMapping,
  builder: InventoryBuilder,
  follower: LocationFollower,
): Map<string, CatalogEntity> {
  const entities = new Map<string, CatalogEntity>();
  const seen = new Map<string, CatalogEntity>();
  const queue = files.filter((file) => follower.markRead(file.path));
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    const file = next;
    const documents = parseAllDocuments(file.text);
    if (!Array.isArray(documents)) {
      builder.issue({ file: file.path }, 'the file is not YAML documents');
      continue;
    }
    documents.forEach((document, i) => {
      const location = `document ${i + 1}`;
      const error = document.errors[0];
      if (error !== undefined) {
        const line = error.linePos?.[0].line;
        const where = line === undefined ? location : `${location}, line ${line}`;
        builder.issue({ file: file.path, location: where }, `invalid YAML: ${error.message.split('\n')[0] ?? ''}`);
        return;
      }
      // Aliases that expand past the yaml library's limit (a "billion laughs") throw: an issue of
      // this document, as a syntax error is, rather than a crash of the whole import.
      let value: unknown;
      try {
        value = document.toJS();
      } catch (e) {
        const reason = (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? '';
        builder.issue({ file: file.path, location }, `the YAML could not be read: ${reason}`);
        return;
      }
      if (value === null || value === undefined) return;
      const entity = readEntity(value, file.path, location);
      if ('error' in entity) {
        builder.issue({ file: file.path, location }, entity.error);
        return;
      }
      const first = seen.get(entityKey(entity.ref));
      if (first !== undefined) {
        const message = `${formatEntityRef(entity.ref)} is defined twice; the first definition, in ${first.file} (${first.document}), is kept`;
        builder.issue({ file: file.path, location }, message);
        return;
      }
      seen.set(entityKey(entity.ref), entity);
      if (entity.ref.kind.toLowerCase() === 'location') {
        queue.push(...followLocation(builder, follower, entity));
        return;
      }
      const ref = addEntity(builder, mapping, entity);
      if (ref !== undefined && !entities.has(ref)) entities.set(ref, entity);
    });
  }
  return entities;
}

/** A Location is an import instruction, not inventory: its targets are read, and it is noted as skipped. */
function followLocation(builder: InventoryBuilder, follower: LocationFollower, location: CatalogEntity): ImportFile[] {
  const position = { file: location.file, location: location.document };
  const what = `${formatEntityRef(location.ref)}: a Location lists other catalog files`;
  if (!follower.follows) {
    builder.skipNonInventory(position, `${what}; skipped (its targets are not followed here: pass them as files)`);
    return [];
  }
  const followed = follower.follow(location);
  for (const issue of followed.missing) builder.issue(issue, issue.message);
  const unread =
    followed.notFollowed.length === 0
      ? ''
      : `; not followed: ${followed.notFollowed.join(', ')} (Cairn reads files, not URLs or patterns: pass them as files)`;
  builder.skipNonInventory(position, `${what}, read with it${unread}; skipped`);
  return followed.files;
}

function addEntity(builder: InventoryBuilder, mapping: BackstageMapping, entity: CatalogEntity): string | undefined {
  const position = { file: entity.file, location: entity.document };
  const cls = classOf(mapping, entity.ref.kind, entity.type);
  if (cls === undefined) {
    builder.skipNonInventory(
      position,
      `${formatEntityRef(entity.ref)}: kind ${entity.ref.kind} is not inventory; skipped`,
    );
    return undefined;
  }
  if (cls === RESOURCE_CLASS.name) builder.declareClass(RESOURCE_CLASS);
  if (cls === GENERIC_CLASS.name) builder.declareClass(GENERIC_CLASS);
  const ci: Parameters<InventoryBuilder['addCi']>[0] = {
    class: cls,
    name: ciNameOf(cls, entity.ref),
    attributes: attributesOf(entity),
  };
  const status = statusOf(entity);
  if (status !== undefined) ci.status = status;
  const labels = labelsOf(entity);
  if (labels !== undefined) ci.labels = labels;
  return builder.addCi(ci, position, 'report');
}

function addRelations(
  builder: InventoryBuilder,
  mapping: BackstageMapping,
  index: Map<string, string>,
  self: string,
  entity: CatalogEntity,
): void {
  const fields = RELATION_FIELDS[entity.ref.kind.toLowerCase()] ?? GENERIC_RELATION_FIELDS;
  for (const field of fields) {
    asArray(entity.spec[field.field]).forEach((value, i) => {
      const path = Array.isArray(entity.spec[field.field]) ? `spec.${field.field}[${i}]` : `spec.${field.field}`;
      const position = { file: entity.file, location: `${entity.document}, ${path}` };
      const defaults = { namespace: entity.ref.namespace, ...(field.defaultKind ? { kind: field.defaultKind } : {}) };
      const target = parseEntityRef(value, defaults);
      if ('error' in target) {
        builder.issue(position, `${formatEntityRef(entity.ref)}: ${target.error}`);
        return;
      }
      const cls = classOf(mapping, target.kind, undefined);
      const other = index.get(entityKey(target)) ?? (cls === undefined ? undefined : `${cls}/${ciNameOf(cls, target)}`);
      if (other === undefined) {
        builder.issue(
          position,
          `${formatEntityRef(entity.ref)} refers to ${formatEntityRef(target)}, of kind ${target.kind}, which Cairn does not import`,
        );
        return;
      }
      const [from, to] = field.reverse ? [other, self] : [self, other];
      builder.addRelation({ type: field.type, from, to }, position);
    });
  }
}
