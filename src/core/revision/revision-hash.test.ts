import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import { ciContent, relationContent } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { ClassDefinition } from '../model/model.types.js';
import { contentHash } from '../shared/canonical.js';
import { computeRevisionHash, computeRevisionHashStreamed } from './revision-hash.js';
import type { RevisionHashPage } from './revision-hash-stream.types.js';
import type { Revision, RevisionWrites } from './revision.types.js';

const HEADER: Omit<Revision, 'hash'> = {
  rev: 2,
  parentRev: 1,
  at: '2026-11-20T10:00:00.000Z',
  author: 'alice',
  message: 'add web-01',
  source: 'cli',
  changeId: null,
  prevHash: 'aa'.repeat(32),
};

function ci(id: string, over: Partial<CiVersion> = {}): CiVersion {
  const v: CiVersion = {
    id,
    class: 'server',
    name: id,
    status: 'active',
    attributes: { cpu: 4 },
    labels: {},
    source: null,
    revFrom: 2,
    revTo: null,
    hash: '',
    attributeSources: {},
    ...over,
  };
  return { ...v, hash: over.hash ?? contentHash(ciContent(v)) };
}

function rel(id: string, over: Partial<RelationVersion> = {}): RelationVersion {
  const v: RelationVersion = {
    id,
    type: 'runs_on',
    sourceId: 'ci_a',
    targetId: 'ci_b',
    attributes: {},
    source: null,
    revFrom: 2,
    revTo: null,
    hash: '',
    ...over,
  };
  return { ...v, hash: over.hash ?? contentHash(relationContent(v)) };
}

function model(name: string, over: Partial<ModelVersion> = {}): ModelVersion {
  const definition: ClassDefinition = { name, attributes: {} };
  return {
    kind: 'class',
    name,
    definition,
    revFrom: 2,
    revTo: null,
    hash: contentHash(definition),
    ...over,
  } as ModelVersion;
}

function writes(over: Partial<RevisionWrites> = {}): RevisionWrites {
  return {
    createdCis: [],
    endedCis: [],
    createdRelations: [],
    endedRelations: [],
    createdModel: [],
    endedModel: [],
    ...over,
  };
}

const BASE = writes({
  createdCis: [ci('ci_1'), ci('ci_2')],
  endedCis: [ci('ci_0', { revFrom: 1 })],
  createdRelations: [rel('rel_1')],
  createdModel: [model('server')],
});
const baseHash = computeRevisionHash(HEADER, BASE, false);

