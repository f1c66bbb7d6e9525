import { isRecord, toJsonValue, type JsonValue } from '../common/infra-json.js';
import { dig, records, str, type K8sObject } from './k8s-objects.js';
import { policyAttributes } from './k8s-policy-attributes.js';
import { quantity, workloadAttributes } from './k8s-workload-attributes.js';

type Attributes = Record<string, JsonValue>;

function set(target: Attributes, key: string, value: unknown): void {
  const json = toJsonValue(value);
  if (json !== undefined && json !== null) target[key] = json;
}

function keysOf(...maps: unknown[]): string[] {
  const keys = new Set<string>();
  for (const map of maps) if (isRecord(map)) for (const key of Object.keys(map)) keys.add(key);
  return [...keys].sort();
}

function serviceAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  out['type'] = str(dig(spec, 'type')) ?? 'ClusterIP';
  set(out, 'selector', dig(spec, 'selector'));
  // The address the cluster assigns is not configuration (a live object always has one, its
  // manifest rarely); `clusterIP: None` is: it makes the Service headless.
  if (dig(spec, 'clusterIP') === 'None') out['headless'] = true;
  set(out, 'external_name', str(dig(spec, 'externalName')));
  const ports = records(dig(spec, 'ports')).map((p) => {
    const port: Attributes = {};
    for (const key of ['name', 'protocol', 'port', 'targetPort', 'nodePort']) set(port, key, p[key]);
    // The defaults the API server fills in, so that a live Service and its manifest compare equal.
    port['protocol'] ??= 'TCP';
    if (port['targetPort'] === undefined && port['port'] !== undefined) port['targetPort'] = port['port'];
    return port;
  });
  out['ports'] = ports;
}

/** Every backend service name an Ingress routes to (networking.k8s.io/v1 and the older v1beta1 shape). */
export function ingressBackends(object: K8sObject): string[] {
  const spec = dig(object.body, 'spec');
  const backends = [dig(spec, 'defaultBackend'), dig(spec, 'backend')];
  for (const rule of records(dig(spec, 'rules'))) {
    for (const path of records(dig(rule, 'http', 'paths'))) backends.push(path['backend']);
  }
  const names = backends.map((b) => str(dig(b, 'service', 'name')) ?? str(dig(b, 'serviceName')));
  return [...new Set(names.filter((n): n is string => n !== undefined))];
}

function ingressAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  set(out, 'ingress_class', str(dig(spec, 'ingressClassName')));
  const rules = records(dig(spec, 'rules')).flatMap((rule) =>
    records(dig(rule, 'http', 'paths')).map((path) => {
      const entry: Attributes = {};
      set(entry, 'host', str(rule['host']));
      set(entry, 'path', str(path['path']));
      const backend = path['backend'];
      set(entry, 'service', str(dig(backend, 'service', 'name')) ?? str(dig(backend, 'serviceName')));
      set(
        entry,
        'port',
        dig(backend, 'service', 'port', 'number') ??
          dig(backend, 'service', 'port', 'name') ??
          dig(backend, 'servicePort'),
      );
      return entry;
    }),
  );
  out['rules'] = rules;
  const hosts = records(dig(spec, 'rules')).map((r) => str(r['host']));
  out['hosts'] = [...new Set(hosts.filter((h): h is string => h !== undefined))];
  const tls = records(dig(spec, 'tls')).flatMap((t): unknown[] =>
    Array.isArray(t['hosts']) ? (t['hosts'] as unknown[]) : [],
  );
  if (tls.length > 0) set(out, 'tls_hosts', tls);
}

/**
 * The attributes of one object. Annotations are never read: `last-applied-configuration` holds a
 * copy of the whole object, a Secret's values included. Secrets and ConfigMaps give their keys only.
 */
export function attributesOf(object: K8sObject): Attributes {
  const out: Attributes = {};
  if (object.kind !== 'Namespace' && object.namespace !== undefined) out['namespace'] = object.namespace;
  const spec = dig(object.body, 'spec');
  if (policyAttributes(object, out)) return out;
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
    case 'ReplicaSet':
    case 'ReplicationController':
    case 'Pod':
    case 'Job':
    case 'CronJob':
      workloadAttributes(object, out);
      break;
    case 'Service':
      serviceAttributes(object, out);
      break;
    case 'Ingress':
      ingressAttributes(object, out);
      break;
    case 'ConfigMap':
      out['keys'] = keysOf(object.body['data'], object.body['binaryData']);
      break;
    case 'Secret':
      out['type'] = str(object.body['type']) ?? 'Opaque';
      out['keys'] = keysOf(object.body['data'], object.body['stringData']);
      break;
    case 'PersistentVolumeClaim':
      set(out, 'access_modes', dig(spec, 'accessModes'));
      set(out, 'storage_class', str(dig(spec, 'storageClassName')));
      set(out, 'storage', quantity(dig(spec, 'resources', 'requests', 'storage'), 'storage'));
      set(out, 'volume_name', str(dig(spec, 'volumeName')));
      break;
    case 'ServiceAccount': {
      set(out, 'automount_token', object.body['automountServiceAccountToken']);
      const pull = records(object.body['imagePullSecrets']).map((s) => str(s['name']));
      if (pull.length > 0)
        set(
          out,
          'image_pull_secrets',
          pull.filter((p) => p !== undefined),
        );
      break;
    }
    case 'Namespace':
      break;
    case 'HorizontalPodAutoscaler':
    case 'PodDisruptionBudget':
    case 'NetworkPolicy':
    case 'Role':
    case 'ClusterRole':
    case 'RoleBinding':
    case 'ClusterRoleBinding':
    case 'ValidatingWebhookConfiguration':
    case 'MutatingWebhookConfiguration':
    case 'IngressClass':
    case 'StorageClass':
    case 'PersistentVolume':
    case 'CustomResource':
      // Read by policyAttributes above.
      break;
  }
  return out;
}
