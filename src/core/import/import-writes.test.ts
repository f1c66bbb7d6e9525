import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import { ImportWrites } from './import-writes.js';

const version = (n: number): CiVersion => ({
  id: `ci_${n}`,
  class: 'server',
  name: n === 2 ? 'web[0]' : `host-${n}`,
  status: 'active',
  attributes: {},
  labels: {},
  attributeSources: {},
  source: 'inventory',
  revFrom: 2,
  revTo: null,
  hash: `h${n}`,
});

/** Three CIs created, a relationship between the first two. */
const writes = (): PendingWrites => ({
  cis: [1, 2, 3].map((n) => ({ after: version(n) })),
  relations: [
    {
      after: {
        id: 'rel_1',
        type: 'depends_on',
        sourceId: 'ci_1',
        targetId: 'ci_2',
        attributes: {},
        source: 'inventory',
        revFrom: 2,
        revTo: null,
        hash: 'r1',
      },
    },
  ],
  model: [],
});

describe('ImportWrites', () => {
  it('keeps only counts past its limit when no reference waits, without asking which CIs are awaited', async () => {
    const asked: string[][] = [];
    const written = new ImportWrites(
      2,
      async (refs) => {
        asked.push(refs);
        return new Set();
      },
      async () => false,
    );
    await written.add(writes());
    expect(asked).toEqual([]);
    expect(written.complete).toBe(false);
    expect(written.kept).toEqual({ cis: [], relations: [], model: [] });
    expect(written.counts.cis.added).toBe(3);
    expect(written.counts.relations.added).toBe(1);
  });

  it('keeps the awaited CIs (or instances of an awaited resource) and their relationships when some reference waits', async () => {
    const asked: string[][] = [];
    const written = new ImportWrites(
      2,
      async (refs) => {
        asked.push(refs);
        return new Set(['server/web']);
      },
      async () => true,
    );
    await written.add(writes());
    expect(asked).toEqual([['server/host-1', 'server/web[0]', 'server/web', 'server/host-3']]);
    expect(written.kept.cis.map((w) => w.after?.id)).toEqual(['ci_2']);
    expect(written.kept.relations.map((w) => w.after?.id)).toEqual(['rel_1']);
  });
});
