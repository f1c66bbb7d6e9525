import { Socket } from 'node:net';
import { Kysely } from 'kysely';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import type { CmdbStore, CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';
import type { CmdbTransaction } from '../../src/store/repositories/cmdb/cmdb.transaction.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { driverEvents } from '../helpers/pg-driver-events.js';

/** How write `i` of the group ends after cmdb.apply did its work inside the transaction. */
type Ending = 'commit' | 'throw after revision' | 'sql error after revision' | 'invalid input';

const ENDINGS: Ending[] = [
  'commit',
  'throw after revision',
  'commit',
  'sql error after revision',
  'commit',
  'invalid input',
  'commit',
  'commit',
  'throw after revision',
  'commit',
];

class Refused extends Error {}

/**
 * The store with its `write` wrapped: the first write waits inside its transaction until every
 * other write has been issued (so they queue and run as ONE group), each write's transaction
 * handle is recorded, and a write made to fail does so after apply persisted its revision.
 */
function groupingStore(store: KyselyCmdbStore, total: number, endings: readonly Ending[] = ENDINGS) {
  let issued = 0;
  let open!: () => void;
  const gate = new Promise<void>((resolve) => (open = resolve));
  const handles: unknown[] = [];
  const wrapped: CmdbStore = Object.assign(Object.create(store) as CmdbStore, {
    write<T>(work: (tx: CmdbWriter) => Promise<T>): Promise<T> {
      const i = issued++;
      if (issued === total + 1) open();
      return store.write(async (tx) => {
        if (i === 0) await gate;
        handles[i] = (tx as CmdbTransaction).db;
        const result = await work(tx);
        const ending = i === 0 ? 'commit' : endings[i - 1];
        if (ending === 'throw after revision') throw new Refused(`write ${i} refused after its revision`);
        if (ending === 'sql error after revision') {
          // A statement the database refuses (revision 1 exists): on PostgreSQL it aborts the
          // transaction until the savepoint is rolled back to.
          const first = await tx.getRevision(1);
          await tx.insertRevision(first!);
        }
        return result;
      });
    },
  });
  return { wrapped, handles };
}

for (const harness of engines()) {
  describe(`grouped CMDB writes on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    it('queued writes share one transaction; one failing rolls back alone, without a gap in the chain', async () => {
      const store = await harness.newStore();
      await createCmdbServices(store).cmdb.initialize('tester');
      const { wrapped, handles } = groupingStore(store, ENDINGS.length);
      const { cmdb } = createCmdbServices(wrapped);
      const first = cmdb.apply({ cis: [makeCi({ name: 'first' })], relations: [] }, meta('first'));
      const rest = ENDINGS.map((ending, k) =>
        cmdb.apply(
          {
            cis: [
              ending === 'invalid input'
                ? makeCi({ name: `w-${k}`, class: 'no_such_class' })
                : makeCi({ name: `w-${k}` }),
            ],
            relations: [],
          },
          meta(`write ${k + 1}`),
        ),
      );
      const settled = await Promise.allSettled([first, ...rest]);

      // The writes queued behind the first ran in one transaction (one handle), the first alone.
      expect(new Set(handles.slice(1)).size).toBe(1);
      expect(handles[1]).not.toBe(handles[0]);

      const committed: number[] = [];
      settled.forEach((s, i) => {
        const ending = i === 0 ? 'commit' : ENDINGS[i - 1];
        if (ending === 'commit') {
          expect(s.status).toBe('fulfilled');
          if (s.status === 'fulfilled') committed.push(s.value.revision!.rev);
        } else {
          expect(s.status).toBe('rejected');
          const reason = s.status === 'rejected' ? (s.reason as Error) : undefined;
          if (ending === 'throw after revision') expect(reason).toBeInstanceOf(Refused);
          if (ending === 'sql error after revision') expect(reason?.name).toBe('ConflictError');
          if (ending === 'invalid input') expect(reason?.message).toMatch(/no_such_class/);
        }
      });
      // Each caller got its own revision, in the order they were issued, with no gap.
      const expected = ENDINGS.filter((e) => e === 'commit').length + 1;
      expect(committed).toEqual(Array.from({ length: expected }, (_, i) => i + 2));
      expect((await store.head())?.rev).toBe(expected + 1);
      expect(await verifyChain(store)).toEqual({ ok: true, revisions: expected + 1 });
      // What the failed writes wrote is gone; what the others wrote is there.
      const names = (await store.listCis({ limit: 100 })).map((c) => c.name).sort();
      const kept = ENDINGS.flatMap((e, k) => (e === 'commit' ? [`w-${k}`] : []));
      expect(names).toEqual(['first', ...kept].sort());
    });

    it('a write grouped after a model change validates against the new model', async () => {
      const store = await harness.newStore();
      await createCmdbServices(store).cmdb.initialize('tester');
      const { wrapped, handles } = groupingStore(store, 3, ['commit', 'commit', 'commit']);
      const { cmdb } = createCmdbServices(wrapped);
      await cmdb.registry(); // cached before the group: the group must not keep using it
      const gadget = { name: 'gadget', attributes: { type: 'object', properties: { size: { type: 'integer' } } } };
      const writes = [
        cmdb.apply({ cis: [makeCi({ name: 'alone' })], relations: [] }, meta('alone')),
        // Reads the model's revision in the group (the memo keeps it) before the class write moves it.
        cmdb.apply({ cis: [makeCi({ name: 'before' })], relations: [] }, meta('before')),
        cmdb.apply({ classes: [gadget], cis: [], relations: [] }, meta('class')),
        cmdb.apply({ cis: [{ class: 'gadget', name: 'g-1', attributes: { size: 3 } }], relations: [] }, meta('ci')),
      ];
      const outcomes = await Promise.all(writes);
      expect(new Set(handles.slice(1)).size).toBe(1);
      expect(outcomes.map((o) => o.revision!.rev)).toEqual([2, 3, 4, 5]);
      expect((await store.getCisByRef([{ class: 'gadget', name: 'g-1' }]))[0]?.attributes).toEqual({ size: 3 });
    });

    it('answers a caller only once its write is committed and readable by others', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      const writes = Array.from({ length: 8 }, (_, k) =>
        cmdb.apply({ cis: [makeCi({ name: `r-${k}` })], relations: [] }, meta(`r ${k}`)).then(async (outcome) => {
          // Read on the pool (another connection on PostgreSQL): the revision must be there.
          const seen = await store.getRevision(outcome.revision!.rev);
          return seen?.hash === outcome.revision!.hash;
        }),
      );
      expect(await Promise.all(writes)).toEqual(Array.from({ length: 8 }, () => true));
      expect(await verifyChain(store)).toEqual({ ok: true, revisions: 9 });
    });

    it('fails the writes of a group whose connection cannot be had, rather than leaving them waiting', async () => {
      // Opened here, not by the harness: closed by the test, it must not be closed again.
      const store = await openStore(await harness.newDatabaseUrl());
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await store.close();
      // No connection once the store is closed (PostgreSQL: the pool has ended).
      const writes = Array.from({ length: 3 }, (_, k) =>
        cmdb.apply({ cis: [makeCi({ name: `late-${k}` })], relations: [] }, meta(`late ${k}`)),
      );
      const settled = await Promise.allSettled(writes);
      expect(settled.map((s) => s.status)).toEqual(['rejected', 'rejected', 'rejected']);
    });

    it("sends a grouped write's savepoint with its first statement on PostgreSQL, in one round trip", async () => {
      const store = await harness.newStore();
      await createCmdbServices(store).cmdb.initialize('tester');
      const { wrapped } = groupingStore(store, 4, ['commit', 'commit', 'commit', 'commit']);
      const { cmdb } = createCmdbServices(wrapped);
      let revs: number[] = [];
      const sent = await driverEvents(async () => {
        const writes = Array.from({ length: 5 }, (_, k) =>
          cmdb.apply({ cis: [makeCi({ name: `p-${k}` })], relations: [] }, meta(`p ${k}`)),
        );
        revs = (await Promise.all(writes)).map((o) => o.revision!.rev);
      });
      expect(revs).toEqual([2, 3, 4, 5, 6]);
      expect(await verifyChain(store)).toEqual({ ok: true, revisions: 6 });
      if (harness.engine === 'postgres') {
        // Each savepoint of the group (four writes), and the statement after it on its connection,
        // issued before the savepoint was answered: both on the wire at once.
        const savepoints = sent.filter((s) => /savepoint cairn_write$/.test(s.text));
        expect(savepoints).toHaveLength(4);
        for (const s of savepoints) {
          const next = sent.find((n) => n.client === s.client && n.issued > s.issued)!;
          expect(next.text).not.toMatch(/savepoint/);
          expect(next.issued).toBeLessThan(s.answered!);
        }
      }
    });
  });
}

/** Each write to a socket while `work` runs, as the text of its chunks joined (the real sockets, watched). */
async function socketWrites(work: () => Promise<unknown>): Promise<string[]> {
  const writes: string[] = [];
  const proto = Socket.prototype as unknown as Record<'_write' | '_writev', (...args: unknown[]) => unknown>;
  const { _write: write, _writev: writev } = proto;
  const text = (chunk: unknown) => (Buffer.isBuffer(chunk) ? chunk.toString('latin1') : String(chunk));
  proto._write = function (this: Socket, chunk: unknown, ...rest: unknown[]) {
    writes.push(text(chunk));
    return write.call(this, chunk, ...rest);
  };
  proto._writev = function (this: Socket, chunks: unknown, ...rest: unknown[]) {
    writes.push((chunks as { chunk: unknown }[]).map((c) => text(c.chunk)).join(''));
    return writev.call(this, chunks, ...rest);
  };
  try {
    await work();
  } finally {
    Object.assign(proto, { _write: write, _writev: writev });
  }
  return writes;
}

for (const harness of engines().filter((h) => h.engine === 'postgres')) {
  describe('what a CMDB write sends ahead on PostgreSQL', () => {
    afterAll(() => harness.cleanup());

    it('sends BEGIN and the write lock with the transaction’s first statement, in one round trip', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await cmdb.apply({ cis: [makeCi({ name: 'b-1' })], relations: [] }, meta('add'));
      const sent = await driverEvents(() =>
        cmdb.apply({ cis: [makeCi({ name: 'b-1', attributes: { cpu: 8 } })], relations: [] }, meta('change')),
      );
      const begin = sent.find((s) => /^begin; select pg_advisory_xact_lock/.test(s.text))!;
      const next = sent.find((n) => n.client === begin.client && n.issued > begin.issued)!;
      // The head read, issued before BEGIN was answered: both on the wire at once.
      expect(next.text).toMatch(/from "revisions"/);
      expect(next.issued).toBeLessThan(begin.answered!);
      // Begin, head, CI, the held-back writes, commit: four round trips where there were five.
      expect(sent).toHaveLength(5);
    });

    it('writes the statements it sends ahead to the socket together with the statement they go with', async () => {
      const store = await harness.newStore();
      await createCmdbServices(store).cmdb.initialize('tester');
      const { wrapped } = groupingStore(store, 4, ['commit', 'commit', 'commit', 'commit']);
      const { cmdb } = createCmdbServices(wrapped);
      const writes = await socketWrites(() =>
        Promise.all(
          Array.from({ length: 5 }, (_, k) =>
            cmdb.apply({ cis: [makeCi({ name: `s-${k}` })], relations: [] }, meta(`s ${k}`)),
          ),
        ),
      );
      const ahead = writes.filter((w) => /begin; select pg_advisory_xact_lock|savepoint cairn_write\0/.test(w));
      // Two transactions (the first write alone, then four in savepoints): two BEGINs and four savepoints.
      expect(ahead.filter((w) => w.includes('pg_advisory_xact_lock'))).toHaveLength(2);
      expect(ahead.flatMap((w) => w.match(/savepoint cairn_write\0/g) ?? [])).toHaveLength(4);
      // Each left in one write with the statement after it: its bind and execute follow in the same write.
      for (const w of ahead) expect(w.slice(w.lastIndexOf('\0Q') + 1)).toMatch(/\0B[\s\S]*\0?E/);
    });
  });
}

for (const harness of engines().filter((h) => h.engine === 'sqlite')) {
  describe('a single-CI change on SQLite', () => {
    afterAll(() => harness.cleanup());

    it('runs its statements on the driver of the connection its transaction holds, none through Kysely', async () => {
      const store = await harness.newStore();
      const { cmdb } = createCmdbServices(store);
      await cmdb.initialize('tester');
      await cmdb.apply({ cis: [makeCi({ name: 'd-1' })], relations: [] }, meta('add'));
      const throughKysely = vi.spyOn(Kysely.prototype, 'executeQuery');
      try {
        const outcome = await cmdb.apply(
          { cis: [makeCi({ name: 'd-1', attributes: { cpu: 8 } })], relations: [] },
          meta('change'),
        );
        expect(throughKysely).not.toHaveBeenCalled();
        // Read back through Kysely, as every other read: the change, its revision and its event are there.
        const [now] = await store.getCisByRef([{ class: 'server', name: 'd-1' }]);
        expect(now).toMatchObject({ revFrom: outcome.revision!.rev, attributes: { cpu: 8 } });
        expect(await store.head()).toEqual(outcome.revision);
        expect(await verifyChain(store)).toEqual({ ok: true, revisions: outcome.revision!.rev });
        const events = await store.kysely.selectFrom('event_outbox').select('data').execute();
        expect(events.map((e) => JSON.parse(String(e.data)) as unknown)).toContainEqual({ rev: outcome.revision!.rev });
      } finally {
        throughKysely.mockRestore();
      }
    });
  });
}
