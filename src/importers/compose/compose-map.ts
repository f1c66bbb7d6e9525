import { isRecord, scalarText, toJsonValue, toLabels, type JsonValue } from '../common/infra-json.js';
import type { Origin, StateBuilder } from '../common/infra-state-builder.js';
import { listToMap } from './compose-merge.js';

type Obj = Record<string, unknown>;

/** The kinds of a Compose project and their default classes. */
export const COMPOSE_CLASSES = {
  service: 'container',
  network: 'network',
  volume: 'volume',
  secret: 'secret',
  config: 'config',
} as const;
export type ComposeKind = keyof typeof COMPOSE_CLASSES;
type ResourceKind = Exclude<ComposeKind, 'service'>;

export interface ComposeContext {
  builder: StateBuilder;
  project: string;
  classOf: (kind: ComposeKind) => string;
  /** Where each service, network and volume was last declared, for messages. */
  origins: Map<string, Origin>;
  fallback: Origin;
  /** The CI of each declared network, volume, secret and config, by `kind:key`. */
  resources: Map<string, string>;
}

function set(target: Record<string, JsonValue>, key: string, value: unknown): void {
  const json = toJsonValue(value);
  if (json !== undefined && json !== null) target[key] = json;
}

function ref(ctx: ComposeContext, kind: ComposeKind, name: string): string {
  return ctx.resources.get(`${kind}:${name}`) ?? `${ctx.classOf(kind)}/${ctx.project}/${name}`;
}

function originOf(ctx: ComposeContext, key: string): Origin {
  return ctx.origins.get(key) ?? ctx.fallback;
}

/** One named mount of a service: a named volume (related) or a bind/tmpfs mount (an attribute). */
interface Mount {
  type: string;
  source?: string;
  target?: string;
  readOnly: boolean;
}

function readMount(entry: unknown): Mount | undefined {
  if (isRecord(entry)) {
    const source = scalarText(entry['source']);
    const target = scalarText(entry['target']);
    const mount: Mount = { type: scalarText(entry['type']) ?? 'volume', readOnly: entry['read_only'] === true };
    if (source !== undefined) mount.source = source;
    if (target !== undefined) mount.target = target;
    return mount;
  }
  if (typeof entry !== 'string') return undefined;
  const [first, second, mode] = entry.split(':');
  if (second === undefined) return { type: 'volume', target: first, readOnly: false };
  const bind = first === undefined || /^[./~]/.test(first) || first.includes('/');
  return {
    type: bind ? 'bind' : 'volume',
    source: first,
    target: second,
    readOnly: (mode ?? '').split(',').includes('ro'),
  };
}

function serviceAttributes(service: Obj): Record<string, JsonValue> {
  const out: Record<string, JsonValue> = {};
  for (const key of [
    'image',
    'container_name',
    'hostname',
    'command',
    'entrypoint',
    'restart',
    'platform',
    'network_mode',
    'user',
  ]) {
    set(out, key, service[key]);
  }
  for (const key of ['ports', 'expose', 'profiles', 'env_file']) set(out, key, service[key]);
  const build = service['build'];
  if (isRecord(build))
    set(out, 'build', { context: build['context'], dockerfile: build['dockerfile'], target: build['target'] });
  // Variable names only: values are often credentials. (`environment` is the model's deployment environment.)
  const env = listToMap(service['environment']);
  if (env) out['env_vars'] = Object.keys(env).sort();
  const health = service['healthcheck'];
  if (isRecord(health)) out['healthcheck'] = health['disable'] !== true;
  set(
    out,
    'memory_limit',
    scalarText(dataAt(service, 'deploy', 'resources', 'limits', 'memory')) ?? service['mem_limit'],
  );
  set(out, 'replicas', dataAt(service, 'deploy', 'replicas') ?? service['scale']);
  const mounts = (Array.isArray(service['volumes']) ? service['volumes'] : [])
    .map(readMount)
    .filter((m) => m !== undefined);
  if (mounts.length > 0) {
    out['mounts'] = mounts.map((m) => `${m.type}:${m.source ?? ''}:${m.target ?? ''}${m.readOnly ? ':ro' : ''}`);
  }
  return out;
}

function dataAt(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) current = isRecord(current) ? current[key] : undefined;
  return current;
}

/**
 * The name a network, volume, secret or config has on the Docker host, and whether the project
 * made it. An external one (`external: true`, or the older `external: { name }`) is named by its
 * `name`, else its key; one the project makes is `<project>_<key>` unless `name:` says otherwise.
 */
function realName(ctx: ComposeContext, key: string, spec: Obj): { name: string; external: boolean } {
  const external = spec['external'];
  const declared = scalarText(spec['name']) ?? (isRecord(external) ? scalarText(external['name']) : undefined);
  if (external === true || isRecord(external)) return { name: declared ?? key, external: true };
  return { name: declared ?? `${ctx.project}_${key}`, external: false };
}

function resourceAttributes(kind: ResourceKind, spec: Obj, name: string, external: boolean): Record<string, JsonValue> {
  const attributes: Record<string, JsonValue> = { name };
  if (external) attributes['external'] = true;
  for (const field of ['driver', 'internal', 'attachable']) set(attributes, field, spec[field]);
  if (kind === 'secret' || kind === 'config') {
    // Where the value comes from, never the value: a file's path, a variable's name.
    set(attributes, 'file', spec['file']);
    set(attributes, 'environment', spec['environment']);
    if (spec['content'] !== undefined) attributes['content'] = 'inline';
  }
  return attributes;
}

