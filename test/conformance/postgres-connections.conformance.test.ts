import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';

const postgres = engines().find((h) => h.engine === 'postgres');

/** The server processes (backend pids) of `count` statements run at once, each on a connection of its own. */
async function backendsAtOnce(store: KyselyCmdbStore, count: number): Promise<Set<number>> {
  const pids = await Promise.all(
    Array.from({ length: count }, async () => {
      // Held a moment, so that each statement needs a connection of its own.
      const { rows } = await sql<{ pid: number }>`select pg_backend_pid() as pid, pg_sleep(0.05)`.execute(store.kysely);
      return rows[0]!.pid;
    }),
  );
  return new Set(pids);
}

// PostgreSQL alone: SQLite has one connection per store.
if (postgres)
  describe('the connections of a PostgreSQL store', () => {
    afterAll(() => postgres.cleanup());

    it('are kept while idle by a server, and let go after ten idle seconds otherwise', async () => {
      const url = await postgres.newDatabaseUrl();
      const server = await openStore(url, { keepConnections: true });
      const command = await openStore(url);
      try {
        const [served, commanded] = await Promise.all([backendsAtOnce(server, 3), backendsAtOnce(command, 3)]);
        expect([served.size, commanded.size]).toEqual([3, 3]);
        // Past the pool's idle timeout (ten seconds).
        await new Promise((resolve) => setTimeout(resolve, 11_000));
        const [servedAgain, commandedAgain] = await Promise.all([
          backendsAtOnce(server, 3),
          backendsAtOnce(command, 3),
        ]);
        expect(servedAgain).toEqual(served);
        expect([...commandedAgain].filter((pid) => commanded.has(pid))).toEqual([]);
      } finally {
        await Promise.all([server.close(), command.close()]);
      }
    }, 30_000);
  });
