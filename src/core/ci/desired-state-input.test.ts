import { describe, expect, it } from 'vitest';
import type { FieldError } from '../shared/errors.js';
import { checkDocumentShape, isObject } from './desired-state-input.js';
import { MAX_NAME_LENGTH } from './desired-state.schema.js';

const ok = (ci: Record<string, unknown>) => ({ cis: [{ class: 'server', name: 'web', ...ci }] });
const okRel = (rel: Record<string, unknown>) => ({
  relations: [{ type: 'runs_on', from: 'app/shop', to: 'server/web', ...rel }],
});

// [label, document, the field errors expected as [path, message]]
const DOCUMENTS: [string, unknown, [string, string][]][] = [
  ['an empty mapping', {}, []],
  [
    'a CI with every field',
    ok({
      status: 'active',
      attributes: { cpu: 4, tags: ['a'], nested: { x: null } },
      labels: { team: 'ops', old: null },
      id: 'ci_1',
      revision: 3,
    }),
    [],
  ],
  [
    'a relationship with attributes, id and revision',
    okRel({ attributes: { port: 80 }, id: 'rel_1', revision: 2 }),
    [],
  ],
  ['a null document', null, [['(document)', 'must be a mapping with `cis` and/or `relations`']]],
  ['a list', [], [['(document)', 'must be a mapping with `cis` and/or `relations`']]],
  ['a string', 'cis', [['(document)', 'must be a mapping with `cis` and/or `relations`']]],
  [
    'an unknown top-level field',
    { cis: [], servers: [] },
    [['servers', 'is not a known field (expected cis, relations, classes, relationTypes)']],
  ],
  ['cis not a list', { cis: { a: 1 } }, [['cis', 'must be a list']]],
  ['null cis', { cis: null }, []],
  ['classes not a list', { classes: 'server' }, [['classes', 'must be a list']]],
  ['a CI that is not a mapping', { cis: ['server/web'] }, [['cis[0]', 'must be a mapping with class and name']]],
  [
    'a CI without class or name',
    { cis: [{}] },
    [
      ['cis[0].class', 'is required'],
      ['cis[0].name', 'is required'],
    ],
  ],
  ['a blank name', ok({ name: '   ' }), [['cis[0].name', 'must be a non-empty string']]],
  ['a numeric name', ok({ name: 7 }), [['cis[0].name', 'must be a non-empty string']]],
  ['a name at the length limit', ok({ name: 'x'.repeat(MAX_NAME_LENGTH) }), []],
  [
    'a name over the length limit',
    ok({ name: 'x'.repeat(MAX_NAME_LENGTH + 1) }),
    [['cis[0].name', 'must be at most 255 characters']],
  ],
  ['a name with a tab', ok({ name: 'a\tb' }), [['cis[0].name', 'must not contain control characters']]],
  [
    'an unknown CI field',
    ok({ colour: 'red' }),
    [['cis[0].colour', 'is not a known CI field (class, name, status, attributes, labels)']],
  ],
  ['an empty status', ok({ status: '' }), [['cis[0].status', 'must be a non-empty string']]],
  ['a null status', ok({ status: null }), []],
  ['attributes that are a list', ok({ attributes: [1] }), [['cis[0].attributes', 'must be a mapping']]],
  ['an infinite number', ok({ attributes: { cpu: Infinity } }), [['cis[0].attributes.cpu', 'must be a finite number']]],
  [
    'NaN deep in a list',
    ok({ attributes: { a: [1, { b: NaN }] } }),
    [['cis[0].attributes.a[1].b', 'must be a finite number']],
  ],
  [
    'a NUL in a string',
    ok({ attributes: { a: 'x\u0000y' } }),
    [['cis[0].attributes.a', 'must not contain NUL characters']],
  ],
  ['a NUL in a key', ok({ attributes: { 'a\u0000': 1 } }), [['cis[0].attributes', 'has a key with a NUL character']]],
  [
    'a function',
    ok({ attributes: { f: () => 1 } }),
    [['cis[0].attributes.f', 'holds a function, which is not a JSON value']],
  ],
  ['a bigint', ok({ attributes: { n: 1n } }), [['cis[0].attributes.n', 'holds a bigint, which is not a JSON value']]],
  [
    'only the first bad value is named',
    ok({ attributes: { a: NaN, b: Infinity } }),
    [['cis[0].attributes.a', 'must be a finite number']],
  ],
  ['labels that are a list', ok({ labels: ['a'] }), [['cis[0].labels', 'must be a mapping of label names to strings']]],
  ['a numeric label', ok({ labels: { tier: 1 } }), [['cis[0].labels.tier', 'must be a string (or null to remove it)']]],
  ['an empty label name', ok({ labels: { '': 'x' } }), [['cis[0].labels', 'has an empty or invalid label name']]],
  ['a NUL in a label', ok({ labels: { a: '\u0000' } }), [['cis[0].labels.a', 'must not contain NUL characters']]],
  [
    'a lone surrogate in a label',
    ok({ labels: { a: 'x\ud800' } }),
    [['cis[0].labels.a', 'is not well-formed Unicode: it holds a lone UTF-16 surrogate']],
  ],
  [
    'a lone surrogate in a name',
    ok({ name: 'web\udc00' }),
    [['cis[0].name', 'is not well-formed Unicode: it holds a lone UTF-16 surrogate']],
  ],
  [
    'a numeric label whose name holds a line break',
    ok({ labels: { 'line\nbreak': 1 } }),
    [['cis[0].labels.line\nbreak', 'must be a string (or null to remove it)']],
  ],
  [
    'a relationship that is not a mapping',
    { relations: [1] },
    [['relations[0]', 'must be a mapping with type, from and to']],
  ],
  ['a relationship without a type', okRel({ type: undefined }), [['relations[0].type', 'is required']]],
  [
    'relationship ends that are not references',
    okRel({ from: 'shop', to: '' }),
    [
      ['relations[0].from', 'must be a CI reference written class/name'],
      ['relations[0].to', 'must be a CI reference written class/name'],
    ],
  ],
  [
    'an unknown relationship field',
    okRel({ weight: 1 }),
    [['relations[0].weight', 'is not a known relationship field (type, from, to, attributes)']],
  ],
  [
    'relationship attributes with a bad value',
    okRel({ attributes: { x: -Infinity } }),
    [['relations[0].attributes.x', 'must be a finite number']],
  ],
  [
    'a delete section',
    { delete: { cis: ['server/old'], relations: [{ type: 'runs_on', from: 'a/b', to: 'c/d' }] } },
    [],
  ],
  ['delete.cis not a list', { delete: { cis: 'server/old' } }, [['delete.cis', 'must be a list']]],
  ['delete.relations not a list', { delete: { relations: {} } }, [['delete.relations', 'must be a list']]],
  [
    'a delete section that is a list',
    { delete: ['server/old'] },
    [['delete', 'must be a mapping with `cis` and/or `relations`']],
  ],
  [
    'an unknown delete field',
    { delete: { classes: [] } },
    [['delete.classes', 'is not a known field (expected cis, relations)']],
  ],
  [
    'a delete reference without a slash',
    { delete: { cis: ['old', 7] } },
    [
      ['delete.cis[0]', 'must be a CI reference written class/name'],
      ['delete.cis[1]', 'must be a CI reference written class/name'],
    ],
  ],
  [
    'a bad relationship to delete',
    { delete: { relations: [{ type: 'runs_on', from: 'a', to: 'c/d' }] } },
    [['delete.relations[0].from', 'must be a CI reference written class/name']],
  ],
];

