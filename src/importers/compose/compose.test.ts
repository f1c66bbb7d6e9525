import { parse as parseYaml } from 'yaml';
import { describe, expect, it } from 'vitest';
import { readSample } from '../../../test/helpers/samples.js';
import type { ImportFile } from '../importer.types.js';
import { composeImporter } from './compose.importer.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';

const otel = (name: string): ImportFile => ({
  path: `demo/compose-otel-demo/${name}`,
  text: readSample('compose-otel-demo', name),
});

/** Services and depends_on edges of layered files, counted straight from the YAML. */
function expected(names: string[]): { services: Set<string>; edges: Set<string> } {
  const services = new Set<string>();
  const edges = new Set<string>();
  for (const name of names) {
    const doc = parseYaml(readSample('compose-otel-demo', name), { merge: true }) as {
      services: Record<string, { depends_on?: unknown }>;
    };
    for (const [service, spec] of Object.entries(doc.services)) {
      services.add(service);
      const deps = Array.isArray(spec.depends_on) ? (spec.depends_on as string[]) : Object.keys(spec.depends_on ?? {});
      for (const dep of deps) edges.add(`${service}->${dep}`);
    }
  }
  return { services, edges };
}

describe('compose importer on the OpenTelemetry demo', () => {
  it('imports compose.yaml with its env file: one container per service, every depends_on', () => {
    const result = composeImporter.parse([otel('compose.yaml'), otel('dot-env')]);
    const want = expected(['compose.yaml']);
    expect(want.services.size).toBe(20);
    expect(want.edges.size).toBe(46);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ container: want.services.size, network: 1 });
    expect(countBy(result.state.relations, (r) => r.type)).toEqual({
      depends_on: want.edges.size,
      connects_to: want.services.size,
    });
    expect(result.issues).toEqual([]);
    expectConsistent(result);
  });

  it('layers compose.full.yaml and compose.observability.yaml on top, overriding services once', () => {
    const files = ['compose.yaml', 'compose.full.yaml', 'compose.observability.yaml'];
    const result = composeImporter.parse([otel('dot-env'), ...files.map(otel)]);
    const want = expected(files);
    expect([want.services.size, want.edges.size]).toEqual([28, 58]);
    const containers = result.state.cis.filter((ci) => ci.class === 'container');
    expect(containers.map((ci) => ci.name.split('/')[1]).sort()).toEqual([...want.services].sort());
    const edges = result.state.relations
      .filter((r) => r.type === 'depends_on')
      .map((r) => `${r.from.split('/')[2]}->${r.to.split('/')[2]}`);
    expect(new Set(edges)).toEqual(want.edges);
    expect(result.issues).toEqual([]);
    // checkout is declared in compose.yaml and patched by compose.full.yaml (a Kafka dependency).
    expect(result.state.relations).toContainEqual({
      type: 'depends_on',
      from: 'container/compose-otel-demo/checkout',
      to: 'container/compose-otel-demo/kafka',
      attributes: { condition: 'service_healthy' },
    });
    expectConsistent(result);
  });

  it('resolves images from the env file and keeps variable names, not values', () => {
    const result = composeImporter.parse([otel('dot-env'), otel('compose.yaml')]);
    const ad = result.state.cis.find((ci) => ci.name === 'compose-otel-demo/ad');
    expect(ad?.attributes).toMatchObject({
      image: 'ghcr.io/open-telemetry/demo:latest-ad',
      ports: ['9555', '9465'],
      healthcheck: true,
      memory_limit: '300M',
    });
    expect(ad?.attributes?.['env_vars']).toContain('OTEL_SERVICE_NAME');
    const network = result.state.cis.find((ci) => ci.class === 'network');
    expect(network).toEqual({
      class: 'network',
      name: 'compose-otel-demo/default',
      attributes: { name: 'opentelemetry-demo', driver: 'bridge' },
    });
    // dot-env holds the demo's placeholder database password; it must not reach the CMDB.
    expect(JSON.stringify(result)).not.toContain('changeit');
  });

  it('reports unresolved variables, once per variable and file, when the env file is missing', () => {
    const result = composeImporter.parse([otel('compose.yaml')]);
    const ad = result.state.cis.find((ci) => ci.name === 'compose-otel-demo/ad');
    expect(ad?.attributes?.['image']).toBe(':-ad');
    expect(JSON.stringify(result.state)).not.toContain('${');
    const names = result.issues.map((i) => /variable (\w+) is not set/.exec(i.message)?.[1]);
    expect(new Set(names).size).toBe(names.length);
    expect(result.issues).toContainEqual({
      file: 'demo/compose-otel-demo/compose.yaml',
      location: 'services.ad.image',
      message: expect.stringMatching(/^variable IMAGE_NAME is not set/),
    });
  });
});

describe('compose importer on sock-shop', () => {
  const text = readSample('sock-shop', 'docker-compose.yml');
  const result = composeImporter.parse([{ path: 'deploy/sock-shop/docker-compose.yml', text }]);

  it('makes 15 containers on the implicit default network, with no depends_on', () => {
    const services = Object.keys((parseYaml(text) as { services: Record<string, unknown> }).services);
    expect(services).toHaveLength(15);
    expect(countBy(result.state.cis, (ci) => ci.class)).toEqual({ container: 15, network: 1 });
    expect(countBy(result.state.relations, (r) => r.type)).toEqual({ connects_to: 15 });
    expect(result.state.cis.find((ci) => ci.name === 'sock-shop/edge-router')?.attributes).toMatchObject({
      image: 'weaveworksdemos/edge-router:0.1.1',
      ports: ['80:80', '8080:8080'],
    });
  });

  it('reports nothing for the one undefined variable: its value, an environment value, is never stored', () => {
    expect(text).toContain('${MYSQL_ROOT_PASSWORD}');
    expect(result.issues).toEqual([]);
  });
});

