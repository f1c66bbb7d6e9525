import { isRecord } from '../common/infra-json.js';
import type { Origin } from '../common/infra-state-builder.js';
import { parseYamlFile } from '../common/infra-yaml.js';
import type { ImportFile, ImportIssue } from '../importer.types.js';

/** The Kubernetes kinds the importer reads and the class each becomes by default. */
export const KIND_CLASSES = {
  Namespace: 'k8s_namespace',
  Deployment: 'k8s_deployment',
  StatefulSet: 'k8s_statefulset',
  DaemonSet: 'k8s_daemonset',
  Job: 'k8s_job',
  CronJob: 'k8s_cronjob',
  Service: 'k8s_service',
  Ingress: 'k8s_ingress',
  ConfigMap: 'k8s_configmap',
  Secret: 'k8s_secret',
  PersistentVolumeClaim: 'k8s_pvc',
  ServiceAccount: 'k8s_service_account',
} as const;

export type K8sKind = keyof typeof KIND_CLASSES;
export const KINDS = Object.keys(KIND_CLASSES) as K8sKind[];
export const WORKLOAD_KINDS: readonly K8sKind[] = ['Deployment', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob'];

/** One object of an in-scope kind, with what every mapping step needs. */
export interface K8sObject {
  kind: K8sKind;
  name: string;
  /** The namespace; `default` when the manifest gives none. Namespaces have their own name here. */
  namespace: string;
  body: Record<string, unknown>;
  origin: Origin;
}

function isKind(kind: string): kind is K8sKind {
  return Object.hasOwn(KIND_CLASSES, kind);
}

/**
 * Reads every document (and every item of `List` documents) of the files; objects of kinds Cairn
 * does not import (an Event, a StorageClass) are skipped with a note each, never bad records.
 */
export function readObjects(files: ImportFile[]): {
  objects: K8sObject[];
  issues: ImportIssue[];
  skipped: ImportIssue[];
} {
  const objects: K8sObject[] = [];
  const issues: ImportIssue[] = [];
  const skipped: ImportIssue[] = [];
  for (const file of files) {
    const parsed = parseYamlFile(file.path, file.text);
    issues.push(...parsed.issues);
    for (const doc of parsed.documents) {
      const where = `document ${doc.index} (line ${doc.line})`;
      collect(doc.value, { file: file.path, location: where }, objects, issues, skipped);
    }
  }
  return { objects, issues, skipped };
}

function collect(
  value: unknown,
  origin: Origin,
  objects: K8sObject[],
  issues: ImportIssue[],
  skipped: ImportIssue[],
): void {
  const bad = (message: string): void => {
    issues.push({ file: origin.file, location: origin.location ?? '', message });
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
  if (kind === 'List' || kind.endsWith('List')) {
    const items = value['items'];
    if (!Array.isArray(items)) {
      bad(`${kind} has no "items" list`);
      return;
    }
    items.forEach((item, i) =>
      collect(item, { file: origin.file, location: `${origin.location ?? ''}, items[${i}]` }, objects, issues, skipped),
    );
    return;
  }
  const metadata = value['metadata'];
  const name = isRecord(metadata) ? metadata['name'] : undefined;
  if (!isKind(kind)) {
    const what = typeof name === 'string' && name !== '' ? `${kind} ${name}` : kind;
    skipped.push({
      file: origin.file,
      location: origin.location ?? '',
      message: `${what}: Cairn does not import the kind ${kind}; skipped`,
    });
    return;
  }
  if (typeof name !== 'string' || name === '') {
    bad(`${kind} has no metadata.name`);
    return;
  }
  const ns = isRecord(metadata) ? metadata['namespace'] : undefined;
  if (ns !== undefined && (typeof ns !== 'string' || ns === '')) {
    bad(`${kind} ${name}: metadata.namespace must be a non-empty string`);
    return;
  }
  const namespace = kind === 'Namespace' ? name : (ns ?? 'default');
  objects.push({
    kind,
    name,
    namespace,
    body: value,
    origin: { file: origin.file, location: `${origin.location ?? ''}, ${kind} ${name}` },
  });
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
