import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import type { ModelVersion } from './model-version.types.js';
import type { ClassDefinition, RelationTypeDefinition } from './model.types.js';
import { NAME_PATTERN, planModelChanges, registryOf } from './model-changes.js';

const SERVER: ClassDefinition = { name: 'server', statuses: ['live', 'dead'] };
const DEPENDS: RelationTypeDefinition = { name: 'depends_on', inverse: 'used_by', impact: 'target-to-source' };
const CURRENT: ModelVersion[] = [
  { kind: 'class', name: 'server', definition: SERVER, revFrom: 1, revTo: null, hash: contentHash(SERVER) },
  {
    kind: 'relation_type',
    name: 'depends_on',
    definition: DEPENDS,
    revFrom: 1,
    revTo: null,
    hash: contentHash(DEPENDS),
  },
];

const NAMES: [string, boolean][] = [
  ['server', true],
  ['k8s_pod', true],
  ['a', true],
  ['a1_b2', true],
  ['Server', false],
  ['1server', false],
  ['_server', false],
  ['my-server', false],
  ['my server', false],
  ['', false],
];

describe('NAME_PATTERN', () => {
  it.each(NAMES)('%j: %s', (name, ok) => {
    expect(NAME_PATTERN.test(name)).toBe(ok);
  });
});

interface Case {
  label: string;
  classes?: ClassDefinition[];
  relationTypes?: RelationTypeDefinition[];
  /** `kind:name` of each version written, with `before` when it replaces one. */
  changes: string[];
  errors: [string, string][];
}

const CASES: Case[] = [
  { label: 'nothing wanted', changes: [], errors: [] },
  {
    label: 'an unchanged class writes nothing',
    classes: [{ name: 'server', statuses: ['live', 'dead'] }],
    changes: [],
    errors: [],
  },
  {
    label: 'an absent optional key hashes as no key',
    classes: [{ name: 'server', statuses: ['live', 'dead'], controlled: undefined }],
    changes: [],
    errors: [],
  },
  {
    label: 'a changed class replaces the current version',
    classes: [{ name: 'server', statuses: ['live'] }],
    changes: ['class:server (replaces)'],
    errors: [],
  },
  {
    label: 'a new class with a known parent',
    classes: [{ name: 'vm', parent: 'server' }],
    changes: ['class:vm'],
    errors: [],
  },
  {
    label: 'a parent defined in the same document',
    classes: [{ name: 'pod', parent: 'node' }, { name: 'node' }],
    changes: ['class:pod', 'class:node'],
    errors: [],
  },
  { label: 'an unchanged relationship type writes nothing', relationTypes: [{ ...DEPENDS }], changes: [], errors: [] },
  {
    label: 'a changed relationship type',
    relationTypes: [{ ...DEPENDS, impact: 'both' }],
    changes: ['relation_type:depends_on (replaces)'],
    errors: [],
  },
  {
    label: 'a symmetric type',
    relationTypes: [{ name: 'peers_with', inverse: 'peers_with', impact: 'both' }],
    changes: ['relation_type:peers_with'],
    errors: [],
  },
  {
    label: 'a class defined twice',
    classes: [{ name: 'vm' }, { name: 'vm', description: 'again' }],
    changes: ['class:vm', 'class:vm'],
    errors: [['classes[1].name', '"vm" is defined twice']],
  },
  {
    label: 'an unknown field',
    classes: [{ name: 'vm', colour: 'red' } as ClassDefinition],
    changes: ['class:vm'],
    errors: [['classes[0].colour', 'is not a known class field']],
  },
  {
    label: 'a bad class name stops the other checks',
    classes: [{ name: 'VM', parent: 'nothing' }],
    changes: ['class:VM'],
    errors: [
      [
        'classes[0].name',
        'must be lower case letters, digits and underscores, starting with a letter, at most 64 characters',
      ],
    ],
  },
  {
    label: 'a name of 65 characters',
    classes: [{ name: 'a'.repeat(65) }],
    changes: [`class:${'a'.repeat(65)}`],
    errors: [
      [
        'classes[0].name',
        'must be lower case letters, digits and underscores, starting with a letter, at most 64 characters',
      ],
    ],
  },
  {
    label: 'a missing parent',
    classes: [{ name: 'vm', parent: 'hypervisor' }],
    changes: ['class:vm'],
    errors: [['classes[0].parent', 'names class "hypervisor", which does not exist']],
  },
  {
    label: 'a parent cycle',
    classes: [
      { name: 'a', parent: 'b' },
      { name: 'b', parent: 'a' },
    ],
    changes: ['class:a', 'class:b'],
    errors: [
      ['classes[0].parent', 'makes a cycle: a would be its own ancestor'],
      ['classes[1].parent', 'makes a cycle: b would be its own ancestor'],
    ],
  },
  {
    label: 'a class its own parent',
    classes: [{ name: 'a', parent: 'a' }],
    changes: ['class:a'],
    errors: [['classes[0].parent', 'makes a cycle: a would be its own ancestor']],
  },
  {
    label: 'attributes that are not an object',
    classes: [{ name: 'vm', attributes: [] as unknown as Record<string, unknown> }],
    changes: ['class:vm'],
    errors: [['classes[0].attributes', 'must be a JSON Schema object']],
  },
  {
    label: 'identify with an empty key',
    classes: [{ name: 'vm', identify: ['uuid', ''] }],
    changes: ['class:vm'],
    errors: [['classes[0].identify', 'must be a list of non-empty strings']],
  },
  {
    label: 'statuses not a list',
    classes: [{ name: 'vm', statuses: 'live' as unknown as string[] }],
    changes: ['class:vm'],
    errors: [['classes[0].statuses', 'must be a list of non-empty strings']],
  },
  {
    label: 'controlled not a boolean',
    classes: [{ name: 'vm', controlled: 'yes' as unknown as boolean }],
    changes: ['class:vm'],
    errors: [['classes[0].controlled', 'must be true or false']],
  },
  {
    label: 'a relationship type with bad names and impact',
    relationTypes: [{ name: 'Runs-On', inverse: '', impact: 'sideways' as never }],
    changes: ['relation_type:Runs-On'],
    errors: [
      ['relationTypes[0].name', 'must be lower case letters, digits and underscores, starting with a letter'],
      ['relationTypes[0].inverse', 'must be lower case letters, digits and underscores, starting with a letter'],
      ['relationTypes[0].impact', 'must be one of source-to-target, target-to-source, both, none'],
    ],
  },
  {
    label: 'an unknown relationship type field',
    relationTypes: [{ name: 'hosts', inverse: 'hosted_by', impact: 'none', weight: 1 } as RelationTypeDefinition],
    changes: ['relation_type:hosts'],
    errors: [['relationTypes[0].weight', 'is not a known relationship type field']],
  },
  {
    label: 'an inverse that is already another type’s name',
    relationTypes: [{ name: 'needs', inverse: 'depends_on', impact: 'none' }],
    changes: ['relation_type:needs'],
    errors: [['relationTypes[0].inverse', '"depends_on" is already a name of relationship type depends_on']],
  },
  {
    label: 'a relationship type defined twice',
    relationTypes: [
      { name: 'hosts', inverse: 'hosted_by', impact: 'none' },
      { name: 'hosts', inverse: 'hosted_by', impact: 'none' },
    ],
    changes: ['relation_type:hosts', 'relation_type:hosts'],
    errors: [['relationTypes[1].name', '"hosts" is defined twice']],
  },
];

