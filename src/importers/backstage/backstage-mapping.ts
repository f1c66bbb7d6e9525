import type { ClassDefinition } from '../../core/model/model.types.js';
import { checkClassName, checkMappingKeys, mappingObject } from '../common/mapping-checks.js';

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

/** Kinds that are read but are not inventory. */
export const SKIPPED_KINDS = new Set(['location']);

export const RESOURCE_CLASS: ClassDefinition = {
  name: 'resource',
  description: 'An infrastructure resource from a software catalog: a bucket, a queue, a cluster, …',
  attributes: { type: 'object', properties: { type: { type: 'string' } } },
};

const BASE_KINDS = ['component', 'api', 'system', 'domain', 'resource', 'group', 'user'];
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
    if (!BASE_KINDS.includes(lower) && !TYPED_KEY.test(lower)) {
      throw new Error(
        `Unknown key "${key}" in "classes" of the backstage mapping; expected a kind (${BASE_KINDS.join(', ')}) or component.<type> / resource.<type>.`,
      );
    }
    classes[lower] = checkClassName('backstage', `"${key}"`, name);
  }
  return { classes };
}

/** The class of an entity of `kind` with `spec.type` `type`; undefined for kinds not imported. */
export function classOf(mapping: BackstageMapping, kind: string, type: string | undefined): string | undefined {
  const lower = kind.toLowerCase();
  if (type !== undefined) {
    const typed = mapping.classes[`${lower}.${type.toLowerCase()}`];
    if (typed !== undefined) return typed;
  }
  return mapping.classes[lower];
}
