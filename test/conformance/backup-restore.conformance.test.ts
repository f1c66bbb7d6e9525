import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { backUp, restore, type BackupReport } from '../../src/app/backup-database.js';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { openStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { makeCi, smallEstate } from '../helpers/fixtures.js';

const harnesses = engines();
const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-'));
let files = 0;
const newFile = () => join(dir, `backup-${++files}.db`);

afterAll(async () => {
  for (const h of harnesses) await h.cleanup();
  rmSync(dir, { recursive: true, force: true });
});

/** What a database says of itself: every change from revision 1 to `rev`, and its chain. */
async function observe(url: string, rev?: number) {
  const store = await openStore(url, { backgroundCheckpoints: false });
  try {
    const s = createCmdbServices(store);
    const head = (await store.head())!.rev;
    return { head, diff: await s.history.diff(1, rev ?? head), chain: await verifyChain(store) };
  } finally {
    await store.close();
  }
}

describe.each(harnesses)('backup and restore on $engine', (source) => {
  it('takes a consistent backup while writes go on, and restores it on every engine with the chain and counts intact', async () => {
    const url = await source.newDatabaseUrl();
    const store = await openStore(url, { backgroundCheckpoints: false });
    const s = createCmdbServices(store);
    await s.cmdb.initialize('t');
    await s.cmdb.apply(smallEstate(), { author: 'alice', message: 'estate', source: 'test' });

    // A writer that never stops until told: one revision per turn of the event loop.
    let stop = false;
    let written = 0;
    let backingUp = false;
    let writtenDuringBackup = 0;
    const writer = (async () => {
      while (!stop) {
        await s.cmdb.apply(
          { cis: [makeCi({ name: `load-${written}` })], relations: [] },
          { author: 'loader', message: `load ${written}`, source: 'test' },
        );
        written++;
        if (backingUp) writtenDuringBackup++;
        await nextTurn();
      }
    })();
    while (written < 5) await nextTurn();

    const file = newFile();
    const headBefore = (await store.head())!.rev;
    backingUp = true;
    const report = await backUp(url, file);
    backingUp = false;
    while (written < writtenDuringBackup + 10) await nextTurn();
    stop = true;
    await writer;
    const headAtEnd = (await store.head())!.rev;
    await store.close();

    expect(writtenDuringBackup).toBeGreaterThan(0);
    expect(report.ok).toBe(true);
    expect(report.head).toBeGreaterThanOrEqual(headBefore);
    expect(report.head).toBeLessThan(headAtEnd);
    // The backup is one snapshot: exactly the source as of the revision it ends at.
    const atSnapshot = await observe(url, report.head);
    const copy = await observe(file);
    expect(copy.diff).toEqual(atSnapshot.diff);
    expect(copy.chain).toEqual({ ok: true, revisions: report.head });
    expect(rowsOf(report, 'revisions')).toBe(report.head);

    for (const target of harnesses) {
      const restoredUrl = await target.newDatabaseUrl();
      const restored = await restore(file, restoredUrl);
      expect(restored.ok).toBe(true);
      expect(restored.head).toBe(report.head);
      expect(restored.tables).toEqual(report.tables);
      const seen = await observe(restoredUrl);
      expect(seen.chain).toEqual({ ok: true, revisions: report.head });
      expect(seen.diff).toEqual(atSnapshot.diff);
    }
  });

  it('never overwrites a file, and refuses to restore into a database that holds data', async () => {
    const url = await source.newDatabaseUrl();
    const store = await openStore(url, { backgroundCheckpoints: false });
    await createCmdbServices(store).cmdb.initialize('t');
    await store.close();

    const taken = newFile();
    writeFileSync(taken, 'keep me');
    await expect(backUp(url, taken)).rejects.toMatchObject({ code: 'BACKUP_FILE_EXISTS' });
    expect(readFileSync(taken, 'utf8')).toBe('keep me');

    const file = newFile();
    await backUp(url, file);
    await expect(restore(file, url)).rejects.toMatchObject({ code: 'RESTORE_TARGET_NOT_EMPTY' });
    await expect(restore(taken, await source.newDatabaseUrl())).rejects.toMatchObject({
      code: 'BACKUP_FILE_INVALID',
    });
  });
});

describe('backup refusals', () => {
  it('refuses a SQLite source that does not exist, and writes no file', async () => {
    const missing = join(dir, 'no-such.db');
    const file = newFile();
    await expect(backUp(missing, file)).rejects.toMatchObject({ code: 'BACKUP_SOURCE_INVALID' });
    expect(existsSync(missing)).toBe(false);
    expect(existsSync(file)).toBe(false);
    expect(existsSync(`${file}.partial`)).toBe(false);
  });
});

function rowsOf(report: BackupReport, table: string): number | undefined {
  return report.tables.find((t) => t.table === table)?.rows;
}
