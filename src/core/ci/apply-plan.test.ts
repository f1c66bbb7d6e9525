import { describe, expect, it } from 'vitest';
import { contentHash } from '../shared/canonical.js';
import type { FieldError } from '../shared/errors.js';
import { sequentialIds } from '../shared/ids.js';
import { ModelRegistry } from '../model/model-registry.js';
import {
  planCiWrites,
  planRelationWrites,
  refKey,
  relationKey,
  resolveRelations,
  type WriteContext,
} from './apply-plan.js';
import { ciContent, relationContent, type CiVersion, type RelationVersion } from './ci.types.js';
import type { DesiredCi, DesiredRelation } from './desired-state.js';

const registry = new ModelRegistry(
  [
    { name: 'server', attributes: { type: 'object', properties: { cpu: { type: 'integer' } } } },
    { name: 'app', statuses: ['draft', 'live'] },
    { name: 'lamp', statuses: ['on', 'off'] },
  ],
  [
    { name: 'runs_on', inverse: 'hosts', impact: 'target-to-source' },
    { name: 'connected_to', inverse: 'connected_to', impact: 'both' },
  ],
);

function ctx(over: Partial<WriteContext> = {}): WriteContext {
  return { registry, rev: 7, ids: sequentialIds(), source: 'cli', ...over };
}

function current(over: Partial<CiVersion> & Pick<CiVersion, 'class' | 'name'>): CiVersion {
  const v: CiVersion = {
    id: 'ci_old',
    status: 'active',
    attributes: {},
    labels: {},
    source: 'import:k8s',
    revFrom: 3,
    revTo: null,
    hash: '',
    attributeSources: {},
    ...over,
  };
  return { ...v, hash: contentHash(ciContent(v)) };
}

const WEB = current({
  class: 'server',
  name: 'web',
  attributes: { cpu: 4, os: 'linux' },
  labels: { team: 'ops' },
  attributeSources: { cpu: 'import:k8s', os: 'discovery' },
});

interface CiCase {
  label: string;
  desired: DesiredCi[];
  /** Each write as `before id → after (status, attributes, labels, id, source)`. */
  writes: {
    before?: string;
    id: string;
    status: string;
    attributes: Record<string, unknown>;
    labels: Record<string, string>;
    source: string | null;
    attributeSources: Record<string, string>;
  }[];
  errors: FieldError[];
  context?: Partial<WriteContext>;
}

