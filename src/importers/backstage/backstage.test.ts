import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { readSample, samplePath } from '../../../test/helpers/samples.js';
import type { DesiredState } from '../../core/ci/desired-state.js';
import type { ImportFile } from '../importer.types.js';
import { backstageImporter } from './backstage.importer.js';
import { parseEntityRef } from './entity-ref.js';
import { countBy } from '../../../test/helpers/import-checks.js';

function exampleFiles(): ImportFile[] {
  const root = samplePath('backstage-catalog', 'examples');
  const paths = readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((p) => p.endsWith('.yaml'))
    .sort();
  return paths.map((p) => ({
    path: relative(root, join(root, p)),
    text: readSample('backstage-catalog', 'examples', p),
  }));
}

interface Entity {
  kind: string;
  metadata: { name: string };
  spec: { type?: string; parent?: string; children?: string[]; [field: string]: unknown };
}

const files = exampleFiles();
const docs = files
  .flatMap((f) => Array.from(parseAllDocuments(f.text), (d) => d.toJS() as Entity | null))
  .filter((d): d is Entity => d !== null);

describe('backstage importer on the Backstage example catalog', () => {
  const { state, issues } = backstageImporter.parse(files);

  it('reads every entity but Locations, with no issues', () => {
    expect(issues).toEqual([]);
    const entities = docs.filter((d) => d.kind !== 'Location');
    expect(state.cis).toHaveLength(entities.length);
    const byKind = countBy(entities, (d) =>
      d.kind === 'Component' ? `Component:${d.spec.type === 'service' ? 'service' : 'other'}` : d.kind,
    );
    expect(countBy(state.cis, (c) => c.class)).toEqual({
      service: byKind['Component:service'],
      application: byKind['Component:other'],
      api: byKind.API,
      system: byKind.System,
      domain: byKind.Domain,
      database: byKind.Resource,
      team: byKind.Group,
      person: byKind.User,
    });
  });

  it('gives one relationship per reference, group parent/children collapsed', () => {
    const count = (field: string, kinds?: string[]) =>
      docs
        .filter((d) => d.kind !== 'Location' && (!kinds || kinds.includes(d.kind)))
        .reduce((n, d) => n + [d.spec[field] ?? []].flat().length, 0);
    const groupEdges = new Set<string>();
    for (const g of docs.filter((d) => d.kind === 'Group')) {
      if (g.spec.parent) groupEdges.add(`${g.metadata.name}>${g.spec.parent}`);
      for (const child of g.spec.children ?? []) groupEdges.add(`${child}>${g.metadata.name}`);
    }
    const partOf = count('system') + count('domain', ['System']) + count('subcomponentOf') + groupEdges.size;
    expect(countBy(state.relations, (r) => r.type)).toEqual({
      owned_by: count('owner'),
      part_of: partOf,
      provides: count('providesApis'),
      consumes: count('consumesApis'),
      depends_on: count('dependsOn'),
      member_of: count('memberOf'),
    });
    expect(groupEdges.size).toBe(7);
  });

  it('keeps attributes, status and relationship ends', () => {
    const ci = find(state, 'service', 'artist-lookup');
    expect(ci.status).toBe('building');
    expect(ci.attributes).toMatchObject({
      type: 'service',
      lifecycle: 'experimental',
      description: 'Artist Lookup',
      tags: ['java', 'data'],
    });
    expect(find(state, 'person', 'janelle.dawe').attributes).toMatchObject({
      display_name: 'Janelle Dawe',
      email: 'janelle-dawe@example.com',
    });
    expect(state.relations).toContainEqual({
      type: 'depends_on',
      from: 'service/artist-lookup',
      to: 'database/artists-db',
    });
    expect(state.relations).toContainEqual({ type: 'owned_by', from: 'domain/playback', to: 'person/frank.tiernan' });
    expect(state.relations).toContainEqual({ type: 'part_of', from: 'team/infrastructure', to: 'team/acme-corp' });
    expect(state.relations).toContainEqual({ type: 'part_of', from: 'system/podcast', to: 'domain/playback' });
    const api = find(state, 'api', 'hello-world');
    expect(api.attributes?.definition).toBeUndefined();
    expect(api.attributes?.type).toBe('grpc');
  });
});

function find(state: DesiredState, cls: string, name: string) {
  const ci = state.cis.find((c) => c.class === cls && c.name === name);
  if (!ci) throw new Error(`${cls}/${name} not found`);
  return ci;
}