describe('planModelChanges', () => {
  it.each(CASES)('$label', ({ classes = [], relationTypes = [], changes, errors }) => {
    const out = planModelChanges(CURRENT, classes, relationTypes, 9);
    expect(out.changes.map((c) => `${c.after.kind}:${c.after.name}${c.before ? ' (replaces)' : ''}`)).toEqual(changes);
    expect(out.errors.map((e) => [e.path, e.message])).toEqual(errors);
    for (const c of out.changes) {
      expect(c.after).toMatchObject({ revFrom: 9, revTo: null, hash: contentHash(c.after.definition) });
      if (c.before) expect(CURRENT).toContain(c.before);
    }
  });

  it('reports an invalid JSON Schema with the validator’s reason', () => {
    const { errors } = planModelChanges(CURRENT, [{ name: 'vm', attributes: { type: 'no-such-type' } }], [], 2);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.path).toBe('classes[0].attributes');
    expect(errors[0]!.message).toMatch(/^is not a valid JSON Schema: schema is invalid/);
  });

  it('returns the registry of the current model with the changes applied', () => {
    const { registry } = planModelChanges(
      CURRENT,
      [
        { name: 'vm', parent: 'server' },
        { name: 'server', statuses: ['on'] },
      ],
      [],
      2,
    );
    expect(registry.allClasses().map((c) => c.name)).toEqual(['server', 'vm']);
    expect(registry.statuses('vm')).toEqual(['on']);
    expect(registry.relationType('used_by')?.definition.name).toBe('depends_on');
  });
});

describe('registryOf', () => {
  it('splits versions into classes and relationship types', () => {
    const registry = registryOf(CURRENT);
    expect(registry.allClasses()).toEqual([SERVER]);
    expect(registry.allRelationTypes()).toEqual([DEPENDS]);
  });
});