const CI_CASES: CiCase[] = [
  {
    label: 'a new CI takes a new id, status active and the writing source',
    desired: [{ class: 'server', name: 'db', attributes: { cpu: 2 } }],
    writes: [
      {
        id: 'ci_000001',
        status: 'active',
        attributes: { cpu: 2 },
        labels: {},
        source: 'cli',
        attributeSources: { cpu: 'cli' },
      },
    ],
    errors: [],
  },
  {
    label: 'a class without active takes its first status',
    desired: [{ class: 'lamp', name: 'l1' }],
    writes: [{ id: 'ci_000001', status: 'on', attributes: {}, labels: {}, source: 'cli', attributeSources: {} }],
    errors: [],
  },
  {
    label: 'an unchanged CI writes nothing',
    desired: [{ class: 'server', name: 'web', attributes: { cpu: 4 }, labels: { team: 'ops' } }],
    writes: [],
    errors: [],
  },
  {
    label: 'a changed attribute keeps the id and status, merges, and takes over that attribute’s source',
    desired: [{ class: 'server', name: 'web', attributes: { cpu: 8 } }],
    writes: [
      {
        before: 'ci_old',
        id: 'ci_old',
        status: 'active',
        attributes: { cpu: 8, os: 'linux' },
        labels: { team: 'ops' },
        source: 'cli',
        attributeSources: { cpu: 'cli', os: 'discovery' },
      },
    ],
    errors: [],
  },
  {
    label: 'null removes an attribute and a label',
    desired: [{ class: 'server', name: 'web', attributes: { os: null }, labels: { team: null } }],
    writes: [
      {
        before: 'ci_old',
        id: 'ci_old',
        status: 'active',
        attributes: { cpu: 4 },
        labels: {},
        source: 'cli',
        attributeSources: { cpu: 'import:k8s' },
      },
    ],
    errors: [],
  },
  {
    label: 'a status change alone',
    desired: [{ class: 'server', name: 'web', status: 'retired' }],
    writes: [
      {
        before: 'ci_old',
        id: 'ci_old',
        status: 'retired',
        attributes: { cpu: 4, os: 'linux' },
        labels: { team: 'ops' },
        source: 'cli',
        attributeSources: { cpu: 'import:k8s', os: 'discovery' },
      },
    ],
    errors: [],
  },
  {
    label: 'without a writing source, the version keeps its source and new attributes are `unknown`',
    desired: [{ class: 'server', name: 'web', attributes: { disk: 100 } }],
    writes: [
      {
        before: 'ci_old',
        id: 'ci_old',
        status: 'active',
        attributes: { cpu: 4, os: 'linux', disk: 100 },
        labels: { team: 'ops' },
        source: 'import:k8s',
        attributeSources: { cpu: 'import:k8s', os: 'discovery', disk: 'unknown' },
      },
    ],
    errors: [],
    context: { source: null },
  },
  {
    label: 'attributes the source may not write are left as they are',
    desired: [{ class: 'server', name: 'web', attributes: { cpu: 16, os: 'bsd' } }],
    writes: [
      {
        before: 'ci_old',
        id: 'ci_old',
        status: 'active',
        attributes: { cpu: 4, os: 'bsd' },
        labels: { team: 'ops' },
        source: 'cli',
        attributeSources: { cpu: 'import:k8s', os: 'cli' },
      },
    ],
    errors: [],
    context: { mayWrite: (_cls, attribute) => attribute !== 'cpu' },
  },
  {
    label: 'a CI named twice: the second is an error, the first is written',
    desired: [
      { class: 'lamp', name: 'x' },
      { class: 'lamp', name: 'x', status: 'off' },
    ],
    writes: [{ id: 'ci_000001', status: 'on', attributes: {}, labels: {}, source: 'cli', attributeSources: {} }],
    errors: [{ path: 'cis[1]', message: 'lamp/x appears twice in the document (first at cis[0])' }],
  },
  {
    label: 'an unknown class',
    desired: [{ class: 'router', name: 'r1' }],
    writes: [],
    errors: [{ path: 'cis[0].class', message: '"router" is not a known class (see `cairn class list`)' }],
  },
  {
    label: 'a status the class does not allow',
    desired: [{ class: 'app', name: 'shop', status: 'active' }],
    writes: [],
    errors: [{ path: 'cis[0].status', message: '"active" is not a status of class app (allowed: draft, live)' }],
  },
  {
    label: 'attributes that fail the schema, after the merge',
    desired: [{ class: 'server', name: 'web', attributes: { cpu: 'many' } }],
    writes: [],
    errors: [{ path: 'cis[0].attributes.cpu', message: 'must be integer (type rule of class server)' }],
  },
  {
    label: 'errors do not stop the other CIs; new ids are taken in document order',
    desired: [
      { class: 'lamp', name: 'a' },
      { class: 'nope', name: 'b' },
      { class: 'lamp', name: 'c', labels: { room: 'hall' } },
    ],
    writes: [
      { id: 'ci_000001', status: 'on', attributes: {}, labels: {}, source: 'cli', attributeSources: {} },
      { id: 'ci_000002', status: 'on', attributes: {}, labels: { room: 'hall' }, source: 'cli', attributeSources: {} },
    ],
    errors: [{ path: 'cis[1].class', message: '"nope" is not a known class (see `cairn class list`)' }],
  },
];

describe('planCiWrites', () => {
  it.each(CI_CASES)('$label', ({ desired, writes, errors, context }) => {
    const found: FieldError[] = [];
    const out = planCiWrites(desired, new Map([[refKey('server', 'web'), WEB]]), ctx(context), found);
    expect(found).toEqual(errors);
    expect(
      out.map((w) => ({
        ...(w.before ? { before: w.before.id } : {}),
        id: w.after.id,
        status: w.after.status,
        attributes: w.after.attributes,
        labels: w.after.labels,
        source: w.after.source,
        attributeSources: w.after.attributeSources,
      })),
    ).toEqual(writes);
    for (const w of out) {
      expect(w.after.revFrom).toBe(7);
      expect(w.after.revTo).toBeNull();
      expect(w.after.hash).toBe(contentHash(ciContent(w.after)));
      if (w.before) expect(w.before).toBe(WEB);
    }
  });
});

const CIS = new Map<string, CiVersion>([
  ['app/shop', current({ id: 'ci_shop', class: 'app', name: 'shop', status: 'live' })],
  ['server/web', { ...WEB, id: 'ci_web' }],
  ['server/db', current({ id: 'ci_db', class: 'server', name: 'db' })],
]);

