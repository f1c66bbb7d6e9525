import { isRecord } from '../common/infra-json.js';
import type { Origin } from '../common/infra-state-builder.js';
import { parseYamlFile } from '../common/infra-yaml.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';
import { customResourceScopes, isBuiltInApiVersion, type CustomScopes } from './k8s-custom.js';

/** The Kubernetes kinds the importer reads and the class each becomes by default. */
export const KIND_CLASSES = {
  Namespace: 'k8s_namespace',
  Deployment: 'k8s_deployment',
  StatefulSet: 'k8s_statefulset',
  DaemonSet: 'k8s_daemonset',
  ReplicaSet: 'k8s_replicaset',
  ReplicationController: 'k8s_replication_controller',
  Pod: 'k8s_pod',
  Job: 'k8s_job',
  CronJob: 'k8s_cronjob',
  HorizontalPodAutoscaler: 'k8s_hpa',
  PodDisruptionBudget: 'k8s_pdb',
  Service: 'k8s_service',
  Ingress: 'k8s_ingress',
  IngressClass: 'k8s_ingress_class',
  NetworkPolicy: 'k8s_network_policy',
  ConfigMap: 'k8s_configmap',
  Secret: 'k8s_secret',
  PersistentVolumeClaim: 'k8s_pvc',
  PersistentVolume: 'k8s_persistent_volume',
  StorageClass: 'k8s_storage_class',
  ServiceAccount: 'k8s_service_account',
  Role: 'k8s_role',
  ClusterRole: 'k8s_cluster_role',
  RoleBinding: 'k8s_role_binding',
  ClusterRoleBinding: 'k8s_cluster_role_binding',
  ValidatingWebhookConfiguration: 'k8s_validating_webhook',
  MutatingWebhookConfiguration: 'k8s_mutating_webhook',
  /** Every custom resource (a kind some CustomResourceDefinition adds), kept generically. */
  CustomResource: 'k8s_object',
} as const;

export type K8sKind = keyof typeof KIND_CLASSES;
export const KINDS = Object.keys(KIND_CLASSES) as K8sKind[];

export const WORKLOAD_KINDS: readonly K8sKind[] = [
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'ReplicationController',
  'Pod',
  'Job',
  'CronJob',
];

/** Kinds that live in no namespace: their CI name is their name alone. */
const CLUSTER_KINDS: ReadonlySet<K8sKind> = new Set<K8sKind>([
  'Namespace',
  'IngressClass',
  'PersistentVolume',
  'StorageClass',
  'ClusterRole',
  'ClusterRoleBinding',
  'ValidatingWebhookConfiguration',
  'MutatingWebhookConfiguration',
]);

/** One object of an in-scope kind, with what every mapping step needs. */
export interface K8sObject {
  kind: K8sKind;
  name: string;
  /**
   * The namespace (`default` when a namespaced object names none), or undefined for an object
   * of a cluster-wide kind. A Namespace has its own name here.
   */
  namespace: string | undefined;
  body: Record<string, unknown>;
  origin: Origin;
  /** For a custom resource: its own kind and apiVersion (`kind` is then `CustomResource`). */
  custom?: { kind: string; apiVersion: string };
}

function isKind(kind: string): kind is K8sKind {
  return kind !== 'CustomResource' && Object.hasOwn(KIND_CLASSES, kind);
}

export function isClusterScoped(kind: K8sKind): boolean {
  return CLUSTER_KINDS.has(kind);
}

/**
 * Reads every document (and every item of `List` documents) of the files. Objects that are not
 * inventory — an Event, an Endpoints list, a CustomResourceDefinition, a ReplicaSet or Pod a
 * controller made (what a live cluster's `kubectl get -o yaml` lists besides what was applied) —
 * are skipped with a note each, never bad records.
 */
export function readObjects(files: ImportFile[]): {
  objects: K8sObject[];
  issues: ImportIssue[];
  skipped: ImportIssue[];
} {
  // Read in two passes (a custom resource's scope may come from a definition later in the
  // input), keeping every issue in the order of the input.
  const entries: Entry[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file.path, file.text);
    entries.push(...parsed.issues.map((issue) => ({ issue })));
    for (const doc of parsed.documents) {
      const where = `document ${doc.index} (line ${doc.line})`;
      flatten(doc.value, { file: file.path, location: where }, entries);
    }
  }
  const scopes = customResourceScopes(entries.map((e) => ('value' in e ? e.value : undefined)));
  const objects: K8sObject[] = [];
  const issues: ImportIssue[] = [];
  const skipped: ImportIssue[] = [];
  for (const entry of entries) {
    if ('issue' in entry) issues.push(entry.issue);
    else collect(entry.value, entry.origin, scopes, objects, issues, skipped);
  }
  return { objects, issues, skipped };
}

