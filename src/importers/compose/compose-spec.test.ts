import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { samplePath } from '../../../test/helpers/samples.js';
import { countBy, expectConsistent } from '../../../test/helpers/import-checks.js';
import type { ImportFile, ImportResult } from '../importer.types.js';
import { composeImporter } from './compose.importer.js';

const root = samplePath('compose-spec');
/** A sample as a user names it on the command line, relative to where they are. */
const file = (name: string): ImportFile => ({
  path: relative(process.cwd(), join(root, name)),
  text: readFileSync(join(root, name), 'utf8'),
});
/** How the CLI reads a file an include or extends names. */
const readFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const ci = (result: ImportResult, ref: string) => result.state.cis.find((c) => `${c.class}/${c.name}` === ref);

describe("compose importer on compose-go's full example", () => {
  const result = composeImporter.parse([file('full-example.yml')], { readFile });
  const raw = parseYaml(file('full-example.yml').text) as Record<string, Record<string, unknown>>;
  const project = 'full_example_project_name';

  it('makes one CI per service, network, volume, secret and config the file declares', () => {
    expect(countBy(result.state.cis, (c) => c.class)).toEqual({
      container: Object.keys(raw['services']!).length,
      // bar joins no network of its own: the project's default network.
      network: Object.keys(raw['networks']!).length + 1,
      volume: Object.keys(raw['volumes']!).length,
      secret: Object.keys(raw['secrets']!).length,
      config: Object.keys(raw['configs']!).length,
    });
    expect(result.state.classes?.map((c) => c.name).sort()).toEqual(['config', 'secret']);
    expectConsistent(result);
  });

  it('names external networks and volumes by their real names, and the others by the project', () => {
    expect(ci(result, `network/${project}/some-network`)?.attributes).toEqual({ name: `${project}_some-network` });
    expect(ci(result, 'network/external-network')?.attributes).toEqual({ name: 'external-network', external: true });
    expect(ci(result, 'network/my-cool-network')?.attributes).toEqual({ name: 'my-cool-network', external: true });
    expect(ci(result, `volume/${project}/another-volume`)?.attributes).toMatchObject({ name: 'user_specified_name' });
    expect(ci(result, 'volume/external-volume')?.attributes).toEqual({ name: 'external-volume', external: true });
    expect(ci(result, 'volume/my-cool-volume')?.attributes).toEqual({ name: 'my-cool-volume', external: true });
    expect(ci(result, 'volume/this-is-volume3')?.attributes).toEqual({ name: 'this-is-volume3', external: true });
  });

  it('keeps secrets and configs by name and source, never a value', () => {
    expect(ci(result, `secret/${project}/secret1`)?.attributes).toEqual({
      name: `${project}_secret1`,
      file: './secret_data',
    });
    expect(ci(result, 'secret/my_secret')?.attributes).toEqual({ name: 'my_secret', external: true });
    expect(ci(result, `secret/${project}/secret4`)?.attributes).toEqual({ name: 'bar', environment: 'BAR' });
    expect(ci(result, 'config/my_config')?.attributes).toEqual({ name: 'my_config', external: true });
    const foo = `container/${project}/foo`;
    expect(
      result.state.relations.filter((r) => r.from === foo && r.type === 'uses' && !r.to.startsWith('volume/')),
    ).toEqual([
      { type: 'uses', from: foo, to: `secret/${project}/secret1`, attributes: { target: '/run/secrets/secret1' } },
      { type: 'uses', from: foo, to: 'secret/my_secret', attributes: { target: 'my_secret' } },
      { type: 'uses', from: foo, to: `config/${project}/config1` },
      { type: 'uses', from: foo, to: 'config/my_config', attributes: { target: '/my_config' } },
    ]);
  });

  it('keeps aliases and fixed addresses on the service’s network links', () => {
    const foo = `container/${project}/foo`;
    expect(result.state.relations.filter((r) => r.from === foo && r.type === 'connects_to')).toEqual([
      {
        type: 'connects_to',
        from: foo,
        to: `network/${project}/some-network`,
        attributes: { aliases: ['alias1', 'alias3'] },
      },
      {
        type: 'connects_to',
        from: foo,
        to: `network/${project}/other-network`,
        attributes: { ipv4_address: '172.16.238.10', ipv6_address: '2001:3984:3989::10' },
      },
      { type: 'connects_to', from: foo, to: `network/${project}/other-other-network` },
    ]);
  });

  it('defines COMPOSE_PROJECT_NAME, and reports only what is wrong in the file', () => {
    expect(JSON.stringify(result)).not.toContain('COMPOSE_PROJECT_NAME');
    expect(result.issues.map((i) => i.message)).toEqual([
      expect.stringMatching(/^service foo depends on db, which is not a service of the project/),
      expect.stringMatching(/^service foo depends on redis, which is not a service of the project/),
    ]);
  });
});

