import { isRecord, toJsonValue, type JsonValue } from '../common/infra-json.js';
import { dig, records, str, type K8sObject } from './k8s-objects.js';

type Attributes = Record<string, JsonValue>;

/** The pod template of a workload (a CronJob's sits one level deeper). */
export function podTemplate(object: K8sObject): Record<string, unknown> | undefined {
  const template =
    object.kind === 'CronJob'
      ? dig(object.body, 'spec', 'jobTemplate', 'spec', 'template')
      : dig(object.body, 'spec', 'template');
  return isRecord(template) ? template : undefined;
}

export function podSpec(object: K8sObject): Record<string, unknown> | undefined {
  const spec = dig(podTemplate(object), 'spec');
  return isRecord(spec) ? spec : undefined;
}

function set(target: Attributes, key: string, value: unknown): void {
  const json = toJsonValue(value);
  if (json !== undefined && json !== null) target[key] = json;
}

function keysOf(...maps: unknown[]): string[] {
  const keys = new Set<string>();
  for (const map of maps) if (isRecord(map)) for (const key of Object.keys(map)) keys.add(key);
  return [...keys].sort();
}

/** Containers as name, image, ports and environment variable NAMES (values may be secrets). */
function containers(list: unknown): JsonValue[] {
  return records(list).map((c) => {
    const out: Attributes = {};
    set(out, 'name', str(c['name']));
    set(out, 'image', str(c['image']));
    const ports = records(c['ports'])
      .map((p) => p['containerPort'])
      .filter((p) => typeof p === 'number' || typeof p === 'string');
    if (ports.length > 0) set(out, 'ports', ports);
    const env = records(c['env'])
      .map((e) => str(e['name']))
      .filter((n): n is string => n !== undefined);
    if (env.length > 0) set(out, 'env', env);
    return out;
  });
}

function workloadAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  const pod = podSpec(object);
  if (object.kind === 'Deployment' || object.kind === 'StatefulSet') {
    // Kubernetes defaults replicas to 1; storing the effective number keeps re-imports comparable.
    const replicas = dig(spec, 'replicas');
    out['replicas'] = typeof replicas === 'number' ? replicas : 1;
  }
  const all = [...records(pod?.['initContainers']), ...records(pod?.['containers'])];
  out['images'] = [...new Set(all.map((c) => str(c['image'])).filter((i): i is string => i !== undefined))];
  out['containers'] = containers(pod?.['containers']);
  const init = containers(pod?.['initContainers']);
  if (init.length > 0) out['init_containers'] = init;
  set(out, 'service_account', str(pod?.['serviceAccountName']) ?? str(pod?.['serviceAccount']));
  set(out, 'selector', dig(spec, 'selector', 'matchLabels'));
  if (object.kind === 'StatefulSet') {
    set(out, 'service_name', str(dig(spec, 'serviceName')));
    const claims = records(dig(spec, 'volumeClaimTemplates')).map((t) => str(dig(t, 'metadata', 'name')));
    if (claims.length > 0)
      set(
        out,
        'volume_claim_templates',
        claims.filter((c) => c !== undefined),
      );
  }
  if (object.kind === 'CronJob') {
    set(out, 'schedule', dig(spec, 'schedule'));
    set(out, 'suspend', dig(spec, 'suspend'));
  }
  if (object.kind === 'Job') {
    set(out, 'completions', dig(spec, 'completions'));
    set(out, 'parallelism', dig(spec, 'parallelism'));
  }
  if (object.kind === 'Deployment') set(out, 'strategy', dig(spec, 'strategy', 'type'));
}

function serviceAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  out['type'] = str(dig(spec, 'type')) ?? 'ClusterIP';
  set(out, 'selector', dig(spec, 'selector'));
  set(out, 'cluster_ip', str(dig(spec, 'clusterIP')));
  set(out, 'external_name', str(dig(spec, 'externalName')));
  const ports = records(dig(spec, 'ports')).map((p) => {
    const port: Attributes = {};
    for (const key of ['name', 'protocol', 'port', 'targetPort', 'nodePort']) set(port, key, p[key]);
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
  if (object.kind !== 'Namespace') out['namespace'] = object.namespace;
  const spec = dig(object.body, 'spec');
  switch (object.kind) {
    case 'Deployment':
    case 'StatefulSet':
    case 'DaemonSet':
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
      set(out, 'storage', dig(spec, 'resources', 'requests', 'storage'));
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
  }
  return out;
}
