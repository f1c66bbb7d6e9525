import BetterSqlite3 from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { openStore } from '../../src/store/connect.js';
import { CI_ROWS } from '../../src/store/conversion/cmdb.js';
import { insertVersionsOf, SQLITE_ROWS_PER_INSERT } from '../../src/store/repositories/cmdb/insert-versions.js';
import { engines } from '../helpers/engines.js';
import { serverVersions } from '../helpers/fixtures.js';

const sqlite = engines().find((h) => h.engine === 'sqlite')!;

describe('bulk inserts on SQLite', () => {
  afterAll(() => sqlite.cleanup());

  it(`binds ${SQLITE_ROWS_PER_INSERT} rows a statement, the rest one at a time, every row as given`, async () => {
    const path = await sqlite.newDatabaseUrl();
    await (await openStore(path)).close();
    const native = new BetterSqlite3(path);
    try {
      // The driver handle, with the statements prepared on it noted.
      const prepared: string[] = [];
      const watched = Object.create(native) as BetterSqlite3.Database;
      watched.prepare = (text: string) => {
        prepared.push(text);
        return native.prepare(text);
      };
      const count = 2 * SQLITE_ROWS_PER_INSERT + 7;
      const versions = serverVersions('bulk', count);
      await insertVersionsOf(
        { db: undefined as never, engine: 'sqlite', native: watched },
        'ci_versions',
        versions,
        CI_ROWS,
        'a CI',
      );
      // Rows per statement prepared: one of many rows, one of one.
      expect(prepared.map((text) => text.split('(?').length - 1)).toEqual([SQLITE_ROWS_PER_INSERT, 1]);
      const rows = native.prepare('select id, name, attributes from ci_versions order by rowid').all() as {
        id: string;
        name: string;
        attributes: string;
      }[];
      expect(rows).toEqual(versions.map((v) => ({ id: v.id, name: v.name, attributes: JSON.stringify(v.attributes) })));
    } finally {
      native.close();
    }
  });
});
