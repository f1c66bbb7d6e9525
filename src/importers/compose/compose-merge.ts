import { isRecord } from '../common/infra-json.js';

/**
 * Layering of Compose files as `docker compose -f a.yaml -f b.yaml` does it (Compose
 * Specification, "Merge"): mappings merge key by key, later scalars win, a few sequences are
 * unioned, `volumes` merge by mount target, and the list forms of `environment`, `labels`,
 * `depends_on` and `networks` are read as the mappings they stand for so they merge by key.
 */

type Obj = Record<string, unknown>;

const UNION_KEYS = new Set([
  'ports',
  'expose',
  'dns',
  'dns_search',
  'env_file',
  'cap_add',
  'cap_drop',
  'security_opt',
  'devices',
  'profiles',
  'tmpfs',
  'links',
  'external_links',
  'volumes_from',
  'extra_hosts',
]);

/** `["A=1", "B"]` → `{ A: "1", B: null }`; a mapping is returned as is. */
export function listToMap(value: unknown, splitOn = '='): Obj | undefined {
  if (isRecord(value)) return value;
  if (!Array.isArray(value)) return undefined;
  const out: Obj = {};
  for (const item of value) {
    if (typeof item !== 'string') continue;
    const at = item.indexOf(splitOn);
    if (at < 0) out[item] = null;
    else out[item.slice(0, at)] = item.slice(at + 1);
  }
  return out;
}

/** The mount target of a `volumes` entry, its merge key. */
export function mountTarget(entry: unknown): string | undefined {
  if (isRecord(entry)) return typeof entry['target'] === 'string' ? entry['target'] : undefined;
  if (typeof entry !== 'string') return undefined;
  const parts = entry.split(':');
  return parts.length === 1 ? parts[0] : parts[1];
}

/** Rewrites the list forms of a service's mergeable keys as mappings. */
export function normalizeService(service: Obj): Obj {
  const out: Obj = { ...service };
  const env = listToMap(service['environment']);
  if (env) out['environment'] = env;
  const labels = listToMap(service['labels']);
  if (labels) out['labels'] = labels;
  const depends = service['depends_on'];
  if (Array.isArray(depends)) {
    out['depends_on'] = Object.fromEntries(
      depends.filter((d) => typeof d === 'string').map((d) => [d, { condition: 'service_started' }]),
    );
  }
  const networks = service['networks'];
  if (Array.isArray(networks)) {
    out['networks'] = Object.fromEntries(networks.filter((n) => typeof n === 'string').map((n) => [n, null]));
  }
  if (typeof service['build'] === 'string') out['build'] = { context: service['build'] };
  return out;
}

function deepMerge(base: unknown, override: unknown): unknown {
  if (isRecord(base) && isRecord(override)) {
    const out: Obj = { ...base };
    for (const [key, value] of Object.entries(override)) out[key] = key in base ? deepMerge(base[key], value) : value;
    return out;
  }
  return override;
}

function union(base: unknown, override: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(override)) return override;
  return unionLists(base as unknown[], override as unknown[]);
}

function unionLists(base: unknown[], override: unknown[]): unknown[] {
  const seen = new Set(base.map((item) => JSON.stringify(item)));
  return [...base, ...override.filter((item) => !seen.has(JSON.stringify(item)))];
}

function mergeVolumes(base: unknown, override: unknown): unknown {
  if (!Array.isArray(base) || !Array.isArray(override)) return override;
  const byTarget = new Map<string, unknown>();
  for (const entry of [...(base as unknown[]), ...(override as unknown[])])
    byTarget.set(mountTarget(entry) ?? JSON.stringify(entry), entry);
  return [...byTarget.values()];
}

export function mergeService(base: Obj, override: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (!(key in base)) out[key] = value;
    else if (UNION_KEYS.has(key)) out[key] = union(base[key], value);
    else if (key === 'volumes') out[key] = mergeVolumes(base[key], value);
    // command, entrypoint and healthcheck.test are sequences that replace: deepMerge does that.
    else out[key] = deepMerge(base[key], value);
  }
  return out;
}

/** Layers one file's top-level sections (services, networks, volumes, name) on the project so far. */
export function mergeProject(base: Obj, override: Obj): Obj {
  const out: Obj = { ...base };
  for (const [key, value] of Object.entries(override)) {
    if (key === 'services' && isRecord(value) && isRecord(base['services'])) {
      const services: Obj = { ...base['services'] };
      for (const [name, service] of Object.entries(value)) {
        const earlier = services[name];
        services[name] = isRecord(earlier) && isRecord(service) ? mergeService(earlier, service) : service;
      }
      out['services'] = services;
    } else {
      out[key] = key in base ? deepMerge(base[key], value) : value;
    }
  }
  return out;
}