describe('checkDocumentShape', () => {
  it.each(DOCUMENTS)('%s', (_label, doc, expected) => {
    const errors: FieldError[] = [];
    checkDocumentShape(doc, errors);
    expect(errors.map((e) => [e.path, e.message])).toEqual(expected);
  });

  it.each([
    ['{}', {}, { cis: [], relations: [], classes: undefined, relationTypes: undefined }],
    [
      'cis and relations',
      { cis: [{ class: 'a', name: 'b' }], relations: [] },
      { cis: [{ class: 'a', name: 'b' }], relations: [], classes: undefined, relationTypes: undefined },
    ],
    [
      'a delete section',
      { delete: { cis: ['a/b'] } },
      { cis: [], relations: [], classes: undefined, relationTypes: undefined, delete: { cis: ['a/b'], relations: [] } },
    ],
    [
      'a null delete section',
      { delete: null },
      { cis: [], relations: [], classes: undefined, relationTypes: undefined },
    ],
    [
      'classes',
      { classes: [{ name: 'x' }] },
      { cis: [], relations: [], classes: [{ name: 'x' }], relationTypes: undefined },
    ],
  ])('returns the document typed: %s', (_label, doc, expected) => {
    expect(checkDocumentShape(doc, [])).toEqual(expected);
  });
});

describe('isObject', () => {
  it.each([
    [{}, true],
    [{ a: 1 }, true],
    [[], false],
    [null, false],
    [new Date(0), false],
    ['x', false],
    [1, false],
    [undefined, false],
  ])('%j: %s', (value, expected) => {
    expect(isObject(value)).toBe(expected);
  });
});