/**
 * Adds the project's networks, volumes, secrets and configs (their declared ones, plus the
 * `default` network when used). One the project makes is named `project/key`; an external one
 * by its name on the host, so that the projects sharing it meet at one CI.
 */
export function addResources(ctx: ComposeContext, project: Obj, usesDefaultNetwork: boolean): void {
  for (const kind of ['network', 'volume', 'secret', 'config'] as const) {
    const section = project[`${kind}s`];
    const entries: [string, unknown][] = isRecord(section) ? Object.entries(section) : [];
    if (kind === 'network' && usesDefaultNetwork && !entries.some(([name]) => name === 'default'))
      entries.push(['default', null]);
    for (const [key, value] of entries) {
      const spec = isRecord(value) ? value : {};
      const { name, external } = realName(ctx, key, spec);
      const ci = {
        class: ctx.classOf(kind),
        name: external ? name : `${ctx.project}/${key}`,
        attributes: resourceAttributes(kind, spec, name, external),
        labels: toLabels(listToMap(spec['labels'])),
      };
      const added = ctx.builder.addCi(ci, originOf(ctx, `${kind}s.${key}`));
      if (added !== undefined) ctx.resources.set(`${kind}:${key}`, added);
    }
  }
}

/** The networks a service joins: its `networks` keys, else `default` (none with a `network_mode`). */
export function serviceNetworks(service: Obj): string[] {
  const networks = service['networks'];
  if (isRecord(networks)) return Object.keys(networks);
  return service['network_mode'] !== undefined ? [] : ['default'];
}

/** How a service is attached to a network: its aliases and fixed addresses there. */
function attachment(service: Obj, network: string): Record<string, JsonValue> | undefined {
  const networks = service['networks'];
  const spec = isRecord(networks) ? networks[network] : undefined;
  if (!isRecord(spec)) return undefined;
  const out: Record<string, JsonValue> = {};
  for (const key of ['aliases', 'ipv4_address', 'ipv6_address']) set(out, key, spec[key]);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The secrets or configs a service is given: `- name` or `- { source, target }`. */
function grants(service: Obj, kind: 'secrets' | 'configs'): { source: string; target?: string }[] {
  const list = service[kind];
  return (Array.isArray(list) ? list : []).flatMap((entry) => {
    if (typeof entry === 'string') return [{ source: entry }];
    const source = isRecord(entry) ? scalarText(entry['source']) : undefined;
    const target = isRecord(entry) ? scalarText(entry['target']) : undefined;
    return source === undefined ? [] : [target === undefined ? { source } : { source, target }];
  });
}

export function addService(ctx: ComposeContext, name: string, service: Obj, declared: Set<string>): void {
  const origin = originOf(ctx, `services.${name}`);
  if (service['image'] === undefined && service['build'] === undefined) {
    ctx.builder.issue(origin, `service ${name} has neither image nor build; left out`);
    return;
  }
  const ci = {
    class: ctx.classOf('service'),
    name: `${ctx.project}/${name}`,
    attributes: serviceAttributes(service),
    labels: toLabels(listToMap(service['labels'])),
  };
  const from = ctx.builder.addCi(ci, origin);
  if (from === undefined) return;
  const depends = service['depends_on'];
  for (const [target, spec] of Object.entries(isRecord(depends) ? depends : {})) {
    if (!declared.has(target)) {
      ctx.builder.issue(
        origin,
        `service ${name} depends on ${target}, which is not a service of the project; relation left out`,
      );
      continue;
    }
    const attributes: Record<string, JsonValue> = {
      condition: scalarText(dataAt(spec, 'condition')) ?? 'service_started',
    };
    set(attributes, 'required', dataAt(spec, 'required'));
    set(attributes, 'restart', dataAt(spec, 'restart'));
    ctx.builder.addRelation({ type: 'depends_on', from, to: ref(ctx, 'service', target), attributes }, origin);
  }
  for (const link of Array.isArray(service['links']) ? service['links'] : []) {
    const target = typeof link === 'string' ? link.split(':')[0] : undefined;
    if (target === undefined || !declared.has(target)) continue;
    ctx.builder.addRelation(
      {
        type: 'depends_on',
        from,
        to: ref(ctx, 'service', target),
        attributes: { condition: 'service_started', via: 'links' },
      },
      origin,
    );
  }
  for (const network of serviceNetworks(service)) {
    const attributes = attachment(service, network);
    ctx.builder.addRelation(
      { type: 'connects_to', from, to: ref(ctx, 'network', network), ...(attributes ? { attributes } : {}) },
      origin,
    );
  }
  for (const kind of ['secret', 'config'] as const) {
    for (const grant of grants(service, `${kind}s`)) {
      if (!ctx.resources.has(`${kind}:${grant.source}`)) {
        ctx.builder.issue(
          origin,
          `service ${name} is given the ${kind} ${grant.source}, which the project does not declare under "${kind}s"; relation left out`,
        );
        continue;
      }
      const attributes: Record<string, JsonValue> = {};
      set(attributes, 'target', grant.target);
      ctx.builder.addRelation(
        { type: 'uses', from, to: ref(ctx, kind, grant.source), ...(grant.target ? { attributes } : {}) },
        origin,
      );
    }
  }
  for (const mount of (Array.isArray(service['volumes']) ? service['volumes'] : []).map(readMount)) {
    if (mount?.type !== 'volume' || mount.source === undefined || mount.source === '') continue;
    const attributes: Record<string, JsonValue> = { read_only: mount.readOnly };
    set(attributes, 'target', mount.target);
    ctx.builder.addRelation({ type: 'uses', from, to: ref(ctx, 'volume', mount.source), attributes }, origin);
  }
}
