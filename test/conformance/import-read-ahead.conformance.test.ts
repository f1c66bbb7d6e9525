import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import type { DesiredCi, DesiredRelation } from '../../src/core/ci/desired-state.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch, ImportOutcome } from '../../src/core/import/import.types.js';
import { fixedClock, systemClock } from '../../src/core/shared/clock.js';
import { sequentialIds } from '../../src/core/shared/ids.js';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';

/** The store, with each write transaction's `largeWritesRunAhead` as `ahead` says and `watch` told of it. */
function runningAhead(store: KyselyCmdbStore, ahead: boolean, watch: (tx: CmdbWriter) => CmdbWriter = (tx) => tx) {
  const spy = Object.create(store) as KyselyCmdbStore;
  spy.write = (work) =>
    store.write((tx) =>
      work(
        watch(
          new Proxy(tx, {
            get: (target, key, receiver) =>
              key === 'largeWritesRunAhead' ? ahead : (Reflect.get(target, key, receiver) as unknown),
          }),
        ),
      ),
    );
  return spy;
}

const server = (name: string, cpu = 2): DesiredCi => makeCi({ name, attributes: { environment: 'production', cpu } });
const app = (name: string): DesiredCi => ({ class: 'application', name, attributes: { environment: 'production' } });
const runsOn = (a: string, s: string, weight?: number): DesiredRelation => ({
  type: 'runs_on',
  from: `application/${a}`,
  to: `server/${s}`,
  ...(weight === undefined ? {} : { attributes: { weight } }),
});

const hosts = (s: string, a: string, weight: number): DesiredRelation => ({
  type: 'hosts',
  from: `server/${s}`,
  to: `application/${a}`,
  attributes: { weight },
});

/** What the CMDB holds before the import compared: servers s0–s3, applications a0–a2, each on a server. */
const first: ImportBatch[] = [
  {
    cis: [server('s0'), server('s1'), server('s2'), server('s3'), app('a0'), app('a1'), app('a2')],
    relations: [runsOn('a0', 's0', 1), runsOn('a1', 's1'), runsOn('a2', 's2')],
  },
];

/**
 * Batches of three records or more (the import's batch size below), each written while the next
 * is screened when run ahead. They hold what reading ahead must not get wrong: a relationship
 * changed in one batch and given again, as changed, by its inverse type in the next (a repeat,
 * reported, whose stored version is not settled when that batch is screened), relationships to CIs created the batch
 * before, a batch that changes the model before a batch that uses it, a relationship whose ends
 * the input does not name (written at the end), unchanged and bad records.
 */
const second: ImportBatch[] = [
  { cis: [server('s0', 4), app('a0'), server('s4')], relations: [] },
  { cis: [app('a3')], relations: [runsOn('a0', 's0', 2), runsOn('a3', 's4')] },
  {
    cis: [app('a1')],
    relations: [hosts('s0', 'a0', 2), runsOn('a1', 's4')],
  },
  {
    classes: [{ name: 'lamp', description: 'A lamp.' }],
    cis: [{ class: 'lamp', name: 'l0' }, { class: 'nothing', name: 'x' }, server('s5')],
    relations: [],
  },
  { cis: [{ class: 'lamp', name: 'l1' }, server('s2', 8)], relations: [runsOn('a0', 's5'), runsOn('a2', 's3')] },
];

