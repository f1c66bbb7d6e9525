import { describe, expect, it } from 'vitest';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import { readSample } from '../../../test/helpers/samples.js';
import { dockerImporter } from './docker.importer.js';

const FOLDER = 'docker-inspect';
const NAMES = ['container-inspect.json', 'network-inspect.json', 'volume-inspect.json'];
const files = NAMES.map((name) => ({ path: name, text: readSample(FOLDER, name) }));
const container = JSON.parse(files[0]!.text) as Record<string, unknown>;

/** The sample container made again as a Compose service would be, with what the sample lacks. */
function composeContainer(): Record<string, unknown> {
  const c = container as {
    Config: Record<string, unknown>;
    HostConfig: Record<string, unknown>;
    NetworkSettings: { Networks: Record<string, unknown> };
    State: Record<string, unknown>;
  };
  return {
    ...container,
    Id: 'f5af31dae7f665bd194ec7261bdc84e5df9c64753abb4a6cec6c33f7cf64c3fc',
    Name: '/shop-db-1',
    Config: {
      ...c.Config,
      Hostname: 'db',
      Env: ['POSTGRES_PASSWORD=hunter2', 'PGDATA=/var/lib/postgresql/data', 'PATH=/usr/bin'],
      Labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' },
      ExposedPorts: { '5432/tcp': {} },
    },
    HostConfig: {
      ...c.HostConfig,
      PortBindings: { '5432/tcp': [{ HostIp: '127.0.0.1', HostPort: '15432' }] },
      Memory: 536870912,
      NanoCpus: 1500000000,
      RestartPolicy: { Name: 'unless-stopped', MaximumRetryCount: 0 },
      NetworkMode: 'shop_default',
    },
    NetworkSettings: { ...c.NetworkSettings, Networks: { shop_default: c.NetworkSettings.Networks['bridge'] } },
    Mounts: [
      {
        Type: 'volume',
        Name: 'shop_pgdata',
        Source: '/var/lib/docker/volumes/shop_pgdata/_data',
        Destination: '/var/lib/postgresql/data',
        RW: true,
      },
      { Type: 'bind', Source: '/srv/shop/init.sql', Destination: '/docker-entrypoint-initdb.d/init.sql', RW: false },
    ],
    State: { ...c.State, Pid: 4242, StartedAt: '2026-12-01T10:00:00Z' },
  };
}

describe('docker importer on the inspect examples the Docker Engine API documents', () => {
  const result = dockerImporter.parse(files);

  it('makes the container, the network and the volume, as many as the output holds', () => {
    expect(result.issues).toEqual([]);
    expectConsistent(result);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ container: 1, network: 1, volume: 1 });
    expect(result.state.cis.map((ci) => ci.name)).toEqual(['boring_euclid', 'net01', 'tardis']);
  });

  it('keeps what configures the container, and neither its state nor its id', () => {
    expect(result.state.cis[0]).toEqual({
      class: 'container',
      name: 'boring_euclid',
      attributes: {
        image: 'ubuntu',
        image_id: '04c5d3b7b0656168630d3ba35d8889bd0e9caafcaeb3004d2bfbc47e7c5d35d2',
        command: ['/bin/sh', '-c', 'exit 9'],
        env_vars: ['PATH'],
        mounts: [{ type: 'volume', source: 'fac362...80535', destination: '/data', read_only: true }],
        network_mode: 'bridge',
        restart_policy: 'on-failure:2',
        log_driver: 'json-file',
      },
      labels: { 'com.example.vendor': 'Acme', 'com.example.license': 'GPL', 'com.example.version': '1.0' },
    });
    const stored = JSON.stringify(result.state);
    // Its id, the hostname Docker derived from it, its pid, start time and the address it was given.
    for (const running of ['ba033ac44011', '2015-01-06T15:47:32', '172.17.0.2', 'running'])
      expect(stored).not.toContain(running);
    // Its network and its volume are outside this output: the import keeps them as references.
    expect(result.state.relations).toEqual([
      { type: 'connects_to', from: 'container/boring_euclid', to: 'network/bridge' },
      { type: 'uses', from: 'container/boring_euclid', to: 'volume/fac362...80535' },
    ]);
  });

  it('reads an array of several containers, and never stores an environment value', () => {
    const text = JSON.stringify([container, composeContainer()], null, 4);
    const out = dockerImporter.parse([{ path: 'inspect.json', text }]);
    expect(out.issues).toEqual([]);
    expect(out.state.cis[1]).toEqual({
      class: 'container',
      name: 'shop-db-1',
      attributes: expect.objectContaining({
        hostname: 'db',
        env_vars: ['PATH', 'PGDATA', 'POSTGRES_PASSWORD'],
        exposed_ports: ['5432/tcp'],
        ports: [{ port: '5432/tcp', host_ip: '127.0.0.1', host_port: '15432' }],
        mounts: [
          { type: 'volume', source: 'shop_pgdata', destination: '/var/lib/postgresql/data' },
          {
            type: 'bind',
            source: '/srv/shop/init.sql',
            destination: '/docker-entrypoint-initdb.d/init.sql',
            read_only: true,
          },
        ],
        network_mode: 'shop_default',
        restart_policy: 'unless-stopped',
        memory_mb: 512,
        cpus: 1.5,
        compose_project: 'shop',
        compose_service: 'db',
      }),
      labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.service': 'db' },
    });
    expect(JSON.stringify(out.state)).not.toContain('hunter2');
    expect(out.state.relations.filter((r) => r.from === 'container/shop-db-1')).toEqual([
      { type: 'connects_to', from: 'container/shop-db-1', to: 'network/shop_default' },
      { type: 'uses', from: 'container/shop-db-1', to: 'volume/shop_pgdata' },
    ]);
  });

  it('names CIs after the Docker host a mapping gives, and runs the containers on it', () => {
    const out = dockerImporter.parse(files, { mapping: { host: 'server/web-01' } });
    expect(out.state.cis.map((ci) => ci.name)).toEqual(['web-01/boring_euclid', 'web-01/net01', 'web-01/tardis']);
    expect(out.state.relations).toContainEqual({
      type: 'runs_on',
      from: 'container/web-01/boring_euclid',
      to: 'server/web-01',
    });
    expect(() => dockerImporter.parse(files, { mapping: { host: 'web-01' } })).toThrow(
      /must name the Docker host's CI as class\/name/,
    );
  });

  it('notes an image and names what is not docker inspect output', () => {
    const out = dockerImporter.parse([
      { path: 'image.json', text: '[{"Id": "sha256:72297848", "RepoTags": ["ubuntu:24.04"], "RootFS": {}}]' },
      { path: 'other.json', text: '{"kind": "Deployment"}' },
      { path: 'host.json', text: JSON.stringify([{ ...container, HostConfig: { NetworkMode: 'host' } }]) },
    ]);
    expect(out.skipped).toEqual([
      {
        file: 'image.json',
        location: 'line 1, [0]',
        message: 'image ubuntu:24.04: an image is what a container runs, kept as its image and image_id',
      },
    ]);
    expect(out.issues).toEqual([
      {
        file: 'other.json',
        location: 'line 1',
        message: 'not docker inspect output: a container, network or volume was expected',
      },
    ]);
    // A container on the host's network is attached to no network of its own.
    expect(out.state.relations.filter((r) => r.type === 'connects_to')).toEqual([]);
  });
});
