import { isRecord, toJsonValue, type JsonValue } from '../common/infra-json.js';
import { dig, records, str, type K8sObject } from './k8s-objects.js';

type Attributes = Record<string, JsonValue>;

/**
 * The pod template of a workload: a CronJob's sits one level deeper, and a bare Pod is its own
 * template.
 */
export function podTemplate(object: K8sObject): Record<string, unknown> | undefined {
  let template: unknown;
  if (object.kind === 'Pod') template = { metadata: object.body['metadata'], spec: object.body['spec'] };
  else if (object.kind === 'CronJob') template = dig(object.body, 'spec', 'jobTemplate', 'spec', 'template');
  else template = dig(object.body, 'spec', 'template');
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

/**
 * A resource quantity as the API server gives it back, so that a manifest (`cpu: 0.5`) and the
 * live object (`cpu: 500m`) compare equal: numbers become text, fractions of a CPU millicores,
 * whole thousands of millicores CPUs.
 */
export function quantity(value: unknown, resource: string): string | undefined {
  const text = typeof value === 'number' ? String(value) : str(value);
  if (text === undefined || resource !== 'cpu') return text;
  if (/^\d*\.\d+$/.test(text)) return `${Math.round(Number(text) * 1000)}m`;
  const millis = /^(\d+)m$/.exec(text);
  if (millis && Number(millis[1]) % 1000 === 0) return String(Number(millis[1]) / 1000);
  return text;
}

/** A container's `resources` (requests and limits), each quantity in its canonical form. */
function resources(container: Record<string, unknown>): Attributes | undefined {
  const out: Attributes = {};
  for (const part of ['requests', 'limits']) {
    const given = dig(container, 'resources', part);
    if (!isRecord(given)) continue;
    const values: Attributes = {};
    for (const key of Object.keys(given).sort()) {
      const q = quantity(given[key], key);
      if (q !== undefined) values[key] = q;
    }
    if (Object.keys(values).length > 0) out[part] = values;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

/**
 * Containers as name, image, ports, resources and environment variable NAMES: values are often
 * credentials (they are read, never kept, to find the Services a workload calls).
 */
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
    const limits = resources(c);
    if (limits) out['resources'] = limits;
    return out;
  });
}

/** The label selector of a workload: `matchLabels`, or a ReplicationController's plain map. */
function selectorOf(object: K8sObject): unknown {
  const selector = dig(object.body, 'spec', 'selector');
  if (object.kind === 'ReplicationController') return selector;
  return dig(selector, 'matchLabels');
}

const SCALED = new Set(['Deployment', 'StatefulSet', 'ReplicaSet', 'ReplicationController']);

export function workloadAttributes(object: K8sObject, out: Attributes): void {
  const spec = dig(object.body, 'spec');
  const pod = podSpec(object);
  if (SCALED.has(object.kind)) {
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
  if (object.kind !== 'Pod') set(out, 'selector', selectorOf(object));
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
  // The API server fills in RollingUpdate; a live object and its manifest must compare equal.
  if (object.kind === 'Deployment') out['strategy'] = str(dig(spec, 'strategy', 'type')) ?? 'RollingUpdate';
}