/** An object with a kind, or an issue, in the order of the input. */
type Entry = { value: Record<string, unknown>; origin: Origin } | { issue: ImportIssue };

/** Unwraps `List` documents into their items; anything not an object with a kind is an issue. */
function flatten(value: unknown, origin: Origin, out: Entry[]): void {
  const bad = (message: string): void => {
    out.push({ issue: { file: origin.file, location: origin.location ?? '', message } });
  };
  if (!isRecord(value)) {
    bad('not a Kubernetes object: the document is not a mapping');
    return;
  }
  const kind = value['kind'];
  if (typeof kind !== 'string' || kind === '') {
    bad('not a Kubernetes object: "kind" is missing');
    return;
  }
  if (kind === 'List' || (kind.endsWith('List') && Array.isArray(value['items']))) {
    const items = value['items'];
    if (!Array.isArray(items)) {
      bad(`${kind} has no "items" list`);
      return;
    }
    items.forEach((item, i) =>
      flatten(item, { file: origin.file, location: `${origin.location ?? ''}, items[${i}]` }, out),
    );
    return;
  }
  out.push({ value, origin });
}

/** Why an object of a built-in kind is not inventory, or undefined when it is. */
function notInventory(kind: string, body: Record<string, unknown>): string | undefined {
  const owner = controllerOf(body);
  if (owner && (kind === 'ReplicaSet' || kind === 'Pod' || kind === 'Job')) {
    return `made and managed by ${owner}, which is what is imported`;
  }
  return undefined;
}

/** `Deployment web` when the object's metadata names a controlling owner. */
function controllerOf(body: Record<string, unknown>): string | undefined {
  for (const owner of records(dig(body, 'metadata', 'ownerReferences'))) {
    if (owner['controller'] === true) return `${str(owner['kind']) ?? 'its owner'} ${str(owner['name']) ?? ''}`.trim();
  }
  return undefined;
}

function collect(
  value: Record<string, unknown>,
  origin: Origin,
  scopes: CustomScopes,
  objects: K8sObject[],
  issues: ImportIssue[],
  skipped: ImportIssue[],
): void {
  const kind = value['kind'] as string;
  const apiVersion = str(value['apiVersion']) ?? '';
  const metadata = value['metadata'];
  const name = isRecord(metadata) ? metadata['name'] : undefined;
  const what = typeof name === 'string' && name !== '' ? `${kind} ${name}` : kind;
  const skip = (why: string): void => {
    skipped.push({ file: origin.file, location: origin.location ?? '', message: `${what}: ${why}; skipped` });
  };
  const custom = !isKind(kind) && !isBuiltInApiVersion(apiVersion) && apiVersion.includes('/');
  if (!isKind(kind) && !custom) {
    skip(`Cairn does not import the kind ${kind}`);
    return;
  }
  const reason = notInventory(kind, value);
  if (reason) {
    skip(reason);
    return;
  }
  if (typeof name !== 'string' || name === '') {
    issues.push({ file: origin.file, location: origin.location ?? '', message: `${kind} has no metadata.name` });
    return;
  }
  const ns = isRecord(metadata) ? metadata['namespace'] : undefined;
  if (ns !== undefined && (typeof ns !== 'string' || ns === '')) {
    issues.push({
      file: origin.file,
      location: origin.location ?? '',
      message: `${kind} ${name}: metadata.namespace must be a non-empty string`,
    });
    return;
  }
  const k8sKind: K8sKind = custom ? 'CustomResource' : (kind as K8sKind);
  let namespace: string | undefined;
  if (k8sKind === 'Namespace') namespace = name;
  else if (custom) namespace = ns ?? (scopes.namespaced(apiVersion, kind) ? 'default' : undefined);
  else if (!isClusterScoped(k8sKind)) namespace = ns ?? 'default';
  const object: K8sObject = {
    kind: k8sKind,
    name,
    namespace,
    body: value,
    origin: { file: origin.file, location: `${origin.location ?? ''}, ${kind} ${name}` },
  };
  if (custom) object.custom = { kind, apiVersion };
  objects.push(object);
}

/** Field access along a path of keys, undefined as soon as a step is not a mapping. */
export function dig(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!isRecord(current)) return undefined;
    current = current[key];
  }
  return current;
}

export function records(value: unknown): Record<string, unknown>[] {
  return Array.isArray(value) ? value.filter(isRecord) : [];
}

export function str(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}