interface RelationCase {
  label: string;
  desired: DesiredRelation[];
  resolved: { index: number; type: string; sourceId: string; targetId: string; sourceRef: string; targetRef: string }[];
  errors: FieldError[];
}

const RELATION_CASES: RelationCase[] = [
  {
    label: 'a relationship by its name',
    desired: [{ type: 'runs_on', from: 'app/shop', to: 'server/web' }],
    resolved: [
      {
        index: 0,
        type: 'runs_on',
        sourceId: 'ci_shop',
        targetId: 'ci_web',
        sourceRef: 'app/shop',
        targetRef: 'server/web',
      },
    ],
    errors: [],
  },
  {
    label: 'an inverse name swaps the ends',
    desired: [{ type: 'hosts', from: 'server/web', to: 'app/shop' }],
    resolved: [
      {
        index: 0,
        type: 'runs_on',
        sourceId: 'ci_shop',
        targetId: 'ci_web',
        sourceRef: 'app/shop',
        targetRef: 'server/web',
      },
    ],
    errors: [],
  },
  {
    label: 'the same relationship by its name and its inverse is a duplicate',
    desired: [
      { type: 'runs_on', from: 'app/shop', to: 'server/web' },
      { type: 'hosts', from: 'server/web', to: 'app/shop' },
    ],
    resolved: [
      {
        index: 0,
        type: 'runs_on',
        sourceId: 'ci_shop',
        targetId: 'ci_web',
        sourceRef: 'app/shop',
        targetRef: 'server/web',
      },
    ],
    errors: [
      { path: 'relations[1]', message: 'this relationship appears twice in the document (first at relations[0])' },
    ],
  },
  {
    label: 'a symmetric type keeps its direction, so both directions are two relationships',
    desired: [
      { type: 'connected_to', from: 'server/web', to: 'server/db' },
      { type: 'connected_to', from: 'server/db', to: 'server/web' },
    ],
    resolved: [
      {
        index: 0,
        type: 'connected_to',
        sourceId: 'ci_web',
        targetId: 'ci_db',
        sourceRef: 'server/web',
        targetRef: 'server/db',
      },
      {
        index: 1,
        type: 'connected_to',
        sourceId: 'ci_db',
        targetId: 'ci_web',
        sourceRef: 'server/db',
        targetRef: 'server/web',
      },
    ],
    errors: [],
  },
  {
    label: 'an unknown type',
    desired: [{ type: 'likes', from: 'app/shop', to: 'server/web' }],
    resolved: [],
    errors: [{ path: 'relations[0].type', message: '"likes" is not a known relationship type' }],
  },
  {
    label: 'ends that are not references, or do not exist, each reported',
    desired: [{ type: 'runs_on', from: 'shop', to: 'server/gone' }],
    resolved: [],
    errors: [
      { path: 'relations[0].from', message: '"shop" is not a CI reference (class/name)' },
      { path: 'relations[0].to', message: 'server/gone does not exist' },
    ],
  },
];

describe('resolveRelations', () => {
  it.each(RELATION_CASES)('$label', ({ desired, resolved, errors }) => {
    const found: FieldError[] = [];
    const out = resolveRelations(desired, (ref) => CIS.get(ref), registry, found);
    expect(found).toEqual(errors);
    expect(out.map(({ attributes: _a, ...r }) => r)).toEqual(resolved);
  });
});