describe('compose importer following extends and include', () => {
  it('extends a service of another file, relative to the extending file', () => {
    const result = composeImporter.parse([file('compose-test-extends.yaml')], { readFile });
    expect(result.issues).toEqual([]);
    expect(result.state.cis).toContainEqual({
      class: 'container',
      name: 'compose-test-extends/importer',
      attributes: {
        image: 'nginx',
        container_name: 'imported',
        env_file: ['./extra.env'],
        mounts: ['bind:/opt/data:/var/lib/mysql'],
      },
    });
  });

  it('extends a service of the same file, and of a sibling file', () => {
    const result = composeImporter.parse([file('extends/base.yaml')], { readFile });
    expect(ci(result, 'container/extends/another')?.attributes).toEqual({ image: 'base' });
    expect(ci(result, 'container/extends/with-build')?.attributes).toEqual({ build: { context: '.' } });
    expect(result.issues.map((i) => i.message)).toEqual([
      'service with-port has neither image nor build; left out',
      'service nil has neither image nor build; left out',
    ]);
  });

  it('includes the services of another file, and an included file’s own extends', () => {
    const included = composeImporter.parse([file('compose-include.yaml')], { readFile });
    expect(included.issues).toEqual([]);
    expect(included.state.cis.filter((c) => c.class === 'container').map((c) => c.name)).toEqual([
      'compose-spec/imported',
      'compose-spec/bar',
    ]);
    const combined = composeImporter.parse([file('combined/compose.yaml')], { readFile });
    expect(combined.issues).toEqual([]);
    expect(ci(combined, 'container/combined/service')?.attributes).toEqual({ build: { context: '.' } });
  });

  it('says so when it cannot follow: no reader, a missing file', () => {
    const alone = composeImporter.parse([file('compose-include.yaml')]);
    expect(alone.issues.map((i) => i.message)).toEqual(['"include" is not followed here: pass the included files too']);
    const missing = composeImporter.parse(
      [{ path: 'app/compose.yaml', text: 'services:\n  web:\n    extends: { file: nowhere.yaml, service: web }\n' }],
      { readFile },
    );
    expect(missing.issues).toEqual([
      {
        file: 'app/compose.yaml',
        location: 'services.web.extends',
        message: 'the extended file app/nowhere.yaml is not there',
      },
      {
        file: 'app/compose.yaml',
        location: 'services.web',
        message: 'service web has neither image nor build; left out',
      },
    ]);
  });
});

describe('compose importer on projects and variables', () => {
  const shop = 'services:\n  web:\n    image: shop/web:${TAG}\n    container_name: ${COMPOSE_PROJECT_NAME}-web\n';

  it('keeps two projects of the same derived name apart and reports the second', () => {
    const result = composeImporter.parse([
      { path: 'team-a/shop/compose.yaml', text: shop },
      { path: 'team-a/shop/compose.override.yaml', text: 'services:\n  web:\n    restart: always\n' },
      { path: 'team-b/shop/compose.yaml', text: 'services:\n  api:\n    image: api\n' },
      { path: 'team-c/shop/compose.yaml', text: 'name: shop-c\nservices:\n  api:\n    image: api\n' },
    ]);
    expect(result.state.cis.filter((c) => c.class === 'container').map((c) => c.name)).toEqual([
      'shop/web',
      'shop-c/api',
    ]);
    expect(ci(result, 'container/shop/web')?.attributes).toMatchObject({
      restart: 'always',
      container_name: 'shop-web',
    });
    expect(result.issues).toContainEqual({
      file: 'team-b/shop/compose.yaml',
      message: expect.stringMatching(
        /^this is a second Compose project named shop \(the first is team-a\/shop\/compose.yaml, in another folder\); its services were left out/,
      ),
    });
  });

  it('takes the project name from COMPOSE_PROJECT_NAME in the env file, before name:', () => {
    const result = composeImporter.parse([
      { path: 'app/.env', text: 'COMPOSE_PROJECT_NAME=prod\nTAG=1.2\n' },
      { path: 'app/compose.yaml', text: `name: ignored\n${shop}` },
    ]);
    expect(ci(result, 'container/prod/web')?.attributes).toEqual({ image: 'shop/web:1.2', container_name: 'prod-web' });
  });

  it('does not fail on variables whose values are never stored, and reports those that are', () => {
    const text = [
      'services:',
      '  db:',
      '    image: postgres:${PG_VERSION}',
      '    environment: { POSTGRES_PASSWORD: "${DB_PASSWORD:?set the password}" }',
      '    build: { context: ., args: { TOKEN: "${NPM_TOKEN}" } }',
      '    healthcheck: { test: ["CMD", "pg_isready", "-U", "${DB_USER}"] }',
      'secrets:',
      '  db: { environment: "${SECRET_VAR_NAME}" }',
    ].join('\n');
    const result = composeImporter.parse([{ path: 'app/compose.yaml', text }]);
    expect(result.issues.map((i) => `${i.location}: ${i.message}`)).toEqual([
      'services.db.image: variable PG_VERSION is not set; an empty string was used (set it in an env file such as .env, or in mapping.variables)',
      'secrets.db.environment: variable SECRET_VAR_NAME is not set; an empty string was used (set it in an env file such as .env, or in mapping.variables)',
    ]);
    expect(ci(result, 'container/app/db')?.attributes?.['env_vars']).toEqual(['POSTGRES_PASSWORD']);
  });
});
