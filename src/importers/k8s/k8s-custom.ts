import { isRecord, SECRET_NAME, toJsonValue, type JsonValue } from '../common/infra-json.js';

/**
 * The API groups Kubernetes itself serves. An object of any other group is a custom resource (a
 * kind a CustomResourceDefinition adds: a cert-manager Certificate, a ServiceMonitor); one of
 * these groups that Cairn does not import (an Event, a Lease) is not inventory.
 */
const BUILT_IN_GROUPS = new Set([
  '',
  'apps',
  'batch',
  'autoscaling',
  'policy',
  'extensions',
  'networking.k8s.io',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'admissionregistration.k8s.io',
  'apiextensions.k8s.io',
  'apiregistration.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'certificates.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'events.k8s.io',
  'flowcontrol.apiserver.k8s.io',
  'internal.apiserver.k8s.io',
  'metrics.k8s.io',
  'node.k8s.io',
  'resource.k8s.io',
  'scheduling.k8s.io',
  'storagemigration.k8s.io',
]);

function groupOf(apiVersion: string): string {
  const slash = apiVersion.indexOf('/');
  return slash < 0 ? '' : apiVersion.slice(0, slash);
}

export function isBuiltInApiVersion(apiVersion: string): boolean {
  return BUILT_IN_GROUPS.has(groupOf(apiVersion));
}

export interface CustomScopes {
  /** True when a CustomResourceDefinition of the input says the kind is namespaced. */
  namespaced(apiVersion: string, kind: string): boolean;
}

/**
 * The scope of each custom kind whose CustomResourceDefinition is in the input. Without one, a
 * custom resource is namespaced when its metadata names a namespace, cluster-wide otherwise.
 */
export function customResourceScopes(values: unknown[]): CustomScopes {
  const namespaced = new Set<string>();
  for (const value of values) {
    if (!isRecord(value) || value['kind'] !== 'CustomResourceDefinition') continue;
    const spec = value['spec'];
    if (!isRecord(spec) || spec['scope'] !== 'Namespaced') continue;
    const names = spec['names'];
    if (typeof spec['group'] === 'string' && isRecord(names) && typeof names['kind'] === 'string')
      namespaced.add(`${spec['group']}\u0000${names['kind']}`);
  }
  return { namespaced: (apiVersion, kind) => namespaced.has(`${groupOf(apiVersion)}\u0000${kind}`) };
}

/** Marks where a value was left out because its key names a credential. */
export const REDACTED = '[not kept: credential]';

/**
 * A custom resource's `spec`, kept as declared except the values under keys that name a
 * credential (`password`, `token`, `secretKey`, …): a CMDB is read by more people than a vault.
 */
export function customSpec(spec: unknown): JsonValue | undefined {
  return toJsonValue(redact(spec));
}

function redact(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(redact);
  if (!isRecord(value)) return value;
  const out: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    // `secretName: web-tls` names a Secret; it holds no credential.
    const credential = SECRET_NAME.test(key) && !/name$/i.test(key);
    out[key] = credential && (typeof item === 'string' || typeof item === 'number') ? REDACTED : redact(item);
  }
  return out;
}