describe('planRelationWrites', () => {
  const existing: RelationVersion = (() => {
    const v: RelationVersion = {
      id: 'rel_old',
      type: 'runs_on',
      sourceId: 'ci_shop',
      targetId: 'ci_web',
      attributes: { port: 80 },
      source: 'import:k8s',
      revFrom: 2,
      revTo: null,
      hash: '',
    };
    return { ...v, hash: contentHash(relationContent(v)) };
  })();
  const currentRelations = new Map([[relationKey('runs_on', 'ci_shop', 'ci_web'), existing]]);
  const resolved = (attributes?: Record<string, unknown>, targetId = 'ci_web') => [
    {
      index: 0,
      type: 'runs_on',
      sourceId: 'ci_shop',
      targetId,
      sourceRef: 'app/shop',
      targetRef: 'server/x',
      attributes,
    },
  ];

  const CASES: [
    string,
    Record<string, unknown> | undefined,
    string,
    { before?: string; id: string; attributes: Record<string, unknown>; source: string | null }[],
    Partial<WriteContext>?,
  ][] = [
    ['an unchanged relationship writes nothing', undefined, 'ci_web', []],
    ['the same attributes write nothing', { port: 80 }, 'ci_web', []],
    [
      'a changed attribute writes a new version with the same id',
      { port: 443 },
      'ci_web',
      [{ before: 'rel_old', id: 'rel_old', attributes: { port: 443 }, source: 'cli' }],
    ],
    [
      'an attribute removed with null',
      { port: null },
      'ci_web',
      [{ before: 'rel_old', id: 'rel_old', attributes: {}, source: 'cli' }],
    ],
    [
      'without a writing source the version keeps its source',
      { tls: true },
      'ci_web',
      [{ before: 'rel_old', id: 'rel_old', attributes: { port: 80, tls: true }, source: 'import:k8s' }],
      { source: null },
    ],
    ['a new relationship takes a new id', undefined, 'ci_db', [{ id: 'rel_000001', attributes: {}, source: 'cli' }]],
  ];
  it.each(CASES)('%s', (_label, attributes, targetId, expected, context) => {
    const out = planRelationWrites(resolved(attributes, targetId), currentRelations, ctx(context));
    expect(
      out.map((w) => ({
        ...(w.before ? { before: w.before.id } : {}),
        id: w.after.id,
        attributes: w.after.attributes,
        source: w.after.source,
      })),
    ).toEqual(expected);
    for (const w of out) {
      expect(w.after).toMatchObject({ type: 'runs_on', sourceId: 'ci_shop', targetId, revFrom: 7, revTo: null });
      expect(w.after.hash).toBe(contentHash(relationContent(w.after)));
    }
  });
});

describe('keys', () => {
  it.each([
    ['server', 'web', 'server/web'],
    ['k8s_pod', 'ns/p', 'k8s_pod/ns/p'],
  ])('refKey(%s, %s) = %s', (cls, name, key) => {
    expect(refKey(cls, name)).toBe(key);
  });

  it('relationKey separates its parts with a NUL so that no name can run into the next', () => {
    expect(relationKey('runs_on', 'ci_a', 'ci_b')).toBe('runs_on\u0000ci_a\u0000ci_b');
    expect(relationKey('a', 'b c', 'd')).not.toBe(relationKey('a', 'b', 'c d'));
  });
});

describe('items written again unchanged (a re-import)', () => {
  /** `v` whose stored attributes cannot be read: what a lookup parses lazily is never parsed. */
  function unreadable<T extends { attributes: Record<string, unknown> }>(v: T): T {
    const copy = { ...v };
    Object.defineProperty(copy, 'attributes', {
      get: () => {
        throw new Error('the stored attributes were read');
      },
    });
    return copy;
  }

  it('are told by the content hash, before the stored attributes are read or merged', () => {
    const found: FieldError[] = [];
    const again: DesiredCi = { class: 'server', name: 'web', attributes: { os: 'linux', cpu: 4 } };
    const byRef = new Map([[refKey('server', 'web'), unreadable(WEB)]]);
    expect(planCiWrites([again], byRef, ctx(), found)).toEqual([]);
    expect(found).toEqual([]);
  });

  it('still merge when the hash differs: a partial update of an unchanged key writes nothing', () => {
    const found: FieldError[] = [];
    const partial: DesiredCi = { class: 'server', name: 'web', attributes: { cpu: 4 } };
    expect(planCiWrites([partial], new Map([[refKey('server', 'web'), WEB]]), ctx(), found)).toEqual([]);
    const changed: DesiredCi = { class: 'server', name: 'web', attributes: { os: 'linux', cpu: 8 } };
    expect(planCiWrites([changed], new Map([[refKey('server', 'web'), WEB]]), ctx(), found)).toHaveLength(1);
  });

  it('skip an existing relationship given again, with or without its attributes, without reading them', () => {
    const v: RelationVersion = {
      id: 'rel_old',
      type: 'runs_on',
      sourceId: 'ci_shop',
      targetId: 'ci_web',
      attributes: { port: 80 },
      source: 'import:k8s',
      revFrom: 2,
      revTo: null,
      hash: '',
    };
    const stored = unreadable({ ...v, hash: contentHash(relationContent(v)) });
    const byKey = new Map([[relationKey('runs_on', 'ci_shop', 'ci_web'), stored]]);
    const again = (attributes?: Record<string, unknown>) => [
      {
        index: 0,
        type: 'runs_on',
        sourceId: 'ci_shop',
        targetId: 'ci_web',
        sourceRef: 'a/s',
        targetRef: 'b/w',
        attributes,
      },
    ];
    expect(planRelationWrites(again(), byKey, ctx())).toEqual([]);
    expect(planRelationWrites(again({ port: 80 }), byKey, ctx())).toEqual([]);
  });
});
