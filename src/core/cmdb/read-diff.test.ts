import { describe, expect, it } from 'vitest';
import type { CiVersion } from '../ci/ci.types.js';
import type { RevisionHeader, VersionChains } from '../revision/revision.types.js';
import { readDiff } from './read-diff.js';

/** Version `revFrom`–`revTo` of server web (id ci_web), its cpu `cpu`. */
function web(revFrom: number, revTo: number | null, cpu: number): CiVersion {
  return {
    id: 'ci_web',
    class: 'server',
    name: 'web',
    status: 'active',
    attributes: { cpu },
    labels: {},
    source: null,
    hash: `h${cpu}`,
    revFrom,
    revTo,
    attributeSources: {},
  };
}

const header = (rev: number): RevisionHeader => ({
  rev,
  at: `2026-12-0${rev % 9}T00:00:00.000Z`,
  author: `author-${rev}`,
  changeId: null,
  backoutOf: null,
});

/** A store whose web server changed cpu in revision `changedIn`; its header reads recorded. */
function storeOf(changedIn: number, failing?: Error) {
  const asked: number[][] = [];
  const chains: VersionChains = {
    cisEnded: [web(1, changedIn, 2)],
    cisBegun: [web(changedIn, null, 4)],
    relationsEnded: [],
    relationsBegun: [],
  };
  return {
    asked,
    deps: {
      store: {
        versionChainsBetween: async () => {
          if (failing) throw failing;
          return chains;
        },
        revisionsIn: async (revs: number[]) => {
          asked.push(revs);
          if (failing) throw new Error('the headers could not be read either');
          return revs.map(header);
        },
      },
      cmdb: { namesOf: async () => new Map<string, string>() },
    },
  };
}

describe('readDiff', () => {
  it('reads every header of a short range beside the versions, and names the revision of each line', async () => {
    const { deps, asked } = storeOf(4);
    const diff = await readDiff(deps, 2, 6);
    expect(asked).toEqual([[3, 4, 5, 6]]);
    expect(diff.modified).toEqual([
      {
        ref: 'server/web',
        id: 'ci_web',
        changes: [
          {
            path: 'attributes.cpu',
            from: 2,
            to: 4,
            change: 'changed',
            madeIn: { rev: 4, at: header(4).at, author: 'author-4', change: null, backoutOf: null },
          },
        ],
      },
    ]);
  });

  it('reads only the headers its lines name over a long range', async () => {
    const { deps, asked } = storeOf(3_000);
    const diff = await readDiff(deps, 2, 4_000);
    expect(asked).toEqual([[3_000]]);
    expect(diff.modified[0]!.changes[0]!.madeIn.author).toBe('author-3000');
  });

  it('fails as its versions failed to be read, the headers read ahead failing too without an unhandled rejection', async () => {
    const { deps } = storeOf(4, new Error('the versions could not be read'));
    await expect(readDiff(deps, 2, 6)).rejects.toThrow('the versions could not be read');
    // An unhandled rejection of the headers would fail the run here.
    await new Promise((resolve) => setTimeout(resolve, 10));
  });
});