describe('backstage importer on small inputs', () => {
  const yaml = [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata: { name: shop, namespace: retail, labels: { tier: gold } }',
    'spec: { type: website, lifecycle: production, owner: team-x, dependsOn: [component:missing], consumesApis: [orders] }',
    '---',
    'apiVersion: backstage.io/v1alpha1',
    'kind: API',
    'metadata: { name: orders, namespace: retail }',
    'spec: { type: openapi, owner: group:default/team-x }',
    '---',
    'kind: Group',
    'metadata: { name: team-x }',
    'spec: { type: team }',
    '---',
    'kind: Component',
    'spec: { type: service }',
    '---',
    'kind: Template',
    'metadata: { name: scaffold }',
    '---',
    'kind: Component',
    'metadata: { name: shop, namespace: retail }',
    'spec: { type: service }',
  ].join('\n');

  it('resolves refs by namespace and kind defaults, keeps refs outside the input, and reports what it cannot import', () => {
    const { state, issues, skipped } = backstageImporter.parse([{ path: 'catalog.yaml', text: yaml }]);
    expect(state.cis.map((c) => `${c.class}/${c.name}`)).toEqual([
      'application/retail/shop',
      'api/retail/orders',
      'team/team-x',
    ]);
    expect(state.cis[0]!.labels).toEqual({ tier: 'gold' });
    expect(state.cis[0]!.status).toBe('active');
    expect(state.relations).toEqual([
      { type: 'owned_by', from: 'application/retail/shop', to: 'team/retail/team-x' },
      { type: 'consumes', from: 'application/retail/shop', to: 'api/retail/orders' },
      { type: 'depends_on', from: 'application/retail/shop', to: 'application/retail/missing' },
      { type: 'owned_by', from: 'api/retail/orders', to: 'team/team-x' },
    ]);
    expect(skipped).toEqual([
      {
        file: 'catalog.yaml',
        location: 'document 5',
        message: 'template:default/scaffold: kind Template is not inventory; skipped',
      },
    ]);
    expect(issues).toEqual([
      { file: 'catalog.yaml', location: 'document 4', message: 'the Component has no metadata.name' },
      expect.objectContaining({ location: 'document 6', message: expect.stringContaining('defined twice') }),
    ]);
  });

  it('reports invalid YAML with its line', () => {
    const { issues } = backstageImporter.parse([{ path: 'bad.yaml', text: 'kind: Group\nmetadata: { name: a\n' }]);
    expect(issues[0]).toMatchObject({ file: 'bad.yaml', location: expect.stringMatching(/^document 1, line \d+$/) });
  });

  // Found by the importer fuzzer (test/fuzz): the yaml library's alias limit threw out of parse.
  it('reports a document whose aliases expand past the limit, and reads the others', () => {
    const laughs = ['a: &a [x, x, x, x, x, x, x, x, x, x]'];
    for (const [prev, next] of ['ab', 'bc', 'cd', 'de', 'ef', 'fg'])
      laughs.push(`${next}: &${next} [${`*${prev}, `.repeat(9)}*${prev}]`);
    const text = [...laughs, '---', 'kind: Group', 'metadata: { name: team-x }', 'spec: { type: team }'].join('\n');
    const { state, issues } = backstageImporter.parse([{ path: 'laughs.yaml', text }]);
    expect(issues).toEqual([
      expect.objectContaining({ file: 'laughs.yaml', location: 'document 1', message: expect.stringMatching(/alias/) }),
    ]);
    expect(state.cis.map((c) => c.name)).toEqual(['team-x']);
  });

  it('applies class overrides and rejects unknown mapping keys', () => {
    const mapping = { classes: { group: 'org_unit', 'component.website': 'web_app' } };
    const { state } = backstageImporter.parse([{ path: 'catalog.yaml', text: yaml }], { mapping });
    expect(state.cis.map((c) => c.class)).toEqual(['web_app', 'api', 'org_unit']);
    expect(state.classes?.map((c) => c.name)).toEqual(['web_app', 'org_unit']);
    expect(() => backstageImporter.parse([], { mapping: { clases: {} } })).toThrow('Unknown key "clases"');
    expect(() => backstageImporter.parse([], { mapping: { classes: { template: 'x' } } })).toThrow(
      'Unknown key "template"',
    );
    expect(() => backstageImporter.parse([], { mapping: { classes: { 'not a kind': 'x' } } })).toThrow(
      'Unknown key "not a kind"',
    );
    expect(() => backstageImporter.parse([], { mapping: { classes: { group: 'Bad Class' } } })).toThrow('class name');
  });

  it('parses entity references', () => {
    expect(parseEntityRef('user:guest', { kind: 'group', namespace: 'default' })).toEqual({
      kind: 'user',
      namespace: 'default',
      name: 'guest',
    });
    expect(parseEntityRef('ns/x', { kind: 'group', namespace: 'default' })).toEqual({
      kind: 'group',
      namespace: 'ns',
      name: 'x',
    });
    expect(parseEntityRef('x', { namespace: 'default' })).toEqual({ error: '"x" needs a kind, as in component:x' });
  });
});
