import { isRecord, scalarText } from '../common/infra-json.js';
import { podSpec, podTemplate } from './k8s-workload-attributes.js';
import { dig, records, str, type K8sKind, type K8sObject } from './k8s-objects.js';

/** Something a workload's pod spec refers to by name. */
export interface PodReference {
  kind: Extract<K8sKind, 'ConfigMap' | 'Secret' | 'PersistentVolumeClaim' | 'ServiceAccount'>;
  name: string;
  /** Where the pod spec names it: `volume`, `envFrom`, `env`, `serviceAccountName`, `imagePullSecrets`. */
  via: string;
  /** `optional: true` references may be absent without making the pod fail. */
  optional: boolean;
}

function optional(value: unknown): boolean {
  return dig(value, 'optional') === true;
}

function volumeReferences(volume: Record<string, unknown>): PodReference[] {
  const refs: PodReference[] = [];
  const cm = volume['configMap'];
  const cmName = str(dig(cm, 'name'));
  if (cmName) refs.push({ kind: 'ConfigMap', name: cmName, via: 'volume', optional: optional(cm) });
  const secret = volume['secret'];
  const secretName = str(dig(secret, 'secretName'));
  if (secretName) refs.push({ kind: 'Secret', name: secretName, via: 'volume', optional: optional(secret) });
  const claim = str(dig(volume, 'persistentVolumeClaim', 'claimName'));
  if (claim) refs.push({ kind: 'PersistentVolumeClaim', name: claim, via: 'volume', optional: false });
  for (const source of records(dig(volume, 'projected', 'sources'))) {
    const pcm = str(dig(source, 'configMap', 'name'));
    if (pcm) refs.push({ kind: 'ConfigMap', name: pcm, via: 'volume', optional: optional(source['configMap']) });
    const ps = str(dig(source, 'secret', 'name'));
    if (ps) refs.push({ kind: 'Secret', name: ps, via: 'volume', optional: optional(source['secret']) });
  }
  return refs;
}

function containerReferences(container: Record<string, unknown>): PodReference[] {
  const refs: PodReference[] = [];
  for (const from of records(container['envFrom'])) {
    const cm = str(dig(from, 'configMapRef', 'name'));
    if (cm) refs.push({ kind: 'ConfigMap', name: cm, via: 'envFrom', optional: optional(from['configMapRef']) });
    const secret = str(dig(from, 'secretRef', 'name'));
    if (secret) refs.push({ kind: 'Secret', name: secret, via: 'envFrom', optional: optional(from['secretRef']) });
  }
  for (const env of records(container['env'])) {
    const cmKey = dig(env, 'valueFrom', 'configMapKeyRef');
    const cm = str(dig(cmKey, 'name'));
    if (cm) refs.push({ kind: 'ConfigMap', name: cm, via: 'env', optional: optional(cmKey) });
    const secretKey = dig(env, 'valueFrom', 'secretKeyRef');
    const secret = str(dig(secretKey, 'name'));
    if (secret) refs.push({ kind: 'Secret', name: secret, via: 'env', optional: optional(secretKey) });
  }
  return refs;
}

/**
 * Everything a workload's pods use by name. A service account named `default` (or none) is the
 * namespace's implicit account; it is only related when the input declares it.
 */
export function podReferences(object: K8sObject): PodReference[] {
  const spec = podSpec(object);
  if (!spec) return [];
  const refs = records(spec['volumes']).flatMap(volumeReferences);
  for (const key of ['initContainers', 'containers', 'ephemeralContainers']) {
    refs.push(...records(spec[key]).flatMap(containerReferences));
  }
  const account = str(spec['serviceAccountName']) ?? str(spec['serviceAccount']);
  if (account)
    refs.push({ kind: 'ServiceAccount', name: account, via: 'serviceAccountName', optional: account === 'default' });
  for (const pull of records(spec['imagePullSecrets'])) {
    const name = str(pull['name']);
    if (name) refs.push({ kind: 'Secret', name, via: 'imagePullSecrets', optional: false });
  }
  return refs;
}

/** The labels a workload's pods carry. */
export function podLabels(object: K8sObject): Record<string, string> {
  const labels = dig(podTemplate(object), 'metadata', 'labels');
  const out: Record<string, string> = {};
  if (isRecord(labels)) {
    for (const [key, value] of Object.entries(labels)) {
      const text = scalarText(value);
      if (text !== undefined) out[key] = text;
    }
  }
  return out;
}

/** A Service's selector, or undefined when it selects nothing (no selector, or an empty one). */
export function serviceSelector(object: K8sObject): Record<string, string> | undefined {
  const selector = dig(object.body, 'spec', 'selector');
  if (!isRecord(selector) || Object.keys(selector).length === 0) return undefined;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(selector)) {
    const text = scalarText(value);
    if (text === undefined) return undefined;
    out[key] = text;
  }
  return out;
}

export function selectorMatches(selector: Record<string, string>, labels: Record<string, string>): boolean {
  return Object.entries(selector).every(([key, value]) => labels[key] === value);
}

/**
 * Whether pods with these labels match a label selector (`matchLabels` and `matchExpressions`,
 * as a PodDisruptionBudget or NetworkPolicy gives it). An empty selector matches every pod; an
 * operator Cairn does not know matches none.
 */
export function labelSelectorMatches(selector: unknown, labels: Record<string, string>): boolean {
  if (!isRecord(selector)) return false;
  const matchLabels = selector['matchLabels'];
  if (isRecord(matchLabels)) {
    for (const [key, value] of Object.entries(matchLabels)) if (labels[key] !== scalarText(value)) return false;
  }
  for (const expression of records(selector['matchExpressions'])) {
    const key = str(expression['key']);
    if (!key) return false;
    const values = Array.isArray(expression['values']) ? expression['values'].map(scalarText) : [];
    const has = Object.hasOwn(labels, key);
    switch (expression['operator']) {
      case 'In':
        if (!has || !values.includes(labels[key])) return false;
        break;
      case 'NotIn':
        if (has && values.includes(labels[key])) return false;
        break;
      case 'Exists':
        if (!has) return false;
        break;
      case 'DoesNotExist':
        if (has) return false;
        break;
      default:
        return false;
    }
  }
  return true;
}
