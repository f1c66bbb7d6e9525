import { AsyncLocalStorage } from 'node:async_hooks';
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { cairnBin } from '../helpers/cli.js';

const run = promisify(execFile);

/** Revision numbers must run 1..head with no gap and no duplicate, and the chain must verify. */
async function expectLinearHistory(url: string, expectedRevisions: number): Promise<void> {
  const store = await openStore(url);
  try {
    const revs = await store.listRevisions({ limit: 10_000 });
    expect(revs.map((r) => r.rev).sort((a, b) => a - b)).toEqual(
      Array.from({ length: expectedRevisions }, (_, i) => i + 1),
    );
    expect(await verifyChain(store)).toEqual({ ok: true, revisions: expectedRevisions });
  } finally {
    await store.close();
  }
}

for (const harness of engines()) {
  describe(`concurrent writers on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    // PostgreSQL: two pools, so the writes race on the server. SQLite: one process holds one
    // connection (a second one in the same thread would wait on a lock its own thread holds);
    // racing processes are the next test.
    it('writes issued at once never fork or gap the chain', async () => {
      const url = await harness.newDatabaseUrl();
      const a = createCmdbServices(await openStore(url));
      const b = harness.engine === 'postgres' ? createCmdbServices(await openStore(url)) : a;
      await a.cmdb.initialize('tester');
      await b.cmdb.initialize('tester');
      const writes = Array.from({ length: 20 }, (_, i) =>
        (i % 2 === 0 ? a : b).cmdb.apply({ cis: [makeCi({ name: `box-${i}` })], relations: [] }, meta(`write ${i}`)),
      );
      const results = await Promise.all(writes);
      expect(new Set(results.map((r) => r.revision!.rev)).size).toBe(20);
      await a.store.close();
      if (b !== a) await b.store.close();
      await expectLinearHistory(url, 21);
    });
  });

  describe(`grouped writes on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    // The API's If-Match travels to the write guard in AsyncLocalStorage. Writes queued behind a
    // running one are run together by whichever write started the queue: each must still run in
    // its own caller's context, or a stale write would be checked against another's expectation.
    it('run each write in the async context of the caller that issued it', async () => {
      const store = await openStore(await harness.newDatabaseUrl());
      const context = new AsyncLocalStorage<string>();
      const seen: (string | undefined)[] = [];
      const writes = ['first', 'second', 'third'].map((name) =>
        context.run(name, () =>
          store.write(async (tx) => {
            await tx.head();
            seen.push(context.getStore());
          }),
        ),
      );
      await Promise.all(writes);
      await store.close();
      expect(seen).toEqual(['first', 'second', 'third']);
    });
  });

  describe(`two CLI processes on one ${harness.engine} database`, () => {
    afterAll(() => harness.cleanup());

    it('each apply gets its own revision number and the chain verifies', async () => {
      const url = await harness.newDatabaseUrl();
      await run(cairnBin, ['--db', url, 'init']);
      const dir = harness.engine === 'sqlite' ? dirname(url) : (await import('node:os')).tmpdir();
      const worker = async (p: string) => {
        for (let i = 0; i < 8; i++) {
          const file = join(dir, `w-${p}-${i}-${process.pid}.yaml`);
          writeFileSync(file, `cis:\n  - { class: server, name: ${p}-${i}, attributes: { cpu: ${i + 1} } }\n`);
          await run(cairnBin, ['--db', url, '--author', p, 'apply', '-f', file]);
        }
      };
      await Promise.all([worker('alpha'), worker('beta')]);
      await expectLinearHistory(url, 17);
    }, 120_000);
  });
}
