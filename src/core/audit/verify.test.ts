import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import { contentHash } from '../shared/canonical.js';
import { ciContent } from '../ci/ci.types.js';
import type { CmdbReader, StrayVersion } from '../cmdb/cmdb.port.js';
import { computeRevisionHash } from '../revision/revision-hash.js';
import type { Revision, RevisionWrites } from '../revision/revision.types.js';
import { verifyChain } from './verify.js';

const none = (): RevisionWrites => ({
  createdCis: [],
  endedCis: [],
  createdRelations: [],
  endedRelations: [],
  createdModel: [],
  endedModel: [],
});

function ci(id: string, cpu: number, revFrom: number): CiVersion {
  const v: CiVersion = {
    id,
    class: 'server',
    name: id,
    status: 'active',
    attributes: { cpu },
    labels: {},
    source: null,
    revFrom,
    revTo: null,
    hash: '',
    attributeSources: {},
  };
  return { ...v, hash: contentHash(ciContent(v)) };
}

interface History {
  revisions: (Revision | undefined)[];
  writes: RevisionWrites[];
  stray: StrayVersion[];
}

/** A CMDB of `n` revisions, each writing one CI, correctly chained; tests then tamper with it. */
function history(n: number): History {
  const revisions: Revision[] = [];
  const writes: RevisionWrites[] = [];
  let prevHash: string | null = null;
  for (let rev = 1; rev <= n; rev++) {
    const w = { ...none(), createdCis: [ci(`ci_${rev}`, rev, rev)] };
    const header = {
      rev,
      parentRev: rev === 1 ? null : rev - 1,
      at: `2026-11-20T10:00:0${rev}.000Z`,
      author: 'alice',
      message: `rev ${rev}`,
      source: 'cli',
      changeId: null,
      prevHash,
    };
    const hash = computeRevisionHash(header, w, true);
    revisions.push({ ...header, hash });
    writes.push(w);
    prevHash = hash;
  }
  return { revisions, writes, stray: [] };
}

function store(h: History, headRev = h.revisions.length): CmdbReader {
  const reader: Pick<CmdbReader, 'head' | 'getRevision' | 'revisionWrites' | 'versionsOutsideChain'> = {
    head: async () => (headRev === 0 ? undefined : ({ rev: headRev } as Revision)),
    getRevision: async (rev) => h.revisions[rev - 1],
    revisionWrites: async (rev) => h.writes[rev - 1] ?? none(),
    versionsOutsideChain: async (_head, limit) => h.stray.slice(0, limit),
  };
  return reader as CmdbReader;
}

const CONTENT = 'its content does not match its hash (a version row or the revision was changed)';
const LINK = 'its link to the previous revision does not match';

// [what was done to a 4-revision history, every problem expected in order ([] : verifies)]
const TAMPERING: [string, (h: History) => void, [string, string][]][] = [
  ['nothing', () => {}, []],
  ['revision 2 deleted', (h) => (h.revisions[1] = undefined), [['revision 2', 'the revision is missing (deleted?)']]],
  [
    'revision 3’s author edited',
    (h) => (h.revisions[2] = { ...h.revisions[2]!, author: 'mallory' }),
    [['revision 3', CONTENT]],
  ],
  [
    'revision 2’s hash replaced',
    (h) => (h.revisions[1] = { ...h.revisions[1]!, hash: 'f'.repeat(64) }),
    [
      ['revision 2', CONTENT],
      ['revision 3', LINK],
    ],
  ],
  [
    'revision 4’s link edited',
    (h) => (h.revisions[3] = { ...h.revisions[3]!, prevHash: 'x' }),
    [
      ['revision 4', LINK],
      ['revision 4', CONTENT],
    ],
  ],
  [
    'revision 1 given a link',
    (h) => (h.revisions[0] = { ...h.revisions[0]!, prevHash: 'x' }),
    [
      ['revision 1', LINK],
      ['revision 1', CONTENT],
    ],
  ],
  [
    'revision 3’s parent edited',
    (h) => (h.revisions[2] = { ...h.revisions[2]!, parentRev: 1 }),
    [
      ['revision 3', 'its parent revision is wrong'],
      ['revision 3', CONTENT],
    ],
  ],
  [
    'a CI row of revision 2 edited behind its hash',
    (h) => (h.writes[1]!.createdCis[0]!.attributes = { cpu: 99 }),
    [['revision 2', CONTENT]],
  ],
  ['a CI row of revision 4 deleted', (h) => (h.writes[3]!.createdCis = []), [['revision 4', CONTENT]]],
  ['a CI row inserted in revision 1', (h) => h.writes[0]!.createdCis.push(ci('ci_x', 1, 1)), [['revision 1', CONTENT]]],
  [
    'two revisions edited at once: both reported',
    (h) => {
      h.revisions[1] = { ...h.revisions[1]!, message: 'edited' };
      h.writes[3]!.createdCis[0]!.attributes = { cpu: 0 };
    },
    [
      ['revision 2', CONTENT],
      ['revision 4', CONTENT],
    ],
  ],
  [
    'a version row outside the chain, besides an edited revision',
    (h) => {
      h.revisions[0] = { ...h.revisions[0]!, author: 'mallory' };
      h.stray.push({ table: 'ci', key: 'ci_f (server/fake)', revFrom: 0, revTo: null });
    },
    [
      ['revision 1', CONTENT],
      ['CI version ci_f (server/fake)', 'its rev_from 0 is not a revision: no revision wrote this row (forged?)'],
    ],
  ],
];

describe('verifyChain', () => {
  it.each(TAMPERING)('%s', async (_label, tamper, expected) => {
    const h = history(4);
    tamper(h);
    const result = await verifyChain(store(h));
    if (expected.length === 0) {
      expect(result).toEqual({ ok: true, revisions: 4 });
      return;
    }
    expect(result.ok).toBe(false);
    expect(result.problems?.map((p) => [p.record, p.reason])).toEqual(expected);
    expect(result.problemCount).toBe(expected.length);
    expect(result.firstBad?.reason).toContain(expected[0]![1]);
  });

  it.each([
    [{ revFrom: 9, revTo: null }, 9, /rev_from 9 is beyond the newest revision 4: .*newest revision deleted/],
    [{ revFrom: 2, revTo: 7 }, 7, /rev_to 7 is beyond the newest revision 4/],
    [{ revFrom: 3, revTo: 3 }, 3, /rev_to 3 is not after its rev_from 3/],
  ])('names a stray version row %j and the revision it claims', async (rows, rev, reason) => {
    const h = history(4);
    h.stray.push({ table: 'relation', key: 'rel_1 (runs_on)', ...rows });
    const result = await verifyChain(store(h));
    expect(result.problems).toEqual([
      { record: 'relation version rel_1 (runs_on)', reason: expect.stringMatching(reason) },
    ]);
    expect(result.firstBad?.rev).toBe(rev);
  });

  it('verifies an empty CMDB', async () => {
    expect(await verifyChain(store({ revisions: [], writes: [], stray: [] }))).toEqual({ ok: true, revisions: 0 });
  });

  it('reports progress after each good revision', async () => {
    const seen: [number, number][] = [];
    const h = history(3);
    h.revisions[2] = { ...h.revisions[2]!, message: 'edited' };
    await verifyChain(store(h), (rev, total) => seen.push([rev, total]));
    expect(seen).toEqual([
      [1, 3],
      [2, 3],
    ]);
  });
});