const base = `
name: shop
services:
  web:
    image: "shop/web:\${TAG:-1.0}"
    command: ["serve", "--port", "80"]
    environment:
      API_KEY: super-secret-value
      MODE: prod
    labels: [tier=front]
    depends_on: [api]
    networks: [front]
    volumes:
      - static:/srv/static:ro
      - ./conf:/etc/web
  api:
    image: shop/api:\${TAG?set TAG}
    depends_on:
      db: { condition: service_healthy }
      cache: { condition: service_started }
    networks: { front: {}, back: {} }
  db:
    image: postgres:16
    volumes: [{ type: volume, source: pgdata, target: /var/lib/postgresql/data }]
    networks: [back]
  broken: "not a mapping"
  nothing: { restart: always }
networks: { front: {}, back: { internal: true } }
volumes: { static: {}, pgdata: { driver: local } }
`;

const override = `
services:
  web:
    image: shop/web:2.0
    environment: [EXTRA=1]
    command: ["serve", "--port", "8080"]
  worker:
    build: ./worker
    depends_on: { api: { condition: service_started }, ghost: { condition: service_started } }
    network_mode: host
`;

describe('compose importer on hand-written files', () => {
  const result = composeImporter.parse([
    { path: 'base.yaml', text: base },
    { path: 'override.yaml', text: override },
  ]);
  const web = result.state.cis.find((ci) => ci.name === 'shop/web');

  it('layers the override: later scalars and sequences replace, environment merges by name', () => {
    expect(web?.attributes).toMatchObject({
      image: 'shop/web:2.0',
      command: ['serve', '--port', '8080'],
      env_vars: ['API_KEY', 'EXTRA', 'MODE'],
    });
    expect(web?.labels).toEqual({ tier: 'front' });
    expect(JSON.stringify(result)).not.toContain('super-secret-value');
  });

  it('relates services to their dependencies, networks and named volumes', () => {
    expect(countBy(result.state.relations, (r) => r.type)).toEqual({ depends_on: 3, connects_to: 4, uses: 2 });
    expect(result.state.relations).toContainEqual({
      type: 'depends_on',
      from: 'container/shop/api',
      to: 'container/shop/db',
      attributes: { condition: 'service_healthy' },
    });
    expect(result.state.relations).toContainEqual({
      type: 'uses',
      from: 'container/shop/web',
      to: 'volume/shop/static',
      attributes: { read_only: true, target: '/srv/static' },
    });
    expect(web?.attributes?.['mounts']).toEqual(['volume:static:/srv/static:ro', 'bind:./conf:/etc/web']);
    expect(result.state.cis.find((ci) => ci.name === 'shop/back')?.attributes).toEqual({
      name: 'shop_back',
      internal: true,
    });
    expectConsistent(result);
  });

  it('reports bad services, missing dependencies and required variables with their location', () => {
    expect(result.issues).toEqual([
      {
        file: 'base.yaml',
        location: 'services.api.image',
        message: 'required variable TAG is not set (set TAG); an empty string was used',
      },
      { file: 'base.yaml', location: 'services.broken', message: 'service broken is not a mapping; left out' },
      {
        file: 'base.yaml',
        location: 'services.api',
        message: expect.stringMatching(/^service api depends on cache, which is not a service/),
      },
      {
        file: 'base.yaml',
        location: 'services.nothing',
        message: 'service nothing has neither image nor build; left out',
      },
      {
        file: 'override.yaml',
        location: 'services.worker',
        message: expect.stringMatching(/^service worker depends on ghost, which is not a service/),
      },
    ]);
  });

  it('reads a YAML syntax error and a bad env line as issues', () => {
    const bad = composeImporter.parse([
      { path: '.env', text: 'GOOD=1\nthis line is wrong\n' },
      { path: 'c.yaml', text: 'services:\n  a: { image: [x\n' },
    ]);
    expect(bad.issues).toEqual([
      { file: '.env', location: 'line 2', message: 'not a KEY=VALUE line; line skipped' },
      {
        file: 'c.yaml',
        location: expect.stringMatching(/^document 1, line \d+$/),
        message: expect.stringMatching(/^YAML syntax error/),
      },
    ]);
  });
});

describe('compose importer mapping', () => {
  it('overrides classes and the project, and supplies variables', () => {
    const result = composeImporter.parse([{ path: 'base.yaml', text: base }], {
      mapping: { classes: { service: 'service' }, project: 'prod', variables: { TAG: '3.1' } },
    });
    expect(result.state.cis.find((ci) => ci.name === 'prod/api')).toMatchObject({
      class: 'service',
      attributes: { image: 'shop/api:3.1' },
    });
    // `service` is a default class: nothing to declare.
    expect(result.state.classes).toBeUndefined();
    expect(result.issues.some((i) => i.message.includes('TAG'))).toBe(false);
  });

  it('rejects unknown keys and kinds', () => {
    expect(() => composeImporter.parse([], { mapping: { classes: { container: 'x' } } })).toThrow(
      /unknown Compose element "container"; known: service, network, volume/,
    );
    expect(() => composeImporter.parse([], { mapping: { env: {} } })).toThrow(
      /unknown key "env"; the keys understood are classes, project, variables/,
    );
  });
});
