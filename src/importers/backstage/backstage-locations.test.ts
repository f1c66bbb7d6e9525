import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { samplePath } from '../../../test/helpers/samples.js';
import { expectConsistent } from '../../../test/helpers/import-checks.js';
import type { ImportFile, ImportResult } from '../importer.types.js';
import { backstageImporter } from './backstage.importer.js';

const examples = samplePath('backstage-catalog', 'examples');
const newer = samplePath('backstage-catalog', 'newer');
/** A root of the catalog, by its path relative to the examples folder, as a user names it. */
const file = (root: string, name: string): ImportFile => ({
  path: relative(process.cwd(), join(root, name)),
  text: readFileSync(join(root, name), 'utf8'),
});
/** How the CLI reads a file a Location names. */
const readFile = (path: string): string | undefined => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
};
const everyFile = readdirSync(examples, { recursive: true, encoding: 'utf8' })
  .filter((p) => p.endsWith('.yaml'))
  .sort()
  .map((p) => file(examples, p));
const roots = [
  'acme-corp.yaml',
  'all-apis.yaml',
  'all-components.yaml',
  'all-domains.yaml',
  'all-resources.yaml',
  'all-systems.yaml',
];
const refs = (result: ImportResult) => result.state.cis.map((ci) => `${ci.class}/${ci.name}`).sort();
const edges = (result: ImportResult) => result.state.relations.map((r) => `${r.type} ${r.from} ${r.to}`).sort();

describe('backstage importer following Location entities', () => {
  const direct = backstageImporter.parse(everyFile);

  it('imports all-components.yaml as its 13 components, read from the files it names', () => {
    const result = backstageImporter.parse([file(examples, 'all-components.yaml')], { readFile });
    expect(result.issues).toEqual([]);
    expect(result.state.cis).toHaveLength(13);
    expect(result.skipped).toEqual([
      {
        file: expect.stringMatching(/all-components\.yaml$/),
        location: 'document 1',
        message: 'location:default/example-components: a Location lists other catalog files, read with it; skipped',
      },
    ]);
    expect(result.positions?.cis[0]?.file).toMatch(/components\/artist-lookup-component\.yaml$/);
    expectConsistent(result);
  });

  it('imports the whole catalog from its root Locations: the same 50 CIs and relationships as every file given', () => {
    const result = backstageImporter.parse(
      roots.map((name) => file(examples, name)),
      { readFile },
    );
    expect(result.issues).toEqual([]);
    expect(result.state.cis).toHaveLength(50);
    expect(refs(result)).toEqual(refs(direct));
    expect(edges(result)).toEqual(edges(direct));
  });

  it('reads a file once when it is given and named by a Location too', () => {
    const result = backstageImporter.parse([...roots.map((name) => file(examples, name)), ...everyFile], { readFile });
    expect(result.issues).toEqual([]);
    expect(refs(result)).toEqual(refs(direct));
  });

  it('says so when it cannot follow: no reader, a missing file, a URL or a pattern', () => {
    const alone = backstageImporter.parse([file(examples, 'all-components.yaml')]);
    expect(alone.state.cis).toEqual([]);
    expect(alone.skipped?.[0]?.message).toMatch(/its targets are not followed here: pass them as files/);
    const location = [
      'apiVersion: backstage.io/v1alpha1',
      'kind: Location',
      'metadata: { name: mixed }',
      'spec:',
      '  type: url',
      '  target: https://github.com/backstage/backstage/blob/master/catalog-info.yaml',
      '  targets: [./nowhere.yaml, ./teams/*.yaml]',
    ].join('\n');
    const result = backstageImporter.parse([{ path: 'catalog/root.yaml', text: location }], { readFile });
    expect(result.issues).toEqual([
      {
        file: 'catalog/root.yaml',
        location: 'document 1, spec.targets',
        message: 'the Location mixed names ./nowhere.yaml, but there is no such file (catalog/nowhere.yaml)',
      },
    ]);
    expect(result.skipped?.[0]?.message).toBe(
      'location:default/mixed: a Location lists other catalog files, read with it; not followed: https://github.com/backstage/backstage/blob/master/catalog-info.yaml, ./teams/*.yaml (Cairn reads files, not URLs or patterns: pass them as files); skipped',
    );
  });
});

describe('backstage importer on kinds added since 2021', () => {
  const result = backstageImporter.parse([file(newer, 'all-environments.yaml'), file(newer, 'all-ai-resources.yaml')], {
    readFile,
  });

  it('keeps Environment entities generically, and skips AiResource entities as not inventory', () => {
    expect(result.issues).toEqual([]);
    expect(result.state.cis).toEqual([
      {
        class: 'backstage_entity',
        name: 'environment:prod',
        status: 'active',
        attributes: {
          backstage_kind: 'Environment',
          description: 'SDLC production environment.',
          lifecycle: 'production',
        },
      },
      {
        class: 'backstage_entity',
        name: 'environment:dev',
        attributes: { backstage_kind: 'Environment', description: 'Development SDLC environment.', lifecycle: 'dev' },
      },
    ]);
    expect(result.state.classes?.map((c) => c.name)).toEqual(['backstage_entity']);
    expect(result.skipped?.map((s) => s.message)).toEqual([
      'location:default/example-environments: a Location lists other catalog files, read with it; skipped',
      'location:default/example-ai-resources: a Location lists other catalog files, read with it; skipped',
      'airesource:default/frontend-design: kind AiResource is not inventory; skipped',
      'airesource:default/use-internal-apis: kind AiResource is not inventory; skipped',
      'airesource:default/code-review-plugin: kind AiResource is not inventory; skipped',
    ]);
  });

  it('relates a kind of its own by the fields every kind has, and lets the mapping give it a class', () => {
    const text = [
      'apiVersion: example.com/v1',
      'kind: Pipeline',
      'metadata: { name: deploy }',
      'spec: { owner: team-a, system: shop, dependsOn: [environment:prod] }',
    ].join('\n');
    const generic = backstageImporter.parse([{ path: 'p.yaml', text }, file(newer, 'environments/prod.yaml')]);
    expect(generic.state.relations).toEqual([
      { type: 'owned_by', from: 'backstage_entity/pipeline:deploy', to: 'team/team-a' },
      { type: 'part_of', from: 'backstage_entity/pipeline:deploy', to: 'system/shop' },
      { type: 'depends_on', from: 'backstage_entity/pipeline:deploy', to: 'backstage_entity/environment:prod' },
    ]);
    const mapped = backstageImporter.parse([{ path: 'p.yaml', text }], {
      mapping: { classes: { pipeline: 'pipeline' } },
    });
    expect(mapped.state.cis.map((ci) => `${ci.class}/${ci.name}`)).toEqual(['pipeline/deploy']);
  });
});
