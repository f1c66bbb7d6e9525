import { afterAll, describe, expect, it } from 'vitest';
import { AuditService } from '../../src/core/audit/audit.service.js';
import { planHash } from '../../src/core/change/plan-hash.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { editChangeData, forgeCiVersion } from '../helpers/tamper.js';
import { authorized, changeWorld, implementInWindow } from './change.harness.js';

type Tamper = (store: KyselyCmdbStore, head: number) => Promise<void>;

// Issue 12, finding 5: every tamper in the finding's list, on each engine, is reported by
// `audit verify` with the record it concerns ([record, reason] expected among the problems).
const TAMPERS: [string, Tamper, [string | RegExp, RegExp][]][] = [
  [
    'a version row with rev_from beyond head (a fake CI appears)',
    (s, head) => forgeCiVersion(s.kysely, { rev_from: head + 3, rev_to: null }),
    [[/^CI version ci_forged_\d+ \(\w+\/forged-\d+\)$/, /rev_from \d+ is beyond the newest revision/]],
  ],
  [
    'a version row with rev_from 0 (a fake CI appears)',
    (s) => forgeCiVersion(s.kysely, { rev_from: 0, rev_to: null }),
    [[/^CI version ci_forged_0/, /rev_from 0 is not a revision/]],
  ],
  [
    'a current version’s rev_to set beyond head (a CI disappears)',
    async (s, head) => {
      await s.kysely
        .updateTable('ci_versions')
        .set({ rev_to: head + 7 })
        .where('name', '=', 'orders-db')
        .where('rev_to', 'is', null)
        .execute();
    },
    [[/^CI version .* \(database\/orders-db\)$/, /rev_to \d+ is beyond the newest revision/]],
  ],
  [
    'a current version’s rev_to set to its own rev_from (a CI disappears)',
    async (s) => {
      await s.kysely
        .updateTable('ci_versions')
        .set((eb) => ({ rev_to: eb.ref('rev_from') }))
        .where('name', '=', 'orders-db')
        .where('rev_to', 'is', null)
        .execute();
    },
    [[/\(database\/orders-db\)$/, /rev_to \d+ is not after its rev_from/]],
  ],
  [
    'a current version’s rev_to set to a revision within the chain',
    async (s, head) => {
      await s.kysely
        .updateTable('ci_versions')
        .set({ rev_to: head })
        .where('name', '=', 'orders-db')
        .where('rev_to', 'is', null)
        .execute();
    },
    [[/^revision \d+$/, /its content does not match its hash/]],
  ],
  [
    'the last revision row deleted',
    async (s, head) => {
      await s.kysely.deleteFrom('revisions').where('rev', '=', head).execute();
    },
    [
      [/^CI version .* \(server\/web-01\)$/, /beyond the newest revision .*newest revision deleted/],
      ['change CHG-1', /implemented in revision \d+, beyond the newest revision/],
    ],
  ],
  [
    'the last approval deleted',
    async (s) => {
      const last = await s.kysely
        .selectFrom('change_approvals')
        .select('seq')
        .orderBy('seq', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await s.kysely.deleteFrom('change_approvals').where('seq', '=', last.seq).execute();
    },
    [[/^approval record \d+$/, /it is missing \(deleted\?\)/]],
  ],
  [
    'the last policy version deleted',
    async (s) => {
      const last = await s.kysely
        .selectFrom('policy_versions')
        .select('version')
        .orderBy('version', 'desc')
        .limit(1)
        .executeTakeFirstOrThrow();
      await s.kysely.deleteFrom('policy_versions').where('version', '=', last.version).execute();
    },
    [[/^policy version \d+$/, /it is missing \(deleted\?\)/]],
  ],
  [
    'a change’s plan swapped together with its plan hash',
    (s) =>
      editChangeData(
        s.kysely,
        2,
        (data) => {
          data.plan = { cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 64 } }], relations: [] };
          data.planHash = planHash(data.plan as never);
        },
        { planHash: true },
      ),
    [['change CHG-2', /its plan is not the one its decisions were given for/]],
  ],
];

for (const harness of engines()) {
  describe(`audit verify reports every bad record on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    /** CHG-1 implemented (revision `head`), CHG-2 authorized, one policy version. */
    async function world() {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const one = await authorized(w);
      await w.changes.schedule(one, 'bob');
      await implementInWindow(w, one, 'bob');
      await authorized(w);
      const audit = new AuditService({ cmdb: store, changes: w.changeStore });
      return { store, audit, head: (await store.head())!.rev };
    }

    it('verifies an untampered database', async () => {
      const { audit } = await world();
      expect(await audit.verify()).toMatchObject({ ok: true, changeRecords: { ok: true, changes: 2 } });
      expect((await audit.verify()).problems).toBeUndefined();
    });

    it.each(TAMPERS)('%s', async (_label, tamper, expected) => {
      const { store, audit, head } = await world();
      await tamper(store, head);
      const result = await audit.verify();
      expect(result.ok).toBe(false);
      for (const [record, reason] of expected)
        expect(result.problems).toContainEqual({
          record: typeof record === 'string' ? record : expect.stringMatching(record),
          reason: expect.stringMatching(reason),
        });
      expect(result.problemCount).toBe(result.problems!.length);
    });

    it('reports two tampers at once, both of them', async () => {
      const { store, audit, head } = await world();
      await TAMPERS[0]![1](store, head);
      await TAMPERS[6]![1](store, head);
      const result = await audit.verify();
      expect(result.problems).toEqual([
        { record: expect.stringMatching(/^CI version ci_forged/), reason: expect.stringMatching(/beyond the newest/) },
        { record: expect.stringMatching(/^approval record \d+$/), reason: expect.stringMatching(/missing/) },
      ]);
      expect(result.problemCount).toBe(2);
    });
  });
}
