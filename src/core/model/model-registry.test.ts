import { describe, expect, it } from 'vitest';
import type { ClassDefinition, RelationTypeDefinition } from './model.types.js';
import { ModelRegistry } from './model-registry.js';

// A small model, independent of the default one: hardware → server → vm, with statuses,
// identify keys, change control and schemas set at different levels.
const CLASSES: ClassDefinition[] = [
  {
    name: 'hardware',
    attributes: { type: 'object', properties: { serial: { type: 'string' } } },
    identify: ['serial'],
    controlled: true,
  },
  {
    name: 'server',
    parent: 'hardware',
    attributes: { type: 'object', properties: { cpu: { type: 'integer', minimum: 1 } }, required: ['cpu'] },
    statuses: ['ordered', 'racked', 'live'],
  },
  {
    name: 'vm',
    parent: 'server',
    identify: ['uuid'],
    controlled: false,
    attributes: { type: 'object', properties: { ip: { type: 'string', format: 'ipv4' } } },
  },
  { name: 'switch', parent: 'hardware' },
  { name: 'service', description: 'a business service' },
  { name: 'orphan', parent: 'missing' },
  { name: 'loop_a', parent: 'loop_b' },
  { name: 'loop_b', parent: 'loop_a' },
];
const RELATION_TYPES: RelationTypeDefinition[] = [
  { name: 'depends_on', inverse: 'used_by', impact: 'target-to-source' },
  { name: 'contains', inverse: 'contained_in', impact: 'source-to-target' },
  { name: 'connected_to', inverse: 'connected_to', impact: 'both' },
  // An inverse that is another type's name does not shadow that type.
  { name: 'hosts', inverse: 'depends_on', impact: 'source-to-target' },
];
const registry = new ModelRegistry(CLASSES, RELATION_TYPES);

// [class, lineage (nearest first), with descendants, statuses, identify keys, controlled]
const CLASS_FACTS: [string, string[], string[], readonly string[], string[], boolean][] = [
  [
    'hardware',
    ['hardware'],
    ['hardware', 'server', 'switch', 'vm'],
    ['planned', 'building', 'active', 'maintenance', 'retired'],
    ['serial'],
    true,
  ],
  ['server', ['server', 'hardware'], ['server', 'vm'], ['ordered', 'racked', 'live'], ['serial'], true],
  ['vm', ['vm', 'server', 'hardware'], ['vm'], ['ordered', 'racked', 'live'], ['uuid'], false],
  [
    'switch',
    ['switch', 'hardware'],
    ['switch'],
    ['planned', 'building', 'active', 'maintenance', 'retired'],
    ['serial'],
    true,
  ],
  ['service', ['service'], ['service'], ['planned', 'building', 'active', 'maintenance', 'retired'], [], false],
  ['orphan', ['orphan'], ['orphan'], ['planned', 'building', 'active', 'maintenance', 'retired'], [], false],
  [
    'loop_a',
    ['loop_a', 'loop_b'],
    ['loop_a', 'loop_b'],
    ['planned', 'building', 'active', 'maintenance', 'retired'],
    [],
    false,
  ],
  ['unknown', [], ['unknown'], ['planned', 'building', 'active', 'maintenance', 'retired'], [], false],
];

describe('ModelRegistry: classes', () => {
  it.each(CLASS_FACTS)('%s', (name, lineage, descendants, statuses, identify, controlled) => {
    expect(registry.lineage(name).map((c) => c.name)).toEqual(lineage);
    expect([...registry.withDescendants(name)].sort()).toEqual(descendants);
    expect(registry.statuses(name)).toEqual(statuses);
    expect(registry.identifyKeys(name)).toEqual(identify);
    expect(registry.isControlled(name)).toBe(controlled);
    expect(registry.getClass(name)?.name).toBe(lineage.length > 0 ? name : undefined);
  });

  // [class, ancestor, is a]
  const IS_A: [string, string, boolean][] = [
    ['vm', 'vm', true],
    ['vm', 'server', true],
    ['vm', 'hardware', true],
    ['server', 'vm', false],
    ['switch', 'server', false],
    ['service', 'hardware', false],
    ['orphan', 'missing', false],
    ['unknown', 'unknown', false],
  ];
  it.each(IS_A)('%s is a %s: %s', (name, ancestor, expected) => {
    expect(registry.isA(name, ancestor)).toBe(expected);
  });

  it('lists classes and relationship types sorted by name', () => {
    expect(registry.allClasses().map((c) => c.name)).toEqual([
      'hardware',
      'loop_a',
      'loop_b',
      'orphan',
      'server',
      'service',
      'switch',
      'vm',
    ]);
    expect(registry.allRelationTypes().map((t) => t.name)).toEqual(['connected_to', 'contains', 'depends_on', 'hosts']);
  });
});

