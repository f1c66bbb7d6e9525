import { sql } from 'kysely';
import { afterAll, describe, expect, it } from 'vitest';
import { copyRows, copyRowText } from '../../src/store/copy-rows.js';
import { engines } from '../helpers/engines.js';

const postgres = engines().find((h) => h.engine === 'postgres');

const lines = (rows: unknown[][]) => rows.map(copyRowText).join('');

// PostgreSQL alone: SQLite inserts through its own statements.
if (postgres)
  describe('COPY through the PostgreSQL pool', () => {
    afterAll(() => postgres.cleanup());

    it('loads its rows, values the text format escapes among them', async () => {
      const store = await postgres.newStore();
      try {
        await sql`create table copied (id int, body text, doc jsonb)`.execute(store.kysely);
        const rows = [
          [1, 'tab\there, newline\nthere, return\r, back\\slash', '{"q": "a \\"quoted\\" \\\\ text\\n"}'],
          [2, null, '{}'],
          [3, '', '[1, null, true]'],
        ];
        await store.kysely.executeQuery(copyRows('copied', ['id', 'body', 'doc'], lines(rows)));
        const { rows: read } = await sql<{ id: number; body: string | null; doc: unknown }>`
          select id, body, doc from copied order by id`.execute(store.kysely);
        expect(read).toEqual([
          { id: 1, body: rows[0]![1], doc: { q: 'a "quoted" \\ text\n' } },
          { id: 2, body: null, doc: {} },
          { id: 3, body: '', doc: [1, null, true] },
        ]);
      } finally {
        await store.close();
      }
    });

    // The rows are written behind the statement without waiting for the server to ask for them
    // (postgres-engine.ts): where it never asks, the server must skip them, and the connection's
    // next statement must get its own answer.
    it('a COPY refused before its rows leaves the connection answering the statements after it', async () => {
      const store = await postgres.newStore();
      try {
        await store.kysely.connection().execute(async (db) => {
          const pid = async () => (await sql<{ pid: number }>`select pg_backend_pid() as pid`.execute(db)).rows[0]!.pid;
          const before = await pid();
          await expect(db.executeQuery(copyRows('no_such_table', ['id'], lines([[1], [2]])))).rejects.toThrow(
            /no_such_table/,
          );
          expect(await pid()).toBe(before);
          expect((await sql<{ one: number }>`select 1 as one`.execute(db)).rows).toEqual([{ one: 1 }]);
        });
      } finally {
        await store.close();
      }
    });

    it('a row the server refuses fails the COPY with its code, writes none of its rows, and the connection goes on', async () => {
      const store = await postgres.newStore();
      try {
        await sql`create table refused (id int primary key, doc jsonb)`.execute(store.kysely);
        await store.kysely.connection().execute(async (db) => {
          const bad = lines([
            [1, '{}'],
            [2, '{"not json'],
            [3, '{}'],
          ]);
          await expect(db.executeQuery(copyRows('refused', ['id', 'doc'], bad))).rejects.toMatchObject({
            code: '22P02',
          });
          const dup = lines([
            [4, '{}'],
            [4, '{}'],
          ]);
          await expect(db.executeQuery(copyRows('refused', ['id', 'doc'], dup))).rejects.toMatchObject({
            code: '23505',
          });
          const count = await sql<{ n: number }>`select count(*)::int as n from refused`.execute(db);
          expect(count.rows).toEqual([{ n: 0 }]);
        });
      } finally {
        await store.close();
      }
    });
  });
