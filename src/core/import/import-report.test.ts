import { describe, expect, it } from 'vitest';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import type { Revision } from '../revision/revision.types.js';
import { countWrites } from '../cmdb/write-views.js';
import { importReport } from './import-report.js';
import type { ImportOutcome } from './import.types.js';

const ci = (id: string, name: string) => ({ id, class: 'server', name }) as CiVersion;
const rel = (sourceId: string, targetId: string) => ({ type: 'runs_on', sourceId, targetId }) as RelationVersion;

function outcome(over: Partial<ImportOutcome> = {}): ImportOutcome {
  const writes = {
    cis: [{ after: ci('c1', 'new') }, { before: ci('c2', 'web'), after: ci('c2', 'web') }, { before: ci('c3', 'old') }],
    relations: [
      { after: rel('c1', 'c9') },
      { before: rel('c3', 'c2') },
      { before: rel('c1', 'c2'), after: rel('c1', 'c2') },
    ],
    model: [],
  };
  return {
    revision: null,
    writes,
    writesComplete: true,
    counts: countWrites(writes),
    problems: [
      { file: 'hosts.csv', location: 'line 4', message: 'name is required' },
      { message: 'bad file', file: 'x.csv' },
    ],
    skipped: [],
    unresolved: [],
    resolved: 0,
    unchanged: { cis: 1, relations: 0 },
    read: { cis: 5, relations: 3 },
    dryRun: true,
    refused: false,
    ...over,
  };
}

/** Names CIs the writes do not hold, as the CMDB would; counts the ids it was asked for. */
function cmdb(asked: string[][]): CmdbService {
  const fake: Pick<CmdbService, 'namesOf'> = {
    namesOf: async (ids) => (
      asked.push(ids),
      new Map(ids.filter((id) => id === 'c9').map((id) => [id, 'server/elsewhere']))
    ),
  };
  return fake as CmdbService;
}

const COUNTS = {
  cis: { added: 1, modified: 1, removed: 1 },
  relations: { added: 1, modified: 1, removed: 1 },
  classes: 0,
};
const PROBLEMS = [
  { file: 'hosts.csv', message: 'name is required', location: 'line 4' },
  { file: 'x.csv', message: 'bad file' },
];

describe('importReport', () => {
  it('a dry run lists what would change, naming relationship ends', async () => {
    const asked: string[][] = [];
    const report = await importReport(outcome(), 'import:csv', cmdb(asked));
    expect(report).toEqual({
      revision: null,
      hash: null,
      dryRun: true,
      refused: false,
      source: 'import:csv',
      read: { cis: 5, relations: 3 },
      unchanged: { cis: 1, relations: 0 },
      ...COUNTS,
      problems: PROBLEMS,
      skipped: [],
      unresolved: [],
      resolved: 0,
      changes: {
        added: ['server/new'],
        modified: ['server/web'],
        removed: ['server/old'],
        relations: {
          added: ['server/new runs_on server/elsewhere'],
          modified: ['server/new runs_on server/web'],
          removed: ['server/old runs_on server/web'],
        },
      },
    });
    // Only the end the writes do not name is looked up.
    expect(asked).toEqual([['c9']]);
  });

  it('problems keep the API’s key order: file, message, location', async () => {
    const report = await importReport(outcome(), 'import:csv');
    expect(report.problems.map((p) => Object.keys(p))).toEqual([
      ['file', 'message', 'location'],
      ['file', 'message'],
    ]);
  });

  it.each([
    ['a written import', { dryRun: false, revision: { rev: 8, hash: 'h8' } as Revision }, true, 8, 'h8'],
    ['a refused dry run', { refused: true }, true, null, null],
    ['a dry run without the CMDB to name things', {}, false, null, null],
  ] as [string, Partial<ImportOutcome>, boolean, number | null, string | null][])(
    '%s has no change lists',
    async (_label, over, withCmdb, revision, hash) => {
      const asked: string[][] = [];
      const report = await importReport(outcome(over), 'import:k8s', withCmdb ? cmdb(asked) : undefined);
      expect(report.changes).toBeUndefined();
      expect(report).toMatchObject({ revision, hash, source: 'import:k8s', ...COUNTS });
      expect(asked).toEqual([]);
    },
  );
});