// [name used in a document, canonical type, inverted]
const RELATION_NAMES: [string, string | undefined, boolean | undefined][] = [
  ['depends_on', 'depends_on', false],
  ['used_by', 'depends_on', true],
  ['contains', 'contains', false],
  ['contained_in', 'contains', true],
  ['connected_to', 'connected_to', false],
  ['hosts', 'hosts', false],
  ['runs_on', undefined, undefined],
];

describe('ModelRegistry: relationship types', () => {
  it.each(RELATION_NAMES)('%s', (name, canonical, inverted) => {
    const resolved = registry.relationType(name);
    expect(resolved?.definition.name).toBe(canonical);
    expect(resolved?.inverted).toBe(inverted);
  });
});

// [class, attributes, expected field errors (path and the start of the message)]
const VALIDATIONS: [string, Record<string, unknown>, [string, string][]][] = [
  ['server', { cpu: 4 }, []],
  ['server', { cpu: 4, serial: 'S1' }, []],
  ['server', {}, [['attributes.cpu', "must have required property 'cpu' (required rule of class server)"]]],
  ['server', { cpu: 0 }, [['attributes.cpu', 'must be >= 1 (minimum rule of class server)']]],
  ['server', { cpu: 'four' }, [['attributes.cpu', 'must be integer (type rule of class server)']]],
  // The parent's schema applies to the child too, every error reported.
  [
    'server',
    { cpu: 0, serial: 7 },
    [
      ['attributes.cpu', 'must be >= 1 (minimum rule of class server)'],
      ['attributes.serial', 'must be string (type rule of class server)'],
    ],
  ],
  ['vm', { cpu: 2, ip: '10.0.0.1' }, []],
  ['vm', { cpu: 2, ip: 'not-an-ip' }, [['attributes.ip', 'must match format "ipv4" (format rule of class vm)']]],
  ['vm', { ip: '10.0.0.1' }, [['attributes.cpu', "must have required property 'cpu' (required rule of class vm)"]]],
  ['service', { anything: [1, 2] }, []],
  ['unknown', { anything: true }, []],
];

describe('ModelRegistry: attribute validation', () => {
  it.each(VALIDATIONS)('%s %j', (name, attributes, expected) => {
    const errors = registry.validateAttributes(name, attributes, 'attributes');
    expect(errors.map((e) => [e.path, e.message])).toEqual(expected);
  });

  it('names the field from the given path alone when the whole object is wrong', () => {
    expect(
      registry.validateAttributes('service', [] as unknown as Record<string, unknown>, 'cis[0].attributes'),
    ).toEqual([{ path: 'cis[0].attributes', message: 'must be object (type rule of class service)' }]);
  });
});

describe('ModelRegistry: schemaProblem', () => {
  it.each([
    [{ type: 'object' }, undefined],
    [{ type: 'object', properties: { a: { type: 'string' } } }, undefined],
  ])('accepts %j', (schema, expected) => {
    expect(registry.schemaProblem(schema)).toBe(expected);
  });

  it.each([[{ type: 'no-such-type' }], [{ properties: { a: { minimum: 'one' } } }]])(
    'reports the problem with %j',
    (schema) => {
      expect(registry.schemaProblem(schema)).toMatch(/schema is invalid/);
    },
  );
});
