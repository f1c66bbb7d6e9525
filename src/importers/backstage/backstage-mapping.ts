import type { ClassDefinition } from '../../core/model/model.types.js';
import { checkClassName, checkMappingKeys, mappingObject } from '../common/mapping-checks.js';
import { entityCiName, type EntityRef } from './entity-ref.js';

/**
 * Which class each Backstage kind becomes. `component.<type>` and `resource.<type>` keys choose
 * by `spec.type`; the plain kind is the fallback.
 */
export const DEFAULT_BACKSTAGE_CLASSES: Readonly<Record<string, string>> = {
  component: 'application',
  'component.service': 'service',
  api: 'api',
  system: 'system',
  domain: 'domain',
  resource: 'resource',
  'resource.database': 'database',
  group: 'team',
  user: 'person',
};

/**
 * Kinds that are not inventory: a Location is an import instruction, a Template a scaffolder
 * form, an AiResource an agent's skill or rule. Skipped with a note.
 */
const NOT_INVENTORY = new Set(['location', 'template', 'airesource']);

/** Entities of kinds Cairn has no class for, named `kind:name` so that kinds do not collide. */
export const GENERIC_CLASS: ClassDefinition = {
  name: 'backstage_entity',
  description:
    'A Backstage catalog entity of a kind Cairn has no class for (Environment, a kind of your own); its kind is in backstage_kind.',
  attributes: { type: 'object', properties: { backstage_kind: { type: 'string' } } },
};

export const RESOURCE_CLASS: ClassDefinition = {
  name: 'resource',
  description: 'An infrastructure resource from a software catalog: a bucket, a queue, a cluster, …',
  attributes: { type: 'object', properties: { type: { type: 'string' } } },
};

const KIND_KEY = /^[a-z][a-z0-9]*$/;
const TYPED_KEY = /^(component|resource)\.[a-z0-9][a-z0-9_.-]*$/;

export interface BackstageMapping {
  classes: Record<string, string>;
}

export function resolveBackstageMapping(mapping: Record<string, unknown> | undefined): BackstageMapping {
  const classes: Record<string, string> = { ...DEFAULT_BACKSTAGE_CLASSES };
  if (mapping === undefined) return { classes };
  checkMappingKeys('backstage', 'the top level', mapping, ['classes']);
  if (mapping.classes === undefined) return { classes };
  const overrides = mappingObject('backstage', '"classes"', mapping.classes);
  for (const [key, name] of Object.entries(overrides)) {
    const lower = key.toLowerCase();
    if ((!KIND_KEY.test(lower) && !TYPED_KEY.test(lower)) || NOT_INVENTORY.has(lower)) {
      throw new Error(
        `Unknown key "${key}" in "classes" of the backstage mapping; expected a kind of inventory (component, api, system, domain, resource, group, user, or another kind such as environment) or component.<type> / resource.<type>.`,
      );
    }
    classes[lower] = checkClassName('backstage', `"${key}"`, name);
  }
  return { classes };
}

/** The class of an entity of `kind` with `spec.type` `type`; undefined for kinds that are not inventory. */
export function classOf(mapping: BackstageMapping, kind: string, type: string | undefined): string | undefined {
  const lower = kind.toLowerCase();
  if (NOT_INVENTORY.has(lower)) return undefined;
  if (type !== undefined) {
    const typed = mapping.classes[`${lower}.${type.toLowerCase()}`];
    if (typed !== undefined) return typed;
  }
  return mapping.classes[lower] ?? GENERIC_CLASS.name;
}

/** The CI name of an entity of class `cls`: its kind leads in the generic class (`environment:prod`). */
export function ciNameOf(cls: string, ref: EntityRef): string {
  return cls === GENERIC_CLASS.name ? `${ref.kind.toLowerCase()}:${entityCiName(ref)}` : entityCiName(ref);
}
