import { afterAll, describe, expect, it } from 'vitest';
import { checkAnchors } from '../../src/app/audit-anchors.js';
import { generateAnchorKey, publicKeyOf, signCheckpoint } from '../../src/core/audit/anchor.js';
import { AuditService } from '../../src/core/audit/audit.service.js';
import { computeRevisionHash } from '../../src/core/revision/revision-hash.js';
import type { KyselyCmdbStore } from '../../src/store/connect.js';
import { engines } from '../helpers/engines.js';
import { changeWorld } from './change.harness.js';

const key = generateAnchorKey();

// Issue 12, finding 6: what cannot be seen from inside the database — the newest revision removed
// cleanly, or the chain rewritten consistently — is caught by a checkpoint kept outside it.
for (const harness of engines()) {
  describe(`anchors outside the database on ${harness.engine}`, () => {
    afterAll(() => harness.cleanup());

    async function anchored() {
      const store = await harness.newStore();
      const w = await changeWorld(store);
      const head = (await store.head())!;
      const line = JSON.stringify(
        signCheckpoint({ rev: head.rev, hash: head.hash, at: '2026-11-20T10:00:00.000Z' }, key.privateKey),
      );
      const audit = new AuditService({ cmdb: store, changes: w.changeStore });
      const check = async (text = `${line}\n`, trusted = publicKeyOf(key.publicKey)) =>
        checkAnchors(
          text,
          'anchors.jsonl',
          (await store.head())?.rev ?? 0,
          async (rev) => (await store.getRevision(rev))?.hash,
          trusted,
        );
      return { store, audit, head, line, check };
    }

    it('holds on an untouched database', async () => {
      const { check, head } = await anchored();
      expect(await check()).toEqual({
        ok: true,
        file: 'anchors.jsonl',
        checkpoints: 1,
        newest: head.rev,
        problems: [],
      });
    });

    it('catches the newest revision removed cleanly, which the chain alone cannot see', async () => {
      const { store, audit, head, check } = await anchored();
      await removeNewestRevision(store, head.rev);
      expect((await audit.verify()).ok).toBe(true);
      expect(await check()).toMatchObject({
        ok: false,
        problems: [
          {
            record: `anchors.jsonl, line 1 (revision ${head.rev})`,
            reason: expect.stringMatching(
              new RegExp(`anchored revision ${head.rev} .* is gone: the newest revision is now ${head.rev - 1}`),
            ),
          },
        ],
      });
    });

    it('catches the head revision rewritten with a consistent hash', async () => {
      const { store, audit, head, check } = await anchored();
      const { hash: _old, ...header } = head;
      const forged = { ...header, author: 'mallory' };
      const hash = computeRevisionHash(forged, await store.revisionWrites(head.rev), true);
      await store.kysely
        .updateTable('revisions')
        .set({ author: 'mallory', hash })
        .where('rev', '=', head.rev)
        .execute();
      expect((await audit.verify()).ok).toBe(true);
      expect((await check()).problems).toEqual([
        {
          record: `anchors.jsonl, line 1 (revision ${head.rev})`,
          reason: expect.stringMatching(/was rewritten: its hash is/),
        },
      ]);
    });

    it('refuses an edited checkpoint, one signed by another key, and a line that is not one', async () => {
      const { line, check } = await anchored();
      const edited = line.replace(/"hash":"[0-9a-f]{4}/, '"hash":"0000');
      const other = generateAnchorKey();
      const result = await check(`${edited}\nnot json\n${line}\n`);
      expect(result.problems).toEqual([
        { record: 'anchors.jsonl, line 2', reason: 'it is not a Cairn checkpoint (edited or truncated?)' },
        {
          record: expect.stringMatching(/^anchors.jsonl, line 1/),
          reason: 'its signature does not verify (the line was edited)',
        },
      ]);
      expect((await check(`${line}\n`, publicKeyOf(other.privateKey))).problems).toEqual([
        {
          record: expect.stringMatching(/line 1/),
          reason: 'it was signed with another key than the one given (--key)',
        },
      ]);
    });
  });
}

/** Deletes the newest revision and every trace of it in the version tables, as a careful intruder would. */
async function removeNewestRevision(store: KyselyCmdbStore, rev: number): Promise<void> {
  const db = store.kysely;
  for (const table of ['ci_versions', 'relation_versions', 'model_versions'] as const) {
    await db.deleteFrom(table).where('rev_from', '=', rev).execute();
    await db.updateTable(table).set({ rev_to: null }).where('rev_to', '=', rev).execute();
  }
  await db.deleteFrom('revisions').where('rev', '=', rev).execute();
}
