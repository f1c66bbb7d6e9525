import { asArray, asRecord, asText, compact } from '../common/plain-json.js';
import type { EntityRef } from './entity-ref.js';
import { DEFAULT_NAMESPACE } from './entity-ref.js';

/** One catalog entity read from a document, with where it came from. */
export interface CatalogEntity {
  ref: EntityRef;
  type?: string;
  metadata: Record<string, unknown>;
  spec: Record<string, unknown>;
  file: string;
  /** `document N` (1-based within its file). */
  document: string;
}

/** The entity a YAML document describes, or an error message. */
export function readEntity(value: unknown, file: string, document: string): CatalogEntity | { error: string } {
  const root = asRecord(value);
  if (root === undefined) return { error: 'the document is not a mapping' };
  const kind = asText(root.kind);
  if (kind === undefined) return { error: 'the document has no kind' };
  const metadata = asRecord(root.metadata);
  const name = asText(metadata?.name);
  if (metadata === undefined || name === undefined) return { error: `the ${kind} has no metadata.name` };
  const spec = asRecord(root.spec) ?? {};
  const entity: CatalogEntity = {
    ref: { kind, namespace: asText(metadata.namespace) ?? DEFAULT_NAMESPACE, name },
    metadata,
    spec,
    file,
    document,
  };
  const type = asText(spec.type);
  if (type !== undefined) entity.type = type;
  return entity;
}

/** Lifecycle → Cairn status; the lifecycle itself stays an attribute. */
const STATUS_BY_LIFECYCLE: Readonly<Record<string, string>> = {
  production: 'active',
  experimental: 'building',
  deprecated: 'active',
};

export function statusOf(entity: CatalogEntity): string | undefined {
  const lifecycle = asText(entity.spec.lifecycle)?.toLowerCase();
  return lifecycle === undefined ? undefined : STATUS_BY_LIFECYCLE[lifecycle];
}

/** The attributes kept from an entity (an API's `definition` text is left out: it is a document, not configuration). */
export function attributesOf(entity: CatalogEntity): Record<string, unknown> {
  const { metadata, spec } = entity;
  const profile = asRecord(spec.profile);
  const links = asArray(metadata.links)
    .map((link) => asRecord(link))
    .filter((link) => link !== undefined)
    .map((link) => compact({ url: asText(link.url), title: asText(link.title) }));
  return compact({
    backstage_kind: entity.ref.kind,
    namespace: entity.ref.namespace === DEFAULT_NAMESPACE ? undefined : entity.ref.namespace,
    title: asText(metadata.title),
    description: asText(metadata.description),
    type: entity.type,
    lifecycle: asText(spec.lifecycle),
    tags: asArray(metadata.tags).filter((tag) => typeof tag === 'string'),
    links,
    annotations: nonEmpty(asRecord(metadata.annotations)),
    display_name: asText(profile?.displayName),
    email: asText(profile?.email),
  });
}

/** `metadata.labels` as Cairn labels (string values only). */
export function labelsOf(entity: CatalogEntity): Record<string, string> | undefined {
  const labels = asRecord(entity.metadata.labels);
  if (labels === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(labels)) {
    const text = asText(value);
    if (text !== undefined) out[key] = text;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function nonEmpty(record: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  return record !== undefined && Object.keys(record).length > 0 ? record : undefined;
}
