import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { CmdbReader } from '../cmdb/cmdb.port.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import { contentHash } from '../shared/canonical.js';
import { DEFAULT_CLASSES, DEFAULT_RELATION_TYPES } from '../model/default-model.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { ClassDefinition } from '../model/model.types.js';
import { exportStep, stepPages, type ExportPosition } from './export-records.js';

const ci = (id: string, cls: string, name: string): CiVersion => ({
  id,
  class: cls,
  name,
  status: 'active',
  attributes: { n: id },
  labels: {},
  source: null,
  revFrom: 2,
  revTo: null,
  hash: 'h',
  attributeSources: {},
});
const rel = (id: string, sourceId: string, targetId: string): RelationVersion => ({
  id,
  type: 'runs_on',
  sourceId,
  targetId,
  attributes: {},
  source: null,
  revFrom: 3,
  revTo: null,
  hash: 'h',
});
const version = (definition: ClassDefinition): ModelVersion => ({
  kind: 'class',
  name: definition.name,
  definition,
  revFrom: 1,
  revTo: null,
  hash: contentHash(definition),
});

const CIS = [ci('c1', 'app', 'a'), ci('c2', 'app', 'b'), ci('c3', 'server', 'web')];
const RELATIONS = [rel('r1', 'c1', 'c3'), rel('r2', 'c2', 'c3'), rel('r3', 'c1', 'c2')];
const CUSTOM: ClassDefinition = { name: 'robot', description: 'ours' };

/** Fakes of the two reads export makes: pages of CIs and relationships, model versions, names by id. */
function deps(model: ModelVersion[]) {
  const store: Pick<CmdbReader, 'listCis' | 'listRelations' | 'modelVersions'> = {
    listCis: async ({ classes, limit, after }) =>
      CIS.filter((c) => !classes || classes.includes(c.class))
        .filter((c) => !after || `${c.class}/${c.name}` > `${after.class}/${after.name}`)
        .slice(0, limit),
    listRelations: async ({ limit, afterId }) => RELATIONS.filter((r) => !afterId || r.id > afterId).slice(0, limit),
    modelVersions: async () => model,
  };
  const cmdb: Pick<CmdbService, 'namesOf'> = {
    namesOf: async (ids) => new Map(CIS.filter((c) => ids.includes(c.id)).map((c) => [c.id, `${c.class}/${c.name}`])),
  };
  return { store: store as CmdbReader, cmdb: cmdb as CmdbService };
}

/** Runs every step from the start; returns a line per step. */
async function walk(model: ModelVersion[], query: { classes?: string[]; limit: number }): Promise<string[]> {
  const lines: string[] = [];
  for (let position: ExportPosition | null = { phase: 'model' }; position !== null;) {
    const step = await exportStep(deps(model), query, position);
    const parts = [
      step.model ? `model ${step.model.classes.map((c) => c.name).join(',')}` : '',
      ...step.cis.map((c) => `${c.class}/${c.name}`),
      ...step.relations.map((r) => `${r.from} ${r.type} ${r.to}`),
    ];
    lines.push(`${parts.filter(Boolean).join(' | ')} → ${JSON.stringify(step.next)}`);
    position = step.next;
  }
  return lines;
}

const BUILT_IN = [...DEFAULT_CLASSES.slice(0, 3).map(version)];

describe('exportStep', () => {
  it.each([
    [
      'the built-in model only: no model step',
      BUILT_IN,
      { limit: 10 },
      [
        'app/a | app/b | server/web → {"phase":"relations"}',
        'app/a runs_on server/web | app/b runs_on server/web | app/a runs_on app/b → null',
      ],
    ],
    [
      'a custom class is exported first',
      [...BUILT_IN, version(CUSTOM)],
      { limit: 10 },
      [
        'model robot → {"phase":"cis"}',
        'app/a | app/b | server/web → {"phase":"relations"}',
        'app/a runs_on server/web | app/b runs_on server/web | app/a runs_on app/b → null',
      ],
    ],
    [
      'a built-in class changed counts as custom',
      [version({ ...DEFAULT_CLASSES[0]!, controlled: false })],
      { limit: 10 },
      [
        `model ${DEFAULT_CLASSES[0]!.name} → {"phase":"cis"}`,
        'app/a | app/b | server/web → {"phase":"relations"}',
        'app/a runs_on server/web | app/b runs_on server/web | app/a runs_on app/b → null',
      ],
    ],
    [
      'pages of two',
      BUILT_IN,
      { limit: 2 },
      [
        'app/a | app/b → {"phase":"cis","after":{"class":"app","name":"b"}}',
        'server/web → {"phase":"relations"}',
        'app/a runs_on server/web | app/b runs_on server/web → {"phase":"relations","afterId":"r2"}',
        'app/a runs_on app/b → null',
      ],
    ],
    [
      'only some classes: relationships between them only',
      BUILT_IN,
      { classes: ['app'], limit: 10 },
      ['app/a | app/b → {"phase":"relations"}', 'app/a runs_on app/b → null'],
    ],
  ])('%s', async (_label, model, query, expected) => {
    expect(await walk(model, query)).toEqual(expected);
  });

  it('writes each CI and relationship with its id and the revision that wrote it', async () => {
    const cis = await exportStep(deps(BUILT_IN), { limit: 1 }, { phase: 'cis' });
    expect(cis.cis).toEqual([
      { class: 'app', name: 'a', status: 'active', attributes: { n: 'c1' }, labels: {}, id: 'c1', revision: 2 },
    ]);
    const relations = await exportStep(deps(BUILT_IN), { limit: 1 }, { phase: 'relations' });
    expect(relations.relations).toEqual([
      { type: 'runs_on', from: 'app/a', to: 'server/web', attributes: {}, id: 'r1', revision: 3 },
    ]);
  });

  it('knows every built-in relationship type as built in', async () => {
    const model: ModelVersion[] = DEFAULT_RELATION_TYPES.map((definition) => ({
      kind: 'relation_type',
      name: definition.name,
      definition,
      revFrom: 1,
      revTo: null,
      hash: '',
    }));
    const step = await exportStep(deps(model), { limit: 10 }, { phase: 'model' });
    expect(step.model).toBeUndefined();
  });
});

describe('stepPages', () => {
  it.each([
    ['an empty step', { cis: [], relations: [] }, []],
    ['a model step', { model: { classes: [CUSTOM], relationTypes: [] }, cis: [], relations: [] }, ['model']],
    ['CIs', { cis: [{ id: 'c1' }], relations: [] }, ['cis']],
    ['relationships', { cis: [], relations: [{ id: 'r1' }] }, ['relations']],
    [
      'all three, in order',
      { model: { classes: [], relationTypes: [] }, cis: [{ id: 'c1' }], relations: [{ id: 'r1' }] },
      ['model', 'cis', 'relations'],
    ],
  ] as [string, Parameters<typeof stepPages>[0], string[]][])('%s', (_label, step, kinds) => {
    expect([...stepPages(step)].map((p) => p.kind)).toEqual(kinds);
  });
});
