import { toJsonValue, toLabels, type JsonValue } from '../common/infra-json.js';
import { asArray, asNumber, asRecord, asText, compact } from '../common/plain-json.js';

/**
 * The configuration of each kind of object `docker inspect` prints. Only what someone set is
 * kept: never the state (running, pid, start time), the addresses the daemon handed out this
 * time, the container's id, or the value of an environment variable (it may be a secret).
 */

type Attributes = Record<string, JsonValue>;
const rec = (value: unknown): Record<string, unknown> => asRecord(value) ?? {};
const texts = (value: unknown): string[] =>
  asArray(value)
    .map((v) => asText(v))
    .filter((v) => v !== undefined);
const attributes = (values: Record<string, unknown>): Attributes => toJsonValue(compact(values)) as Attributes;

export type DockerKind = 'container' | 'network' | 'volume' | 'image';

/** What a value of `docker inspect` output is, from the keys only that kind has. */
export function dockerKind(object: Record<string, unknown>): DockerKind | undefined {
  if (isRecordKey(object, 'Config') && isRecordKey(object, 'HostConfig')) return 'container';
  if (isRecordKey(object, 'IPAM')) return 'network';
  if ('Mountpoint' in object && 'Driver' in object) return 'volume';
  if ('RepoTags' in object || 'RootFS' in object) return 'image';
  return undefined;
}

function isRecordKey(object: Record<string, unknown>, key: string): boolean {
  return asRecord(object[key]) !== undefined;
}

/** `/boring_euclid` → `boring_euclid`. */
export function containerName(container: Record<string, unknown>): string | undefined {
  return asText(container['Name'])?.replace(/^\//, '');
}

/** A volume a container mounts, or a directory of the host it binds. */
export interface ContainerMount {
  volume?: string;
  attributes: Record<string, unknown>;
}

export function containerMounts(container: Record<string, unknown>): ContainerMount[] {
  return asArray(container['Mounts'])
    .map(rec)
    .map((mount) => {
      const volume = asText(mount['Name']);
      // Before API 1.25 a mount has no Type: a named one is a volume.
      const type = asText(mount['Type']) ?? (volume !== undefined ? 'volume' : 'bind');
      return {
        ...(type === 'volume' && volume !== undefined ? { volume } : {}),
        attributes: compact({
          type,
          source: type === 'volume' ? volume : asText(mount['Source']),
          destination: asText(mount['Destination']),
          read_only: mount['RW'] === false ? true : undefined,
        }),
      };
    });
}

/** The networks a container is attached to by name: none when it shares the host's or has none. */
export function containerNetworks(container: Record<string, unknown>): string[] {
  const mode = asText(rec(container['HostConfig'])['NetworkMode']);
  if (mode === 'host' || mode === 'none' || mode?.startsWith('container:')) return [];
  return Object.keys(rec(rec(container['NetworkSettings'])['Networks'])).sort();
}

function portBindings(hostConfig: Record<string, unknown>): Record<string, unknown>[] {
  return Object.entries(rec(hostConfig['PortBindings']))
    .sort(([a], [b]) => a.localeCompare(b))
    .flatMap(([port, bindings]) => {
      const list = asArray(bindings).map(rec);
      if (list.length === 0) return [{ port }];
      return list.map((b) => compact({ port, host_ip: asText(b['HostIp']), host_port: asText(b['HostPort']) }));
    });
}

export function containerAttributes(container: Record<string, unknown>): Attributes {
  const config = rec(container['Config']);
  const host = rec(container['HostConfig']);
  const labels = toLabels(config['Labels']);
  const restart = rec(host['RestartPolicy']);
  const restartName = asText(restart['Name']);
  const retries = asNumber(restart['MaximumRetryCount']);
  const hostname = asText(config['Hostname']);
  const memory = asNumber(host['Memory']);
  const nanoCpus = asNumber(host['NanoCpus']);
  return attributes({
    image: asText(config['Image']),
    image_id: asText(container['Image']),
    entrypoint: texts(config['Entrypoint']),
    command: texts(config['Cmd']),
    // Docker names a container's host after its id unless told otherwise: that name changes
    // each time the container is made again.
    hostname: hostname !== undefined && !asText(container['Id'])?.startsWith(hostname) ? hostname : undefined,
    user: asText(config['User']),
    working_dir: asText(config['WorkingDir']),
    // Not `environment`: that attribute says which environment (production…) a CI is in.
    env_vars: [...new Set(texts(config['Env']).map((entry) => entry.split('=')[0]!))].sort(),
    exposed_ports: Object.keys(rec(config['ExposedPorts'])).sort(),
    ports: portBindings(host),
    mounts: containerMounts(container).map((m) => m.attributes),
    network_mode: asText(host['NetworkMode']),
    restart_policy:
      restartName === undefined || restartName === 'no'
        ? undefined
        : restartName === 'on-failure' && retries
          ? `on-failure:${retries}`
          : restartName,
    privileged: host['Privileged'] === true ? true : undefined,
    read_only: host['ReadonlyRootfs'] === true ? true : undefined,
    memory_mb: memory !== undefined && memory > 0 ? Math.round(memory / 1048576) : undefined,
    cpus: nanoCpus !== undefined && nanoCpus > 0 ? nanoCpus / 1e9 : undefined,
    cpu_shares: asNumber(host['CpuShares']) || undefined,
    log_driver: asText(rec(host['LogConfig'])['Type']),
    compose_project: labels['com.docker.compose.project'],
    compose_service: labels['com.docker.compose.service'],
  });
}

export function networkAttributes(network: Record<string, unknown>): Attributes {
  const pools = asArray(rec(network['IPAM'])['Config']).map(rec);
  return attributes({
    driver: asText(network['Driver']),
    scope: asText(network['Scope']),
    subnets: texts(pools.map((p) => p['Subnet'])),
    gateways: texts(pools.map((p) => p['Gateway'])),
    internal: network['Internal'] === true ? true : undefined,
    attachable: network['Attachable'] === true ? true : undefined,
    ipv6: network['EnableIPv6'] === true ? true : undefined,
  });
}

export function volumeAttributes(volume: Record<string, unknown>): Attributes {
  return attributes({ driver: asText(volume['Driver']), scope: asText(volume['Scope']) });
}
