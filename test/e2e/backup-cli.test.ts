import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { cairn } from '../helpers/cli.js';

const dir = mkdtempSync(join(tmpdir(), 'cairn-backup-cli-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('cairn backup and restore', () => {
  it('backs the demo up, restores it into a new file, and both report the same rows and a verified chain', async () => {
    const db = join(dir, 'demo.db');
    expect((await cairn(['--db', db, 'demo'])).code).toBe(0);

    const backup = await cairn(['--db', db, '-o', 'json', 'backup', join(dir, 'demo.cairn')]);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const taken = JSON.parse(backup.stdout) as { ok: boolean; head: number; tables: { table: string; rows: number }[] };
    expect(taken.ok).toBe(true);
    expect(taken.tables.find((t) => t.table === 'revisions')?.rows).toBe(taken.head);

    const restored = await cairn(['--db', join(dir, 'restored.db'), '-o', 'json', 'restore', join(dir, 'demo.cairn')]);
    expect(restored.code).toBe(0);
    const back = JSON.parse(restored.stdout) as typeof taken;
    expect(back).toMatchObject({ ok: true, head: taken.head, tables: taken.tables });

    const verify = await cairn(['--db', join(dir, 'restored.db'), 'audit', 'verify']);
    expect(verify.code).toBe(0);

    const again = await cairn(['--db', db, 'backup', join(dir, 'demo.cairn')]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/demo\.cairn already exists: a backup never overwrites a file/);
  });

  it('works on a database only, and says so through a server', async () => {
    const r = await cairn(['--server', 'http://127.0.0.1:9', 'backup', join(dir, 'x.cairn')]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/backup/);
    expect(r.stderr).toMatch(/--db/);
  });
});
