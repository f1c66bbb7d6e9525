/**
 * Backstage entity references: `[kind:][namespace/]name`, or `{ kind, namespace, name }`.
 * The kind and namespace default by field (an owner is a Group unless it says `user:`),
 * matching is case-insensitive, as in Backstage.
 */

import { asRecord, asText } from '../common/plain-json.js';

export const DEFAULT_NAMESPACE = 'default';

export interface EntityRef {
  kind: string;
  namespace: string;
  name: string;
}

/** The reference, or an error message. */
export function parseEntityRef(
  value: unknown,
  defaults: { kind?: string; namespace: string },
): EntityRef | { error: string } {
  const object = asRecord(value);
  if (object !== undefined) {
    const name = asText(object.name);
    const kind = asText(object.kind) ?? defaults.kind;
    if (name === undefined) return { error: 'the reference has no name' };
    if (kind === undefined) return { error: `the reference to "${name}" has no kind` };
    return { kind, namespace: asText(object.namespace) ?? defaults.namespace, name };
  }
  const text = asText(value);
  if (text === undefined) return { error: 'the reference is not a string' };
  const colon = text.indexOf(':');
  const kind = colon > 0 ? text.slice(0, colon) : defaults.kind;
  const rest = colon > 0 ? text.slice(colon + 1) : text;
  const slash = rest.indexOf('/');
  const namespace = slash > 0 ? rest.slice(0, slash) : defaults.namespace;
  const name = slash >= 0 ? rest.slice(slash + 1) : rest;
  if (name === '') return { error: `"${text}" has no name` };
  if (kind === undefined) return { error: `"${text}" needs a kind, as in component:${name}` };
  return { kind, namespace, name };
}

/** The key an entity is found by: `kind:namespace/name`, lower case. */
export function entityKey(ref: EntityRef): string {
  return `${ref.kind}:${ref.namespace}/${ref.name}`.toLowerCase();
}

/** The reference as Backstage writes it, for messages. */
export function formatEntityRef(ref: EntityRef): string {
  return `${ref.kind.toLowerCase()}:${ref.namespace}/${ref.name}`;
}

/** The CI name of an entity: its name, prefixed by its namespace when that is not `default`. */
export function entityCiName(ref: EntityRef): string {
  return ref.namespace.toLowerCase() === DEFAULT_NAMESPACE ? ref.name : `${ref.namespace}/${ref.name}`;
}