describe('computeRevisionHash', () => {
  it('is 64 hex characters and the same for the same input', () => {
    expect(baseHash).toMatch(/^[0-9a-f]{64}$/);
    expect(computeRevisionHash({ ...HEADER }, writes({ ...BASE }), false)).toBe(baseHash);
  });

  it('hashes an empty revision as SHA-256 of its canonical header', () => {
    // Written out by hand: a change in the encoding would break every stored chain.
    const header = `{"at":"2026-11-20T10:00:00.000Z","author":"alice","change":null,"message":"add web-01","parent":1,"prev":"${'aa'.repeat(32)}","rev":2,"source":"cli"}`;
    expect(computeRevisionHash(HEADER, writes(), false)).toBe(createHash('sha256').update(header).digest('hex'));
    expect(computeRevisionHash(HEADER, writes(), false)).toBe(
      '6b622b09a75e4c9bd1f1fcc25a9a5ed25de39ccb7420b73380031bbc421b8be3',
    );
  });

  it('appends one line per created CI after the header', () => {
    const one = ci('ci_1');
    const header = `{"at":"2026-11-20T10:00:00.000Z","author":"alice","change":null,"message":"add web-01","parent":1,"prev":"${'aa'.repeat(32)}","rev":2,"source":"cli"}`;
    const expected = createHash('sha256').update(`${header}\nc+ ci_1 ${one.hash} `).digest('hex');
    expect(computeRevisionHash(HEADER, writes({ createdCis: [one] }), false)).toBe(expected);
  });

  // Each header field the hash covers: changing it changes the hash.
  const HEADER_EDITS: [keyof Omit<Revision, 'hash'>, unknown][] = [
    ['rev', 3],
    ['parentRev', null],
    ['at', '2026-11-20T10:00:00.001Z'],
    ['author', 'bob'],
    ['message', 'add web-02'],
    ['source', 'api'],
    ['changeId', 'CHG-1'],
    ['prevHash', null],
  ];
  it.each(HEADER_EDITS)('changes when the header field %s changes', (field, value) => {
    expect(computeRevisionHash({ ...HEADER, [field]: value }, BASE, false)).not.toBe(baseHash);
  });

  // Each edit of one version row: the hash changes.
  const WRITE_EDITS: [string, RevisionWrites][] = [
    ['a created CI removed', writes({ ...BASE, createdCis: [ci('ci_1')] })],
    ['a created CI added', writes({ ...BASE, createdCis: [...BASE.createdCis, ci('ci_3')] })],
    ['a created CI’s stored hash', writes({ ...BASE, createdCis: [ci('ci_1', { hash: 'x' }), ci('ci_2')] })],
    ['a created CI’s source', writes({ ...BASE, createdCis: [ci('ci_1', { source: 'import:k8s' }), ci('ci_2')] })],
    ['an ended CI’s revFrom', writes({ ...BASE, endedCis: [ci('ci_0', { revFrom: 0 })] })],
    ['an ended CI removed', writes({ ...BASE, endedCis: [] })],
    ['a created relationship’s hash', writes({ ...BASE, createdRelations: [rel('rel_1', { hash: 'x' })] })],
    ['an ended relationship added', writes({ ...BASE, endedRelations: [rel('rel_9', { revFrom: 1 })] })],
    ['a created model version’s hash', writes({ ...BASE, createdModel: [model('server', { hash: 'x' })] })],
    ['a created model version’s kind', writes({ ...BASE, createdModel: [model('server', { kind: 'relation_type' })] })],
    ['an ended model version added', writes({ ...BASE, endedModel: [model('server', { revFrom: 1 })] })],
    [
      'a CI moved from created to ended',
      writes({ ...BASE, createdCis: [ci('ci_1')], endedCis: [ci('ci_0', { revFrom: 1 }), ci('ci_2')] }),
    ],
  ];
  it.each(WRITE_EDITS)('changes when %s', (_label, w) => {
    expect(computeRevisionHash(HEADER, w, false)).not.toBe(baseHash);
  });

  // What the hash does not depend on.
  const INVARIANTS: [string, RevisionWrites][] = [
    ['the order of created CIs', writes({ ...BASE, createdCis: [...BASE.createdCis].reverse() })],
    [
      'a created CI’s attribute sources',
      writes({ ...BASE, createdCis: [ci('ci_1', { attributeSources: { cpu: 'cli' } }), ci('ci_2')] }),
    ],
    ['a created CI’s revTo', writes({ ...BASE, createdCis: [ci('ci_1', { revTo: 9 }), ci('ci_2')] })],
  ];
  it.each(INVARIANTS)('does not change with %s', (_label, w) => {
    expect(computeRevisionHash(HEADER, w, false)).toBe(baseHash);
  });

  it('with recompute, trusts content over a stored hash', () => {
    // Stored hashes are right: recomputing gives the same chain hash.
    expect(computeRevisionHash(HEADER, BASE, true)).toBe(baseHash);
    // A row whose content was edited after its hash was stored: only recompute sees it.
    const tampered = writes({ ...BASE, createdCis: [{ ...ci('ci_1'), attributes: { cpu: 64 } }, ci('ci_2')] });
    expect(computeRevisionHash(HEADER, tampered, false)).toBe(baseHash);
    expect(computeRevisionHash(HEADER, tampered, true)).not.toBe(baseHash);
  });

  it.each([
    ['relationship', writes({ ...BASE, createdRelations: [{ ...rel('rel_1'), attributes: { port: 1 } }] })],
    [
      'model',
      writes({
        ...BASE,
        createdModel: [{ ...model('server'), definition: { name: 'server', attributes: { x: {} } } as never }],
      }),
    ],
  ])('with recompute, sees an edited %s row', (_label, tampered) => {
    expect(computeRevisionHash(HEADER, tampered, false)).toBe(baseHash);
    expect(computeRevisionHash(HEADER, tampered, true)).not.toBe(baseHash);
  });
});

/** The pages a store's revisionHashPages would yield for `w`, `size` versions a page, sorted by id. */
async function* pagesOf(w: RevisionWrites, size: number): AsyncIterable<RevisionHashPage> {
  for (const section of ['createdCis', 'endedCis', 'createdRelations', 'endedRelations'] as const) {
    const versions = [...w[section]].sort((a, b) => (a.id < b.id ? -1 : 1));
    for (let i = 0; i < versions.length; i += size) yield { section, versions: versions.slice(i, i + size) };
  }
}

describe('computeRevisionHashStreamed', () => {
  it.each([1, 2, 100])('gives the in-memory hash over pages of %i versions', async (size) => {
    expect(await computeRevisionHashStreamed(HEADER, pagesOf(BASE, size), BASE)).toBe(baseHash);
  });

  it('refuses pages out of id order or sections out of order instead of hashing them', async () => {
    const unordered = (async function* (): AsyncIterable<RevisionHashPage> {
      yield { section: 'createdCis', versions: [ci('ci_2'), ci('ci_1')] };
    })();
    await expect(computeRevisionHashStreamed(HEADER, unordered, BASE)).rejects.toThrow(/not in id order/);
    const backwards = (async function* (): AsyncIterable<RevisionHashPage> {
      yield { section: 'endedCis', versions: [ci('ci_1')] };
      yield { section: 'createdCis', versions: [ci('ci_2')] };
    })();
    await expect(computeRevisionHashStreamed(HEADER, backwards, BASE)).rejects.toThrow(/came after/);
  });
});