for (const harness of engines()) {
  describe(`an import that reads its next batch before writing the one before, on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /**
     * `first`, then `then`, on a fresh store, batch after batch or run ahead: the outcomes and the
     * versions each revision wrote, or what the second threw and how many CIs were left current.
     */
    async function importBoth(ahead: boolean, then: ImportBatch[]) {
      const store = await harness.newStore();
      const clock = fixedClock('2026-12-01T00:00:00Z');
      const services = createCmdbServices(store, { clock, ids: sequentialIds() });
      await services.cmdb.initialize('test');
      const importer = new ImportService({ store: runningAhead(store, ahead), cmdb: services.cmdb, clock });
      const options = { batchSize: 3, skipInvalid: true };
      const outcomes: ImportOutcome[] = [await importer.import(first, meta('first'), options)];
      try {
        outcomes.push(await importer.import(then, meta('second'), options));
      } catch (error) {
        return { outcomes, error, head: await store.head(), cis: await store.countCis({}) };
      }
      const versions = [];
      for (const o of outcomes) versions.push(await store.revisionWrites(o.revision!.rev));
      return { outcomes, versions };
    }

    it('writes exactly the versions, revision hash and report that writing batch after batch does', async () => {
      const inTurn = await importBoth(false, second);
      const ahead = await importBoth(true, second);
      expect(ahead).toEqual(inTurn);
      const [, outcome] = inTurn.outcomes;
      expect(outcome!.counts).toEqual({
        cis: { added: 5, modified: 2, removed: 0 },
        relations: { added: 4, modified: 1, removed: 0 },
        classes: 1,
      });
      expect(outcome!.problems.map((p) => p.location)).toEqual(['hosts server/s0 → application/a0', 'nothing/x']);
      // a0 and a1.
      expect(outcome!.unchanged).toEqual({ cis: 2, relations: 0 });
    });

    it('reports as a repeat, run ahead as batch after batch, a relationship a later batch gives again by its inverse type and as it was', async () => {
      // The input's relationships are told apart by their type's own name, source first: the
      // second record is the first again, reported and skipped, and the first's change is kept.
      // Keyed as written, batch after batch planned a second version of the relationship in one
      // revision and failed the whole import ("one of these relationships already exists"); read
      // ahead, screened against the CMDB as it was, the second was dropped as unchanged.
      const input = [
        ...second.slice(0, 2),
        { cis: [app('a1')], relations: [hosts('s0', 'a0', 1), runsOn('a1', 's4')] },
      ];
      const inTurn = await importBoth(false, input);
      const ahead = await importBoth(true, input);
      expect(inTurn.error).toBeUndefined();
      expect(ahead).toEqual(inTurn);
      const [, outcome] = inTurn.outcomes;
      expect(outcome!.problems).toEqual([
        expect.objectContaining({
          location: 'hosts server/s0 → application/a0',
          message: expect.stringContaining(
            'hosts from server/s0 to application/a0 appears twice in the input (as runs_on or hosts)',
          ),
        }),
      ]);
      // The relationship a0 → s0 was begun again at weight 2, the first record's, and not at 1.
      const begun = inTurn.versions![1]!.createdRelations.map((r) => r.attributes);
      expect(begun).toContainEqual({ weight: 2 });
      expect(begun).not.toContainEqual({ weight: 1 });
    });

    // Whether the process waits for the server is PostgreSQL's alone: SQLite writes in-process.
    if (harness.engine === 'postgres')
      it('plans the next batch while the server still waits to insert the batch before', async () => {
        const url = await harness.newDatabaseUrl();
        const store = await openStore(url);
        const services = createCmdbServices(store);
        await services.cmdb.initialize('test');
        // The transaction's calls not yet answered, by number.
        const unanswered = new Set<number>();
        let calls = 0;
        const watch = (tx: CmdbWriter): CmdbWriter =>
          new Proxy(tx, {
            get: (target, key, receiver) => {
              const value = Reflect.get(target, key, receiver) as unknown;
              if (typeof value !== 'function') return value;
              return (...args: unknown[]) => {
                const result = (value as (...a: unknown[]) => unknown).apply(target, args);
                if (!(result instanceof Promise)) return result;
                const n = ++calls;
                unanswered.add(n);
                return result.finally(() => unanswered.delete(n));
              };
            },
          });
        const importer = new ImportService({
          store: runningAhead(store, true, watch),
          cmdb: services.cmdb,
          clock: systemClock,
        });
        // Batches too large for the store to hold back (over 500 versions): each is sent on its own.
        const size = 600;
        const servers = (prefix: string) => ({
          cis: Array.from({ length: size }, (_, i) => server(`${prefix}-${i}`)),
          relations: [],
        });
        let locked = true;
        let lockedWhenThirdAsked: boolean | undefined;
        async function* input(): AsyncGenerator<ImportBatch> {
          yield servers('a');
          yield servers('b');
          lockedWhenThirdAsked = locked;
          yield servers('c');
        }
        const blocker = new pg.Client({ connectionString: url });
        await blocker.connect();
        try {
          // Another session holds a lock that every insert into ci_versions waits for (reads do not).
          await blocker.query('begin');
          await blocker.query('lock table ci_versions in share row exclusive mode');
          const done = importer.import(input(), meta('import'), { batchSize: size });
          // Until the import waits: the first batch's insert waits for the lock, and a call of
          // the import's transaction waits for that insert (a read: one connection runs its
          // statements in order). Waits, not passes: unanswered at two looks, a macrotask apart.
          let before = new Set<number>();
          for (;;) {
            await blocker.query('select pg_stat_clear_snapshot()');
            const { rows } = await blocker.query<{ n: number }>(
              `select count(*)::int as n from pg_stat_activity
                where wait_event_type = 'Lock' and query ilike 'copy "ci_versions"%'`,
            );
            const now = new Set(unanswered);
            if (rows[0]!.n > 0 && [...now].some((n) => before.has(n))) break;
            before = now;
            await new Promise((resolve) => setTimeout(resolve, 20));
          }
          locked = false;
          await blocker.query('rollback');
          const outcome = await done;
          // Batch after batch, the second batch's screen waited for the first batch's insert, and
          // the input was asked for its third batch only once the lock was let go.
          expect(lockedWhenThirdAsked).toBe(true);
          expect(outcome.counts.cis.added).toBe(3 * size);
          expect(await store.countCis({})).toBe(3 * size);
        } finally {
          await blocker.end();
          await store.close();
        }
      });
  });
}
