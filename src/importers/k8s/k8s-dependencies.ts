import { isRecord } from '../common/infra-json.js';
import { podSpec } from './k8s-workload-attributes.js';
import { dig, records, str, type K8sObject } from './k8s-objects.js';

/** One value a workload is configured with, and where it was read (`env:CART_ADDR`, `configmap:web/nginx.conf`). */
export interface ConfiguredValue {
  via: string;
  value: string;
}

/** A Service a configured value names: the inferred dependency's target. */
export interface NamedService {
  namespace: string;
  name: string;
  /** Named by its DNS name under `.svc` (`redis.shop.svc.cluster.local`): a Service even when the input lacks it. */
  qualified: boolean;
}

/** ConfigMap data by `namespace/name`, read to follow what a workload takes from them. */
export type ConfigMapData = Map<string, Record<string, unknown>>;

export function configMapData(objects: K8sObject[]): ConfigMapData {
  const data: ConfigMapData = new Map();
  for (const object of objects) {
    const values = object.body['data'];
    if (object.kind === 'ConfigMap' && isRecord(values)) data.set(`${object.namespace}/${object.name}`, values);
  }
  return data;
}

/**
 * The values a workload's containers are configured with: literal environment values, and the
 * entries of the ConfigMaps its pods read (one key through `configMapKeyRef`, every key through
 * `envFrom` or a volume). They are read here and never stored: they are often credentials.
 */
export function configuredValues(workload: K8sObject, configMaps: ConfigMapData): ConfiguredValue[] {
  const spec = podSpec(workload);
  if (!spec) return [];
  const out: ConfiguredValue[] = [];
  const entries = (name: string | undefined, key?: string): void => {
    const data = name === undefined ? undefined : configMaps.get(`${workload.namespace}/${name}`);
    if (!data) return;
    for (const [k, v] of Object.entries(data)) {
      if ((key === undefined || k === key) && typeof v === 'string')
        out.push({ via: `configmap:${name}/${k}`, value: v });
    }
  };
  for (const container of [...records(spec['initContainers']), ...records(spec['containers'])]) {
    for (const env of records(container['env'])) {
      const value = env['value'];
      if (typeof value === 'string' && value !== '') out.push({ via: `env:${str(env['name']) ?? '?'}`, value });
      const ref = dig(env, 'valueFrom', 'configMapKeyRef');
      entries(str(dig(ref, 'name')), str(dig(ref, 'key')) ?? '');
    }
    for (const from of records(container['envFrom'])) entries(str(dig(from, 'configMapRef', 'name')));
  }
  for (const volume of records(spec['volumes'])) {
    entries(str(dig(volume, 'configMap', 'name')));
    for (const source of records(dig(volume, 'projected', 'sources'))) entries(str(dig(source, 'configMap', 'name')));
  }
  return out;
}

const HOST = /[a-z0-9](?:[a-z0-9.-]*[a-z0-9])?/g;

/**
 * The Services a value names by DNS name. A name qualified under `.svc`
 * (`redis-cart.default.svc.cluster.local`, `cassandra-0.cassandra.db.svc.cluster.local`) names a
 * Service wherever it appears; a short name (`cartservice`, `cartservice.shop`) only where a
 * host stands — before `:port`, after `scheme://` or `user@`, or as the whole value — and only
 * when the input holds that Service: `redis` in a sentence is not a dependency.
 */
export function servicesNamed(
  value: string,
  namespace: string,
  hasService: (namespace: string, name: string) => boolean,
): NamedService[] {
  const text = value.toLowerCase();
  const found: NamedService[] = [];
  for (const match of text.matchAll(HOST)) {
    const host = match[0];
    const at = match.index;
    const labels = host.split('.');
    const svc = labels.indexOf('svc');
    if (svc >= 2) {
      found.push({ namespace: labels[svc - 1]!, name: labels[svc - 2]!, qualified: true });
      continue;
    }
    const before = text.slice(0, at);
    const after = text.slice(at + host.length);
    const standsForHost = /(?:\/\/|@)$/.test(before) || /^:\d/.test(after) || text.trim() === host;
    if (!standsForHost || labels.length > 2) continue;
    const [name, ns = namespace] = labels as [string, string?];
    if (hasService(ns, name)) found.push({ namespace: ns, name, qualified: false });
  }
  return found;
}
